"""The cheap test of a page's Markdown for active content says no only where the patterns
find nothing."""

from __future__ import annotations

from dangjian.content import policy
from hypothesis import given, settings
from hypothesis import strategies as st

# Letters `re.IGNORECASE` takes for ASCII ones (ſ, K, ı, İ), the words and signs the
# patterns look for, and Chinese text around them
PIECES = ["ſ", "K", "ı", "İ", "S", "s", "c", "r", "i", "p", "t", "d", "a", "o", "n", "h", "e"]
PIECES += ["script", "SCRIPT", "data", "srcdoc", "http-equiv", "java", ":", " ", "=", "<", "-"]
PIECES += ["text/html", "学习", "\n", "on", "q", "u", "v", "/", '"', "&#"]


def patterns(markdown: str) -> bool:
    return bool(policy._SUSPECT_RE.search(markdown) or policy._SUSPECT_MARKDOWN_RE.search(markdown))


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_the_cheap_test_agrees_with_the_patterns(markdown: str) -> None:
    assert policy.might_be_active(markdown) == patterns(markdown)


def test_words_in_any_case_and_look_alike_letters_are_suspect() -> None:
    for text in ("JavaScript :", "javaſcrıpt:", "DATA: text/html", "<meta http-equiv>", "srcdoc"):
        assert policy.might_be_active(f"学习{text}资料"), text
    assert not policy.might_be_active("学习资料：第一部分——党章。\n\n- 条目")
