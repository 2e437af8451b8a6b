"""The file models: the single source of truth for the YAML formats and JSON Schemas."""

from __future__ import annotations

from pydantic import BaseModel

from zhengai.models.annual import AnnualTables
from zhengai.models.config import RepoConfig
from zhengai.models.duties import Duties
from zhengai.models.oppm import Oppm
from zhengai.models.people import Instrument, TeacherPlan
from zhengai.models.plans import Plan
from zhengai.models.records import Improvements, Observations
from zhengai.models.reference import Reference
from zhengai.models.standards import Standard
from zhengai.models.tasks import TaskFile

KIND_MODELS: dict[str, type[BaseModel]] = {
    "config": RepoConfig,
    "plan": Plan,
    "tasks": TaskFile,
    "oppm": Oppm,
    "standard": Standard,
    "observations": Observations,
    "improvements": Improvements,
    "reference": Reference,
    "instrument": Instrument,
    "teacher_plan": TeacherPlan,
    "annual": AnnualTables,
    "duties": Duties,
}
"""File ``kind`` → model.  The JSON Schema of each is ``schemas/<kind>.schema.json``."""

KIND_NAMES: dict[str, str] = {
    "config": "学校配置",
    "plan": "规划",
    "tasks": "年度重点工作任务",
    "oppm": "一页纸工作计划",
    "standard": "标准",
    "observations": "观测数据",
    "improvements": "改进记录",
    "reference": "参考表",
    "instrument": "自测问卷",
    "teacher_plan": "教师发展规划",
    "annual": "质量年度报告数据表",
    "duties": "部门职责与岗位工作标准",
}

__all__ = ["KIND_MODELS", "KIND_NAMES"]
