"""The salt of the offline caches' entries (scan findings, page rewrites).

Besides the site salt of every build-cache entry (cache format, dangjian's version and the
bytes of mkdocs.yml, `core/cache.config_salt`), an entry depends on the code that computed it
and on the allow list, so both are hashed in too: a changed scanner or rewriter, even without
a new version number, never meets an old entry.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from mkdocs.config.defaults import MkDocsConfig

from ..core.cache import config_salt


def code_salt(
    config: MkDocsConfig, namespace: str, modules: Sequence[ModuleType], allow: Sequence[str]
) -> str:
    """Salt for the entries of `namespace`, computed by the code of `modules`."""
    digest = hashlib.sha256(f"{namespace}\0{config_salt(config.config_file_path)}\0".encode())
    for module in modules:
        digest.update(Path(module.__file__).read_bytes())
    digest.update(json.dumps(list(allow), ensure_ascii=False).encode())
    return digest.hexdigest()
