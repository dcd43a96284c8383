"""Related materials: shared tags weigh most, then shared key terms; never the page itself."""

from __future__ import annotations

from dangjian.content.model import StudyMaterial
from dangjian.content.related import key_terms, related_materials

from . import factories


def material(name: str, tags: list[str], body: str) -> StudyMaterial:
    return factories.material(name, tags=tags, body=body)


def test_key_terms_are_chinese_words_without_stopwords() -> None:
    terms = key_terms("遵义会议是伟大转折。我们学习遵义会议的历史意义。")
    assert "遵义" in terms or "遵义会议" in terms
    assert "我们" not in terms
    assert all(len(t) >= 2 for t in terms)


def test_shared_tags_rank_before_shared_terms() -> None:
    items = [
        material("a", ["党史"], "遵义会议 长征 红军"),
        material("b", ["党史"], "支部 党费 收缴"),
        material("c", [], "遵义会议 土地 改革"),
        material("d", ["保密"], "保密 手机 微信"),
        material("e", [], "党费 管理 使用"),
        material("f", [], "组织 生活会 批评"),
        material("g", [], "理论 学习 中心组"),
        material("h", [], "科学家 精神 航天"),
    ]
    related = {uri.split("/")[-1][0]: found for uri, found in related_materials(items).items()}
    assert [m.title for m in related["a"]][:2] == ["b", "c"]
    assert all(m.title != "a" for m in related["a"])
    assert related["d"] == []


def test_the_preview_finds_them_again_when_tags_or_terms_change() -> None:
    from dangjian.core.memo import next_build, results_kept

    def titles(items, terms):
        return {
            m.title: [o.title for o in found]
            for m, found in zip(items, related_materials(items, terms).values(), strict=True)
        }

    items = [material(name, ["党史"] if name in "ab" else [], "") for name in "abcd"]
    terms = {m.src_uri: {"长征"} if m.title in "cd" else set() for m in items}
    with results_kept():
        before = titles(items, terms)
        next_build()
        again = [material(m.title, list(m.tags), "") for m in items]  # the next build's objects
        assert titles(again, terms) == before
        found = related_materials(again, terms)
        assert all(o in again for others in found.values() for o in others)
        next_build()
        again[2].tags = ["党史"]
        after = titles(again, terms)
        next_build()
        terms[items[3].src_uri] = set()
        last = titles(again, terms)
    assert before["a"] == ["b"] and before["c"] == ["d"]
    assert after["a"] == ["b", "c"] and after["c"] == ["a", "b", "d"]
    assert last["c"] == ["a", "b"] and last["d"] == []
