"""ZG1xx: reading a file.  Emitted by :mod:`zhengai.load.yamlsrc`; documented here."""

from __future__ import annotations

from zhengai.check.rules.base import Rule
from zhengai.findings import Severity

E = Severity.ERROR

RULES = [
    Rule("ZG101", "unreadable", "文件无法读取", E,
         "路径是目录、没有读权限或读取出错时，文件内容无从检查；命名管道、设备、循环或失效的符号链接、"
         "指向仓库之外的符号链接出于安全不会被打开（读取它们可能永不结束或泄露仓库之外的文件）。",
         "传入 YAML 文件，或含 zhengai.yaml 的仓库目录。"),
    Rule("ZG102", "yaml-syntax", "YAML 语法错误", E,
         "语法错误的文件无法解析，其中所有内容都不会被检查。",
         "按提示的行列修正；值中含有“: ”或“ #”时请加引号。",
         good=("statement: '目标：就业率 95%'",), bad=("statement: 目标: 就业率 95%",)),
    Rule("ZG103", "duplicate-key", "键重复", E,
         "YAML 解析器默认让后出现的键悄悄覆盖先出现的，数据会无声丢失。",
         "删除或合并重复的键。", bad=("deadline: 2025.6\ndeadline: 2025.12",)),
    Rule("ZG104", "anchor-alias", "使用了锚点或别名", E,
         "锚点/别名（& *）让同一内容出现在多处，审阅 diff 时看不出真实数据，也可被用来制造“十亿笑声”式的膨胀。",
         "把内容直接写出来。", bad=("owner: &o 教务处\nleader: *o",)),
    Rule("ZG105", "tag", "使用了 YAML 标签", E,
         "!!python/object 等标签可以构造任意对象；计划文件只需要文本、列表和映射。",
         "删除 ! 开头的标签。", bad=("value: !!float 95",)),
    Rule("ZG106", "multi-document", "一个文件含多个文档", E,
         "--- 分隔的第二个文档会被忽略或误读；一个文件只放一份计划。",
         "拆成多个文件。"),
    Rule("ZG107", "encoding", "文件不是 UTF-8 编码", E,
         "Windows 上常见的 GBK 编码文件在其他电脑和 CI 上会变成乱码。",
         "用“UTF-8”编码另存（带不带 BOM 均可）。"),
    Rule("ZG108", "too-large", "文件过大", E,
         "计划文件是人写的文本；超过 8 MiB 的文件多半是误放的数据导出，读取会拖慢检查。",
         "拆分文件，或把数据放到观测文件中按年拆分。"),
    Rule("ZG109", "empty", "空文件", E,
         "空文件没有 kind 与 schema_version，无法判断用途。",
         "写入内容或删除文件。"),
    Rule("ZG110", "too-deep", "嵌套过深", E,
         "超过 64 层的嵌套不可能是合法的计划结构，多半是缩进错误或恶意文件。",
         "检查缩进。"),
]
