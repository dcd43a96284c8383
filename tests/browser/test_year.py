"""The branch's year as a member sees it, from file:// and http://: plan tasks that follow
what the member studied and passed, overdue by the reader's clock, the study record with its
totals, CSV and JSON export and import on a fresh profile, the .ics calendars, downloads,
print media, and axe on every new page."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import icalendar
import pytest
from dangjian.content.model import parse_material

from .members import follow
from .test_a11y import axe_violations
from .test_quiz import BANKS, answer

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
PLAN = "plans/2026/2026-11-12.html"
SHOTS = Path("/tmp") / "dangjian-year-shots"


def on(page, day: str) -> None:
    """Freeze the reader's clock at noon of `day` (YYYY-MM-DD, local time)."""
    page.clock.set_fixed_time(f"{day}T12:00:00")


def material(src: str):
    path = ROOT / "content" / src
    found, errors = parse_material(str(path), src, path.read_text("utf-8"), "t")
    assert found, errors
    return found


def mark_studied(page, site, src: str) -> None:
    page.goto(site.url(src.replace(".md", ".html")))
    page.get_by_role("button", name="标记为已学").click()
    page.get_by_role("button", name="已学 ✓（再点一次取消）").wait_for()


def pass_exam(page, site, bank: str) -> None:
    """Take the bank's exam on its page and answer every question rightly."""
    page.goto(site.url(f"quizzes/{bank}.html"))
    page.locator('[data-action="exam"]').click()
    for number in range(len(BANKS[bank])):
        answer(page)
        if number + 1 < len(BANKS[bank]):
            page.locator('[data-action="next"]').click()
    page.locator('[data-action="submit-exam"]').click()
    confirm = page.locator('[data-action="confirm-submit"]')
    if confirm.count():
        confirm.click()
    assert page.locator(".dj-quiz__pass").inner_text().startswith("✓ 及格")


def states(page) -> list[str]:
    return page.locator(".dj-plan-item").evaluate_all(
        "items => items.map(i => i.getAttribute('data-dj-state'))"
    )


def no_junk(page) -> None:
    text = page.locator("body").inner_text()
    for junk in ("[object", "undefined", "NaN"):
        assert junk not in text


def test_plan_tasks_follow_studied_materials_and_passed_exams(page, site) -> None:
    on(page, "2026-11-10")
    page.goto(site.url(PLAN))
    assert states(page) == ["todo"] * 7
    first = page.locator(".dj-plan-item").first
    assert "未完成" in first.locator(".dj-plan-state").inner_text()
    assert page.locator(".dj-plan-progress").inner_text() == "完成 0/7 项任务"

    mark_studied(page, site, "study/dangzhang/zonggang.md")
    pass_exam(page, site, "dangzhang-jichu")
    page.goto(site.url(PLAN))
    assert states(page) == ["done", "todo", "todo", "done", "todo", "todo", "todo"]
    assert first.locator(".dj-plan-state").inner_text() == "已完成 ✓（2026-11-10）"
    assert "已完成 ✓" in page.locator(".dj-plan-item").nth(3).inner_text()

    # A free-text task is ticked by the member; a topic counts when all its materials are
    page.locator(".dj-plan-item").nth(4).get_by_role("button", name="标记为已完成").click()
    topic = sorted((ROOT / "content/study/baomi").glob("*.md"))
    for path in topic:
        mark_studied(page, site, f"study/baomi/{path.name}")
    page.goto(site.url("index.html"))  # 本月学习任务 on the home page shows the same
    home = page.locator(".dj-home-plans")
    assert home.locator(".dj-plan-progress").inner_text() == "完成 4/7 项任务"
    assert home.locator(".dj-plan-progress progress").get_attribute("value") == "4"
    assert f"已学 {len(topic)}/{len(topic)} 篇" not in home.inner_text()  # done: no count
    no_junk(page)


def test_overdue_by_the_readers_clock(page, site) -> None:
    on(page, "2026-11-14")
    page.goto(site.url(PLAN))
    assert states(page)[0] == "todo"
    on(page, "2026-11-16")
    page.reload()
    assert states(page)[0] == "overdue"
    assert page.locator(".dj-plan-item").first.locator(".dj-plan-state").inner_text() == "已逾期 ✗"
    on(page, "2026-12-29")
    page.reload()
    # Everything is past due except the optional material due on the 31st
    assert states(page) == ["overdue"] * 5 + ["todo", "overdue"]
    quiz = page.locator(".dj-plan-item").nth(3).locator(".dj-plan-state").inner_text()
    assert quiz == "已逾期 ✗，尚未考试"
    no_junk(page)
    # Months later the ended plan leaves 本月学习任务 on the home page
    page.goto(site.url("index.html"))
    assert page.locator(".dj-home-plans .dj-plan").is_visible()
    on(page, "2027-01-01")
    page.reload()
    assert not page.locator(".dj-home-plans .dj-plan").is_visible()
    assert page.locator(".dj-home-plans .dj-none").inner_text() == "当前没有学习计划。"


def take_paper(page, site, right: bool) -> list[str]:
    """Open the plan's random paper from its task link and answer all rightly or all wrongly;
    the ids of the questions it asked, in order."""
    page.goto(site.url(PLAN))
    page.locator(".dj-plan-item").nth(6).locator("a", has_text="党章和保密知识综合测试").click()
    assert page.url.endswith("plans/2026/2026-11-12/paper-7.html")
    meta = page.locator(".dj-quiz__meta").inner_text()
    assert "共 5 题" in meta and "及格线 80 分" in meta
    page.locator('[data-action="exam"]').click()
    asked = []
    for number in range(5):
        asked.append(page.locator("fieldset.dj-quiz__question").last.get_attribute("data-id"))
        answer(page, right)
        if number < 4:
            page.locator('[data-action="next"]').click()
    page.locator('[data-action="submit-exam"]').click()
    confirm = page.locator('[data-action="confirm-submit"]')
    if confirm.count():
        confirm.click()
    verdict = page.locator(".dj-quiz__pass").inner_text()
    assert verdict.startswith("✓ 及格" if right else "✗ 未及格") and "及格线 80 分" in verdict
    return asked


def test_paper_task_is_done_only_after_passing_that_paper(page, site) -> None:
    on(page, "2026-11-20")
    pass_exam(page, site, "dangzhang-jichu")  # a bank's own exam is not the plan's paper
    page.goto(site.url(PLAN))
    paper = page.locator(".dj-plan-item").nth(6)
    assert states(page)[6] == "todo"
    assert paper.locator(".dj-plan-state").inner_text() == "未完成，尚未考试"

    first = take_paper(page, site, right=False)
    page.goto(site.url(PLAN))
    assert states(page)[6] == "todo"
    assert paper.locator(".dj-plan-state").inner_text() == "未完成，最好成绩 0 分"
    assert page.locator(".dj-plan-progress").inner_text() == "完成 1/7 项任务"

    on(page, "2026-11-21")
    second = take_paper(page, site, right=True)
    assert second == first  # the same paper each time: banks, draw and seed fix it
    assert len(set(first)) == 5
    page.goto(site.url(PLAN))
    assert states(page)[6] == "done"
    assert paper.locator(".dj-plan-state").inner_text() == "已完成 ✓（2026-11-21）"
    assert page.locator(".dj-plan-progress").inner_text() == "完成 2/7 项任务"
    no_junk(page)

    # The record lists the paper by its title with its best score
    page.goto(site.url("record.html"))
    rows = page.locator("table", has_text="自测考试成绩").locator("tbody tr")
    row = rows.filter(has_text="党章和保密知识综合测试")
    assert row.inner_text().split("\t")[1:] == ["2", "100 分", "2026-11-21", "及格"]
    no_junk(page)


def record_numbers(page) -> str:
    return page.locator(".dj-record-summary").inner_text()


def test_record_page_totals_per_year_topic_and_plan(page, site) -> None:
    studied = {
        "2025-12-01": ["study/dangshi/zunyi.md"],
        "2026-11-10": ["study/dangzhang/zonggang.md", "study/baomi/baomi-shouze.md"],
    }
    for day, sources in studied.items():
        on(page, day)
        for src in sources:
            mark_studied(page, site, src)
    pass_exam(page, site, "zuzhi-baomi")
    page.goto(site.url("record.html"))
    page.emulate_media(media="print")  # one A4 page per year: each year after the first breaks
    breaks = page.locator(".dj-record-year").evaluate_all(
        "s => s.map(x => getComputedStyle(x).breakBefore)"
    )
    assert breaks == ["auto", "page"]
    page.emulate_media(media="screen")
    hours = {day: sum(material(s).hours or 0 for s in srcs) for day, srcs in studied.items()}
    total = hours["2025-12-01"] + hours["2026-11-10"]
    assert record_numbers(page) == f"共学习资料 3 篇，合计 {total:g} 学时；考试 1 次；错题本 0 题。"
    years = page.locator(".dj-record-year")
    assert years.evaluate_all("s => s.map(x => x.dataset.djYear)") == ["2026", "2025"]
    assert (
        years.first.locator(".dj-record-year-total").inner_text()
        == f"2026 年共学习资料 2 篇，合计 {hours['2026-11-10']:g} 学时。"
    )
    topics = years.first.locator("table", has_text="按专题合计").locator("tbody tr")
    assert topics.count() == 2
    exam = years.first.locator("table", has_text="自测考试成绩").locator("tbody tr")
    assert exam.inner_text().split("\t")[2:] == ["100 分", "2026-11-10", "及格"]
    plan = page.locator("table", has_text="学习计划完成情况").locator("tbody tr").first
    cells = plan.locator("td").all_inner_texts()
    assert cells[0] == "2026 年 11—12 月学习计划"
    # zonggang and baomi-shouze are both in the plan (one as a material, one via its topic)
    assert cells[1:] == ["1/7", "2 篇", f"{hours['2026-11-10']:g}"]
    assert "不会发送到任何地方" in page.locator(".dj-record-privacy").inner_text()
    no_junk(page)


def test_csv_export_is_utf8_with_bom(page, site, tmp_path) -> None:
    on(page, "2026-11-10")
    mark_studied(page, site, "study/dangzhang/zonggang.md")
    page.goto(site.url("record.html"))
    with page.expect_download() as info:
        page.get_by_role("button", name="导出 Excel 表格（CSV）").click()
    download = info.value
    assert download.suggested_filename == "学习记录-2026-11-10.csv"
    data = Path(download.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    title = material("study/dangzhang/zonggang.md")
    assert rows[0] == ["类别", "日期", "名称", "专题或题库", "学时", "成绩"]
    assert rows[1] == [
        "学习资料",
        "2026-11-10",
        title.title,
        "党章党规",
        f"{title.hours or 0:g}",
        "",
    ]


def fresh_page(browser, site):
    """A second browser profile (another device), failing on errors like the `page` fixture."""
    context = browser.new_context(locale="zh-CN")
    errors: list[str] = []
    context.on("request", lambda r: None if site.is_inside(r.url) else errors.append(r.url))
    tab = context.new_page()
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    return context, tab, errors


def test_json_export_then_import_on_a_fresh_profile_merges(page, site, browser, tmp_path) -> None:
    on(page, "2026-11-10")
    mark_studied(page, site, "study/dangzhang/zonggang.md")
    page.goto(site.url(PLAN))
    page.locator(".dj-plan-item").nth(4).get_by_role("button", name="标记为已完成").click()
    page.goto(site.url("record.html"))
    with page.expect_download() as info:
        page.get_by_role("button", name="导出备份（JSON）").click()
    exported = tmp_path / "record.json"
    info.value.save_as(exported)
    data = json.loads(exported.read_text("utf-8"))
    assert data["format"] == "dangjian-record"
    assert list(data["progress"]["done"]) == ["study/dangzhang/zonggang"]

    context, other, errors = fresh_page(browser, site)
    try:
        on(other, "2026-11-12")
        mark_studied(other, site, "study/dangshi/zunyi.md")  # this device's own entry
        other.goto(site.url("record.html"))
        for round_number in (1, 2):
            with other.expect_file_chooser() as chooser:
                other.get_by_role("button", name="导入备份（JSON）").click()
            chooser.value.set_files(str(exported))
            status = other.locator(".dj-record-tools [role=status]")
            added = "1" if round_number == 1 else "0"
            status.filter(has_text=f"新增已学资料 {added} 篇").wait_for()
            assert f"完成任务 {added} 项" in status.inner_text()
        assert record_numbers(other).startswith("共学习资料 2 篇")
        other.goto(site.url(PLAN))
        assert states(other)[0] == "done" and states(other)[4] == "done"
        assert errors == []
    finally:
        context.close()


def test_ics_downloads_parse(page, site) -> None:
    page.goto(site.url("events/2026/dangke-q4.html"))
    with page.expect_download() as info:
        page.get_by_role("link", name="加入我的日历（.ics）").click()
    assert info.value.suggested_filename == "dangke-q4.ics"
    cal = icalendar.Calendar.from_ical(Path(info.value.path()).read_bytes())
    (event,) = cal.walk("VEVENT")
    assert str(event["SUMMARY"]) == "专题党课：学习贯彻党的二十大精神"
    assert event.decoded("DTSTART").isoformat() == "2026-12-18T15:00:00+08:00"
    page.goto(site.url("events/index.html"))
    with page.expect_download() as info:
        page.get_by_role("link", name="订阅全部活动（.ics）").click()
    whole = icalendar.Calendar.from_ical(Path(info.value.path()).read_bytes())
    assert len(whole.walk("VEVENT")) == 10
    assert [str(z["TZID"]) for z in whole.walk("VTIMEZONE")] == ["Asia/Shanghai"]


def test_calendar_follows_the_readers_clock(page, site) -> None:
    on(page, "2026-12-15")
    page.goto(site.url("events/index.html"))
    upcoming = page.locator("[data-dj-upcoming] .dj-event-item")
    visible = [i.locator(".dj-event-title").inner_text() for i in upcoming.all() if i.is_visible()]
    assert visible == ["专题党课：学习贯彻党的二十大精神", "第一党小组 1 月学习会"]
    no_junk(page)
    page.goto(site.url("events/calendar.html"))
    today = page.locator('td[aria-current="date"]')
    assert today.get_attribute("data-dj-date") == "2026-12-15"
    no_junk(page)
    page.goto(site.url("events/2026/dangyuan-dahui-q4.html"))
    assert page.locator(".dj-event-over").is_visible()
    page.goto(site.url("events/2026/dangke-q4.html"))
    assert not page.locator(".dj-event-over").is_visible()


def test_downloads_filter_by_category_and_year(page, site) -> None:
    page.goto(site.url("downloads.html"))
    rows = page.locator("table.dj-downloads tbody tr")
    total = rows.count()
    assert page.locator(".dj-downloads-count").inner_text() == f"显示 {total} / {total} 个文件"
    no_junk(page)
    page.get_by_label("类别").select_option("组织生活")
    assert page.locator(".dj-downloads-count").inner_text() == f"显示 3 / {total} 个文件"
    assert all(r.inner_text().split("\t")[2] == "组织生活" for r in rows.all() if r.is_visible())
    years = page.get_by_label("年份").locator("option").all_inner_texts()
    assert years == ["全部", "2026"]
    page.get_by_label("年份").select_option("2026")
    page.get_by_label("类别").select_option("通知")
    notices = page.locator('tr[data-dj-category="通知"]').count()
    assert 0 < notices < total
    assert page.locator(".dj-downloads-count").inner_text() == f"显示 {notices} / {total} 个文件"
    with page.expect_download() as info:
        page.get_by_label("类别").select_option("")
        page.get_by_label("年份").select_option("")
        page.get_by_role("link", name="民主评议党员测评表").click()
    assert Path(info.value.path()).read_bytes().startswith(b"\xef\xbb\xbf")


def test_pages_read_without_javascript(browser, site) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(site.url("events/calendar.html"))
        assert tab.locator("table.dj-calendar").count() == 5
        tab.goto(site.url("downloads.html"))
        assert tab.locator("table.dj-downloads tbody tr").count() == 6
        tab.goto(site.url(PLAN))
        assert tab.locator(".dj-plan-item").count() == 7
        tab.goto(site.url("record.html"))
        assert "需要启用 JavaScript" in tab.locator(".dj-record").inner_text()
    finally:
        context.close()


def test_print_media_record_and_topic(page, site) -> None:
    SHOTS.mkdir(exist_ok=True)
    on(page, "2026-11-10")
    mark_studied(page, site, "study/dangzhang/zonggang.md")
    page.goto(site.url("record.html"))
    page.locator("#dj-record-name").fill("张三")
    page.emulate_media(media="print")
    page.screenshot(path=str(SHOTS / f"record-{site.mode}.png"), full_page=True)
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".dj-record-tools").is_visible()
    assert page.locator("#dj-record-name").input_value() == "张三"
    assert page.locator(".dj-record-year .dj-record-print-name").inner_text() == "姓名：张三"
    # The name is kept nowhere: not in storage, not after a reload
    assert "张三" not in page.evaluate("JSON.stringify(localStorage)")
    page.reload()
    assert page.locator("#dj-record-name").input_value() == ""

    page.emulate_media(media="screen")
    page.goto(site.url("study/dangshi/index.html"))
    follow(page, page.get_by_role("link", name="打印本专题"))
    page.emulate_media(media="print")
    materials = page.locator(".dj-print-material")
    assert materials.count() == len(list((ROOT / "content/study/dangshi").glob("*.md")))
    page.screenshot(path=str(SHOTS / f"topic-{site.mode}.png"), full_page=True)
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert materials.nth(1).evaluate("s => getComputedStyle(s).breakBefore") == "page"


def test_qr_code_only_on_paper(page, site) -> None:
    page.goto(site.url("events/2026/dangke-q4.html"))
    qr = page.locator(".dj-qr")
    assert not qr.is_visible()
    page.emulate_media(media="print")
    assert qr.is_visible()
    assert "https://dangjian.example.org/events/2026/dangke-q4.html" in qr.inner_text()


@pytest.mark.parametrize(
    "path",
    [
        "events/index.html",
        "events/calendar.html",
        "events/archive/2026.html",
        "events/2026/dangyuan-dahui-q4.html",
        "plans/index.html",
        PLAN,
        "record.html",
        "downloads.html",
        "study/dangshi/print.html",
        "index.html",
    ],
)
def test_axe_clean(page, site, path: str) -> None:
    on(page, "2026-11-20")
    if path == "record.html":
        mark_studied(page, site, "study/dangzhang/zonggang.md")
    page.goto(site.url(path))
    page.wait_for_load_state("load")
    assert axe_violations(page) == []


@pytest.mark.parametrize(
    "path",
    ["index.html", PLAN, "record.html", "events/2026/dangke-q4.html", "study/dangshi/index.html"],
)
def test_axe_clean_in_the_dark_scheme(page, site, path: str) -> None:
    on(page, "2026-11-20")
    page.goto(site.url(path))
    page.get_by_title("切换到深色模式").click()
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    assert axe_violations(page) == []


def test_phone_width_has_no_sideways_scroll(page, site) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    for path in ("events/calendar.html", "downloads.html", PLAN, "record.html", "index.html"):
        page.goto(site.url(path))
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, path
