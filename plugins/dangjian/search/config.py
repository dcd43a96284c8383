"""Configuration of the search plugin."""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class SearchConfig(Config):
    enabled = c.Type(bool, default=True)

    # Editor-side Whoosh index (for `dangjian search`), relative to the folder of mkdocs.yml
    cache_dir = c.Type(str, default="build/.cache/search")

    # Keep the Whoosh index up to date on every build (off: only the browser index is written)
    whoosh = c.Type(bool, default=True)
