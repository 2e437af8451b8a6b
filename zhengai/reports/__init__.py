"""Reports as plain data: one module per report kind, listed in :mod:`zhengai.reports.registry`.

Shared pieces: :mod:`~zhengai.reports.workspace` (what all reports of a date share, and
:class:`~zhengai.reports.workspace.ReportData`), :mod:`~zhengai.reports.text` (formatting),
:mod:`~zhengai.reports.charts` (chart specifications), :mod:`~zhengai.reports.common`
(sections several kinds use) and :mod:`~zhengai.reports.fields` (template variables).
"""
