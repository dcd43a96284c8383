"""Configuration of the `dangjian-offline` plugin (also read by `dangjian pack`)."""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class OfflineConfig(Config):
    enabled = c.Type(bool, default=True)

    # URL prefixes the site may load from other hosts on purpose (checked by `dangjian pack`)
    allow_external = c.ListOfItems(c.Type(str), default=[])

    # `dangjian pack` warns when the zip is larger than this
    max_size_mb = c.Type((int, float), default=50)

    # Where `dangjian pack` writes the zip, relative to mkdocs.yml
    dist_dir = c.Type(str, default="build/dist")


def offline_options(config) -> OfflineConfig:
    """The dangjian-offline settings of a loaded mkdocs.yml (defaults if the plugin is off)."""
    plugin = config.plugins.get("dangjian-offline")
    if plugin is not None:
        return plugin.config
    defaults = OfflineConfig()
    defaults.load_dict({})
    defaults.validate()
    return defaults
