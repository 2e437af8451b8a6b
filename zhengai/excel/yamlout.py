"""Writing imported data as plan-repository YAML.

A document is built in three parts: the file-level fields before the item list, the
items (dumped in batches as they come, so a 100,000-row sheet is never held as Python
objects), and the fields after the list (``notes``).  Every item is validated with its
pydantic model before it is dumped, and the file-level fields with the file model, so
the output always loads with ``zhengai check``.
"""

from __future__ import annotations

import tempfile
import weakref
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from zhengai.excel.errors import ExcelError
from zhengai.fsutil import atomic_open
from zhengai.models import KIND_MODELS

try:
    _Base: type[yaml.SafeDumper] = yaml.CSafeDumper  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - PyYAML without libyaml
    _Base = yaml.SafeDumper

_STR, _MAP, _SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"


class _Dumper(_Base):  # type: ignore[misc, valid-type]
    """``safe_dump`` with a shorter path for the plain data imports produce.

    PyYAML's representer tracks aliases and looks up a representer per object; the data
    here (dicts, lists, str, numbers, None) has no shared objects, so strings, dicts and
    lists become nodes directly.  The emitted text is the same as ``yaml.safe_dump``'s
    (a test compares them); anything else goes through the normal representer.
    """

    def represent_data(self, data: Any) -> Any:
        kind = type(data)
        if kind is str:
            return yaml.ScalarNode(_STR, data)
        if kind is dict:
            return yaml.MappingNode(
                _MAP,
                [(self.represent_data(k), self.represent_data(v)) for k, v in data.items()],
                flow_style=False,
            )
        if kind is list:
            return yaml.SequenceNode(_SEQ, [self.represent_data(v) for v in data], flow_style=False)
        return super().represent_data(data)


_BATCH = 500
SPOOL_BYTES = 8 * 1024 * 1024


def schema_line(kind: str, target: Path | None = None) -> str:
    """The first line that lets editors validate the file written at ``target``: the
    repository's own schema by a relative path, else the schema installed with zhengai
    (see :func:`zhengai.resources.schema_reference`)."""
    from zhengai.resources import schema_file, schema_reference

    ref = schema_reference(kind, target) if target is not None else schema_file(kind).resolve().as_uri()
    return f"# yaml-language-server: $schema={ref}\n"


def dump(data: Any) -> str:
    """YAML text the strict reader reads back unchanged (text stays text)."""
    return yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=100_000,
        default_flow_style=False,
    )


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
    """One YAML file being produced by an import.

    Items are validated one by one and dumped in batches into a spool (memory up to
    ``SPOOL_BYTES``, then a temporary file), so a big sheet never sits in memory as
    Python objects nor as one big string; :meth:`write` streams the file out.
    """

    kind: str
    head: dict[str, Any]
    list_key: str | None = None
    item_model: type[BaseModel] | None = None
    tail: dict[str, Any] = field(default_factory=dict)
    sheets: list[str] = field(default_factory=list)
    count: int = 0
    _spool: Any = None
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
                raise ExcelError(
                    f"{where} 的数据不符合格式（{loc}：{err['msg']}）；请检查该行。"
                ) from exc
        self._batch.append(item)
        self.count += 1
        if len(self._batch) >= _BATCH:
            self._flush()

    def merge(self, other: OutputDoc) -> None:
        """Append another document's items and notes (same kind; several sheets into one file)."""
        self._flush()
        for chunk in other._items():
            self._spooled().write(chunk)
        self.count += other.count
        self.sheets.extend(other.sheets)
        notes = list(self.tail.get("notes") or []) + list(other.tail.get("notes") or [])
        self.tail["notes"] = notes
        other.close()

    def _spooled(self) -> Any:
        if self._spool is None:
            spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES, mode="w+", encoding="utf-8")
            self._spool = spool
            weakref.finalize(self, spool.close)  # closed with the document at the latest
        return self._spool

    def _flush(self) -> None:
        if self._batch:
            self._spooled().write(dump(self._batch))
            self._batch = []

    def _items(self) -> Iterator[str]:
        """The dumped items, in pieces."""
        self._flush()
        if self._spool is None:
            return
        self._spool.seek(0)
        while piece := self._spool.read(1 << 20):
            yield piece
        self._spool.seek(0, 2)

    def close(self) -> None:
        """Drop the spool."""
        if self._spool is not None:
            self._spool.close()
            self._spool = None

    def chunks(self, target: Path | None = None) -> Iterator[str]:
        """The YAML file in pieces (the file-level fields are validated first); ``target``
        is where it will be written (its schema line points from there)."""
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
        yield schema_line(self.kind, target)
        yield dump(head)
        if self.list_key:
            if self.count:
                yield f"{self.list_key}:\n"
                yield from self._items()
            else:
                yield f"{self.list_key}: []\n"
        if tail:
            yield dump(tail)

    def text(self) -> str:
        """The whole YAML file as one string (small documents, tests)."""
        return "".join(self.chunks())

    def write(self, path: Path, *, force: bool = False) -> None:
        """Write atomically (temporary file + rename); never over a file without ``force``."""
        with atomic_open(path, force=force, text=True) as handle:
            for chunk in self.chunks(path):
                handle.write(chunk)
