"""Our page scripts and style sheets, shipped as one file each: `assets/dangjian/site.js` and
`site.css`.

Every feature keeps its behaviour in its own classic script under `theme/assets/dangjian/`
(progress, notices, search, quiz, calendar, plans, …) and its plugin adds it to
`extra_javascript`, so a site without the quiz plugin loads no quiz code. Pages used to name
each of them: 14 `<script>` tags after Material's bundle on every page. A member's browser
pays for every file a page names (the README's numbers: 3–9 ms each from file://; on the
sample site the joined file cut a page's DOMContentLoaded by about 9%, and every page
carries 13 fewer tags into the zip).

So after every plugin has listed its scripts, the build joins ours, in the order they were
listed, into one generated file that takes the first one's place (`core/joinscripts.py`:
plain concatenation; a site's `custom_dir` still overrides any piece). The site's own
`extra_javascript` entries stay separate, where the site put them.

Our style sheets (added to `extra_css` by the plugins: materials, print, search, offline,
quiz, year) are joined the same way into `site.css`, 6 fewer `<link>`s on every page. Only a
run of ours that nothing else interrupts is joined, so that no sheet of the site's moves
before or after one of ours (the cascade depends on their order).
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from ..core.joinscripts import join_scripts

ASSETS = "assets/dangjian/"
JOINED = ASSETS + "site.js"
JOINED_CSS = ASSETS + "site.css"


def join_page_scripts(files: Files, config: MkDocsConfig) -> Files:
    """Replace our scripts in `extra_javascript` (and among `files`) with one `site.js`."""
    scripts = [s for s in config.extra_javascript if str(s) != JOINED]  # idempotent
    ours = [s for s in scripts if _joinable(s, files)]
    if not ours:
        config.extra_javascript[:] = scripts
        return files
    first = scripts.index(ours[0])
    kept = [s for s in scripts if s not in ours]
    kept.insert(first, JOINED)
    config.extra_javascript[:] = kept
    pieces = [files.get_file_from_path(str(s)) for s in ours]  # each there: `_joinable`
    return join_scripts(files, config, pieces, JOINED)  # type: ignore[arg-type]


def _joinable(script: object, files: Files) -> bool:
    """A plain classic script of ours (no type, async or defer) that the site ships."""
    if getattr(script, "type", "") or getattr(script, "async_", False):
        return False
    if getattr(script, "defer", False):
        return False
    return _ours(str(script), ".js", files)


def join_page_styles(files: Files, config: MkDocsConfig) -> Files:
    """Replace the first run of our style sheets in `extra_css` (and among `files`) with one
    `site.css`."""
    sheets = [str(s) for s in config.extra_css if str(s) != JOINED_CSS]  # idempotent
    ours = [_ours(sheet, ".css", files) for sheet in sheets]
    if True not in ours:
        config.extra_css[:] = sheets
        return files
    first = ours.index(True)
    end = ours.index(False, first) if False in ours[first:] else len(sheets)
    run = sheets[first:end]
    config.extra_css[:] = [*sheets[:first], JOINED_CSS, *sheets[end:]]
    pieces = [files.get_file_from_path(sheet) for sheet in run]  # each there: `_ours`
    return join_scripts(files, config, pieces, JOINED_CSS)  # type: ignore[arg-type]


def _ours(path: str, suffix: str, files: Files) -> bool:
    """A file of ours with that suffix that the site ships."""
    if not path.startswith(ASSETS) or not path.endswith(suffix):
        return False
    file = files.get_file_from_path(path)
    return file is not None and not file.is_documentation_page()
