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


def follow(page, link) -> None:
    """Click a link and return once the page it leads to has loaded.

    wait_for_load_state("load") right after click() can return for the page being left, and
    a locator's count() does not wait at all, so a test could read the old (or a blank) page.
    """
    with page.expect_navigation(wait_until="load"):
        link.click()


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
    assert_no_broken_text(page)


# Words a member should never read: a script printed an object, a missing value or a bad number
_BROKEN_TEXT = r"\[object|\bundefined\b|\bNaN\b|\bnull\b"


def assert_no_broken_text(tab) -> None:
    """No visible text on the page (open dialogs included) says [object, undefined, NaN or null."""
    found = tab.evaluate(
        """pattern => {
             const re = new RegExp(pattern);
             const texts = [document.body ? document.body.innerText : ''];
             document.querySelectorAll('dialog[open]').forEach(d => texts.push(d.innerText));
             return texts.flatMap(t => t.split('\\n')).filter(line => re.test(line));
           }""",
        _BROKEN_TEXT,
    )
    assert found == [], f"broken text visible on {tab.url}: {found}"
