"""The site model: what the dangjian plugins read once per build and share, and the one gate
for every problem they find.

`dangjian-content` builds the model: it reads each content file once (`sources`), parses
materials, notices and topics, and notes the pages withheld as drafts; `dangjian-quiz` adds
the question banks of the build, `dangjian-year` its events and study plans. Every plugin reaches the model through `site_model(config)`
and through nothing else: no plugin reads another plugin's attributes.

Every plugin records its problems with `site_model(config).problems.add(...)`. Exactly one
place turns them into the failing report: `SiteModel.report()`, called by `dangjian-content`
in `on_env` (priority -100, after every page is converted, before anything is written), so one
run reports every problem of every plugin, sorted, with file:line. `dangjian check`
(`check/runner.py`) reads the same log.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mkdocs.structure.files import File

from .errors import ContentCheckError, ContentError, ErrorLog
from .frontmatter import decode
from .markdown import body_start, line_of_markdown
from .messages import msg

if TYPE_CHECKING:
    from ..content.model import Notice, StudyMaterial, Topic
    from ..quiz.model import QuestionBank
    from ..year.events import Event
    from ..year.plans import StudyPlan

CONTENT_PLUGIN = "dangjian-content"
# MkDocs passes one config object to every hook of every plugin during a build, and has no
# other place for state that plugins share: the model hangs on it under this name only
_ATTRIBUTE = "_dangjian_site"


@dataclass(frozen=True)
class Source:
    """One content file as read from disk, once per build."""

    # Decoded and checked text; None when the file is unreadable, not UTF-8 or holds NUL
    text: str | None
    # The text as MkDocs reads it (UTF-8, universal line ends), for line numbers; None if not UTF-8
    lines: str | None
    problems: list[ContentError] = field(default_factory=list)


def read_source(path: str, abs_path: str) -> Source:
    """Read and decode one file; `path` is how messages name it."""
    try:
        with open(abs_path, "rb") as handle:
            raw = handle.read()
    except OSError as exc:
        return Source(
            None, None, [ContentError(path, message=msg("unreadable", reason=exc.strerror))]
        )
    text, problems = decode(path, raw)
    # The same string when the text is valid: one copy per page, not two (memory at 20,000 pages)
    lines = text
    if lines is None:
        try:
            lines = raw.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
        except UnicodeDecodeError:
            lines = None
    return Source(text, lines, problems)


# What `SiteModel.sources` holds for a page once its text is released (`release`)
RELEASED = Source(None, None)


class ReleasedSourceError(RuntimeError):
    """A page's text was read after `SiteModel.release`: a reader the release did not know."""


@dataclass
class SiteModel:
    """Everything the dangjian plugins share during one build."""

    # src_uri → the file as read: every page, topic file and YAML file in the docs folder
    sources: dict[str, Source] = field(default_factory=dict)
    materials: dict[str, StudyMaterial] = field(default_factory=dict)  # src_uri → material
    notices: dict[str, Notice] = field(default_factory=dict)  # src_uri → notice
    topics: dict[str, Topic] = field(default_factory=dict)  # folder → topic
    withheld: dict[str, str] = field(default_factory=dict)  # src_uri → why it is not published
    banks: dict[str, QuestionBank] = field(default_factory=dict)  # bank id → bank in this build
    events: dict[str, Event] = field(default_factory=dict)  # src_uri → event (dangjian-year)
    plans: dict[str, StudyPlan] = field(default_factory=dict)  # src_uri → plan (dangjian-year)
    # Pages whose rendered HTML a check reads (`dangjian check` renders only these): targets
    # of links with an anchor, and pages whose Markdown may hold scripts or redirects
    needs_html: set[str] = field(default_factory=set)
    # True once dangjian-content has read this build's files
    read: bool = False
    # The one gate: every plugin's errors and warnings, reported together by `report()`
    problems: ErrorLog = field(default_factory=ErrorLog)

    def source(self, file: File, path: str) -> Source:
        """`file` as read from disk: read on the first call of a build, kept for every later one.

        `path` is how messages name the file.
        """
        found = self.sources.get(file.src_uri)
        if found is None:
            found = read_source(path, file.abs_src_path)
            self.sources[file.src_uri] = found
        if found is RELEASED:
            raise ReleasedSourceError(file.src_uri)
        return found

    def release(self, src_uri: str) -> None:
        """Forget a page's text once every reader has used it (`core/release.py`): reading
        it again raises `ReleasedSourceError` rather than giving a wrong answer."""
        if src_uri in self.sources:
            self.sources[src_uri] = RELEASED

    def release_bodies(self) -> None:
        """Let go of every material's and notice's Markdown body once `on_files` is over:
        what is made of the bodies (feeds, related materials' key terms) is made
        by then. A body read later is None, and fails loudly rather than reading as empty."""
        for model in (*self.materials.values(), *self.notices.values()):
            model.body = None  # type: ignore[assignment]

    def source_lines(self, file: File) -> str | None:
        """A page's text as MkDocs reads it, without reading the disk again."""
        if file.generated_by:
            return file.content_string
        source = self.sources.get(file.src_uri)
        if source is RELEASED:
            raise ReleasedSourceError(file.src_uri)
        return source.lines if source else None

    def unreleased_lines(self, file: File) -> str | None:
        """`source_lines` of a page read and not yet released in this build, else None."""
        source = self.sources.get(file.src_uri)
        return None if source is None or source is RELEASED else source.lines

    def body_first_line(self, file: File) -> int:
        """File line where MkDocs' Markdown body of `file` starts."""
        return body_start(self.source_lines(file))

    def first_line_of(self, file: File, markdown: str) -> int:
        """File line of the first line of `markdown`, the end of `file` as MkDocs read it."""
        return line_of_markdown(self.source_lines(file), markdown)

    def report(self) -> None:
        """Stop the build with every error recorded so far, in one report."""
        if self.problems.errors:
            raise ContentCheckError(self.problems.errors)


class ContentPluginMissing(ContentCheckError):
    """A plugin that needs what `dangjian-content` reads is used without it."""

    def __init__(self, config: object, plugin: str) -> None:
        path = os.path.basename(getattr(config, "config_file_path", None) or "mkdocs.yml")
        message = msg("site_model_missing", plugin=plugin, content=CONTENT_PLUGIN)
        super().__init__([ContentError(path, key="plugins", message=message)])


def site_model(config: object, *, needed_by: str | None = None) -> SiteModel:
    """The build's site model, the one way dangjian plugins share what they read.

    A plugin that needs the content (`needed_by`, its name) gets a Chinese error naming
    mkdocs.yml when `dangjian-content` is not among the enabled plugins.
    """
    if needed_by is not None:
        content = config.plugins.get(CONTENT_PLUGIN)  # type: ignore[attr-defined]
        if content is None or not content.config.enabled:
            raise ContentPluginMissing(config, needed_by)
    found = getattr(config, _ATTRIBUTE, None)
    if found is None:
        found = SiteModel()
        setattr(config, _ATTRIBUTE, found)
    return found
