"""The year plugin in a real build of the sample site: generated pages, calendars, checks
with file:line, escaping and the QR codes."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import icalendar
import pytest
from dangjian.site import SiteError, build_site, check_site

ROOT = Path(__file__).resolve().parents[2]
# 2026-11-30 12:00 China time
EPOCH = "1796011200"


def copy_sample(target: Path) -> Path:
    for name in ("content", "theme"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        source = copy_sample(tmp_path_factory.mktemp("year"))
        # An event title that must reach the page as text
        event = source / "content/events/2026/zhiweihui-11.md"
        event.write_text(
            event.read_text("utf-8").replace("title: 11 月支委会", 'title: "11 月支委会 <b>x</b>"'),
            "utf-8",
        )
        # An editor's own page in the events folder is a page, not an event
        (source / "content/events/index.md").write_text(
            "---\ntitle: 组织生活\n---\n支部组织生活安排如下。\n", "utf-8"
        )
        out = source / "build" / "site"
        build_site(source / "mkdocs.yml", out)
        return out


def text(path: Path) -> str:
    return path.read_text("utf-8")


def test_generated_pages_exist(sample: Path) -> None:
    for page in (
        "events/index.html",
        "events/calendar.html",
        "events/archive/2026.html",
        "events/archive/2027.html",
        "plans/index.html",
        "plans/2026/2026-11-12.html",
        "plans/2026/2026-q3.html",
        "record.html",
        "downloads.html",
        "study/dangshi/print.html",
    ):
        assert (sample / page).is_file(), page


def test_whole_calendar_has_every_event(sample: Path) -> None:
    cal = icalendar.Calendar.from_ical((sample / "events/zuzhi-shenghuo.ics").read_bytes())
    events = cal.walk("VEVENT")
    assert len(events) == len(list((ROOT / "content/events").glob("20*/*.md"))) == 10
    kinds = {str(e["CATEGORIES"].cats[0]) for e in events}
    assert {"支部党员大会", "支委会", "党小组会", "党课", "主题党日"} <= kinds
    single = icalendar.Calendar.from_ical((sample / "events/2026/dangke-q4.ics").read_bytes())
    assert [str(e["UID"]) for e in single.walk("VEVENT")] == [
        "events-2026-dangke-q4@dangjian.example.org"
    ]


def test_event_page_shows_facts_ics_link_and_escapes_title(sample: Path) -> None:
    page = text(sample / "events/2026/dangyuan-dahui-q4.html")
    assert "三楼第一会议室" in page and "民主评议党员" in page
    assert 'href="dangyuan-dahui-q4.ics" download type="text/calendar"' in page
    assert "民主评议党员测评表" in page  # attachment
    escaped = text(sample / "events/2026/zhiweihui-11.html")
    assert "<b>x</b>" not in escaped and "&lt;b&gt;x&lt;/b&gt;" in escaped


def test_events_index_lists_upcoming_and_quarter_counts(sample: Path) -> None:
    page = text(sample / "events/index.html")
    assert "支部组织生活安排如下。" in page  # the editor's text, then the listing
    upcoming = page.split('id="dj-upcoming"')[1].split('id="dj-recent"')[0]
    assert upcoming.index("第四季度支部党员大会") < upcoming.index("第一党小组 1 月学习会")
    assert "11 月支委会" not in upcoming
    assert "2026 年第 3 季度" in page and "2026 年第 4 季度（进行中）" in page
    assert "未达要求" in page  # Q3 had one 支委会, three are expected


def test_home_shows_this_months_tasks(sample: Path) -> None:
    page = text(sample / "index.html")
    assert "本月学习任务" in page and "2026 年 11—12 月学习计划" in page
    assert "2026 年第三季度学习计划" not in page  # ended


def test_downloads_lists_notice_and_event_attachments(sample: Path) -> None:
    page = text(sample / "downloads.html")
    rows = re.findall(r'<tr data-dj-category="([^"]+)" data-dj-year="(\d+)">', page)
    categories = {c for c, _ in rows}
    assert "组织生活" in categories and "通知" in categories
    assert len(rows) == 6
    assert 'href="events/attachments/2026-minzhu-pingyi-biao.csv" download' in page


def test_topic_links_its_print_page_with_materials_in_order(sample: Path) -> None:
    topic = text(sample / "study/dangshi/index.html")
    assert 'href="print.html"' in topic and "打印本专题" in topic
    titles = re.findall(r'class="dj-material-title"[^>]*>([^<]+)<', topic)
    printed = text(sample / "study/dangshi/print.html")
    headings = re.findall(r"<h2[^>]*>\d+\. ([^<]+?)<", printed)
    assert titles and headings == titles
    assert 'src="img/' in printed or "img/" not in text(sample / "study/dangshi/zunyi.html")


def test_qr_codes_on_notices_and_events_only(sample: Path) -> None:
    notice = sorted((sample / "notices/2026").glob("*.html"))[0]
    for page in (notice, sample / "events/2026/dangke-q4.html"):
        html = text(page)
        assert '<figure class="dj-qr"' in html and "<svg" in html
        assert "https://dangjian.example.org/" in html
    assert 'class="dj-qr"' not in text(sample / "study/dangshi/zunyi.html")


def _fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edit) -> list[str]:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    source = copy_sample(tmp_path)
    edit(source / "content")
    with pytest.raises(SiteError) as failure:
        build_site(source / "mkdocs.yml", tmp_path / "out")
    assert not (tmp_path / "out").exists()
    return failure.value.problems


def test_plan_targets_are_checked_with_file_and_line(tmp_path, monkeypatch) -> None:
    def edit(content: Path) -> None:
        plan = content / "plans/2026/2026-q3.yml"
        plan.write_text(
            text(plan)
            .replace("topic: dangshi", "topic: meiyou")
            .replace("quiz: dangshi-jingshen", "quiz: meiyou-tiku"),
            "utf-8",
        )

    problems = _fails(tmp_path, monkeypatch, edit)
    assert problems == [
        "content/plans/2026/2026-q3.yml:8: 第 1 项任务：专题不存在：meiyou [DJ201]",
        "content/plans/2026/2026-q3.yml:12: 第 3 项任务：题库不存在：meiyou-tiku [DJ201]",
    ]


def test_plan_paper_is_checked_by_build_and_check(tmp_path, monkeypatch) -> None:
    def edit(content: Path) -> None:
        plan = content / "plans/2026/2026-11-12.yml"
        plan.write_text(
            text(plan)
            .replace("banks: [dangzhang-jichu, zuzhi-baomi]", "banks: [dangzhang-jichu, meiyou]")
            .replace("draw: {single: 3, judge: 2}", "draw: {single: 3, judge: 9}"),
            "utf-8",
        )

    expected = [
        "content/plans/2026/2026-11-12.yml:24: 第 7 项任务（随机组卷）：quiz 代码块：题库“meiyou”"
        "不存在（已有：dangshi-jingshen、dangzhang-jichu、ershida-jingshen、zuzhi-baomi） [DJ405]"
    ]
    assert _fails(tmp_path / "build", monkeypatch, edit) == expected
    # `check` reports the same and goes on past the bad paper
    edit(tmp_path / "build" / "content")
    with pytest.raises(SiteError) as failure:
        check_site(tmp_path / "build" / "mkdocs.yml")
    assert failure.value.problems == expected


def test_event_attachment_and_kind_are_checked(tmp_path, monkeypatch) -> None:
    def edit(content: Path) -> None:
        event = content / "events/2026/dangke-q3.md"
        event.write_text(text(event).replace("kind: 党课", "kind: 讲座"), "utf-8")
        other = content / "events/2026/zhuti-dangri-10.md"
        other.write_text(text(other).replace("2026-10-dangri-fangan.txt", "nope.txt"), "utf-8")

    problems = _fails(tmp_path, monkeypatch, edit)
    assert len(problems) == 2
    assert problems[0].startswith("content/events/2026/dangke-q3.md:3: kind 只能是")
    assert (
        problems[1]
        == "content/events/2026/zhuti-dangri-10.md:13: 附件不存在：events/attachments/nope.txt [DJ203]"
    )


def test_calendars_and_qr_codes_are_the_same_bytes_on_a_rebuild(sample: Path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    again = sample.parent / "again"
    build_site(sample.parent.parent / "mkdocs.yml", again)
    for path in sorted(sample.rglob("*.ics")):
        assert (again / path.relative_to(sample)).read_bytes() == path.read_bytes(), path
    for page in ("events/2026/dangke-q4.html", "downloads.html", "events/calendar.html"):
        assert text(again / page) == text(sample / page), page


def _ids_and_fragments(page: str) -> tuple[list[str], list[str]]:
    return re.findall(r'\sid="([^"]+)"', page), re.findall(r'href="#([^"]+)"', page)


def test_print_page_holds_each_materials_html_with_ids_of_its_own(sample: Path) -> None:
    printed = text(sample / "study/dangshi/print.html")
    ids, fragments = _ids_and_fragments(printed)
    assert len(ids) == len(set(ids))  # unique in the page, as in each material's own page
    assert fragments and set(fragments) <= set(ids)  # every "#…" link lands on the page
    article = printed[printed.index("<article") : printed.index("</article>")]
    at = found = 0
    for number, name in enumerate(("yida", "jinggangshan", "zunyi", "changzheng"), start=1):
        own = text(sample / f"study/dangshi/{name}.html")
        # The material's own headings (with permalinks: not the template's), one level down
        for level, anchor in re.findall(r'<h([2-5]) id="([^"]+)">[^<]*<a class="headerlink"', own):
            heading = f'<h{int(level) + 1} id="dj-p{number}-{anchor}"'
            assert heading in article[at:], (name, heading)
            at = article.index(heading, at)
            found += 1
    assert found >= 12
    assert "学完来测一测" not in article and "学完来测一测" in text(
        sample / "study/dangshi/yida.html"
    )


def test_one_materials_markdown_does_not_reach_into_the_next(tmp_path: Path) -> None:
    source = copy_sample(tmp_path)
    topic = source / "content/study/printtest"
    topic.mkdir()
    (topic / "_topic.yml").write_text("title: 打印测试\n", "utf-8")
    (topic / "a.md").write_text(
        "---\ntitle: 甲篇\ndate: 2026-01-01\norder: 1\n---\n\n## 小结\n\n甲的正文[^1]。\n\n"
        "[^1]: 甲的注释。\n\n*[ABC]: 甲的缩写\n\n[ref]: https://example.org/jia\n\n"
        "```text\n没有闭合的代码块\n",
        "utf-8",
    )
    (topic / "b.md").write_text(
        "---\ntitle: 乙篇\ndate: 2026-01-02\norder: 2\n---\n\n## 小结\n\n"
        "乙的正文[^1]，提到 ABC 和 [ref]。\n\n[^1]: 乙的注释。\n",
        "utf-8",
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        build_site(source / "mkdocs.yml", source / "build" / "site")
    printed = text(source / "build/site/study/printtest/print.html")
    article = printed[printed.index("<article") : printed.index("</article>")]
    second = article.index("2. 乙篇")
    assert article.index("没有闭合的代码块") < second
    assert re.search(r"<h2[^>]*>2\. 乙篇", article)  # a heading, not text of the first
    tail = article[second:]
    assert "[ref]" in tail and "example.org/jia" not in tail and "<abbr" not in tail
    assert "甲的注释" in article[:second] and "乙的注释" in tail  # each after its own text
    ids, fragments = _ids_and_fragments(printed)
    assert len(ids) == len(set(ids)) and set(fragments) <= set(ids)
    assert 'id="dj-p1-fn:1"' in article and 'id="dj-p2-fn:1"' in article


def test_a_rebuild_joins_the_print_pages_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dangjian.year import printed

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    source = copy_sample(tmp_path)
    build_site(source / "mkdocs.yml", source / "build" / "site")
    cold = text(source / "build/site/study/dangshi/print.html")

    def not_again(*args: object) -> None:
        raise AssertionError("a material unchanged since the last build was made again")

    monkeypatch.setattr(printed, "localize", not_again)
    build_site(source / "mkdocs.yml", source / "build" / "site")
    assert text(source / "build/site/study/dangshi/print.html") == cold
