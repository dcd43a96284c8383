"""Self-tests as a member uses them, from file:// and from http://127.0.0.1 (see conftest)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from dangjian.quiz.parse import parse_bank

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]


def bank(bank_id: str):
    path = ROOT / "content" / "quizzes" / f"{bank_id}.yml"
    parsed, _ = parse_bank(str(path), path.name, path.read_text(encoding="utf-8"))
    return {q.id: q for q in parsed.questions}


BANKS = {
    name: bank(name)
    for name in ("dangzhang-jichu", "zuzhi-baomi", "dangshi-jingshen", "ershida-jingshen")
}
ALL = {qid: q for questions in BANKS.values() for qid, q in questions.items()}


def current(page):
    """The question on screen and its id."""
    fieldset = page.locator("fieldset.dj-quiz__question").last
    return fieldset, ALL[fieldset.get_attribute("data-id")]


def answer(page, right: bool = True, wide: bool = False) -> None:
    """Answer the question on screen, rightly or wrongly, by clicking like a member."""
    fieldset, q = current(page)
    if q.type in ("single", "multiple"):
        keys = q.answer if right else [k for k, _ in q.options if k not in q.answer][:1]
        for key in keys:
            fieldset.locator(f'input[value="{key}"]').check()
    elif q.type == "judge":
        value = q.answer if right else not q.answer
        fieldset.locator(f'input[value="{"true" if value else "false"}"]').check()
    else:
        for box, accepted in zip(fieldset.locator("input").all(), q.answer, strict=True):
            text = accepted[0] if right else "不知道"
            if wide:  # full-width forms and spaces must still count as right
                text = "  " + text.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789."}) + " "
            box.fill(text)


def start(page, site, path: str, action: str) -> None:
    page.goto(site.url(path))
    page.locator(f'[data-action="{action}"]').click()


def test_practice_session(page, site):
    start(page, site, "quizzes/dangzhang-jichu.html", "practice")
    total = len(BANKS["dangzhang-jichu"])
    for number in range(1, total + 1):
        expect_right = number != 2
        fieldset, q = current(page)
        assert f"第 {number} / {total} 题" in fieldset.inner_text()
        answer(page, right=expect_right, wide=True)
        page.get_by_role("button", name="提交答案").click()
        verdict = page.locator(".dj-quiz__verdict")
        assert verdict.inner_text().startswith(
            "✓ 回答正确" if expect_right else "✗ 回答错误。正确答案："
        )
        if q.explanation:
            assert page.locator(".dj-quiz__explanation").is_visible()
        if q.source:
            link = page.locator(".dj-quiz__source a")
            assert link.get_attribute("href").startswith("../study/")
        page.locator('[data-action="next"]').click()
    summary = page.locator(".dj-quiz__summary")
    assert f"共 {total} 题，答对 {total - 1} 题，答错 1 题。" in summary.inner_text()
    # Progress on the bank page counts what was practised
    page.reload()
    assert (
        f"已练 {total} / {total} 题，最近一次答对 {total - 1} 题"
        in page.locator(".dj-quiz__progress").inner_text()
    )


def test_exam_with_score(page, site):
    start(page, site, "quizzes/zuzhi-baomi.html", "exam")
    questions = BANKS["zuzhi-baomi"]
    assert page.locator(".dj-quiz__time").inner_text() == "10:00"
    cells = page.locator(".dj-quiz__cell")
    assert cells.count() == len(questions)
    total = sum(q.score for q in questions.values())
    lost = 0
    for number in range(len(questions)):
        _, q = current(page)
        if number == 0:
            lost += q.score  # left unanswered
            page.locator('[data-action="flag"]').click()
        else:
            answer(page, right=number != 3)
            if number == 3:
                lost += q.score
        if number + 1 < len(questions):
            page.locator('[data-action="next"]').click()
    assert cells.nth(0).get_attribute("aria-label") == "第 1 题，未答，已标记"
    assert cells.nth(1).get_attribute("aria-label") == "第 2 题，已答"
    assert cells.nth(0).inner_text() == "1⚑" and cells.nth(1).inner_text() == "2✓"
    answered = len(questions) - 1
    assert (
        page.locator(".dj-quiz__sheet-title").inner_text()
        == f"答题卡（已答 {answered} / {len(questions)}）"
    )
    page.locator('[data-action="submit-exam"]').click()
    assert "还有 1 题未作答" in page.locator(".dj-quiz__confirm").inner_text()
    page.locator('[data-action="confirm-submit"]').click()
    got = total - lost
    percent = round(got / total * 1000) / 10
    score = page.locator(".dj-quiz__score").inner_text()
    assert f"得分 {got:g} 分（满分 {total:g} 分，百分制 {percent:g} 分）" in score
    assert (
        page.locator(".dj-quiz__pass")
        .inner_text()
        .startswith("✓ 及格" if percent >= 80 else "✗ 未及格")
    )
    assert page.locator(".dj-quiz__review-item").count() == len(questions)
    assert page.locator(".dj-quiz__result").get_attribute("aria-live") == "polite"
    # The bank page remembers the last exam
    page.reload()
    passed = "及格" if percent >= 80 else "未及格"
    assert f"上次考试 {percent:g} 分（{passed}" in page.locator(".dj-quiz__progress").inner_text()


def test_exam_countdown_pause_extend_and_auto_submit(page, site):
    # A paused fake clock: time moves only when the test says so
    page.clock.install(time=dt.datetime(2026, 7, 1, 9, 0))
    page.clock.pause_at(dt.datetime(2026, 7, 1, 9, 0, 1))
    start(page, site, "quizzes/zuzhi-baomi.html", "exam")
    time = page.locator(".dj-quiz__time")
    page.clock.run_for(5000)
    assert time.inner_text() == "09:55"
    page.locator('[data-action="pause"]').click()
    page.clock.run_for(30_000)
    assert time.inner_text() == "09:55"
    page.locator('[data-action="pause"]').click()
    page.locator('[data-action="extend"]').click()
    assert time.inner_text() == "14:55"
    answer(page)
    page.clock.run_for(14 * 60_000 + 56_000)
    assert page.locator(".dj-quiz__result h3").inner_text() == "考试结果"
    assert "答对 1 题（共 11 题）" in page.locator(".dj-quiz__score").inner_text()


def paper(page, site, seed: str) -> list[tuple[str, list[str]]]:
    page.goto(site.url("quizzes/zujuan.html"))
    page.locator(".dj-quiz__seed").fill(seed)
    page.locator('[data-action="make-paper"]').click()
    assert f"试卷编号 {seed}，共 13 题" in page.locator(".dj-quiz__paper-info").inner_text()
    page.locator('[data-action="submit-exam"]').click()
    page.locator('[data-action="confirm-submit"]').click()
    items = page.locator(".dj-quiz__review fieldset")
    return [
        (
            items.nth(i).get_attribute("data-id"),
            items.nth(i)
            .locator(".dj-quiz__option")
            .evaluate_all("els => els.map(e => e.dataset.key)"),
        )
        for i in range(items.count())
    ]


def test_random_paper_is_reproduced_by_seed(page, site):
    first = paper(page, site, "4321")
    types = [ALL[qid].type for qid, _ in first]
    assert types == ["single"] * 5 + ["multiple"] * 3 + ["judge"] * 3 + ["fill"] * 2
    assert len({qid for qid, _ in first}) == 13
    assert paper(page, site, "4321") == first
    assert paper(page, site, "9876") != first


def test_paper_from_chosen_banks_and_shared_link(page, site):
    page.goto(site.url("quizzes/zujuan.html"))
    page.get_by_label("党章党规基础知识").uncheck()
    page.get_by_label("党史与精神谱系").uncheck()
    assert page.get_by_label("单选题（共 7 道）：").input_value() == "5"
    page.locator(".dj-quiz__seed").fill("2468")
    page.locator('[data-action="make-paper"]').click()
    address = page.url
    assert "#seed=2468&banks=ershida-jingshen,zuzhi-baomi&single=5" in address
    page.locator('[data-action="submit-exam"]').click()
    page.locator('[data-action="confirm-submit"]').click()
    ids = page.locator(".dj-quiz__review fieldset").evaluate_all(
        "els => els.map(e => e.dataset.id)"
    )
    assert all(i in BANKS["ershida-jingshen"] or i in BANKS["zuzhi-baomi"] for i in ids)
    # Another member opens the shared address and gets the same paper
    other = page.context.new_page()
    other.goto(address)
    assert other.get_by_label("党章党规基础知识").is_checked() is False
    assert "已按链接设置好试卷 2468" in other.locator(".dj-quiz__paper-info").inner_text()
    other.locator('[data-action="make-paper"]').click()
    other.locator('[data-action="submit-exam"]').click()
    other.locator('[data-action="confirm-submit"]').click()
    assert (
        other.locator(".dj-quiz__review fieldset").evaluate_all("els => els.map(e => e.dataset.id)")
        == ids
    )
    other.close()


def test_wrong_answer_in_wrongbook_survives_reload(page, site):
    start(page, site, "quizzes/dangzhang-jichu.html", "practice")
    _, q = current(page)
    answer(page, right=False)
    page.get_by_role("button", name="提交答案").click()
    page.goto(site.url("quizzes/cuoti.html"))
    item = page.locator(f'.dj-quiz__wrong-item[data-id="{q.id}"]')
    assert "党章党规基础知识" in item.inner_text() and "错 1 次" in item.inner_text()
    page.reload()
    assert item.count() == 1
    # Practise it from the book, get it right, mark it mastered
    page.locator('[data-action="practice-wrong"]').click()
    answer(page)
    page.get_by_role("button", name="提交答案").click()
    page.locator('[data-action="master"]').click()
    page.reload()
    assert page.locator(".dj-quiz__wrong-item").count() == 0
    assert "错题本是空的" in page.locator(".dj-quiz").inner_text()


def test_export_and_import_progress(page, site, tmp_path):
    start(page, site, "quizzes/ershida-jingshen.html", "practice")
    _, q = current(page)
    answer(page, right=False)
    page.get_by_role("button", name="提交答案").click()
    page.goto(site.url("quizzes/cuoti.html"))
    with page.expect_download() as download:
        page.locator('[data-action="export"]').click()
    saved = tmp_path / "progress.json"
    download.value.save_as(saved)
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["format"] == "dangjian-quiz-progress"
    assert list(data["wrong"]) == [f"ershida-jingshen/{q.id}"]
    page.evaluate("localStorage.clear()")
    page.reload()
    assert page.locator(".dj-quiz__wrong-item").count() == 0
    with page.expect_file_chooser() as chooser:
        page.locator('[data-action="import"]').click()
    chooser.value.set_files(saved)
    page.locator(f'.dj-quiz__wrong-item[data-id="{q.id}"]').wait_for()
    assert "导入完成，新增错题 1 道" in page.locator(".dj-quiz__status").inner_text()
    page.reload()
    assert page.locator(f'.dj-quiz__wrong-item[data-id="{q.id}"]').count() == 1


def test_import_rejects_a_foreign_file(page, site, tmp_path):
    other = tmp_path / "other.json"
    other.write_text('{"hello": 1}', encoding="utf-8")
    page.goto(site.url("quizzes/cuoti.html"))
    with page.expect_file_chooser() as chooser:
        page.locator('[data-action="import"]').click()
    chooser.value.set_files(other)
    status = page.locator(".dj-quiz__status")
    status.filter(has_text="导入失败").wait_for()
    assert "这不是本站导出的自测进度文件" in status.inner_text()


def test_keyboard_only_answering(page, site):
    page.goto(site.url("quizzes/meiri-yilian.html"))
    page.locator('[data-action="practice"]').focus()
    page.keyboard.press("Enter")
    answered = 0
    while page.locator(".dj-quiz__summary").count() == 0:
        fieldset, q = current(page)
        focused = page.evaluate(
            "document.activeElement.closest('fieldset') && document.activeElement.closest('fieldset').dataset.id"
        )
        assert focused == q.id, "focus moves to the new question"
        if q.type == "fill":
            for index, accepted in enumerate(q.answer):
                if index:
                    page.keyboard.press("Tab")
                page.keyboard.type(accepted[0])
        else:
            keys = [str(q.answer).lower()] if q.type == "judge" else q.answer
            order = fieldset.locator("input").evaluate_all("els => els.map(e => e.value)")
            position = 0
            if q.type == "single" or q.type == "judge":
                target = order.index(keys[0])
                for _ in range(target):
                    page.keyboard.press("ArrowDown")
                page.keyboard.press("Space")
            else:
                for key in keys:
                    target = order.index(key)
                    for _ in range(target - position):
                        page.keyboard.press("Tab")
                    position = target
                    page.keyboard.press("Space")
        page.keyboard.press("Enter")  # submits the form
        assert page.locator(".dj-quiz__verdict").inner_text().startswith("✓ 回答正确"), q.id
        answered += 1
        page.keyboard.press("Enter")  # focus is on “下一题”
    assert answered == 5
    assert "答对 5 题" in page.locator(".dj-quiz__summary").inner_text()


def test_centre_lists_banks_and_storage_notice(page, site, context):
    page.goto(site.url("quizzes/index.html"))
    items = page.locator(".dj-quiz-center__item")
    assert items.count() == 4
    assert "已练 0 / " in items.first.inner_text()
    assert page.locator(".dj-quiz__notice").count() == 0
    # Where storage is refused the member is told progress will not be kept
    context.add_init_script(
        "Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };"
    )
    page.goto(site.url("quizzes/dangzhang-jichu.html"))
    assert "进度只保存在本页，关闭后会丢失" in page.locator(".dj-quiz__notice").inner_text()


def test_phone_width_has_no_sideways_scroll(page, site):
    page.set_viewport_size({"width": 375, "height": 740})
    start(page, site, "quizzes/zuzhi-baomi.html", "exam")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def daily_ids(page, site, day: dt.datetime) -> list[str]:
    page.clock.set_fixed_time(day)
    start(page, site, "quizzes/meiri-yilian.html", "practice")
    ids = []
    while page.locator(".dj-quiz__summary").count() == 0:
        _, q = current(page)
        ids.append(q.id)
        answer(page)
        page.get_by_role("button", name="提交答案").click()
        page.locator('[data-action="next"]').click()
    return ids


def test_daily_practice_changes_by_day_and_not_within_a_day(page, site):
    first = daily_ids(page, site, dt.datetime(2026, 7, 1, 8, 0))
    assert [ALL[i].type for i in first] == ["single", "single", "judge", "judge", "fill"]
    assert daily_ids(page, site, dt.datetime(2026, 7, 1, 21, 0)) == first
    assert daily_ids(page, site, dt.datetime(2026, 7, 2, 8, 0)) != first


def test_print_shows_the_question_without_the_controls(page, site):
    start(page, site, "quizzes/zuzhi-baomi.html", "exam")
    page.emulate_media(media="print")
    shown = page.evaluate(
        """() => Object.fromEntries(['.dj-quiz__actions', '.dj-quiz__timer', '.dj-quiz__sheet',
             'fieldset.dj-quiz__question', '.dj-quiz__option']
             .map(s => [s, document.querySelector(s)])
             .map(([s, e]) => [s, e ? getComputedStyle(e).display : 'missing']))"""
    )
    assert shown.pop("fieldset.dj-quiz__question") not in ("none", "missing")
    assert shown.pop(".dj-quiz__option") not in ("none", "missing")
    assert shown == {
        ".dj-quiz__actions": "none",
        ".dj-quiz__timer": "none",
        ".dj-quiz__sheet": "none",
    }
    page.emulate_media(media="screen")
    assert page.locator(".dj-quiz__actions").first.is_visible()
