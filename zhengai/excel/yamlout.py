"""Writing imported data as plan-repository YAML.

A document is built in three parts: the file-level fields before the item list, the
items (dumped in batches as they come, so a 100,000-row sheet is never held as Python
objects), and the fields after the list (``notes``).  Every item is validated with its
pydantic model before it is dumped, and the file-level fields with the file model, so
the output always loads with ``zhengai check``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from zhengai.excel.errors import ExcelError
from zhengai.models import KIND_MODELS

try:
    _Dumper: type[yaml.SafeDumper] = yaml.CSafeDumper  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - PyYAML without libyaml
    _Dumper = yaml.SafeDumper

SCHEMA_BASE = "https://zhengai.invalid/schemas"
_BATCH = 500


def schema_line(kind: str) -> str:
    """The first line that lets editors validate the file."""
    try:
        from zhengai.schemagen import SCHEMA_BASE as base
    except ImportError:  # pragma: no cover - schemagen is part of the package
        base = SCHEMA_BASE
    return f"# yaml-language-server: $schema={base}/{kind}.schema.json\n"


def dump(data: Any) -> str:
    """YAML text the strict reader reads back unchanged (text stays text)."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100_000,
                     default_flow_style=False)


def prune(value: Any) -> Any:
    """Drop None, empty strings, empty lists and empty dicts (recursively); ``extra``
    values are kept as they are (whitespace included)."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            v = v if k == "extra" else prune(v)
            if v is None or v == "" or v == [] or v == {}:
                continue
            out[k] = v
        return out
    if isinstance(value, list):
        return [prune(v) for v in value if v is not None and v != ""]
    return value


@dataclass
class OutputDoc:
    """One YAML file being produced by an import."""

    kind: str
    head: dict[str, Any]
    list_key: str | None = None
    item_model: type[BaseModel] | None = None
    tail: dict[str, Any] = field(default_factory=dict)
    sheets: list[str] = field(default_factory=list)
    count: int = 0
    _chunks: list[str] = field(default_factory=list)
    _batch: list[dict[str, Any]] = field(default_factory=list)

    def add(self, item: dict[str, Any], where: str) -> None:
        """Validate and queue one item; ``where`` (``Sheet!A5``) names it in errors."""
        item = prune(item)
        if self.item_model is not None:
            try:
                self.item_model.model_validate(item)
            except ValidationError as exc:
                err = exc.errors()[0]
                loc = ".".join(str(p) for p in err["loc"])
                raise ExcelError(f"{where} 的数据不符合格式（{loc}：{err['msg']}）；请检查该行。") from exc
        self._batch.append(item)
        self.count += 1
        if len(self._batch) >= _BATCH:
            self._flush()

    def merge(self, other: OutputDoc) -> None:
        """Append another document's items and notes (same kind; several sheets into one file)."""
        other._flush()
        self._flush()
        self._chunks.extend(other._chunks)
        self.count += other.count
        self.sheets.extend(other.sheets)
        notes = list(self.tail.get("notes") or []) + list(other.tail.get("notes") or [])
        self.tail["notes"] = notes

    def _flush(self) -> None:
        if self._batch:
            self._chunks.append(dump(self._batch))
            self._batch = []

    def text(self) -> str:
        """The whole YAML file (validates the file-level fields first)."""
        self._flush()
        model = KIND_MODELS[self.kind]
        head = prune(self.head)
        tail = prune(self.tail)
        probe = {**head, **({self.list_key: []} if self.list_key else {}), **tail}
        try:
            model.model_validate(probe)
        except ValidationError as exc:
            err = exc.errors()[0]
            loc = ".".join(str(p) for p in err["loc"])
            raise ExcelError(f"导入结果的 {loc} 不符合格式：{err['msg']}。") from exc
        parts = [schema_line(self.kind), dump(head)]
        if self.list_key:
            if self._chunks:
                parts.append(f"{self.list_key}:\n")
                parts.extend(self._chunks)
            else:
                parts.append(f"{self.list_key}: []\n")
        if tail:
            parts.append(dump(tail))
        return "".join(parts)
