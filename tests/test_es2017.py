"""Every JavaScript file under theme/ parses as ES2017 (WeChat's browser, old intranet PCs).

acorn (npm, pinned in package-lock.json) parses with `ecmaVersion: 2017` and rejects later
syntax such as object spread, `?.` and `??`. esprima-python was tried first but accepts
ES2018 object spread, so it cannot prove a file is ES2017.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ACORN = ROOT / "node_modules" / "acorn"

CHECK = """
const acorn = require(process.argv[1]);
const fs = require('fs');
const result = {};
for (const file of process.argv.slice(2)) {
  try {
    acorn.parse(fs.readFileSync(file, 'utf8'), {ecmaVersion: 2017, sourceType: 'script'});
    result[file] = null;
  } catch (e) {
    result[file] = e.message;
  }
}
process.stdout.write(JSON.stringify(result));
"""


def parse_es2017(files: list[Path]) -> dict[str, str | None]:
    """File → acorn's error message, or None when it parses as an ES2017 classic script."""
    node = shutil.which("node")
    if node is None or not ACORN.is_dir():
        if os.environ.get("CI"):
            pytest.fail("CI 需要 node 和 node_modules/acorn（运行 make test 会执行 npm ci）")
        pytest.skip("node or node_modules/acorn missing: run `npm ci`")
    output = subprocess.run(
        [node, "-e", CHECK, str(ACORN), *map(str, files)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(output)


def test_every_theme_script_is_es2017() -> None:
    files = sorted((ROOT / "theme").rglob("*.js"))
    assert files, "theme has JavaScript files"
    errors = {path: error for path, error in parse_es2017(files).items() if error}
    assert errors == {}


def test_checker_rejects_later_syntax(tmp_path: Path) -> None:
    samples = {
        "ok.js": "(function () { 'use strict'; async function f() { await 1; } f(); })();",
        "spread.js": "var a = {...b};",
        "optional.js": "var a = b?.c;",
        "nullish.js": "var a = b ?? c;",
        "module.js": "import x from './x.js';",
    }
    for name, source in samples.items():
        (tmp_path / name).write_text(source, encoding="utf-8")
    result = parse_es2017([tmp_path / name for name in samples])
    assert {Path(p).name: bool(e) for p, e in result.items()} == {
        "ok.js": False,
        "spread.js": True,
        "optional.js": True,
        "nullish.js": True,
        "module.js": True,
    }
