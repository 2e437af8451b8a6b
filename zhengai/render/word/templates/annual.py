"""The default 质量年度报告 templates: the college's (``annual.docx``) and a level's (``annual-level.docx``).

Official documents: names, units and comparisons; sources, ids, the cross-table check findings
and the formulas are in the working editions (``annual.audit.md.j2``, ``annual-level.audit.md.j2``).
"""

from __future__ import annotations

from collections.abc import Callable

from zhengai.render.word.templates.diagnosis import appendix
from zhengai.render.word.writer import Col, Writer


def _dims(w: Writer, standards: str, with_last: bool) -> Writer:
    """Per standard: a （n） heading and a table of its dimensions."""
    w.tag(f"for s in {standards} if s.score is not none")
    w.h2("（{{ loop.index|cn }}）{{ s.name }}")
    w.p("达成度 {{ s.score_text }}（{{ s.band }}）" + ("，上年 {{ s.last_text }}，年度增量：{{ s.delta_text }}" if with_last else "")
        + "；质控点覆盖 {{ s.coverage }}。")
    cols = [Col("维度", "{{ d.name }}", 22), Col("达成度", "{{ d.score_text }}", 14, "d.fill", True),
            Col("档次", "{{ d.band }}", 12, center=True)]
    if with_last:
        cols += [Col("上年", "{{ d.last_text }}", 12, center=True), Col("年度增量", "{{ d.delta_text }}", 18)]
    cols += [Col("各标准项达成度", "{{ d.item_scores }}", 50)]
    w.table("d in s.dimensions", cols)
    return w.tag("endfor")



def _measures(w: Writer) -> Writer:
    """主要指标年度变化 by name, with the legend for the cells without a value."""
    w.table("m in r.measures", [
        Col("指标", "{{ m.name }}", 40), Col("上年", "{{ m.last_text }}", 16, center=True),
        Col("本年", "{{ m.now_text }}", 16, center=True), Col("变化", "{{ m.delta_text }}", 20, center=True),
        Col("目标", "{{ m.target_text }}", 14, center=True), Col("达成度", "{{ m.score_text }}", 18, "m.fill", True)])
    return w.p("表中“—”表示该年度尚无观测数据或无可比数据。")


def section(w: Writer, key: str, data: Callable[[], object] | None = None) -> None:
    """One part of a report: its numbered heading, the authored text (a subdocument) or else the
    paragraphs generated from the data, then ``data`` (its tables and charts); nothing when the
    part has neither text nor data (``show`` false: no empty heading)."""
    s = f"r.sections.{key}"
    w.tag(f"if {s}.show")
    w.h1(f"{{{{ {s}.heading }}}}")
    w.tag(f"if {s}.authored")
    w.p(f"{{{{p {s}.authored.word }}}}")
    w.tag("else")
    w.tag(f"for t in {s}.paragraphs")
    w.p("{{ t }}")
    w.tag("endfor")
    w.tag("endif")
    if data is not None:
        data()
    w.tag("endif")


def authored(w: Writer, key: str) -> None:
    """The authored text of part ``key`` (when there is one), placed below its heading."""
    w.tag(f"if r.sections.{key}.authored")
    w.p(f"{{{{p r.sections.{key}.authored.word }}}}")
    w.tag("endif")


def _caption(w: Writer, text: str) -> Writer:
    """A table's title above it (the figures' style)."""
    w.p(text, "Caption")
    return w


def _programs(w: Writer) -> None:
    w.tag("if r.programs")
    _caption(w, "各专业达成情况")
    w.table("u in r.programs.rows", [
        Col("序号", "{{ u.no }}", 8, center=True), Col("专业", "{{ u.name }}", 36),
        Col("所属二级学院", "{{ u.department }}", 26), Col("达成度", "{{ u.score_text }}", 14, "u.fill", True),
        Col("档次", "{{ u.band }}", 12, center=True)])
    w.tag("endif")


def _support(w: Writer) -> None:
    """发展保障's data: the levels, the departments, the standards and the school's indicators."""
    _caption(w, "五横层面达成度与年度增量")
    w.table("n in r.levels", [
        Col("层面", "{{ n.name }}", 14, center=True), Col("达成度", "{{ n.score_text }}", 14, "n.fill", True),
        Col("档次", "{{ n.band }}", 12, center=True), Col("上年", "{{ n.last_text }}", 14, center=True),
        Col("年度增量", "{{ n.delta_text }}", 20, center=True)])
    w.chart("levels")
    w.chart("trend")
    _caption(w, "各部门诊改情况")
    w.table("d in r.departments", [
        Col("序号", "{{ d.no }}", 8, center=True), Col("部门", "{{ d.name }}", 24), Col("类型", "{{ d.type }}", 14),
        Col("完成率", "{{ d.completion.rate_text }}", 14, center=True),
        Col("综合达成度", "{{ d.score_text }}", 16, "d.fill", True), Col("档次", "{{ d.band }}", 12, center=True),
        Col("红色预警", "{{ d.red }}", 12, center=True), Col("黄色预警", "{{ d.yellow }}", 12, center=True)])
    w.chart("departments")
    w.tag("if r.standards")
    _caption(w, "各层面标准达成度")
    w.table("s in r.standards", [
        Col("序号", "{{ s.no }}", 8, center=True), Col("标准", "{{ s.name }}", 40),
        Col("层面", "{{ s.level }}", 10, center=True), Col("达成度", "{{ s.score_text }}", 14, "s.fill", True),
        Col("上年", "{{ s.last_text }}", 14, center=True), Col("年度增量", "{{ s.delta_text }}", 20)])
    w.chart("standards")
    w.tag("endif")
    w.tag("if r.measures")
    _caption(w, "学校层面主要指标年度变化")
    _measures(w)
    w.tag("endif")


def _challenges(w: Writer) -> None:
    w.tag("if r.red_alerts")
    w.p("截至基准日，各部门须纳入下一轮改进的红色预警共 {{ r.red_total }} 条{% if r.red_more %}，列出前 "
        "{{ r.red_alerts|length }} 条{% endif %}，见下表。")
    _caption(w, "须纳入下一轮改进的红色预警")
    w.table("a in r.red_alerts", [
        Col("序号", "{{ a.no }}", 8, center=True), Col("责任单位", "{{ a.unit }}", 16),
        Col("类型", "{{ a.kind_name }}", 14, center=True), Col("对象", "{{ a.name }}", 36),
        Col("说明", "{{ a.message }}", 56)])
    w.tag("if r.red_more")
    w.p("另有 {{ r.red_more }} 条红色预警，见各部门自我诊改报告。")
    w.tag("endif")
    w.tag("endif")


def national_tables(w: Writer) -> None:
    """附件1—5: the five national tables, each on from the 附件 page."""
    w.p("附件", "Heading 1", page_break=True)
    w.p("以下五张表按全国高等职业院校质量年度报告要求填报，“增量”为与上年同表的差值。")
    w.tag("for t in r.tables")
    w.h2("附件{{ loop.index }}　{{ t.name }}")
    w.empty_or("t.present", "本年度未填报。", lambda: (
        w.table("x in t.rows", [
            Col("序号", "{{ x.no }}", 8, center=True), Col("项目", "{{ x.name }}", 60),
            Col("单位", "{{ x.unit }}", 12, center=True), Col("本年", "{{ x.now_text }}", 18, center=True),
            Col("上年", "{{ x.last_text }}", 18, center=True), Col("增量", "{{ x.delta_text }}", 20, center=True)]),))
    w.tag("endfor")


def annual_template() -> Writer:
    """学院质量年度报告 in the national structure: the authored or generated parts, 附件 and 附录."""
    w = Writer()
    w.cover()
    w.p("本报告按全国高等职业院校质量年度报告的要求编制，数据截至{{ doc.as_of_cn }}，与上年同期（{{ r.last_year }}年）比较。")
    section(w, "overview")
    section(w, "students")
    section(w, "teaching", lambda: _programs(w))
    section(w, "service")
    section(w, "culture")
    section(w, "international")
    section(w, "industry")
    section(w, "support", lambda: _support(w))
    section(w, "challenges", lambda: _challenges(w))
    section(w, "cases")
    w.closing()
    national_tables(w)
    appendix(w)
    return w


def _units(w: Writer) -> None:
    """各专业（课程）达成情况: the distribution over the level's units, when it is scored per unit."""
    w.tag("if r.units")
    w.h2("各{{ r.units.kind_name }}达成情况")
    w.p("{{ r.units.sentence }}")
    w.table("u in r.units.rows", [
        Col("序号", "{{ u.no }}", 8, center=True), Col("{{ r.units.kind_name }}", "{{ u.name }}（{{ u.id }}）", 44),
        Col("所属二级学院", "{{ u.department }}", 26), Col("达成度", "{{ u.score_text }}", 14, "u.fill", True),
        Col("档次", "{{ u.band }}", 12, center=True), Col("质控点覆盖", "{{ u.coverage }}", 16, center=True)])
    w.tag("for x in r.units.walk")
    w.p("{{ x.no }}. {{ x.name }}（{{ x.where }}）：{{ x.text }}")
    w.tag("endfor")
    w.tag("if r.units.weakest")
    w.p("各{{ r.units.kind_name }}普遍薄弱的质控点：")
    w.table("x in r.units.weakest", [
        Col("序号", "{{ x.no }}", 8, center=True), Col("质控点", "{{ x.name }}", 60),
        Col("各{{ r.units.kind_name }}平均", "{{ x.mean_text }}", 24, center=True),
        Col("未达到最高档", "{{ x.short }} / {{ x.scored }}", 24, center=True)])
    w.tag("endif")
    w.tag("endif")


def annual_level_template() -> Writer:
    """专业/课程/教师发展/学生全面发展 质量年度报告."""
    w = Writer()
    w.cover()
    w.h1("一、总体情况")
    authored(w, "overall")
    w.bullets("r.summary")
    _units(w)
    w.h1("二、标准达成度与年度增量")
    authored(w, "standards")
    w.empty_or("r.standards", "本层面没有可评分的标准。", lambda: (
        w.chart("standards"), w.chart("levels"), _dims(w, "r.standards", with_last=True)))
    w.h1("三、规划目标达成情况")
    authored(w, "targets")
    w.empty_or("r.targets", "本层面没有规划目标。", lambda: w.table("t in r.targets", [
        Col("序号", "{{ t.no }}", 8, center=True), Col("目标", "{{ t.statement }}", 60),
        Col("责任", "{{ t.owner }}", 18), Col("时限", "{{ t.deadline }}", 16, center=True),
        Col("达成度", "{{ t.score_text }}", 14, "t.fill", True), Col("覆盖", "{{ t.coverage }}", 16, center=True)]))
    w.h1("四、主要指标年度变化")
    authored(w, "measures")
    w.empty_or("r.measures", "本层面没有指标与质控点。", lambda: _measures(w))
    w.chart("trend")
    _people_sections(w)
    w.h1("{{ (6 if r.teachers or r.survey else 5)|cn }}、预警与问题")
    authored(w, "alerts")
    w.empty_or("r.alerts", "本层面无预警。", lambda: w.table("a in r.alerts", [
        Col("序号", "{{ a.no }}", 8, center=True), Col("级别", "{{ a.level_name }}", 10, "a.fill", True),
        Col("类型", "{{ a.kind_name }}", 14, center=True), Col("对象", "{{ a.name }}", 34),
        Col("说明", "{{ a.message }}", 56)]))
    w.closing()
    appendix(w)
    return w


def _people_sections(w: Writer) -> None:
    """教师发展概况 (teacher level) and 学生发展自测 (student level), each only when it has data."""
    w.tag("if r.teachers")
    w.h1("五、教师发展概况")
    authored(w, "teachers")
    w.p("全校制定三年发展规划的教师 {{ r.teachers.teachers }} 人，其中“双师型”教师 {{ r.teachers.double_qualified.count }} 人，"
        "占 {{ r.teachers.double_qualified.share_text }}；完成{{ doc.year }}年度自测自诊 {{ r.teachers.self_assessed.count }} 人，"
        "占 {{ r.teachers.self_assessed.share_text }}{% if r.teachers.self_assessed.missing %}（未完成：{{ r.teachers.self_assessed.missing }}）"
        "{% endif %}。{{ doc.year }}年到期发展目标 {{ r.teachers.targets.due }} 项，已完成 {{ r.teachers.targets.done }} 项"
        "（{{ r.teachers.targets.rate_text }}），逾期未完成 {{ r.teachers.targets.overdue }} 项；教师预警红色 "
        "{{ r.teachers.alerts.red }} 条、黄色 {{ r.teachers.alerts.yellow }} 条。")
    w.table("x in r.teachers.tiers", [
        Col("层级", "{{ x.tier }}", 24, center=True), Col("现有人数", "{{ x.count }}", 16, center=True),
        Col("占比", "{{ x.share_text }}", 16, center=True), Col("规划期末目标人数", "{{ x.goal }}", 24, center=True)])
    w.tag("if r.teachers.dimensions")
    w.table("d in r.teachers.dimensions", [
        Col("维度", "{{ d.name }}", 24), Col("平均自评得分", "{{ d.mean_text }}", 18, center=True),
        Col("低于本人层级标准线占比", "{{ d.below_text }}", 24, center=True),
        Col("人数", "{{ d.scored }}", 12, center=True)])
    w.tag("endif")
    w.tag("endif")
    w.tag("if r.survey")
    w.h1("五、学生发展自测")
    authored(w, "survey")
    w.p("{{ r.survey.year }}年按《{{ r.survey.instrument.title }}》开展学生发展自测，"
        "收回答卷 {{ r.survey.respondents }} 份，有效 {{ r.survey.valid }} 份，"
        "因数据质量问题不计入统计 {{ r.survey.excluded }} 份{% if r.survey.quality %}（{% for q in r.survey.quality %}"
        "{{ q.name }} {{ q.count }} 份{% if not loop.last %}、{% endif %}{% endfor %}）{% endif %}。"
        "总分均值 {{ r.survey.overall.mean_text }} 分（标准线 {{ r.survey.overall.line_text }} 分），低于标准线的占 "
        "{{ r.survey.overall.below_text }}；{% if r.survey.weak %}均值低于标准线的维度：{{ r.survey.weak }}。"
        "{% else %}各维度均值均达到标准线。{% endif %}")
    w.tag("if r.survey.previous")
    w.p("与{{ r.survey.previous.year }}年（有效 {{ r.survey.previous.valid }} 份）相比，"
        "总分均值变化 {{ r.survey.overall.delta_text }} 分。")
    w.tag("endif")
    w.table("d in [r.survey.overall] + r.survey.dimensions", [
        Col("维度", "{{ d.name }}", 24), Col("均值", "{{ d.mean_text }}", 14, center=True),
        Col("标准线", "{{ d.line_text }}", 14, center=True), Col("低于标准线占比", "{{ d.below_text }}", 20, center=True),
        Col("上年均值", "{{ d.previous_text }}", 14, center=True), Col("变化", "{{ d.delta_text }}", 14, center=True)])
    w.tag("if r.survey.groups")
    w.table("g in r.survey.groups", [
        Col("分组", "{{ g.label }}", 30), Col("答卷", "{{ g.total }}", 10, center=True),
        Col("有效", "{{ g.valid }}", 10, center=True), Col("总分均值", "{{ g.mean_text }}", 14, center=True),
        Col("总分低于标准线", "{{ g.below_text }}", 18, center=True), Col("薄弱维度", "{{ g.weak }}", 24)])
    w.tag("endif")
    w.tag("endif")


TEMPLATES = {"annual": annual_template, "annual-level": annual_level_template}
"""Template id → its builder (the file is ``templates/<id>.docx``)."""

__all__ = ["TEMPLATES", "annual_level_template", "annual_template"]
