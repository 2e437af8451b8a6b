"""The annual batch: every report of every unit, in parallel, skipping what did not change.

:func:`run_batch` plans one *unit* per report (a department's diagnosis, the college's
or a level's annual report, the review, the mid-term check), runs the units in worker
processes that each load the repository once, and writes every output atomically
under Windows-safe names.  A unit whose report data, template and options hash to
what the manifest in the output folder recorded — and whose files are still the
ones written — is skipped.  A failing unit is reported with its Chinese message and
does not stop the others.  The library never prints: progress goes to a callback.

A file at a report's path that is not byte for byte what the manifest says zhengai
wrote there — a report a person edited, or the user's own file — is never overwritten
without ``force``: the new version goes beside it as ``<name>.新.<ext>`` and the unit's
``kept`` names both.  Temporary files are journalled (:data:`TEMP_JOURNAL`), so the
clean-up after a killed run removes only what zhengai created.

Layout of the output folder::

    DIR/index.md                                  every report with its band
    DIR/.zhengai-report.json                      the manifest (input and output hashes)
    DIR/自我诊改报告/党政办公室-2026年度自我诊改报告.docx
    DIR/质量年度报告/江城职业技术学院2026年质量年度报告.docx
    DIR/质量年度报告/江城职业技术学院2026年专业质量年度报告.docx
    DIR/校内复核报告/…  DIR/中期检查报告/…
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import json
import os
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from zhengai import __version__
from zhengai.check.gate import CheckErrors, Gate, gate
from zhengai.errors import ZhengaiError
from zhengai.fsutil import (
    MAX_NAME_BYTES,
    OutputError,
    atomic_write_bytes,
    remove_journalled,
    safe_name,
)
from zhengai.load.discover import CONFIG_NAME, discover
from zhengai.load.repository import RepositoryError, load_config
from zhengai.render.report import FORMATS, output_name, template_names
from zhengai.reports.registry import DEFAULT_KINDS, KINDS, kind

MANIFEST = ".zhengai-report.json"
TEMP_JOURNAL = ".zhengai-report.tmp-journal"
BESIDE = "新"
"""``name.docx`` kept because a person changed it → the new version is ``name.新.docx``."""
INDEX = "index.md"
MANIFEST_VERSION = 1
FOLDERS = {k.id: k.output_folder for k in KINDS.values()}
"""Report kind → its folder under ``--out`` (from the registry)."""


# ------------------------------------------------------------------ safe names
def unique_names(stems: Iterable[tuple[str, str, str]]) -> dict[str, str]:
    """Key → safe stem, made unique case-insensitively per folder (Windows folds case).

    ``stems`` gives ``(key, folder, wanted stem)``; a clash gets ``-2``, ``-3`` … appended.
    """
    taken: set[str] = set()
    out: dict[str, str] = {}
    for key, folder, wanted in stems:
        stem = safe_name(wanted)
        candidate, n = stem, 1
        while f"{folder}/{candidate}".casefold() in taken:
            n += 1
            candidate = safe_name(f"{wanted}-{n}")
        taken.add(f"{folder}/{candidate}".casefold())
        out[key] = candidate
    return out


# ------------------------------------------------------------------ options, jobs
@dataclass(frozen=True)
class BatchOptions:
    """What ``zhengai report annual`` was asked to do."""

    root: Path
    year: int
    out: Path
    kinds: tuple[str, ...] = DEFAULT_KINDS
    formats: tuple[str, ...] = FORMATS  # the official docx and md, and the working edition (<stem>.底稿.md)
    jobs: int = 0  # 0 = os.cpu_count()
    force: bool = False
    as_of: dt.date | None = None
    font: str | None = None
    template_dir: Path | None = None
    chart_images: bool = False
    """The Word charts as PNG pictures (drawn with a CJK font) instead of native charts."""
    allow_errors: bool = False
    """With check errors, build the reports without the files in error instead of stopping."""

    @property
    def day(self) -> dt.date:
        """The as-of date: given, else 31 December of the year (today while the year runs)."""
        if self.as_of is not None:
            return self.as_of
        return min(dt.date.today(), dt.date(self.year, 12, 31))


@dataclass(frozen=True)
class UnitJob:
    """One report to make, as picklable plain data for a worker process."""

    key: str
    kind: str
    unit: str
    label: str
    root: str
    year: int
    as_of: str
    out: str
    stem: str
    formats: tuple[str, ...]
    templates: tuple[tuple[str, str], ...]  # format → template path ("" = bundled default)
    font: str | None
    options_hash: str
    previous: dict[str, Any] | None
    repo_hash: str = ""
    order: int = 0  # position in the plan: departments in zhengai.yaml order (for the index)
    force: bool = False
    written: tuple[tuple[str, str], ...] = ()  # rel → sha256 of every file zhengai wrote under this stem
    chart_images: bool = False
    exclude: tuple[str, ...] = ()  # files with check errors the repository is loaded without (--allow-errors)


@dataclass
class UnitResult:
    """What happened to one unit."""

    key: str
    kind: str
    unit: str
    label: str
    status: str  # "written", "skipped" or "failed"
    title: str = ""
    outputs: dict[str, str] = field(default_factory=dict)  # relative path → sha256
    band: dict[str, Any] = field(default_factory=dict)
    inputs: str = ""
    error: str = ""
    seconds: float = 0.0
    kept: dict[str, str] = field(default_factory=dict)  # a person's file left alone → where the new version went
    facts: dict[str, Any] = field(default_factory=dict)  # a department's completion and warnings, for the index


@dataclass
class BatchResult:
    """All units, the index written and the counts."""

    results: list[UnitResult]
    index: Path
    seconds: float
    kept: dict[str, str] = field(default_factory=dict)  # every kept file (relative to --out) → new version
    gate: Gate = field(default_factory=Gate)  # the opening check: errors found, files left out
    notes: list[str] = field(default_factory=list)  # what the summary and the index must say (a June report made in December)

    @property
    def excluded(self) -> tuple[str, ...]:
        """The files with check errors every report was built without."""
        return self.gate.excluded

    def count(self, status: str) -> int:
        """Units with this status."""
        return sum(1 for r in self.results if r.status == status)

    @property
    def failed(self) -> list[UnitResult]:
        """The units that failed, in plan order."""
        return [r for r in self.results if r.status == "failed"]


Progress = Callable[[UnitResult, int, int], None]


# ------------------------------------------------------------------ planning
def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_sha(path: Path) -> str | None:
    try:
        return _sha(path.read_bytes())
    except OSError:
        return None


def repository_hash(root: Path) -> str:
    """One hash over every YAML file of the repository (names and contents)."""
    digest = hashlib.sha256()
    for path in sorted({*discover(root), root / CONFIG_NAME}):
        digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def _templates(opts: BatchOptions, template_kind: str) -> tuple[tuple[str, str], ...]:
    """Format → the college's template in ``--template-dir`` when it has one, else ""."""
    names = template_names(template_kind)
    chosen = []
    for fmt in opts.formats:
        own = opts.template_dir / names[fmt] if opts.template_dir else None
        chosen.append((fmt, str(own) if own is not None and own.is_file() else ""))
    return tuple(chosen)


def _options_hash(opts: BatchOptions, template_kind: str, templates: Iterable[tuple[str, str]],
                  exclude: tuple[str, ...] = ()) -> str:
    """Hash of the options, the files left out and the template files a unit is rendered with."""
    from zhengai.resources import templates_dir

    parts: list[str] = [__version__, str(opts.year), opts.day.isoformat(), ",".join(opts.formats),
                        "exclude:" + ",".join(exclude)]
    for fmt, path in templates:
        # The bundled templates count too: in a checkout they change between releases.
        used = Path(path) if path else templates_dir() / template_names(template_kind)[fmt]
        parts.append(f"{fmt}:{path}:{_file_sha(used)}")
    if opts.chart_images:  # the font only matters to pictures; native charts are drawn by Word
        parts.append("charts:images")
        if opts.font:
            parts.append(f"font:{opts.font}:{_file_sha(Path(opts.font))}")
    return _sha("\n".join(parts).encode("utf-8"))


def plan(opts: BatchOptions, manifest: dict[str, Any], exclude: tuple[str, ...] = ()) -> list[UnitJob]:
    """The units to consider, heaviest first (college reports summarise every department);
    ``exclude`` names the files every unit loads the repository without."""
    kinds = [kind(name) for name in opts.kinds]  # an unknown kind fails before any work
    config, _ = load_config(opts.root)
    year = opts.year
    wanted = [(k.id, u.id, u.label, u.stem) for k in kinds
              for u in k.units(config, year, opts.day)]  # kind, unit, label, stem
    stems = unique_names((f"{k}/{u}", FOLDERS[k], s) for k, u, _, s in wanted)
    entries = manifest.get("units", {})
    written = _written(manifest)
    jobs = []
    for order, (kind_id, unit, label, _) in enumerate(wanted):
        template_kind = KINDS[kind_id].template_for(unit).id
        templates = _templates(opts, template_kind)
        key = f"{year}/{kind_id}/{unit}"
        if KINDS[kind_id].dated:  # a monthly report of each month is its own unit
            key += f"/{opts.day:%Y-%m}"
        stem = f"{FOLDERS[kind_id]}/{stems[f'{kind_id}/{unit}']}"
        jobs.append(UnitJob(
            key=key, kind=kind_id, unit=unit, label=label, root=str(opts.root), year=year,
            as_of=opts.day.isoformat(), out=str(opts.out), stem=stem,
            formats=opts.formats, templates=templates, font=opts.font,
            options_hash=_options_hash(opts, template_kind, templates, exclude),
            previous=None if opts.force else entries.get(key), order=order, force=opts.force, exclude=exclude,
            chart_images=opts.chart_images,
            written=tuple((rel, sha) for rel, sha in written.items() if rel.startswith(f"{stem}.")),
        ))
    jobs.sort(key=lambda j: j.kind == "diagnosis")  # stable: college-wide units first
    return jobs


def _written(manifest: dict[str, Any]) -> dict[str, str]:
    """Every file the manifest says zhengai wrote (relative path → sha256), over all units."""
    out: dict[str, str] = {}
    for entry in manifest.get("units", {}).values():
        outputs = entry.get("outputs") if isinstance(entry, dict) else None
        if isinstance(outputs, dict):
            out.update({rel: sha for rel, sha in outputs.items() if isinstance(rel, str) and isinstance(sha, str)})
    return out


# ------------------------------------------------------------------ the worker
_WORKSPACES: dict[tuple[str, str, int, str, tuple[str, ...]], Any] = {}


def _workspace(root: str, as_of: str, year: int, repo_hash: str, exclude: tuple[str, ...] = ()) -> Any:
    """The process's workspace for this repository state and date (loaded once per process).

    The repository hash is part of the key: with ``--jobs 1`` the batch runs in the
    calling process, which may run it again after the files changed.  ``exclude`` (the
    files with check errors) is left out at loading, so every report sees the same data.
    """
    from zhengai.load.repository import load_repository
    from zhengai.reports.workspace import Workspace

    key = (root, as_of, year, repo_hash, exclude)
    if key not in _WORKSPACES:
        _WORKSPACES.clear()
        repo = load_repository([Path(root)], exclude=exclude)
        _WORKSPACES[key] = Workspace(repo, dt.date.fromisoformat(as_of), year)
    return _WORKSPACES[key]


def _outputs_intact(out: Path, outputs: dict[str, str]) -> bool:
    return bool(outputs) and all(_file_sha(out / rel) == sha for rel, sha in outputs.items())


def _unchanged(out: Path, entry: dict[str, Any]) -> bool:
    """The files of a manifest entry are as written, and the people's files kept beside them are still there."""
    kept = entry.get("kept") or {}
    return _outputs_intact(out, entry.get("outputs", {})) and all((out / rel).exists() for rel in kept)


def _write(path: Path, data: bytes, out: Path) -> None:
    atomic_write_bytes(path, data, journal=out / TEMP_JOURNAL)


def _ours(path: Path, written: dict[str, str], rel: str) -> bool:
    """True when ``path`` is absent or holds exactly what zhengai last wrote there."""
    if not path.exists():
        return True
    return rel in written and _file_sha(path) == written[rel]


def place(out: Path, rel: str, blob: bytes, written: dict[str, str], *, force: bool) -> str:
    """Write ``blob`` at ``out/rel`` and return the path used (relative to ``out``).

    A file there that zhengai did not write, or that changed since (``written`` has what
    zhengai wrote), is a person's work: without ``force`` it stays, and ``blob`` goes to
    the first free ``<name>.新.<ext>`` (``.新-2`` … when that too is a person's file).
    """
    target = rel
    if not force:
        stem, dot, ext = rel.rpartition(".")
        n = 1
        while not _ours(out / target, written, target):
            n += 1
            target = f"{stem}.{BESIDE}{'' if n == 2 else f'-{n - 1}'}.{ext}" if dot else f"{rel}.{BESIDE}-{n}"
            if n > 100:
                raise OutputError(f"{out / rel} 及其旁边的 .{BESIDE} 文件都已被人改动，未写入；请整理后重试或加 --force。")
    _write(out / target, blob, out)
    return target


def _render(job: UnitJob, data: Any) -> dict[str, bytes]:
    from zhengai.render.report import render_report

    own = {fmt: Path(path) if path else None for fmt, path in job.templates}
    return render_report(data, job.formats, own, job.font, job.chart_images)


def run_unit(job: UnitJob) -> UnitResult:
    """Make one report (in a worker process, or in this one with ``--jobs 1``).

    Never raises for expected problems: they come back as a failed result with the
    Chinese message, so one bad unit does not stop the batch.
    """
    from zhengai.reports.registry import build

    start = time.perf_counter()
    result = UnitResult(job.key, job.kind, job.unit, job.label, "failed")
    try:
        ws = _workspace(job.root, job.as_of, job.year, job.repo_hash, job.exclude)
        data = build(ws, job.kind, job.unit)
        result.title, result.band = data.title, data.band
        result.facts = _facts(ws, job)
        result.inputs = _sha(f"{data.fingerprint()}\n{job.options_hash}".encode())
        out = Path(job.out)
        prev = job.previous or {}
        if prev.get("inputs") == result.inputs and prev.get("ok") and _unchanged(out, prev):
            result.status, result.outputs, result.kept = "skipped", dict(prev["outputs"]), dict(prev.get("kept", {}))
        else:
            written = dict(job.written)
            for fmt, blob in _render(job, data).items():
                rel = output_name(job.stem, fmt)
                used = place(out, rel, blob, written, force=job.force)
                result.outputs[used] = _sha(blob)
                if used != rel:
                    result.kept[rel] = used
            result.status = "written"
    except ZhengaiError as exc:  # bad input of this unit (repository, template, chart, output…)
        result.error = str(exc)
    except MemoryError:
        result.error = "内存不足：请减少 --jobs 后重试。"
    except Exception as exc:  # a bug in zhengai for this unit: report it, keep the batch going
        result.error = f"内部错误：{type(exc).__name__}: {exc}（请设置 ZHENGAI_DEBUG=1 后用 --jobs 1 重试并报告此问题）"
        if os.environ.get("ZHENGAI_DEBUG"):
            raise
    # matplotlib figures are cyclic garbage that hold their pixel buffers (a few MB each); the
    # automatic collector rarely runs on them, so without this a worker grows ~2.5 MB a report.
    gc.collect(1)
    result.seconds = time.perf_counter() - start
    return result


def _facts(ws: Any, job: UnitJob) -> dict[str, Any]:
    """A department's completion rate and warning counts for the index, from the same
    computation the college reports use (:func:`zhengai.reports.common.dept_summary`)."""
    if job.kind != "diagnosis":
        return {}
    from zhengai.reports.common import dept_summary

    dept = ws.repo.department(job.unit)
    if dept is None:
        return {}
    row = dept_summary(ws, dept)
    return {"completion": row["completion"]["rate_text"], "red": row["red"], "yellow": row["yellow"]}


# ------------------------------------------------------------------ manifest
def read_manifest(out: Path) -> dict[str, Any]:
    """The manifest of a previous run, or an empty one when absent or unreadable."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"version": MANIFEST_VERSION, "units": {}}
    if not isinstance(data, dict) or data.get("version") != MANIFEST_VERSION or not isinstance(data.get("units"), dict):
        return {"version": MANIFEST_VERSION, "units": {}}
    return data


def _record(manifest: dict[str, Any], result: UnitResult, job: UnitJob) -> None:
    units = manifest.setdefault("units", {})
    if result.status == "failed":
        entry = dict(units.get(result.key, {}))
        entry.update(ok=False, error=result.error, inputs="")
    else:
        entry = {"ok": True, "inputs": result.inputs, "outputs": result.outputs, "error": "", "kept": result.kept,
                 "facts": result.facts or (units.get(result.key) or {}).get("facts", {})}
    entry.update(kind=result.kind, unit=result.unit, label=result.label, title=result.title, band=result.band,
                 year=job.year, as_of=job.as_of, order=job.order)
    units[result.key] = entry


def _save_manifest(out: Path, manifest: dict[str, Any]) -> None:
    manifest["version"] = MANIFEST_VERSION
    manifest["tool"] = f"zhengai {__version__}"
    text = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    _write(out / MANIFEST, text.encode("utf-8"), out)


def _clean_temporaries(out: Path) -> None:
    """Remove the temporary files a killed run left behind: only those its journal names
    (never the reports, never a user's own ``.*.tmp`` files)."""
    remove_journalled(out / TEMP_JOURNAL)


# ------------------------------------------------------------------ index
def index_markdown(manifest: dict[str, Any], year: int, institution: str, notes: Iterable[str] = ()) -> str:
    """``index.md``: every report of the year by kind, linked, with its band; a department's
    line also gives its completion rate and warnings (the numbers its reports print).

    ``notes`` (files left out for check errors, a mid-term report made outside its month)
    come first, one line each, so nobody reads the reports without them.
    """
    lines = [f"# {institution}{year}年度诊改报告目录", "",
             "> 由 zhengai report 生成；“档次”为该单位的综合达成度档次（月度工作报表不评档次）。", ""]
    shown = list(notes)
    if shown:
        lines += ["## 生成说明", "", *(f"- {note}" for note in shown), ""]
    units = [u for u in manifest.get("units", {}).values() if u.get("year") == year]
    n = 0
    for kind_id, entry in KINDS.items():
        name = entry.name
        rows = [u for u in units if u.get("kind") == kind_id]
        if not rows:
            continue
        n += 1  # sections numbered over the kinds present, not the registry
        per_dept = kind_id == "diagnosis"
        scored = not entry.dated  # a monthly report states progress, not an attainment band
        extra = " 完成率 | 红色预警 | 黄色预警 |" if per_dept else ""
        heads = "| 单位 | 报告 | 达成度 | 档次 |" if scored else "| 单位 | 报告 |"
        lines += [f"## {_cn(n)}、{name}", "", f"{heads}{extra} 状态 |",
                  "| --- " * ((8 if per_dept else 5) if scored else 3) + "|"]
        for u in sorted(rows, key=lambda r: (r.get("order", 0), r.get("label", ""))):
            links = "、".join(f"[{_link_label(rel)}](<{rel}>)" for rel in sorted(u.get("outputs", {})))
            band = u.get("band") or {}
            facts = u.get("facts") or {}
            state = "正常" if u.get("ok") else f"失败：{u.get('error', '')}".replace("|", "｜")
            cells = (f" {facts.get('completion', '—')} | {facts.get('red', '—')} | {facts.get('yellow', '—')} |"
                     if per_dept else "")
            band_cells = f" {band.get('score_text', '—')} | {band.get('band', '—')} |" if scored else ""
            lines.append(f"| {u.get('label', '')} | {u.get('title') or '—'} {links} |{band_cells}{cells} {state} |")
        lines.append("")
    return "\n".join(lines)


def excluded_note(checked: Gate) -> str | None:
    """One line naming the files with check errors that every report was built without."""
    if not checked.excluded:
        return None
    files = "；".join(f"{rel}（错误 {len(checked.errors_in(rel))} 处）" for rel in checked.excluded)
    return (f"数据检查发现错误，以下 {len(checked.excluded)} 个文件未纳入本批全部报告：{files}。"
            "修正后重新运行即可纳入（错误明细见 zhengai check）。")


def batch_notes(opts: BatchOptions, checked: Gate) -> list[str]:
    """What the batch summary and the index say besides the reports: the files left out,
    and each kind's own remark for this date (e.g. a mid-term report made outside June)."""
    config, _ = load_config(opts.root)
    notes = [n for n in [excluded_note(checked)] if n]
    for name in opts.kinds:
        note = kind(name).batch_note(config, opts.day)
        if note:
            notes.append(note)
    return notes


def _link_label(rel: str) -> str:
    """``docx``, ``md``, or ``底稿`` for the working edition (``….底稿.md``)."""
    return "底稿" if rel.endswith(".底稿.md") or ".底稿.新" in rel else Path(rel).suffix.lstrip(".")


def _cn(n: int) -> str:
    return "一二三四五六七八九十"[n - 1] if 1 <= n <= 10 else str(n)


# ------------------------------------------------------------------ run
def run_batch(opts: BatchOptions, progress: Progress | None = None) -> BatchResult:
    """Make every report ``opts`` asks for; see the module docstring.

    Raises :class:`RepositoryError` / :class:`OutputError` for problems that stop the
    whole batch (no configuration, an output folder that cannot be written) and
    :class:`CheckErrors` when the repository has check errors that ``allow_errors`` does
    not let it leave out; a unit's own problem is a failed :class:`UnitResult` instead.
    """
    start = time.perf_counter()
    if not (opts.root / CONFIG_NAME).is_file():
        raise RepositoryError(f"{opts.root} 不是诊改仓库：找不到 {CONFIG_NAME}。")
    if opts.out.exists() and not opts.out.is_dir():
        raise OutputError(f"输出路径不是目录：{opts.out}")
    checked = gate(opts.root, allow_errors=opts.allow_errors)
    if not checked.ok:  # broken data never flows into a report silently (and no output folder is made)
        raise CheckErrors(checked, opts.allow_errors)
    notes = batch_notes(opts, checked)
    try:
        opts.out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"无法创建输出目录 {opts.out}：{exc.strerror or exc}") from exc
    _clean_temporaries(opts.out)
    manifest = read_manifest(opts.out)
    repo_hash = repository_hash(opts.root)
    jobs = [replace(job, repo_hash=repo_hash) for job in plan(opts, manifest, checked.excluded)]
    results: dict[str, UnitResult] = {}
    by_key = {j.key: j for j in jobs}
    pending = []
    for job in jobs:
        prev = job.previous or {}
        # Nothing in the repository, the options or the templates changed and the files
        # are the ones written: skip without loading the repository at all.
        if (prev.get("ok") and prev.get("repo") == repo_hash and prev.get("options") == job.options_hash
                and _unchanged(opts.out, prev)):
            results[job.key] = UnitResult(job.key, job.kind, job.unit, job.label, "skipped", prev.get("title", ""),
                                          dict(prev["outputs"]), prev.get("band", {}), prev.get("inputs", ""),
                                          kept=dict(prev.get("kept", {})))
        else:
            pending.append(job)
    done = len(results)
    if progress:
        for r in results.values():
            progress(r, done, len(jobs))
    last_save = time.monotonic()

    def finish(result: UnitResult) -> None:
        nonlocal done, last_save
        results[result.key] = result
        job = by_key[result.key]
        _record(manifest, result, job)
        entry = manifest["units"][result.key]
        entry["repo"] = repo_hash if result.status != "failed" else ""
        entry["options"] = job.options_hash
        done += 1
        if progress:
            progress(result, done, len(jobs))
        if time.monotonic() - last_save > 2:
            _save_manifest(opts.out, manifest)
            last_save = time.monotonic()

    workers = min(opts.jobs or os.cpu_count() or 1, len(pending))
    try:
        if workers <= 1:
            for job in pending:
                finish(run_unit(job))
        else:
            _run_parallel(pending, workers, finish)
    finally:
        for result in results.values():  # skipped units keep their entries current
            if result.status == "skipped":
                _record(manifest, result, by_key[result.key])
                manifest["units"][result.key].update(repo=repo_hash, options=by_key[result.key].options_hash)
        _save_manifest(opts.out, manifest)
    config, _ = load_config(opts.root)
    index, kept = _write_index(opts, manifest, index_markdown(manifest, opts.year, config.institution, notes))
    _clean_temporaries(opts.out)  # every worker is done: whatever the journal lists is renamed or gone
    ordered = [results[j.key] for j in sorted(jobs, key=lambda j: j.order)]
    for r in ordered:
        kept.update(r.kept)
    return BatchResult(ordered, index, time.perf_counter() - start, kept, checked, notes)


def _write_index(opts: BatchOptions, manifest: dict[str, Any], text: str) -> tuple[Path, dict[str, str]]:
    """Write ``index.md`` (beside a person's own ``index.md``, like a report); record its hash."""
    blob = text.encode("utf-8")
    previous = manifest.get("index")
    written = {rel: previous[rel] for rel in previous} if isinstance(previous, dict) else {}
    used = place(opts.out, INDEX, blob, written, force=opts.force)
    manifest["index"] = {used: _sha(blob)}
    _save_manifest(opts.out, manifest)
    return opts.out / used, ({INDEX: used} if used != INDEX else {})


def _run_parallel(jobs: list[UnitJob], workers: int, finish: Callable[[UnitResult], None]) -> None:
    """Run ``jobs`` in ``workers`` spawned processes; a dead worker fails its units, not the batch."""
    import multiprocessing

    # spawn, not fork: the parent may run a progress-bar thread, and forking a threaded
    # process can deadlock; spawn is also what Windows and macOS do anyway.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures: dict[Future[UnitResult], UnitJob] = {pool.submit(run_unit, job): job for job in jobs}
        try:
            for future in as_completed(futures):
                job = futures[future]
                try:
                    finish(future.result())
                except BrokenProcessPool:
                    finish(UnitResult(job.key, job.kind, job.unit, job.label, "failed",
                                      error="工作进程异常退出（可能内存不足）：请减少 --jobs 后重试。"))
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


__all__ = ["DEFAULT_KINDS", "FOLDERS", "FORMATS", "MAX_NAME_BYTES", "BatchOptions", "BatchResult", "CheckErrors",
           "UnitJob", "UnitResult", "batch_notes", "excluded_note", "index_markdown", "place", "plan", "read_manifest", "repository_hash", "run_batch", "run_unit", "safe_name",
           "unique_names"]
