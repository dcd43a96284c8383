"""Each material's key terms for related materials, kept in the build cache between builds.

Word segmentation is the costly part of finding related materials; its result depends only
on the material's title, summary and body, so it is stored under a hash of those.
"""

from __future__ import annotations

from collections.abc import Sequence

from mkdocs.config.defaults import MkDocsConfig

from ..core.cache import PageCache
from ..core.errors import ErrorLog
from ..core.paths import site_root
from .model import StudyMaterial
from .related import key_terms

NAMESPACE = "related-terms"


def _valid(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(term, str) for term in value)


def cached_key_terms(
    materials: Sequence[StudyMaterial], config: MkDocsConfig, log: ErrorLog
) -> dict[str, set[str]]:
    """`key_terms` of every material, from `build/.cache/pages/` where already known."""
    cache = PageCache.for_build(config, NAMESPACE, _valid)
    terms: dict[str, set[str]] = {}
    for material in materials:
        text = f"{material.title} {material.summary or ''} {material.body}"
        found = cache.get_or_compute(cache.key(text), lambda text=text: sorted(key_terms(text)))
        terms[material.src_uri] = set(found)  # type: ignore[arg-type]
    cache.finish(log, site_root(config))
    return terms
