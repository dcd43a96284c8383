"""Our page scripts, shipped as one file: `assets/dangjian/site.js`.

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
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from ..core.joinscripts import join_scripts

ASSETS = "assets/dangjian/"
JOINED = ASSETS + "site.js"


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
    path = str(script)
    if not path.startswith(ASSETS) or not path.endswith(".js"):
        return False
    if getattr(script, "type", "") or getattr(script, "async_", False):
        return False
    if getattr(script, "defer", False):
        return False
    file = files.get_file_from_path(path)
    return file is not None and not file.is_documentation_page()
