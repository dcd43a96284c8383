"""`dangjian serve` loads the word segmenter before the editor's first edit, not during its
build: a preview started on a built site finds every key term in the cache, so its first
build loads no rjieba, and the first material edited would wait 0.15 s for it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from dangjian.site import build_site

# The preview as `dangjian serve` starts it, up to where it would serve and watch
PREVIEW = """\
import sys
from pathlib import Path

from mkdocs.livereload import LiveReloadServer

from dangjian import preview


def serve(self, **kwargs):
    print("loaded" if "rjieba" in sys.modules else "not loaded", flush=True)


LiveReloadServer.serve = serve
preview.serve(Path(sys.argv[1]), "127.0.0.1:8000")
"""


def test_a_preview_of_a_built_site_loads_the_segmenter_before_the_first_edit(
    site: Path,
) -> None:
    config = site / "mkdocs.yml"
    build_site(config, site / "site")
    result = subprocess.run(
        [sys.executable, "-c", PREVIEW, str(config)],
        cwd=site,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines() == ["loaded"]
