"""The default 自我诊改报告 template (``templates/diagnosis.docx``): the official document.

It shows names, units and comparisons only; sources, ids, rule findings and formulas are in
the working edition (``diagnosis.audit.md.j2``), which reads the same data.
"""

from __future__ import annotations

from zhengai.render.word.writer import Col, Writer

UNIT = '{{ "部门" if not r.unit else r.unit.kind_name }}'
"""部门, or 专业/课程 in a program's or course's report (one template serves all three)."""


def appendix(w: Writer) -> None:
    """附录一 计算方法说明 and 附录二 数据来源说明 (platform items by code and name), shared by the
    diagnosis and annual templates so every official document closes the same way."""
    w.p("附录一　计算方法说明", "Heading 1", page_break=True)  # 附件 start on their own page after the 落款
    w.bullets("r.method")
    w.p("达成度分档：{% for b in bands %}{{ b.name }}（{{ b.rule }}）{% if not loop.last %}；{% endif %}{% endfor %}。")
    w.h1("附录二　数据来源说明")
    w.tag("for line in r.appendix.lines")
    w.p("{{ line }}")
    w.tag("endfor")
    w.tag("if r.appendix.platform")
    w.table("x in r.appendix.platform", [
        Col("序号", "{{ x.no }}", 8, center=True), Col("平台项目编号", "{{ x.code }}", 20, center=True),
        Col("项目名称", "{{ x.name }}", 50), Col("质控点与指标数", "{{ x.count }}", 22, center=True)])
    w.tag("endif")


def diagnosis_template() -> Writer:
    """自我诊改报告 of one department, program or course."""
    w = Writer()
    w.cover()
    w.h1("一、基本情况")
    w.h2("（一）" + UNIT + "概况")
    w.p("{{ r.dept.name }}属于“{{ r.dept.system }}”系统{% if r.unit %}，所属二级学院为"
        "{{ r.unit.department }}{% else %}，是{{ r.dept.type }}{% endif %}{% if r.dept.head != \"—\" %}，负责人{{ r.dept.head }}{% endif %}。本" + UNIT
        + "承担目标 {{ r.counts.targets }} 个、年度重点工作任务 {{ r.counts.tasks }} 项，涉及指标与质控点 "
        "{{ r.counts.measures }} 个。诊断基准日为{{ doc.as_of_cn }}，规划期为{{ doc.period }}。")
    w.h2("（二）诊断结论摘要")
    w.bullets("r.summary")
    w.h1("二、目标与标准")
    w.h2("（一）目标")
    w.empty_or("r.targets", "本" + UNIT + "没有登记目标。", lambda: w.table("t in r.targets", [
        Col("序号", "{{ t.no }}", 8, center=True), Col("目标", "{{ t.statement }}", 62),
        Col("层面", "{{ t.level }}", 10, center=True), Col("上级目标", "{{ t.parent or \"无\" }}", 26),
        Col("时限", "{{ t.deadline }}", 24, center=True)]))
    w.h2("（二）适用标准")
    w.empty_or("r.standards", "本" + UNIT + "的目标与任务没有关联质控点。", lambda: (
        w.tag("for s in r.standards"),
        w.p("{{ s.no }}. {{ s.name }}：{% for d in s.dimensions %}{{ d.name }}"
            "{% if not loop.last %}、{% endif %}{% endfor %}。"),
        w.tag("endfor")))
    w.h1("三、运行与监测")
    w.h2("（一）年度重点工作任务")
    w.empty_or("r.tasks", "本" + UNIT + "没有登记年度重点工作任务。", lambda: w.table("t in r.tasks", [
        Col("序号", "{{ t.no }}", 8, center=True), Col("任务", "{{ t.title }}", 46),
        Col("类别", "{{ t.cls }}", 8, center=True), Col("责任部门", "{{ t.owner }}", 22),
        Col("时间节点", "{{ t.time_node }}", 18, center=True), Col("状态", "{{ t.state }}", 18, center=True),
        Col("进度", "{{ t.progress_text }}", 10, center=True)]))
    w.h2("（二）建设指标完成率")
    w.empty_or("r.completion.due", "截至诊断基准日尚无到期的年度重点工作任务。", lambda: (
        w.p("截至诊断基准日到期任务 {{ r.completion.due }} 项，完成 {{ r.completion.done }} 项，建设指标完成率 "
            "{{ r.completion.rate_text }}。"),
        w.table("c in r.completion.by_class", [
            Col("类别", "{{ c.cls }} 类", 20, center=True), Col("到期", "{{ c.due }}", 20, center=True),
            Col("完成", "{{ c.done }}", 20, center=True), Col("完成率", "{{ c.rate_text }}", 20, center=True)])))
    w.h2("（三）预警情况")
    w.empty_or("r.alerts", "截至诊断基准日无预警。", lambda: (
        w.p("截至诊断基准日有红色预警 {{ r.red }} 条、黄色预警 {{ r.yellow }} 条。"),
        w.table("a in r.alerts", [
            Col("序号", "{{ a.no }}", 8, center=True), Col("级别", "{{ a.level_name }}", 10, "a.fill", True),
            Col("类型", "{{ a.kind_name }}", 14, center=True), Col("对象", "{{ a.name }}", 34),
            Col("说明", "{{ a.message }}", 50), Col("责任单位", "{{ a.unit }}", 16)])))
    # only for a department with job standards (部门职责 → 岗位工作 → 工作标准): no empty heading
    w.tag("if r.duties")
    w.h2("（四）部门职责落实情况")
    w.p("{{ r.duties.summary }}")
    w.table("x in r.duties.rows", [
        Col("职责", "{% if x.first %}{{ x.duty }}{% endif %}", 22), Col("岗位工作", "{{ x.content }}", 28),
        Col("责任岗位", "{{ x.post }}", 20), Col("落实任务", "{{ x.tasks }}", 30),
        Col("状态", "{{ x.state }}", 16, center=True), Col("进度", "{{ x.progress }}", 12, center=True)])
    w.p("覆盖情况：")
    w.bullets("r.duties.coverage")
    w.tag("endif")
    w.h1("四、诊断")
    w.h2("（一）目标达成度")
    w.empty_or("r.targets", "本" + UNIT + "没有登记目标。", lambda: (
        w.p("综合达成度为 {{ r.overall.score_text }}（{{ r.overall.band }}），即各目标达成度的平均值。"),
        w.table("t in r.targets", [
            Col("序号", "{{ t.no }}", 8, center=True), Col("目标", "{{ t.statement }}", 60),
            Col("达成度", "{{ t.score_text }}", 16, "t.fill", True), Col("档次", "{{ t.band }}", 14, center=True),
            Col("质控点覆盖", "{{ t.coverage }}", 20, center=True)]),
        w.p("达成度为“—”、档次为“未评”的目标本年度尚无观测数据。")))
    w.chart("attainment")
    w.h2("（二）标准与层面达成度")
    w.empty_or("r.levels", "本" + UNIT + "没有可评分的质控点。", lambda: (
        w.table("n in r.levels", [
            Col("层面", "{{ n.name }}", 16, center=True), Col("达成度", "{{ n.score_text }}", 16, "n.fill", True),
            Col("档次", "{{ n.band }}", 14, center=True), Col("质控点覆盖", "{{ n.coverage }}", 20, center=True)]),
        w.tag("for s in r.standards"),
        w.h3("{{ s.no }}. {{ s.name }}"),
        w.p("{% if s.scope_text %}{{ s.scope_text }}，这部分的{% endif %}达成度 {{ s.score_text }}（{{ s.band }}），"
            "质控点覆盖 {{ s.coverage }}"
            "{% if s.low_coverage %}，覆盖不足 40%，结论仅供参考{% endif %}。"),
        w.tag("for d in s.dimensions"),
        w.p("（{{ d.no }}）{{ d.name }}：{{ d.score_text }}{% if d.item_scores %}；{{ d.item_scores }}{% endif %}。"),
        w.tag("endfor"),
        w.tag("endfor")))
    w.chart("radar")
    w.h2("（三）指标与质控点")
    w.empty_or("r.measures", "本" + UNIT + "没有指标与质控点。", lambda: (
        w.table("m in r.measures", [
            Col("序号", "{{ m.no }}", 8, center=True), Col("名称", "{{ m.name }}", 34),
            Col("期间", "{{ m.period }}", 14, center=True), Col("实际", "{{ m.actual_text }}", 16, center=True),
            Col("目标", "{{ m.target_text }}", 14, center=True), Col("达成度", "{{ m.score_text }}", 14, "m.fill", True),
            Col("档次", "{{ m.band }}", 12, center=True)]),
        w.p("表中“—”表示本年度尚无观测数据，“未到期”表示观测期间尚未结束。")))
    w.chart("trend")
    w.h2("（四）问题与原因")
    w.empty_or("r.problems", "本年度未登记经分析的问题。", lambda: (
        w.tag("for x in r.problems"),
        w.p("{{ x.no }}. {{ x.problem }}{% if not x.problem.endswith(\"。\") %}。{% endif %}原因：{{ x.cause }}{% if not x.cause.endswith(\"。\") %}。{% endif %}"),
        w.tag("endfor")))
    w.tag("if r.pending_sentence")
    w.p("{{ r.pending_sentence }}")
    w.tag("endif")
    w.tag("if r.sections.analysis.authored")  # the unit's own analysis, written by people (narratives/)
    w.h2("（五）诊断分析")
    w.p("{{p r.sections.analysis.authored.word }}")
    w.tag("endif")
    w.h1("五、改进措施")
    w.empty_or("r.problems", "本年度未登记改进措施。", lambda: w.table("x in r.problems", [
        Col("序号", "{{ x.no }}", 8, center=True), Col("问题", "{{ x.problem }}", 36),
        Col("改进措施", "{{ x.measure }}", 44), Col("责任", "{{ x.owner }}", 16),
        Col("时间节点", "{{ x.time_node }}", 16, center=True), Col("状态", "{{ x.status }}", 10, center=True)]))
    w.h1("六、上一轮改进措施落实情况")
    w.empty_or("r.last_round", "上一轮没有改进措施。", lambda: (
        w.p("上一轮改进措施 {{ r.last_round_total }} 条，已完成 {{ r.last_round_done }} 条。"),
        w.table("x in r.last_round", [
            Col("序号", "{{ x.no }}", 8, center=True), Col("问题", "{{ x.problem }}", 34),
            Col("改进措施", "{{ x.measure }}", 38), Col("责任", "{{ x.owner }}", 16),
            Col("时间节点", "{{ x.time_node }}", 14, center=True), Col("落实情况", "{{ x.status }}", 18),
            Col("佐证", "{{ x.evidence }}", 20)])))
    w.tag("if r.adjustments")
    w.p("目标调整与标准修订落实情况：")
    w.table("a in r.adjustments", [
        Col("序号", "{{ a.no }}", 8, center=True), Col("对象", "{{ a.subject }}", 30),
        Col("调整内容", "{{ a.change }}", 30), Col("理由", "{{ a.reason }}", 36),
        Col("执行年度", "{{ a.effective }}", 14, center=True), Col("落实情况", "{{ a.state }}", 22)])
    w.tag("endif")
    w.closing()
    appendix(w)
    return w


TEMPLATES = {"diagnosis": diagnosis_template}
"""Template id → its builder (the file is ``templates/<id>.docx``)."""

__all__ = ["TEMPLATES", "appendix", "diagnosis_template"]
