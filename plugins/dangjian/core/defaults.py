"""The settings every dangjian site starts from, so a site's mkdocs.yml stays short.

They are applied to the loaded configuration (by `dangjian.site.load` and again by the content
plugin's `on_config`), never written into the site's file: upgrading dangjian upgrades them.
Anything the site's mkdocs.yml sets wins:
- a top-level key (`use_directory_urls`, `strict`, `validation`) replaces ours as a whole;
- a `theme:` key (`features`, `palette`, `font`, `language`, `favicon`, `logo`) replaces ours;
- a Markdown extension the site lists is added to ours, and its options override ours key by key.
"""

from __future__ import annotations

import logging
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError
from mkdocs.utils.yaml import get_yaml_loader, yaml_load
from pymdownx.slugs import slugify

# Plain .html links so the same build works from a server and from file://
USE_DIRECTORY_URLS = False
STRICT = True

VALIDATION = {
    "nav": {"omitted_files": logging.INFO, "not_found": logging.WARNING},
    "links": {
        "not_found": logging.WARNING,
        "anchors": logging.WARNING,
        "absolute_links": logging.WARNING,
        "unrecognized_links": logging.INFO,
    },
}

THEME: dict[str, Any] = {
    "language": "zh",
    # No web fonts: a CJK system font stack lives in theme/assets/dangjian/base.css
    "font": False,
    "favicon": "assets/dangjian/favicon.svg",
    "logo": "assets/dangjian/logo.svg",
    "palette": [
        {
            "scheme": "default",
            "primary": "red",
            "accent": "red",
            "toggle": {"icon": "dangjian/brightness-7", "name": "切换到深色模式"},
        },
        {
            "scheme": "slate",
            "primary": "red",
            "accent": "red",
            "toggle": {"icon": "dangjian/brightness-4", "name": "切换到浅色模式"},
        },
    ],
    # Material's icons of the header, footer and back-to-top button, drawn by base.css instead
    # of inline in every page (theme/.icons/dangjian/; so are the palette's toggles above)
    "icon": {
        "menu": "dangjian/menu",
        "previous": "dangjian/arrow-left",
        "next": "dangjian/arrow-right",
        "top": "dangjian/arrow-up",
    },
    "features": [
        # navigation.instant stays off: it needs fetch, which file:// blocks
        "navigation.tabs",
        "navigation.sections",
        "navigation.top",
        "navigation.footer",
        "navigation.indexes",
        # Render only the visible part of the navigation: smaller pages, faster builds
        "navigation.prune",
        "toc.follow",
        "content.tabs.link",
    ],
}


def markdown_extensions() -> dict[str, dict[str, Any]]:
    """Our Markdown extensions and their options, in the order MkDocs loads them."""
    return {
        "abbr": {},
        "admonition": {},
        "attr_list": {},
        "def_list": {},
        "footnotes": {},
        "md_in_html": {},
        "tables": {},
        # Chinese headings keep their characters in anchors (#一基本要求)
        "toc": {"permalink": True, "permalink_title": "本节链接", "slugify": slugify(case="lower")},
        "pymdownx.betterem": {},
        "pymdownx.caret": {},
        "pymdownx.details": {},
        "pymdownx.highlight": {"anchor_linenums": True},
        "pymdownx.inlinehilite": {},
        "pymdownx.mark": {},
        "pymdownx.superfences": {},
        "pymdownx.tabbed": {"alternate_style": True},
        "pymdownx.tasklist": {"custom_checkbox": True},
        "pymdownx.tilde": {},
    }


def site_settings(config: MkDocsConfig) -> dict[str, Any]:
    """What the site's own mkdocs.yml (with anything it INHERITs) sets, unvalidated."""
    return read_settings(config.config_file_path, config)


def read_settings(path: str | None, config: MkDocsConfig | None = None) -> dict[str, Any]:
    """The raw settings of a mkdocs.yml ({} if it cannot be read)."""
    if not path:
        return {}
    try:
        with open(path, "rb") as handle:
            # MkDocs' own loader: !ENV, INHERIT and (given the config) !relative work as in MkDocs
            return yaml_load(handle, get_yaml_loader(config=config)) or {}
    except (OSError, ConfigurationError):
        return {}


def apply_defaults(config: MkDocsConfig) -> None:
    """Fill in every setting of ours that the site's mkdocs.yml leaves out (idempotent)."""
    site = site_settings(config)
    if "use_directory_urls" not in site:
        config["use_directory_urls"] = USE_DIRECTORY_URLS
    if "strict" not in site:
        config["strict"] = STRICT
    if "validation" not in site:
        for group, levels in VALIDATION.items():
            for key, level in levels.items():
                config["validation"][group][key] = level
    _apply_theme(config, site.get("theme"))
    _apply_markdown(config, site.get("markdown_extensions"))


def _apply_theme(config: MkDocsConfig, site_theme: object) -> None:
    chosen = site_theme if isinstance(site_theme, dict) else {}
    for key, value in THEME.items():
        if key not in chosen:
            config.theme[key] = value


def _apply_markdown(config: MkDocsConfig, site_extensions: object) -> None:
    site_options: dict[str, Any] = {}
    for item in site_extensions or []:
        if isinstance(item, dict):
            site_options.update({name: options or {} for name, options in item.items()})
    for name, options in markdown_extensions().items():
        if name not in config.markdown_extensions:
            config.markdown_extensions.append(name)
        config.mdx_configs[name] = {**options, **site_options.get(name, {})}
