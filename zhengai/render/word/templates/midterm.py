"""The default 中期检查报告 template (``templates/mid-term.docx``)."""

from __future__ import annotations

from zhengai.render.word.templates.diagnosis import appendix
from zhengai.render.word.writer import Col, Writer


def midterm_template() -> Writer:
    """中期检查报告."""
    w = Writer()
    w.cover()
    w.h1("一、总体进展")
    w.bullets("r.summary")
    w.h1("二、各部门任务进展")
    w.table("d in r.departments", [
        Col("序号", "{{ d.no }}", 8, center=True), Col("部门", "{{ d.name }}", 26),
        Col("到期", "{{ d.completion.due }}", 10, center=True), Col("完成", "{{ d.completion.done }}", 10, center=True),
        Col("完成率", "{{ d.completion.rate_text }}", 14, center=True), Col("进度落后", "{{ d.behind }}", 12, center=True),
        Col("逾期", "{{ d.overdue }}", 10, center=True), Col("红色预警", "{{ d.red }}", 12, center=True),
        Col("综合达成度", "{{ d.score_text }}", 16, "d.fill", True)])
    w.chart("departments")
    w.h1("三、进度落后与逾期任务")
    w.empty_or("r.behind", "没有进度落后或逾期的任务。", lambda: (
        w.table("a in r.behind", [
            Col("序号", "{{ a.no }}", 6, center=True), Col("级别", "{{ a.level_name }}", 8, "a.fill", True),
            Col("类型", "{{ a.kind_name }}", 12, center=True), Col("任务", "{{ a.name }}", 30),
            Col("说明", "{{ a.message }}", 50), Col("责任单位", "{{ a.unit }}", 14)]),
        w.tag("if r.behind_more"), w.p("另有 {{ r.behind_more }} 项，见各部门自我诊改报告。"), w.tag("endif")))
    w.h1("四、年内待完成任务")
    w.p("基准日之后、年底之前到期且尚未完成的任务如下。")
    w.empty_or("r.upcoming", "年底前没有尚未完成的到期任务。", lambda: (
        w.table("u in r.upcoming", [
            Col("序号", "{{ u.no }}", 6, center=True), Col("任务", "{{ u.title }}", 52),
            Col("责任部门", "{{ u.owner }}", 20), Col("时间节点", "{{ u.due }}", 16, center=True),
            Col("当前进度", "{{ u.progress_text }}", 12, center=True)]),
        w.tag("if r.upcoming_more"), w.p("另有 {{ r.upcoming_more }} 项。"), w.tag("endif")))
    w.h1("五、五横层面当前达成度")
    w.table("n in r.levels", [
        Col("层面", "{{ n.name }}", 16, center=True), Col("达成度", "{{ n.score_text }}", 16, "n.fill", True),
        Col("档次", "{{ n.band }}", 14, center=True), Col("覆盖", "{{ n.coverage }}", 16, center=True)])
    w.chart("levels")
    w.h1("六、下一步工作要求")
    w.bullets("r.next_steps")
    w.closing()
    appendix(w)
    return w


TEMPLATES = {"mid-term": midterm_template}
"""Template id → its builder (the file is ``templates/<id>.docx``)."""

__all__ = ["TEMPLATES", "midterm_template"]
