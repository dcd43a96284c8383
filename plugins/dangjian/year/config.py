"""Configuration of the year plugin (`dangjian-year`)."""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from .events import DEFAULT_KINDS


class YearConfig(Config):
    enabled = c.Type(bool, default=True)

    # Folders below docs_dir: events (Markdown) and study plans (YAML)
    events_dir = c.Type(str, default="events")
    plans_dir = c.Type(str, default="plans")
    # Where materials, notices and question banks live (same defaults as their plugins)
    study_dir = c.Type(str, default="study")
    notices_dir = c.Type(str, default="notices")
    quizzes_dir = c.Type(str, default="quizzes")
    # Unused since notices come from the site model (dangjian-content's `categories`); kept so
    # that a mkdocs.yml setting it still loads
    notice_categories = c.ListOfItems(c.Type(str), default=["通知", "公告", "简报"])

    # Kinds of organisational life; the first four are 三会一课
    event_kinds = c.ListOfItems(c.Type(str), default=list(DEFAULT_KINDS))

    # A QR code of the page's address on printed notices and events (needs site_url)
    qr_codes = c.Type(bool, default=True)
