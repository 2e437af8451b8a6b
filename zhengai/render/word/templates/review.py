"""The default 校内复核报告 template (``templates/review.docx``)."""

from __future__ import annotations

from zhengai.render.word.templates.diagnosis import appendix
from zhengai.render.word.writer import Col, Writer


def review_template() -> Writer:
    """校内复核报告."""
    w = Writer()
    w.cover()
    w.h1("一、复核工作概况")
    w.p("依据学校内部质量保证体系诊断与改进工作方案，{{ doc.issuer }}以{{ doc.as_of_cn }}为基准日，对各部门的自我诊改报告、"
        "目标链与标准链数据、年度重点工作任务完成情况及上一轮改进措施落实情况进行了校内复核。主要结果如下：")
    w.bullets("r.summary")
    w.h1("二、复核结论判定规则")
    w.bullets("r.rules")
    w.h1("三、各部门复核结论")
    w.table("d in r.departments", [
        Col("序号", "{{ d.no }}", 6, center=True), Col("部门", "{{ d.name }}", 22),
        Col("完成率", "{{ d.completion.rate_text }}", 11, center=True),
        Col("综合达成度", "{{ d.score_text }}", 12, "d.fill", True), Col("红色预警", "{{ d.red }}", 8, center=True),
        Col("黄色预警", "{{ d.yellow }}", 8, center=True), Col("规划表述问题", "{{ d.findings }}", 9, center=True),
        Col("上轮改进完成", "{{ d.last_round_done }}/{{ d.last_round_total }}", 10, center=True),
        Col("复核结论", "{{ d.conclusion }}", 17, "d.conclusion_fill", True)])
    w.p("各部门复核结论的理由如下（判定规则见二）：")
    w.tag("for d in r.departments")
    w.p("{{ d.no }}. {{ d.name }}：{{ d.conclusion }}。{{ d.reason }}。")
    w.tag("endfor")
    w.chart("departments")
    w.h1("四、对照国家诊断项目参考表")
    w.p("按诊断点的数据平台编号关联本校质控点与指标（编号相同或属于其下级编号即视为关联），诊断点达成度为关联数据的平均达成度"
        "（学校对诊断点有评议的，以评议为准）；平台编号相同的诊断点关联的数据相同，表中注明；诊断项目达成度为其各诊断点"
        "关联数据的平均达成度，同一数据只计一次。")
    w.table("i in r.ref_items", [Col("诊断项目", "{{ i.name }}", 60), Col("达成度", "{{ i.score_text }}", 20, "i.fill", True),
                             Col("档次", "{{ i.band }}", 20, center=True)])
    w.chart("reference")
    w.table("p in r.reference", [
        Col("诊断要素", "{{ p.element }}", 24), Col("诊断点", "{{ p.id }} {{ p.name }}", 32),
        Col("平台编号", "{{ p.platform }}", 20, center=True), Col("本校数据", "{{ p.evidence }}", 20),
        Col("达成度", "{{ p.score_text }}", 14, "p.fill", True)])
    w.h1("五、检查发现的问题分布")
    w.empty_or("r.findings", "检查未发现问题。", lambda: w.table("f in r.findings", [
        Col("序号", "{{ f.no }}", 8, center=True), Col("问题类别", "{{ f.title }}", 70),
        Col("问题数", "{{ f.count }}", 14, center=True)]))
    w.h1("六、上一轮改进措施落实情况")
    w.p("上一轮改进措施共 {{ r.improvements.total }} 条，已完成 {{ r.improvements.done }} 条，落实率 "
        "{{ r.improvements.rate_text }}。")
    w.h1("七、复核意见")
    w.bullets("r.opinion")
    w.closing()
    appendix(w)
    return w


TEMPLATES = {"review": review_template}
"""Template id → its builder (the file is ``templates/<id>.docx``)."""

__all__ = ["TEMPLATES", "review_template"]
