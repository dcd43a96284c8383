"""Each page is read from disk once a build: MkDocs builds the text `dangjian-content` read
and checked (`on_page_read_source`), even when the file is saved again during the build."""

from __future__ import annotations

from pathlib import Path

from dangjian.site import build_site

HOOK = """\
from pathlib import Path


def on_nav(nav, config, files):  # after every page is read and checked, before MkDocs reads
    page = Path(config.docs_dir, "study/alpha/a1.md")
    page.write_text(page.read_text(encoding="utf-8").replace("总纲规定", "<script>x</script>"))
    return nav
"""


def test_a_page_saved_during_the_build_is_built_as_it_was_checked(site: Path) -> None:
    (site / "edit_hook.py").write_text(HOOK, encoding="utf-8")
    config = site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "hooks:\n  - edit_hook.py\n")
    build_site(config, site / "site")
    page = (site / "site" / "study" / "alpha" / "a1.html").read_text(encoding="utf-8")
    assert "党章总纲规定了党的性质" in page
    assert "<script>x</script>" not in page
    assert "<script>x" in (site / "content" / "study" / "alpha" / "a1.md").read_text("utf-8")
