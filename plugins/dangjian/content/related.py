"""Related materials: shared tags first, then shared key terms from Chinese word segmentation.

rjieba (jieba-rs) segments Chinese with jieba's dictionary at native speed; one pass
per material keeps the whole site linear.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import rjieba

from .model import StudyMaterial

TAG_WEIGHT = 3
TERMS_PER_MATERIAL = 20
RELATED_LIMIT = 3

_WORD_RE = re.compile(r"^[\u4e00-\u9fff]{2,}$")
# Common words that say nothing about a text's subject
_STOPWORDS = frozenset(
    "我们 你们 他们 一个 这个 那个 没有 不是 就是 可以 什么 自己 这样 因为 所以 但是 如果 "
    "还是 已经 进行 通过 以及 其中 这些 那些 同时 为了 作为 之一 方面 问题 工作 学习 重要 "
    "要求 一些 不断 更加 更好 一定 需要 不能 可能 主要 开展 认真 积极 坚持 加强 提高".split()
)


def key_terms(text: str, limit: int = TERMS_PER_MATERIAL) -> set[str]:
    """The `limit` most frequent Chinese words (two characters or more) of `text`."""
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
    """For each material, up to `limit` others sharing the most tags and key terms."""
    if terms is None:
        terms = {m.src_uri: key_terms(f"{m.title} {m.summary or ''} {m.body}") for m in materials}
    result: dict[str, list[StudyMaterial]] = {}
    for material in materials:
        tags = set(material.tags)
        scored = []
        for other in materials:
            if other.src_uri == material.src_uri:
                continue
            score = TAG_WEIGHT * len(tags & set(other.tags)) + len(
                terms.get(material.src_uri, set()) & terms.get(other.src_uri, set())
            )
            if score > 0:
                scored.append((-score, other.src_uri, other))
        result[material.src_uri] = [other for _, _, other in sorted(scored)[:limit]]
    return result
