"""ZG2xx: a file against its model's schema.  Emitted by the loader; documented here."""

from __future__ import annotations

from zhengai.check.rules.base import Rule
from zhengai.findings import Severity
from zhengai.models import KIND_MODELS

E = Severity.ERROR

RULES = [
    Rule("ZG201", "invalid-value", "字段取值不合法", E,
         "类型或格式不对的值（应为数字却写了“95%”、日期写成 2025/6/31）会让评分和预警算错。",
         "按字段说明改正；编辑器装有 YAML 插件时会按 schemas/ 下的 JSON Schema 提示。",
         good=("baseline: 92.5", "completed: 2025-06-30"),
         bad=("baseline: 92.5%", "completed: 2025-06-31")),
    Rule("ZG202", "missing-field", "缺少必填字段", E,
         "必填字段（如目标的 id、level、statement）缺失时，该项无法进入目标链。",
         "补上字段。", bad=("- id: T-1\n  statement: 就业率达到 95%   # 缺 level",)),
    Rule("ZG203", "unknown-field", "未知字段", E,
         "未知字段通常是拼写错误（deadine），写了也不会生效。",
         "改正拼写；确需保留的额外信息放进 extra:。", bad=("deadine: 2025.12",)),
    Rule("ZG204", "not-allowed", "取值不在允许范围", E,
         "枚举字段（任务类别 A/B/C、方向 up/down 等）只接受固定取值。",
         "改为允许的取值之一。", good=("class: A",), bad=("class: D",)),
    Rule("ZG205", "unknown-kind", "文件类型无法识别", E,
         "每个文件用 kind 声明自己是规划、任务、一页纸、标准、观测还是改进记录。",
         f"在文件开头写 kind:，取值为 {'、'.join(KIND_MODELS)} 之一。", good=("kind: plan",), bad=("kind: plans",)),
    Rule("ZG206", "schema-version", "文件格式版本不支持", E,
         "schema_version 让格式可以演进：旧工具不会误读新格式。",
         "写 schema_version: 1。"),
]
