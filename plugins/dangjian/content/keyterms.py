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


def _text(material: StudyMaterial) -> str:
    return f"{material.title} {material.summary or ''} {material.body}"


class KeyTerms:
    """Every material's `key_terms`, from `build/.cache/pages/` where already known; the
    content plugin's helper process (`core/convertahead.py`) may have found some meanwhile."""

    def __init__(self, config: MkDocsConfig) -> None:
        self.config = config
        self.cache = PageCache.for_build(config, NAMESPACE, _valid)
        self.terms: dict[str, set[str]] = {}  # src_uri -> key terms

    def missing(self, material: StudyMaterial) -> list[str] | None:
        """In the helper: [key, terms...] of a material whose terms are not stored yet."""
        text = _text(material)
        key = self.cache.key(text)
        if self.cache.get(key) is not None:
            return None
        return [key, *sorted(key_terms(text))]

    def add(self, material: StudyMaterial, ready: list[str] | None = None) -> None:
        """Find `material`'s key terms; `ready` is what `missing` gave in the helper, used
        where its key is this material's."""
        text = _text(material)
        key = self.cache.key(text)
        made = ready[1:] if ready and ready[0] == key else None
        found = self.cache.get_or_compute(
            key, lambda: made if _valid(made) else sorted(key_terms(text))
        )
        self.terms[material.src_uri] = set(found)  # type: ignore[arg-type]

    def all(self, materials: Sequence[StudyMaterial], log: ErrorLog) -> dict[str, set[str]]:
        """src_uri → key terms of each of `materials` (found by `add` or now)."""
        for material in materials:
            if material.src_uri not in self.terms:
                self.add(material)
        self.cache.finish(log, site_root(self.config))
        found = {material.src_uri: self.terms[material.src_uri] for material in materials}
        self.terms = {}  # handed over: related materials are found once a build
        return found

    def close(self) -> None:
        """A failed build: what was found so far is kept."""
        self.cache.close()
