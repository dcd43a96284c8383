"""Things a member does in several browser tests, written once."""

from __future__ import annotations


def guess_current_question(page) -> None:
    """Answer the question on screen with the first choice (or any text), then submit it."""
    question = page.locator("fieldset.dj-quiz__question").last
    choices = question.locator("input[type=radio], input[type=checkbox]")
    if choices.count():
        choices.first.check()
    else:
        for box in question.locator("input").all():
            box.fill("不知道")
    page.get_by_role("button", name="提交答案").click()


def type_query(page, text: str) -> None:
    """Open the search box with /, type the query, and wait until its results have settled."""
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.classList.contains('dj-search__input')")
    page.keyboard.type(text)
    # Settled: the box holds the whole query, and the list is not busy (no query still being
    # typed, none pending, no results still loading)
    page.wait_for_function(
        "q => { const m = document.querySelector('.dj-search__meta');"
        " const list = document.querySelector('.dj-search__list');"
        " return document.querySelector('.dj-search__input').value === q &&"
        " !document.querySelector('.dj-search__output').hidden &&"
        " list.getAttribute('aria-busy') === 'false' &&"
        " (m.textContent.includes(q) || list.querySelector('.dj-search__result') !== null) }",
        arg=text,
    )
