"""ZG304–ZG311, ZG314: references between files — owners, QC points, data sources,
levels and systems, observations, one-page plans, conformity words."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from zhengai.check.rules.base import Rule
from zhengai.findings import Finding, Severity
from zhengai.load.instruments import shipped_instruments
from zhengai.load.repository import Repository, SourceFile, subject_of
from zhengai.models.oppm import Oppm
from zhengai.models.plans import Plan
from zhengai.models.records import Improvements, Observations
from zhengai.models.standards import Standard
from zhengai.models.tasks import TaskFile

_CODE = re.compile(r"^\d+(\.\d+)*$")


def _f(repo: Repository, code: str, message: str, **where: Any) -> Finding:
    """A finding graded by its rule (severity, hint and SMART letter are the rule's)."""
    return BY_CODE[code].finding(repo, message, **where)


def _owner_fields(repo: Repository) -> Iterator[tuple[SourceFile, str, list[str], str]]:
    """Every department-owner list in the repository with its pointer and subject."""
    for source in repo.files:
        model = source.model
        if isinstance(model, (Plan, TaskFile, Observations, Improvements, Standard)):
            yield source, "/owner", model.owner, ""
        if isinstance(model, Plan):
            for i, t in enumerate(model.targets):
                yield source, f"/targets/{i}/owner", t.owner, subject_of(t)
        elif isinstance(model, TaskFile):
            for i, task in enumerate(model.tasks):
                yield source, f"/tasks/{i}/owner", task.owner, subject_of(task)
                for j, level in enumerate(task.levels):
                    yield source, f"/tasks/{i}/levels/{j}/owner", level.owner, subject_of(task)
        elif isinstance(model, Standard):
            for d, dim in enumerate(model.dimensions):
                for s, std in enumerate(dim.standards):
                    for q, point in enumerate(std.qc_points):
                        ptr = f"/dimensions/{d}/standards/{s}/qc_points/{q}/owner"
                        yield source, ptr, point.owner, subject_of(point)
        elif isinstance(model, Oppm):
            yield source, "/unit", [model.unit], subject_of(model)


def check_owners(repo: Repository) -> Iterator[Finding]:
    """ZG304: every owner is a declared department, alias, group or generic word."""
    if repo.config is None:
        return
    for source, pointer, owners, subject in _owner_fields(repo):
        for i, owner in enumerate(owners):
            if not repo.owner_known(owner):
                ptr = pointer if pointer.endswith("/unit") else f"{pointer}/{i}"
                if not source.doc.positions.get(ptr):
                    ptr = pointer
                yield _f(repo, "ZG304", f"部门“{owner}”不在 zhengai.yaml 的部门清单中。", file=source,
                         pointer=ptr, subject=subject)


def check_qc_refs(repo: Repository) -> Iterator[Finding]:
    """ZG305: QC points named by targets, tasks and indicators exist."""
    def refs() -> Iterator[tuple[SourceFile, str, str, str]]:
        for group in (repo.targets, repo.tasks):
            for located in group.values():
                for i, ref in enumerate(located.item.qc_points):
                    yield located.file, f"{located.pointer}/qc_points/{i}", ref, subject_of(located.item)
        for ident, ind in repo.indicators.items():
            if ind.item.qc_point:
                yield ind.file, f"{ind.pointer}/qc_point", ind.item.qc_point, ident
    for source, pointer, ref, subject in refs():
        if ref not in repo.qc_points:
            yield _f(repo, "ZG305", f"质控点“{ref}”不存在。", file=source, pointer=pointer, subject=subject)


def check_sources(repo: Repository) -> Iterator[Finding]:
    """ZG306: data-source codes are well formed and, when a catalogue is set, listed."""
    catalogue = repo.config.platform if repo.config else {}
    items = [(q.file, f"{q.pointer}/source", q.item.source, q.item.id) for q in repo.qc_points.values()]
    items += [(i.file, f"{i.pointer}/source", i.item.source, k) for k, i in repo.indicators.items()]
    for source, pointer, code, subject in items:
        if not code:
            continue
        if not _CODE.match(code):
            message = f"数据来源编号“{code}”格式不对。"
        elif catalogue and code not in catalogue and code.split(".")[0] not in catalogue:
            message = f"数据来源编号“{code}”不在 zhengai.yaml 的 platform 目录中。"
        else:
            continue
        yield _f(repo, "ZG306", message, file=source, pointer=pointer, subject=subject)


def check_levels(repo: Repository) -> Iterator[Finding]:
    """ZG309: levels of targets and standards, and systems of departments, are configured."""
    if repo.config is None:
        return
    levels = {lv.id for lv in repo.config.levels}
    systems = {s.id for s in repo.config.systems}
    # The names a college may use are this finding's specifics: they go into the message.
    names = "、".join(sorted(levels))
    for target in repo.targets.values():
        if target.item.level not in levels:
            yield _f(repo, "ZG309", f"层面“{target.item.level}”未在 zhengai.yaml 的 levels 中定义（可用：{names}）。",
                     at=target, pointer=f"{target.pointer}/level", subject=subject_of(target.item))
    for std in repo.standards.values():
        if std.item.level not in levels:
            yield _f(repo, "ZG309", f"层面“{std.item.level}”未在 zhengai.yaml 的 levels 中定义（可用：{names}）。",
                     at=std, pointer="/level", subject=subject_of(std.item))
    if repo.config_file is not None:
        known = "、".join(sorted(systems))
        for i, dept in enumerate(repo.config.departments):
            if dept.system not in systems:
                yield _f(repo, "ZG309", f"部门“{dept.name}”的系统“{dept.system}”未在 systems 中定义（可用：{known}）。",
                         file=repo.config_file, pointer=f"/departments/{i}/system",
                         subject=f"{dept.id} {dept.name}")


def check_observation_refs(repo: Repository) -> Iterator[Finding]:
    """ZG310: every observation refers to an existing indicator or QC point of the right kind."""
    for obs in repo.observations:
        ref = obs.item.ref
        point = repo.qc_points.get(ref)
        if point is None and ref not in repo.indicators:
            yield _f(repo, "ZG310", f"观测数据引用的“{ref}”既不是指标也不是质控点。", at=obs,
                     pointer=f"{obs.pointer}/ref", subject=ref)
        elif point is not None and (point.item.kind == "qualitative") != (obs.item.conformity is not None):
            want = "conformity（符合度）" if point.item.kind == "qualitative" else "value（数值）"
            yield _f(repo, "ZG310", f"质控点“{ref}”是{'定性' if point.item.kind == 'qualitative' else '定量'}的，"
                     f"观测应填写 {want}。", at=obs, pointer=obs.pointer, subject=ref)


def check_oppm_refs(repo: Repository) -> Iterator[Finding]:
    """ZG311: one-page plan tasks name existing objectives and key tasks; objectives name targets."""
    for oppm in repo.oppms.values():
        plan = oppm.item
        objective_ids = {o.id for o in plan.objectives}
        for i, obj in enumerate(plan.objectives):
            if obj.target and obj.target not in repo.targets and obj.target not in repo.tasks:
                yield _f(repo, "ZG311", f"项目目标 {obj.id} 对应的“{obj.target}”既不是目标也不是年度任务。",
                         at=oppm, pointer=f"/objectives/{i}/target", subject=subject_of(plan))
        for i, task in enumerate(plan.tasks):
            for j, ref in enumerate(task.objectives):
                if ref not in objective_ids:
                    yield _f(repo, "ZG311", f"主要任务 {task.no} 服务的项目目标“{ref}”不在本表 objectives 中。",
                             at=oppm, pointer=f"/tasks/{i}/objectives/{j}", subject=subject_of(plan))
            if task.task and task.task not in repo.tasks:
                yield _f(repo, "ZG311", f"主要任务 {task.no} 对应的年度任务“{task.task}”不存在。",
                         at=oppm, pointer=f"/tasks/{i}/task", subject=subject_of(plan))


def check_conformity_words(repo: Repository) -> Iterator[Finding]:
    """ZG314: qualitative observations use a word of the applicable conformity scale."""
    default = repo.config.scoring.scale if repo.config else {"符合": 1.0, "基本符合": 0.6, "不符合": 0.0}
    for obs in repo.observations:
        word = obs.item.conformity
        if word is None or word == "未评":
            continue
        point = repo.qc_points.get(obs.item.ref)
        scale = (point.item.scale if point is not None else None) or default
        if word not in scale:
            yield _f(repo, "ZG314", f"符合度“{word}”不在量表中（{'、'.join(scale)}、未评）。", at=obs,
                     pointer=f"{obs.pointer}/conformity", subject=obs.item.ref)


def check_survey_files(repo: Repository) -> Iterator[Finding]:
    """ZG315: survey entries in ``zhengai.yaml`` name an existing responses file and a known instrument."""
    if repo.config is None or repo.root is None or repo.config_file is None:
        return
    from zhengai.models.people import Instrument

    known = set(shipped_instruments()) | {f.model.id for f in repo.files if isinstance(f.model, Instrument)}
    for i, entry in enumerate(repo.config.surveys):
        if not (repo.root / entry.responses).is_file():
            yield _f(repo, "ZG315", f"{entry.year} 年的回答文件“{entry.responses}”不存在（路径相对仓库根目录）。",
                     file=repo.config_file, pointer=f"/surveys/{i}/responses", subject=f"surveys {entry.year}")
        if entry.instrument not in known:
            yield _f(repo, "ZG315", f"{entry.year} 年的问卷“{entry.instrument}”既不是内置问卷，也不是仓库中的问卷。",
                     file=repo.config_file, pointer=f"/surveys/{i}/instrument", subject=f"surveys {entry.year}")


E, W = Severity.ERROR, Severity.WARNING
RULES = [
    Rule("ZG304", "unknown-department", "部门不存在", E,
         "责任部门要能对应到 zhengai.yaml 中的部门，预警和报告才能送到正确的单位。",
         "写部门的标识、名称或别名；新部门先加到 zhengai.yaml 的 departments，改名的部门把旧名写进 aliases。",
         good=("owner: 教务处", "owner: 教务处、各系（部）"), bad=("owner: 教务部   # 清单中没有",),
         check=check_owners),
    Rule("ZG305", "unknown-qc-point", "质控点不存在", E,
         "目标和任务通过质控点与标准链相连；引用不存在的质控点，这条关联就是空的。",
         "改为 standards/ 中已有质控点的标识。", check=check_qc_refs),
    Rule("ZG306", "unknown-data-source", "数据来源编号不存在", E,
         "量化指标要写明来自数据平台的哪一项（如 7.1），才能按期取数、核对。",
         "写平台编号；本校目录写在 zhengai.yaml 的 platform 下。",
         good=("source: '7.1'",), bad=("source: 就业系统",), check=check_sources),
    Rule("ZG309", "unknown-level", "层面或系统未定义", E,
         "每个目标、标准属于一个层面，每个部门属于一个系统；用的词必须是 zhengai.yaml 中定义的。",
         "改为 levels/systems 中的标识。", good=("level: program",), bad=("level: major",),
         check=check_levels),
    Rule("ZG310", "unknown-observation-ref", "观测数据引用不存在", E,
         "观测值要落到具体的指标或质控点上，否则达成度计算不到它。",
         "改为已有指标或质控点的标识；定量填 value，定性填 conformity。",
         check=check_observation_refs),
    Rule("ZG311", "oppm-reference", "一页纸计划引用不存在", E,
         "一页纸计划的任务要对应本表目标，目标要对应目标链或年度任务（广西方案：任务与目标匹配差错率低于 5%）。",
         "改为存在的编号。", check=check_oppm_refs),
    Rule("ZG314", "unknown-conformity", "符合度等级不在量表中", W,
         "要素符合度按量表折算分值；量表以外的词无法评分。",
         "改为量表中的等级（默认 符合/基本符合/不符合），未评价写“未评”。",
         check=check_conformity_words),
    Rule("ZG315", "unknown-survey-file", "年报问卷文件不存在", E,
         "zhengai.yaml 的 surveys 声明的回答文件或问卷不存在时，学生层面年度报告会在年底批量生成时才失败；检查时就指出来。",
         "改正路径（相对仓库根目录，如 surveys/2026-student-self-test.csv）或问卷标识"
         "（zhengai survey list 列出的内置问卷，或仓库中 kind: instrument 文件的 id）。", good=("responses: surveys/2026-jd2401.csv   # 文件存在",),
         bad=("responses: surveys/2026.csv   # 没有这个文件",), check=check_survey_files),
]
BY_CODE = {rule.code: rule for rule in RULES}
