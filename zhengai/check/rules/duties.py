"""ZG471–ZG475: the job-standard chain 部门职责 → 岗位工作 → 工作标准 is complete and linked.

Guangxi's plan sets the bar: every duty made concrete (coverage 100%), and the matching of
work to posts and standards with an error rate under 5%.
"""

from __future__ import annotations

from collections.abc import Iterator

from zhengai.check.rules.base import Rule
from zhengai.check.smarttext import is_empty_slogan, slogan_words
from zhengai.findings import Finding, Severity
from zhengai.load.repository import Repository, subject_of
from zhengai.models.config import DEFAULT_SLOGAN_WORDS
from zhengai.models.duties import Duties
from zhengai.numfmt import percent

ERROR_RATE = 0.05
"""Highest share of work items without a post or a standard (广西方案：差错率低于 5%)."""


def check_duty_items(repo: Repository) -> Iterator[Finding]:
    """ZG471: every duty is made concrete as at least one work item."""
    for located in repo.duties.values():
        if not located.item.items:
            yield BY_CODE["ZG471"].finding(repo, f"职责“{located.item.title}”没有具体化的岗位工作。", at=located,
                                           pointer=f"{located.pointer}/title", subject=subject_of(located.item))


def check_work_items(repo: Repository) -> Iterator[Finding]:
    """ZG472: every work item has an owner post (or office) and a work standard."""
    for located in repo.work_items.values():
        work = located.item
        missing = [name for name, value in (("责任岗位或科室", work.post or work.office), ("工作标准", work.standard))
                   if not value]
        if missing:
            yield BY_CODE["ZG472"].finding(repo, f"岗位工作“{work.content}”没有{'和'.join(missing)}。", at=located,
                                           subject=work.id)


def check_work_standards(repo: Repository) -> Iterator[Finding]:
    """ZG473: a work standard says what, how much or by when — not an empty slogan."""
    words = repo.config.rules.slogan_words if repo.config else list(DEFAULT_SLOGAN_WORDS)
    for located in repo.work_items.values():
        text = located.item.standard
        if text and is_empty_slogan(text, words):
            found = "、".join(slogan_words(text, words))
            yield BY_CODE["ZG473"].finding(repo, f"工作标准是空泛口号（“{found}”之后没有可衡量的内容或成果）。",
                                           at=located, pointer=f"{located.pointer}/standard", subject=located.item.id)


def check_task_links(repo: Repository) -> Iterator[Finding]:
    """ZG474: a task's ``work_items`` name existing work items."""
    for located in repo.tasks.values():
        for i, ref in enumerate(located.item.work_items):
            if ref not in repo.work_items:
                yield BY_CODE["ZG474"].finding(repo, f"任务落实的岗位工作“{ref}”不存在。", at=located,
                                               pointer=f"{located.pointer}/work_items/{i}",
                                               subject=subject_of(located.item))


def check_coverage(repo: Repository) -> Iterator[Finding]:
    """ZG475: per duties file, coverage 100% and under 5% of work items without post or standard."""
    for source in repo.files:
        model = source.model
        if not isinstance(model, Duties) or not model.duties:
            continue
        covered = sum(1 for d in model.duties if d.items)
        items = [w for d in model.duties for w in d.items]
        wrong = sum(1 for w in items if not (w.post or w.office) or not w.standard)
        rate = wrong / len(items) if items else 0.0
        if covered < len(model.duties) or rate >= ERROR_RATE:
            yield BY_CODE["ZG475"].finding(
                repo, f"职责覆盖率 {percent(covered / len(model.duties))}（{covered}/{len(model.duties)}），"
                f"岗位与标准对应差错率 {percent(rate)}（{wrong}/{len(items)}）；要求覆盖率 100%、差错率低于 5%。",
                file=source, pointer="/duties", subject=model.title or "部门职责")


W, E = Severity.WARNING, Severity.ERROR
RULES = [
    Rule("ZG471", "duty-without-work", "职责没有具体化的岗位工作", W,
         "部门职责要落到具体的岗位工作上（职责厘清、工作具体化），否则无人承担、无从考核。",
         "在该职责下写 items：每项工作写内容、责任岗位或科室、工作标准。", check=check_duty_items),
    Rule("ZG472", "work-without-owner-or-standard", "岗位工作缺责任岗位或工作标准", W,
         "每项岗位工作都要有承担它的岗位（科室）和做到什么程度的工作标准，才能对照标准自我诊断。",
         "写 post 或 office，并写 standard（做到什么、多少、何时完成）。", check=check_work_items),
    Rule("ZG473", "slogan-work-standard", "工作标准是空泛口号", W,
         "工作标准要可检查：写清做什么、做到多少、何时完成、形成什么成果。",
         "把“进一步加强…”改写为可检查的要求，如“每学期开学前一周完成全部课程表编排并公布”。",
         good=("standard: 每学期开学前一周完成全部课程表编排并公布",), bad=("standard: 进一步加强教学管理",),
         smart="S", check=check_work_standards),
    Rule("ZG474", "unknown-work-item", "任务落实的岗位工作不存在", E,
         "C 类常规工作通过 work_items 对应部门职责中的岗位工作；引用不存在的工作，这条追溯就断了。",
         "改为部门职责文件（kind: duties）中已有岗位工作的标识。", check=check_task_links),
    Rule("ZG475", "duty-coverage", "职责覆盖或岗位对应未达要求", W,
         "广西方案要求部门职责全部具体化（覆盖率 100%），岗位工作与岗位、标准的对应差错率低于 5%。",
         "补齐没有岗位工作的职责，为缺岗位或标准的工作补上。", check=check_coverage),
]
BY_CODE = {rule.code: rule for rule in RULES}
