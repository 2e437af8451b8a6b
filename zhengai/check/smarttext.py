"""What a checker can see in a Chinese target or work-standard sentence (SMART, §5).

The word lists are data: slogan words come from ``zhengai.yaml`` (``rules.slogan_words``);
the units and artefact words below are the common ones of the seed plans.
"""

from __future__ import annotations

import re
import unicodedata

UNITS = (
    "个百分点", "百分点", "万元", "亿元", "千元", "元", "学时", "课时", "小时", "人次", "个", "项", "门", "人",
    "名", "次", "篇", "部", "本", "台", "套", "家", "所", "天", "周", "册", "件", "场", "届",
    "种", "份", "间", "张", "座", "亩", "平方米", "㎡", "万册", "学分", "分", "支", "条", "节",
)
# 级, 批 and 期 are left out: 两级 (院系两级), 二级学院, 三级指标, 一批 count nothing.
# Named evidence artefacts.  Strong words name a checkable artefact wherever they stand
# (教学进程表的备案, 调研报告); weak words only when a deliverable verb comes before them,
# because they also name the subject of a slogan (不断改进课程建设质量, 建设制度文化).
STRONG_ARTEFACTS = (
    "文本", "报告", "台账", "清单", "备案", "汇编", "纪要", "手册", "证书", "专利", "论文", "进程表",
    "记录", "档案", "名单", "目录", "指南", "数据库", "通知", "任务书", "说明书", "案例集",
)
WEAK_ARTEFACTS = (
    "规划", "方案", "制度", "办法", "细则", "标准", "系统", "平台", "表", "文件", "课程", "教材", "基地",
    "案例", "工作室", "实训室", "图",
)
DELIVERABLE_VERBS = (
    "完成", "制定", "制订", "修订", "修改", "完善", "编制", "编写", "形成", "建成", "出台", "提交", "发布", "建立",
    "开发", "上线", "印发", "评审", "验收", "申报", "开设", "搭建", "出版", "撰写", "备案", "汇编", "报送",
)
ARTEFACTS = STRONG_ARTEFACTS + WEAK_ARTEFACTS
# 体系, 机制, 水平, 能力 are not artefacts at all: "完善质量保证体系" names nothing one could check.
_WEAK = re.compile(
    "(?:" + "|".join(DELIVERABLE_VERBS) + r")[^，。；,;]{0,24}?(" + "|".join(WEAK_ARTEFACTS) + ")"
)

_NUMBER = r"(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千万]+)"
_QUANTITY = re.compile(
    _NUMBER + r"\s*(?:%|％|" + "|".join(re.escape(u) for u in UNITS) + r")"
)
_RATE = re.compile(r"(?:率|比例|占比|覆盖率|达标率|合格率|满意度)[^，。；]{0,8}?" + _NUMBER)
_ZERO_RATE = re.compile(r"(?:率|比例)[^，。；]{0,4}?为?\s*(?:0|零)")


def normalise(text: str) -> str:
    """NFKC (full-width digits and % become half-width) and no line breaks."""
    return unicodedata.normalize("NFKC", text).replace("\n", "")


def has_quantity(text: str) -> bool:
    """A number with a unit, a percentage or a rate with a value (出错率为0 counts)."""
    text = normalise(text)
    return bool(_QUANTITY.search(text) or _RATE.search(text) or _ZERO_RATE.search(text))


def artefacts(text: str) -> list[str]:
    """Named evidence artefacts: strong words anywhere, weak words after a deliverable verb."""
    text = normalise(text)
    found = [word for word in STRONG_ARTEFACTS if word in text]
    found += [m.group(1) for m in _WEAK.finditer(text)]
    return list(dict.fromkeys(found))


def slogan_words(text: str, words: list[str]) -> list[str]:
    """Slogan words present in the text."""
    text = normalise(text)
    return [word for word in words if word in text]


def is_empty_slogan(text: str, words: list[str]) -> bool:
    """A slogan word with nothing measurable or deliverable in the same sentence."""
    return bool(slogan_words(text, words)) and not has_quantity(text) and not artefacts(text)
