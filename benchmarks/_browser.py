"""The browser benchmarks launch Chromium and serve sites exactly as the browser tests do."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.browser.launcher import CHROMIUM, CHROMIUM_FLAGS, chromium, serve  # noqa: E402

__all__ = ["CHROMIUM", "CHROMIUM_FLAGS", "chromium", "serve"]
