"""Configuration of the content plugin."""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class ContentConfig(Config):
    enabled = c.Type(bool, default=True)

    # Folders below docs_dir that hold each kind of content
    study_dir = c.Type(str, default="study")
    notices_dir = c.Type(str, default="notices")

    # Notice categories, first is the default
    categories = c.ListOfItems(c.Type(str), default=["通知", "公告", "简报"])

    # Check relative links and anchors in every page, naming file:line
    check_links = c.Type(bool, default=True)

    # List every material in the navigation only while the site has at most this many; above
    # it the navigation lists the topics, whose pages list the materials. Every page carries
    # the whole navigation, so this keeps pages small and the build linear at thousands of pages
    nav_materials_limit = c.Type(int, default=100)

    # Atom feeds notices.xml and study.xml (need site_url for absolute links)
    feeds = c.Type(bool, default=True)

    # Allow <script>, on…= handlers and javascript: URLs in page bodies (off: check errors)
    allow_scripts = c.Type(bool, default=False)

    # Folder below docs_dir that notice attachments must lie in (besides the notice's own
    # folder); empty: anywhere in notices_dir. Keeps banks and other files from being offered
    attachments_dir = c.Type(str, default="")

    # Time zone of `publish:` dates (scheduled publishing), an IANA name
    time_zone = c.Type(str, default="Asia/Shanghai")

    # Severity per check rule, e.g. {DJ301: off, DJ310: error} (rules: dangjian/check/rules.py)
    rules = c.DictOfItems(c.Choice(("error", "warning", "off")), default={})

    # 规范表述 rules file beside mkdocs.yml (without it, dangjian's starter list); "" to skip
    terms = c.Type(str, default="terms.yml")

    # Chinese copy style in prose: spacing around Latin/digits, full-width punctuation
    copy_style = c.Type(bool, default=True)
