"""Accessibility: axe-core (npm, node_modules/axe-core) reports no serious or critical
violations on the pages members use most, from file:// and http://."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .members import type_query

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")


def axe_violations(page, within: str | None = None) -> list[str]:
    """Run axe-core in the page (or only `within` a CSS selector); one line per serious or
    critical violation with its targets."""
    if not AXE.is_file():
        if os.environ.get("CI"):
            pytest.fail("CI 需要 node_modules/axe-core（make test 会执行 npm ci）")
        pytest.skip("node_modules/axe-core missing: run `npm ci`")
    # Injected as inline script text: no request leaves the page under test. No preload:
    # axe would fetch stylesheets with XHR, which file:// refuses
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    # Material fades colours over 125-250 ms: measure contrast once every fade has ended
    # (CI once measured a nav link mid-fade)
    page.evaluate(
        "() => Promise.all(document.getAnimations()"
        ".filter(a => a instanceof CSSTransition).map(a => a.finished.catch(() => null)))"
    )
    result = page.evaluate(
        """within => axe.run(within || document, {
             runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']},
             resultTypes: ['violations'],
             preload: false
           })""",
        within,
    )
    return [
        f"{v['impact']}: {v['id']} ({v['help']}) at "
        + ", ".join(" ".join(node["target"]) for node in v["nodes"][:5])
        for v in result["violations"]
        if v["impact"] in BLOCKING
    ]


def first_material(built_site: Path) -> str:
    pages = sorted(built_site.glob("study/*/*.html"))
    return next(p for p in pages if p.name != "index.html").relative_to(built_site).as_posix()


def quiz_page(built_site: Path) -> str | None:
    pages = sorted(p for p in built_site.glob("quizzes/*.html") if p.name != "index.html")
    return pages[0].relative_to(built_site).as_posix() if pages else None


@pytest.mark.parametrize(
    "which", ["home", "study", "topic", "material", "notices", "notice", "quiz"]
)
def test_no_serious_violations(page, site, built_site: Path, which: str) -> None:
    paths = {
        "home": "index.html",
        "study": "study/index.html",
        "topic": first_material(built_site).rsplit("/", 1)[0] + "/index.html",
        "material": first_material(built_site),
        "notices": "notices/index.html",
        "notice": sorted(built_site.glob("notices/20*/*.html"))[-1]
        .relative_to(built_site)
        .as_posix(),
        "quiz": quiz_page(built_site),
    }
    assert paths[which], f"no {which} page in the sample site"
    page.goto(site.url(paths[which]))
    page.wait_for_load_state("load")
    if which == "material":
        page.get_by_role("button", name="标记为已学").wait_for()
    assert axe_violations(page) == []


def test_no_serious_violations_in_search_results(page, site) -> None:
    page.goto(site.url("index.html"))
    type_query(page, "党章")
    assert axe_violations(page) == []


@pytest.mark.parametrize("path", ["index.html", "study/index.html", "notices/index.html"])
def test_dark_scheme_has_no_serious_violations(page, site, path: str) -> None:
    page.goto(site.url(path))
    page.get_by_title("切换到深色模式").click()
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    assert axe_violations(page) == []
