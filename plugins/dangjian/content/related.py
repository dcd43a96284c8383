"""Related materials: shared tags first, then shared key terms from Chinese word segmentation.

rjieba (jieba-rs) segments Chinese with jieba's dictionary at native speed; one pass
per material keeps the whole site linear.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from ..core.memo import remembered
from ..core.text import CJK_CLASS
from .model import StudyMaterial

TAG_WEIGHT = 3
TERMS_PER_MATERIAL = 20
RELATED_LIMIT = 3
# A term in more than this share of all materials says little about any one of them
COMMON_SHARE = 0.25
# Candidates taken from one tag or term around the material itself
WINDOW = 40

_WORD_RE = re.compile(f"^[{CJK_CLASS}]{{2,}}$")
# Common words that say nothing about a text's subject
_STOPWORDS = frozenset(
    "我们 你们 他们 一个 这个 那个 没有 不是 就是 可以 什么 自己 这样 因为 所以 但是 如果 "
    "还是 已经 进行 通过 以及 其中 这些 那些 同时 为了 作为 之一 方面 问题 工作 学习 重要 "
    "要求 一些 不断 更加 更好 一定 需要 不能 可能 主要 开展 认真 积极 坚持 加强 提高".split()
)


def load_segmenter() -> None:
    """Load rjieba and its dictionary now (0.15 s, 33 MB): the preview does it after its
    first build, while the editor reads, so that the build of the first material edited does
    not wait for it (a preview started on a built site finds every key term in the cache)."""
    import rjieba  # noqa: F401


def key_terms(text: str, limit: int = TERMS_PER_MATERIAL) -> set[str]:
    """The `limit` most frequent Chinese words (two characters or more) of `text`."""
    # Imported here: loading its dictionary takes 0.1 s of every build, and a rebuild finds
    # every unchanged material's terms in the build cache (keyterms.py)
    import rjieba

    counts = Counter(
        word for word in rjieba.cut(text) if _WORD_RE.match(word) and word not in _STOPWORDS
    )
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return {word for word, _ in ranked[:limit]}


def related_materials(
    materials: Sequence[StudyMaterial],
    terms: dict[str, set[str]] | None = None,
    limit: int = RELATED_LIMIT,
) -> dict[str, list[StudyMaterial]]:
    """For each material, up to `limit` others sharing the most tags and key terms.

    Scores are summed over an inverted index; terms found in more than `COMMON_SHARE` of
    all materials are skipped and a large tag contributes its `WINDOW` nearest materials,
    so the cost grows with the site, not with the number of pairs. In the preview, found
    again only when a material, its tags or its key terms changed (`core/memo.py`).
    """
    if terms is None:
        terms = {m.src_uri: key_terms(f"{m.title} {m.summary or ''} {m.body}") for m in materials}
    described = tuple(
        (m.src_uri, frozenset(m.tags), frozenset(terms.get(m.src_uri, ()))) for m in materials
    )
    found = remembered("related-materials", (described, limit), lambda: _related(described, limit))
    by_uri = {m.src_uri: m for m in materials}
    return {uri: [by_uri[other] for other in others] for uri, others in found.items()}


def _related(
    materials: tuple[tuple[str, frozenset[str], frozenset[str]], ...], limit: int
) -> dict[str, list[str]]:
    """`related_materials` of (src_uri, tags, key terms) of each material, by src_uri."""
    postings: dict[tuple[str, str], list[str]] = defaultdict(list)
    for uri, tags, terms in materials:
        for tag in tags:
            postings[("tag", tag)].append(uri)
        for term in terms:
            postings[("term", term)].append(uri)
    positions = {key: {uri: i for i, uri in enumerate(uris)} for key, uris in postings.items()}
    common = max(2, int(len(materials) * COMMON_SHARE))
    result: dict[str, list[str]] = {}
    for uri, tags, terms in materials:
        scores: Counter[str] = Counter()
        keys = [("tag", t) for t in tags] + [("term", t) for t in terms]
        for key in keys:
            others = postings[key]
            if key[0] == "term" and len(others) > common:
                continue
            if len(others) > WINDOW:
                # A big tag: look only at its nearest materials in site order (linear cost)
                at = positions[key][uri]
                start = min(max(0, at - WINDOW // 2), len(others) - WINDOW)
                others = others[start : start + WINDOW]
            weight = TAG_WEIGHT if key[0] == "tag" else 1
            for other in others:
                if other != uri:
                    scores[other] += weight
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:limit]
        result[uri] = [other for other, _ in ranked]
    return result
