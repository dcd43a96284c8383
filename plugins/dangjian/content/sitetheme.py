"""The packaged theme joins the site's theme, and misuse of our plugins is a Chinese error.

MkDocs looks for templates and static files in `config.theme.dirs`, first match wins: the site's
`custom_dir`, then our packaged theme, then Material. So a site overrides any of our partials by
putting a file of the same name in its own `custom_dir`.
"""

from __future__ import annotations

import os
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from .. import __version__
from ..core.defaults import read_settings
from ..core.errors import ContentCheckError, ContentError
from ..core.messages import msg
from ..core.packaged import packaged_dir

OUR_ASSETS = "assets/dangjian/"
# Material's own search needs a web worker, which file:// cannot start
MATERIAL_SEARCH = ("search", "material/search")
_GENERATOR = re.compile(r'(<meta name="generator" content=")')
_INSTANCE = re.compile(r"^(?P<name>.+) #\d+$")


def _fail(key: str, message: str, config: MkDocsConfig) -> ContentCheckError:
    path = os.path.basename(config.config_file_path or "mkdocs.yml")
    return ContentCheckError([ContentError(path, key=key, message=message)])


def theme_name(settings: dict) -> object:
    theme = settings.get("theme")
    return theme.get("name") if isinstance(theme, dict) else theme


def theme_problem(config_file: str) -> str | None:
    """Our message when mkdocs.yml names another theme (MkDocs then fails before any plugin)."""
    name = theme_name(read_settings(config_file))
    if name == "material":
        return None
    path = os.path.basename(config_file)
    return str(ContentError(path, key="theme", message=msg("theme_not_material", name=name)))


def use_packaged_theme(config: MkDocsConfig) -> None:
    """Check the theme is Material and put our theme right after the site's `custom_dir`."""
    if config.theme.name != "material":
        raise _fail("theme", msg("theme_not_material", name=config.theme.name), config)
    theme = packaged_dir("theme")
    if theme is None:
        raise _fail("theme", msg("theme_missing"), config)
    dirs = [os.path.realpath(d) for d in config.theme.dirs]
    if os.path.realpath(theme) in dirs:
        return
    position = 1 if config.theme.custom_dir else 0
    config.theme.dirs.insert(position, str(theme))


def check_plugins(config: MkDocsConfig) -> None:
    """A dangjian plugin listed twice, or Material's search beside ours, stops the build."""
    for name in config.plugins:
        twice = _INSTANCE.match(name)
        if twice and twice["name"].startswith("dangjian-"):
            raise _fail("plugins", msg("plugin_twice", name=twice["name"]), config)
    if any(name in config.plugins for name in MATERIAL_SEARCH):
        raise _fail("plugins", msg("material_search_on", name="search"), config)


def check_assets(config: MkDocsConfig, files: Files) -> list[ContentError]:
    """Every script and style of ours that a page will load must be among the site's files."""
    path = os.path.basename(config.config_file_path or "mkdocs.yml")
    wanted = [str(p) for p in config.extra_javascript] + [str(p) for p in config.extra_css]
    wanted += [OUR_ASSETS + "dangjian.js", OUR_ASSETS + "base.css"]  # loaded by main.html
    return [
        ContentError(path, key="theme", message=msg("asset_missing", asset=asset))
        for asset in dict.fromkeys(wanted)
        if asset.startswith(OUR_ASSETS) and files.get_file_from_path(asset) is None
    ]


def stamp_generator(html: str) -> str:
    """Name dangjian and its version first in the page's `<meta name="generator">`."""
    return _GENERATOR.sub(rf"\g<1>dangjian-{__version__}, ", html, count=1)
