"""The rule registry: every rule code zhengai can report, in one explicit dict."""

from __future__ import annotations

from zhengai.check.rules import (
    annual_tables,
    chain,
    duties,
    loading,
    people,
    period,
    refs,
    schema,
    settings,
    smart,
    units,
)
from zhengai.check.rules.base import Rule

_MODULES = (loading, schema, settings, chain, refs, units, period, smart, people, duties, annual_tables)

RULES: dict[str, Rule] = {rule.code: rule for module in _MODULES for rule in module.RULES}
"""Code → rule, in code order."""

RULES = dict(sorted(RULES.items()))

__all__ = ["RULES", "Rule"]
