"""The default 部门月度工作报表 templates (``templates/monthly.docx`` and ``monthly-college.docx``)."""

from __future__ import annotations

from zhengai.render.word.writer import Col, Writer


def monthly_template() -> Writer:
    """一个部门的月度工作报表."""
    w = Writer()
    w.cover()
    w.h1("一、本月概况")
    w.bullets("r.summary")
    w.h1("二、本月到期任务")
    w.empty_or("r.this_month", "本月没有到期的任务。", lambda: w.table("t in r.this_month", [
        Col("序号", "{{ t.no }}", 6, center=True), Col("任务", "{{ t.title }}", 46),
        Col("类别", "{{ t.cls }}", 8, center=True), Col("时间节点", "{{ t.due_cn }}", 18, center=True),
        Col("状态", "{{ t.state }}", 12, center=True), Col("进度", "{{ t.progress_text }}", 10, center=True)]))
    w.h1("三、下月到期任务")
    w.empty_or("r.next_month_tasks", "{{ r.next_month }}没有尚未完成的到期任务。", lambda: w.table(
        "t in r.next_month_tasks", [
            Col("序号", "{{ t.no }}", 6, center=True), Col("任务", "{{ t.title }}", 52),
            Col("类别", "{{ t.cls }}", 8, center=True), Col("时间节点", "{{ t.due_cn }}", 18, center=True),
            Col("当前进度", "{{ t.progress_text }}", 12, center=True)]))
    w.h1("四、本月工作进展")
    w.empty_or("r.progress", "本月没有报告任务进度。", lambda: w.table("u in r.progress", [
        Col("序号", "{{ u.no }}", 6, center=True), Col("日期", "{{ u.date_cn }}", 16, center=True),
        Col("任务", "{{ u.title }}", 40), Col("进度", "{{ u.progress_text }}", 10, center=True),
        Col("进展说明", "{{ u.note }}", 30)]))
    w.h1("五、一页纸计划执行情况")
    w.empty_or("r.schedule", "本年度没有一页纸计划任务。", lambda: (
        w.table("s in r.schedule", [
            Col("序号", "{{ s.no }}", 6, center=True), Col("主要任务", "{{ s.title }}", 26),
            Col("计划月份", "{{ s.planned }}", 22, center=True), Col("实施月份", "{{ s.actual }}", 22, center=True),
            Col("应完成", "{{ s.expected_text }}", 12, center=True),
            Col("实际进度", "{{ s.progress_text }}", 12, center=True),
            Col("状态", "{{ s.state }}", 14, "s.fill", True)]),
        w.p("实际进度取填报进度与已实施月份占计划月份比例中的较大者。")))
    w.h1("六、本月新增预警")
    w.empty_or("r.alerts", "本月没有新增预警。", lambda: w.table("a in r.alerts", [
        Col("序号", "{{ a.no }}", 6, center=True), Col("级别", "{{ a.level_name }}", 8, "a.fill", True),
        Col("类型", "{{ a.kind_name }}", 12, center=True), Col("对象", "{{ a.name }}", 28),
        Col("说明", "{{ a.message }}", 50)]))
    w.h1("七、须落实的改进措施")
    w.empty_or("r.measures", "本月及下月没有到期的改进措施。", lambda: w.table("m in r.measures", [
        Col("序号", "{{ m.no }}", 6, center=True), Col("问题", "{{ m.problem }}", 30),
        Col("改进措施", "{{ m.measure }}", 38), Col("时间节点", "{{ m.due_cn }}", 18, center=True),
        Col("状态", "{{ m.state }}", 12, center=True)]))
    w.closing()
    return w


def monthly_college_template() -> Writer:
    """部门月度工作报表汇总."""
    w = Writer()
    w.cover()
    w.h1("一、全校概况")
    w.bullets("r.summary")
    w.h1("二、各部门本月工作情况")
    w.table("d in r.departments", [
        Col("序号", "{{ d.no }}", 6, center=True), Col("部门", "{{ d.name }}", 30),
        Col("到期", "{{ d.due }}", 8, center=True), Col("完成", "{{ d.done }}", 8, center=True),
        Col("完成率", "{{ d.rate_text }}", 10, center=True), Col("下月", "{{ d.next }}", 8, center=True),
        Col("报告", "{{ d.updates }}", 8, center=True), Col("落后", "{{ d.behind }}", 8, center=True),
        Col("预警", "{{ d.alerts }}", 8, center=True), Col("措施", "{{ d.measures }}", 8, center=True)])
    w.p("注：到期、完成为本月到期的任务数及其中已完成数；下月为下月到期且尚未完成的任务数；报告为本月进度报告次数；"
        "落后为一页纸计划进度落后的任务数；预警为本月新增预警数；措施为须落实的改进措施数。")
    w.chart("departments")
    w.h1("三、本月新增红色预警")
    w.empty_or("r.red_alerts", "本月没有新增红色预警。", lambda: (
        w.table("a in r.red_alerts", [
            Col("序号", "{{ a.no }}", 6, center=True), Col("类型", "{{ a.kind_name }}", 12, center=True),
            Col("对象", "{{ a.name }}", 30), Col("说明", "{{ a.message }}", 50), Col("责任单位", "{{ a.unit }}", 16)]),
        w.tag("if r.red_more"), w.p("另有 {{ r.red_more }} 条，见各部门月度工作报表。"), w.tag("endif")))
    w.closing()
    return w


TEMPLATES = {"monthly": monthly_template, "monthly-college": monthly_college_template}
"""Template id → its builder (the file is ``templates/<id>.docx``)."""

__all__ = ["TEMPLATES", "monthly_college_template", "monthly_template"]
