"""What a checker can see in a Chinese target or work-standard sentence (SMART, §5).

The word lists are data: slogan words come from ``zhengai.yaml`` (``rules.slogan_words``);
the units and artefact words below are the common ones of the seed plans.
"""

from __future__ import annotations

import re
import unicodedata

UNITS = (
    "个百分点", "百分点", "万元", "亿元", "千元", "元", "学时", "课时", "小时", "人次", "个", "项", "门", "人",
    "名", "次", "篇", "部", "本", "台", "套", "家", "所", "天", "周", "册", "件", "场", "期", "届", "批",
    "种", "份", "间", "张", "座", "亩", "平方米", "㎡", "万册", "学分", "分", "级", "支", "条", "节",
)
# Named evidence artefacts: a sentence that promises one of these is measurable
# (it exists or it does not), e.g. 教学进程表的备案, 专业人才培养方案.
ARTEFACTS = (
    "规划", "方案", "制度", "办法", "细则", "标准", "报告", "文本", "系统", "平台", "表", "清单", "台账", "手册",
    "记录", "纪要", "文件", "备案", "汇编", "课程", "教材", "基地", "案例", "证书", "专利", "论文",
    "工作室", "实训室", "指南", "目录", "名单", "档案", "数据库", "图", "通知",
)
# 体系, 机制, 水平, 能力 are left out on purpose: "完善质量保证体系" names no artefact one could check.
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
    """Named evidence artefacts found in the text, in order of the word list."""
    text = normalise(text)
    return [word for word in ARTEFACTS if word in text]


def slogan_words(text: str, words: list[str]) -> list[str]:
    """Slogan words present in the text."""
    text = normalise(text)
    return [word for word in words if word in text]


def is_empty_slogan(text: str, words: list[str]) -> bool:
    """A slogan word with nothing measurable or deliverable in the same sentence."""
    return bool(slogan_words(text, words)) and not has_quantity(text) and not artefacts(text)
