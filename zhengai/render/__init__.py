"""Bytes out: sandboxed Markdown templates, Word, charts, the check output formats, the batch.

Nothing is imported here, so that ``zhengai check`` importing the check reporters loads neither Jinja nor matplotlib.
"""
