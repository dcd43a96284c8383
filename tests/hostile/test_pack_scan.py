"""`dangjian pack` refuses a site where any page would make the browser load or navigate
to another host by itself, naming the page; one case per construct the scanner knows.

The site is built once; each case appends its markup to a built page (as a theme override or
raw content would put it there) and runs `pack --no-build`, so the case tests the scan, not
the build-time content policy.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from dangjian.cli import main

from .pack_cases import EPOCH, Case, assert_lines_clean, make_site, run

PAGE = "study/topic/first.html"
EVIL = "evil.example"

CONSTRUCTS = [
    ("meta-refresh", '<meta http-equiv="refresh" content="3;url=https://evil.example/">'),
    ("meta-refresh-case", "<META HTTP-EQUIV=Refresh CONTENT=\"0; URL='https://evil.example/'\">"),
    (
        "meta-refresh-spacing",
        '<meta http-equiv = "refresh"  content = "5 , url = //evil.example/">',
    ),
    ("meta-refresh-no-url-key", '<meta http-equiv="refresh" content="1; https://evil.example/">'),
    ("img-srcset", '<img alt="" srcset="a.png 1x, https://evil.example/b.png 2x">'),
    ("video-poster", '<video poster="https://evil.example/p.png"></video>'),
    ("object-data", '<object data="https://evil.example/o.pdf"></object>'),
    ("embed-src", '<embed src="https://evil.example/e.pdf">'),
    ("iframe-src", '<iframe src="https://evil.example/f.html"></iframe>'),
    ("iframe-srcdoc", '<iframe srcdoc="&lt;img src=&quot;https://evil.example/s.png&quot;&gt;">'),
    ("link-preload", '<link rel="preload" as="image" href="https://evil.example/p.png">'),
    ("link-prefetch", '<link rel="prefetch" href="https://evil.example/next.html">'),
    ("link-icon", '<link rel="icon" href="https://evil.example/favicon.ico">'),
    ("link-manifest", '<link rel="manifest" href="https://evil.example/app.webmanifest">'),
    ("link-stylesheet", '<link rel="stylesheet" href="//evil.example/a.css">'),
    ("base-href", '<base href="https://evil.example/">'),
    ("svg-image-href", '<svg><image href="https://evil.example/i.png"/></svg>'),
    ("svg-use-xlink", '<svg><use xlink:href="https://evil.example/s.svg#a"/></svg>'),
    ("style-attr-url", '<div style="background:url(https://evil.example/bg.png)"></div>'),
    ("style-element-import", '<style>@import "https://evil.example/x.css";</style>'),
    (
        "style-image-set",
        "<div style=\"background:image-set('https://evil.example/a.png' 1x)\"></div>",
    ),
    ("background-attr", '<table background="https://evil.example/t.png"></table>'),
    ("entity-encoded", '<img alt="" src="https:&#47;&#47;evil.example/x.png">'),
    ("backslashes", '<img alt="" src="\\\\evil.example/x.png">'),
    ("scheme-no-slashes", '<img alt="" src="https:evil.example/x.png">'),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("scan-site")
    make_site(folder)
    result = run("build", cwd=folder)
    assert result.returncode == 0, result.stderr
    return folder


def site_copy(built: Path, folder: Path) -> Path:
    shutil.copytree(built, folder / "site")
    return folder / "site" / "mkdocs.yml"


def append(config: Path, rel: str, markup: str) -> None:
    page = config.parent / "build" / "site" / rel
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("</body>", f"{markup}\n</body>"), encoding="utf-8")


@pytest.mark.parametrize(("name", "markup"), CONSTRUCTS, ids=[name for name, _ in CONSTRUCTS])
def test_pack_refuses_with_the_page_named(
    name: str, markup: str, built: Path, tmp_path: Path, capsys, monkeypatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    config = site_copy(built, tmp_path)
    append(config, PAGE, markup)
    capsys.readouterr()
    assert main(["pack", "--no-build", "-f", str(config)]) == 1
    err = capsys.readouterr().err
    case = Case(name, rf"build/site/{re.escape(PAGE)}:\d+:\d*:? .*{re.escape(EVIL)}", 1)
    assert re.search(case.pattern, err), err
    assert "未生成离线包" in err
    assert_lines_clean(err)
    assert not list((config.parent / "build" / "dist").glob("*.zip"))


def test_svg_file_with_an_outside_reference(
    built: Path, tmp_path: Path, capsys, monkeypatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    config = site_copy(built, tmp_path)
    svg = config.parent / "build" / "site" / "files" / "dot.svg"
    svg.write_text(
        svg.read_text().replace("</svg>", '<image href="https://evil.example/t.png"/></svg>')
    )
    capsys.readouterr()
    assert main(["pack", "--no-build", "-f", str(config)]) == 1
    assert re.search(
        r"build/site/files/dot\.svg:\d+(:\d+)?: .*evil\.example", capsys.readouterr().err
    )


@pytest.mark.parametrize(
    "markup",
    [
        '<meta http-equiv="refresh" content="0; url=index.html">',
        '<meta property="og:image" content="https://evil.example/a.png">',
        '<link rel="canonical" href="https://example.org/x.html">',
        '<form action="https://example.org/submit"></form>',
        '<a class="dj-external" href="https://example.org/">外</a>',
    ],
    ids=["relative-refresh", "og-meta", "canonical", "form-action", "marked-link"],
)
def test_what_loads_nothing_by_itself_still_packs(
    markup: str, built: Path, tmp_path: Path, capsys, monkeypatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    config = site_copy(built, tmp_path)
    append(config, PAGE, markup)
    assert main(["pack", "--no-build", "-f", str(config)]) == 0, capsys.readouterr().err
