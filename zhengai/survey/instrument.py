"""The instrument names the survey stage has always offered, now defined in the load stage.

:mod:`zhengai.load.instruments` holds the loading (the check rules and the teacher
diagnosis below the survey stage need it); this module keeps ``zhengai.survey.instrument``
working for the callers above it (the annual report, ``zhengai import --kind responses``).
"""

from __future__ import annotations

from zhengai.load.instruments import (
    SurveyError,
    instruments_dir,
    load_instrument,
    resolve_instrument,
    shipped_instruments,
)

__all__ = ["SurveyError", "instruments_dir", "load_instrument", "resolve_instrument", "shipped_instruments"]
