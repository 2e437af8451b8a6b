"""The default 自我诊改报告 template (``templates/diagnosis.docx``)."""

from __future__ import annotations

from zhengai.render.word.writer import Col, Writer


def diagnosis_template() -> Writer:
    """自我诊改报告 of one department."""
    w = Writer()
    w.cover()
    w.h1("一、基本情况")
    w.h2("（一）部门概况")
    w.p("{{ r.dept.name }}属于“{{ r.dept.system }}”系统，是{{ r.dept.type }}，负责人{{ r.dept.head }}。本部门承担目标 "
        "{{ r.counts.targets }} 个、年度重点工作任务 {{ r.counts.tasks }} 项，涉及指标与质控点 {{ r.counts.measures }} 个。"
        "诊断基准日为{{ doc.as_of_cn }}，规划期为{{ doc.period }}。")
    w.h2("（二）诊断结论摘要")
    w.bullets("r.summary")
    w.h1("二、目标与标准")
    w.h2("（一）目标链")
    w.empty_or("r.targets", "本部门没有登记目标。", lambda: w.table("t in r.targets", [
        Col("序号", "{{ t.no }}", 8, center=True), Col("目标", "{{ t.id }} {{ t.statement }}", 46),
        Col("层面", "{{ t.level }}", 10, center=True), Col("上级目标链", "{{ t.chain }}", 24),
        Col("时限", "{{ t.deadline }}", 14, center=True), Col("来源", "{{ t.source }}", 30)]))
    w.h2("（二）适用标准")
    w.empty_or("r.standards", "本部门的目标与任务没有关联质控点。", lambda: (
        w.tag("for s in r.standards"),
        w.p("{{ s.no }}. {{ s.name }}（{{ s.id }}，来源 {{ s.source }}）：{% for d in s.dimensions %}{{ d.name }}"
            "{% if not loop.last %}、{% endif %}{% endfor %}。"),
        w.tag("endfor")))
    w.h1("三、运行情况")
    w.h2("（一）年度重点工作任务")
    w.empty_or("r.tasks", "本部门没有登记年度重点工作任务。", lambda: w.table("t in r.tasks", [
        Col("序号", "{{ t.no }}", 8, center=True), Col("任务", "{{ t.id }} {{ t.title }}", 40),
        Col("类别", "{{ t.cls }}", 8, center=True), Col("责任部门", "{{ t.owner }}", 18),
        Col("时间节点", "{{ t.time_node }}", 16, center=True), Col("状态", "{{ t.state }}", 16, center=True),
        Col("进度", "{{ t.progress_text }}", 10, center=True), Col("来源", "{{ t.source }}", 30)]))
    w.h2("（二）建设指标完成率")
    w.p("建设指标完成率 = 截至诊断基准日已到期且已完成的任务数 ÷ 已到期的任务数 = {{ r.completion.done }} ÷ "
        "{{ r.completion.due }} = {{ r.completion.rate_text }}。")
    w.empty_or("r.completion.by_class", "截至诊断基准日没有到期任务。", lambda: w.table("c in r.completion.by_class", [
        Col("类别", "{{ c.cls }} 类", 20, center=True), Col("到期", "{{ c.due }}", 20, center=True),
        Col("完成", "{{ c.done }}", 20, center=True), Col("完成率", "{{ c.rate_text }}", 20, center=True)]))
    w.h1("四、达成度")
    w.h2("（一）目标达成度")
    w.p("综合达成度为 {{ r.overall.score_text }}（{{ r.overall.band }}），即本部门各目标达成度的平均值。")
    w.empty_or("r.targets", "无。", lambda: w.table("t in r.targets", [
        Col("目标", "{{ t.id }}", 24), Col("达成度", "{{ t.score_text }}", 16, "t.fill", True),
        Col("档次", "{{ t.band }}", 14, center=True), Col("覆盖", "{{ t.coverage }}", 18, center=True),
        Col("来源", "{{ t.source }}", 40)]))
    w.chart("attainment")
    w.h2("（二）标准与层面达成度")
    w.empty_or("r.levels", "本部门没有可评分的质控点。", lambda: (
        w.table("n in r.levels", [
            Col("层面", "{{ n.name }}", 16, center=True), Col("达成度", "{{ n.score_text }}", 16, "n.fill", True),
            Col("档次", "{{ n.band }}", 14, center=True), Col("覆盖", "{{ n.coverage }}", 18, center=True),
            Col("来源", "{{ n.source }}", 50)]),
        w.tag("for s in r.standards"),
        w.h3("{{ s.no }}. {{ s.name }}"),
        w.p("{% if s.scope_text %}{{ s.scope_text }}，这部分的{% endif %}达成度 {{ s.score_text }}（{{ s.band }}），"
            "质控点覆盖 {{ s.coverage }}"
            "{% if s.low_coverage %}，覆盖不足 40%，结论仅供参考{% endif %}。"),
        w.tag("for d in s.dimensions"),
        w.p("（{{ d.no }}）{{ d.name }}：{{ d.score_text }}；{{ d.item_scores }}。"),
        w.tag("endfor"),
        w.tag("endfor")))
    w.chart("radar")
    w.h2("（三）指标与质控点明细")
    w.empty_or("r.measures", "本部门没有指标与质控点。", lambda: w.table("m in r.measures", [
        Col("编号", "{{ m.id }}", 16), Col("名称", "{{ m.name }}", 26), Col("期间", "{{ m.period }}", 14, center=True),
        Col("实际", "{{ m.actual_text }}", 14, center=True), Col("目标", "{{ m.target_text }}", 12, center=True),
        Col("达成度", "{{ m.score_text }}", 13, "m.fill", True), Col("档次", "{{ m.band }}", 12, center=True),
        Col("来源", "{{ m.source }}", 32)]))
    w.chart("trend")
    w.h2("（四）计算方法")
    w.bullets("r.method")
    w.h1("五、预警清单")
    w.empty_or("r.alerts", "截至诊断基准日无预警。", lambda: w.table("a in r.alerts", [
        Col("序号", "{{ a.no }}", 8, center=True), Col("级别", "{{ a.level_name }}", 10, "a.fill", True),
        Col("类型", "{{ a.kind_name }}", 14, center=True), Col("对象", "{{ a.subject }}", 26),
        Col("说明", "{{ a.message }}", 44), Col("责任单位", "{{ a.unit }}", 14), Col("来源", "{{ a.source }}", 28)]))
    w.h1("六、SMART 问题清单")
    w.empty_or("r.findings", "未发现 SMART 问题。", lambda: w.table("f in r.findings", [
        Col("序号", "{{ f.no }}", 8, center=True), Col("规则", "{{ f.code }}", 12, center=True),
        Col("SMART", "{{ f.smart }}", 10, center=True), Col("级别", "{{ f.severity }}", 10, center=True),
        Col("对象", "{{ f.subject }}", 26), Col("问题", "{{ f.message }}", 50), Col("位置", "{{ f.where }}", 30)]))
    w.h1("七、问题与原因")
    w.empty_or("r.problems", "本年度未登记问题。", lambda: (
        w.tag("for x in r.problems"),
        w.p("{{ x.no }}. {% if x.suggested %}【建议】{% endif %}{{ x.problem }}　原因：{{ x.cause }}（来源 {{ x.source }}）"),
        w.tag("endfor")))
    w.h1("八、改进措施")
    w.empty_or("r.problems", "无。", lambda: (
        w.table("x in r.problems", [
            Col("序号", "{{ x.no }}", 8, center=True),
            Col("问题", "{% if x.suggested %}【建议】{% endif %}{{ x.problem }}", 36),
            Col("改进措施", "{{ x.measure }}", 40), Col("责任", "{{ x.owner }}", 14),
            Col("时间节点", "{{ x.time_node }}", 14, center=True), Col("状态", "{{ x.status }}", 10, center=True),
            Col("来源", "{{ x.source }}", 28)]),
        w.p("标注【建议】的条目由 zhengai 按红色预警自动生成，须由部门确认原因与措施后写入改进记录（kind: improvements）。")))
    w.h1("九、上一轮改进措施落实情况")
    w.empty_or("r.last_round", "没有上一轮改进记录。", lambda: w.table("x in r.last_round", [
        Col("序号", "{{ x.no }}", 8, center=True), Col("问题", "{{ x.problem }}", 30),
        Col("改进措施", "{{ x.measure }}", 34), Col("责任", "{{ x.owner }}", 14),
        Col("时间节点", "{{ x.time_node }}", 14, center=True), Col("落实情况", "{{ x.status }}", 18),
        Col("佐证", "{{ x.evidence }}", 18), Col("来源", "{{ x.source }}", 26)]))
    w.tag("if r.adjustments")
    w.p("目标调整与标准修订落实情况：")
    w.table("a in r.adjustments", [
        Col("序号", "{{ a.no }}", 8, center=True), Col("对象", "{{ a.subject }}", 28),
        Col("调整内容", "{{ a.change }}", 28), Col("理由", "{{ a.reason }}", 34),
        Col("执行年度", "{{ a.effective }}", 14, center=True), Col("落实情况", "{{ a.state }}", 20),
        Col("来源", "{{ a.source }}", 26)])
    w.tag("endif")
    w.closing()
    return w


TEMPLATES = {"diagnosis": diagnosis_template}
"""Template id → its builder (the file is ``templates/<id>.docx``)."""

__all__ = ["TEMPLATES", "diagnosis_template"]
