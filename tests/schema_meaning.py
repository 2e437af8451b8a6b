"""Comparing JSON Schemas by what they validate, not by one pydantic version's spelling."""

from __future__ import annotations

from typing import Any


def meaning(node: Any) -> Any:
    """A JSON Schema without the spellings pydantic versions vary in (same validation).

    pydantic before 2.10 writes ``"enum": [x]`` beside ``"const": x`` and omits the
    default ``"additionalProperties": true``; both mean the same to a validator.
    """
    if isinstance(node, list):
        return [meaning(v) for v in node]
    if not isinstance(node, dict):
        return node
    out = {k: meaning(v) for k, v in node.items()}
    if "const" in out and out.get("enum") == [out["const"]]:
        del out["enum"]
    if out.get("additionalProperties") is True:
        del out["additionalProperties"]
    return out
