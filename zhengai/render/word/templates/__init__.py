"""The default Word templates, one module per report kind (named as the kind's module in
:mod:`zhengai.reports`), each with ``TEMPLATES``: template id → the function that writes it."""
