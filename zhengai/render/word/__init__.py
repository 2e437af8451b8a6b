"""Word (.docx) reports: GB/T 9704 styles, the default templates, rendering and template checks.

- :mod:`zhengai.render.word.styles` — page, margins and paragraph styles of GB/T 9704-2012, and a conformance check;
- :mod:`zhengai.render.word.writer` — the python-docx writer the default templates are made with;
- :mod:`zhengai.render.word.templates` — the default template of each report kind;
- :mod:`zhengai.render.word.build` — writes the default templates (``scripts/build_templates.py``);
- :mod:`zhengai.render.word.render` — renders a report context through a docxtpl template, sandboxed;
- :mod:`zhengai.render.word.check` — ``zhengai template check``: variables, split tags, layout;
  (the variables of each kind are described in :mod:`zhengai.reports.fields` and the kinds' modules).

Nothing here is imported by ``zhengai --version`` or ``zhengai check``: python-docx and
docxtpl load only when a Word report is made.
"""
