"""Wire the checks into a build: the error log's policy and the copy rules."""

from __future__ import annotations

from mkdocs.exceptions import PluginError

from ..core.messages import msg
from ..core.sitemodel import site_model
from .copycheck import CopyChecker
from .policy import Policy
from .rules import BY_ID


def install(config: object, root: str, options: object) -> CopyChecker:
    """Give the build's error log its policy; return the copy checker for content files."""
    severities = dict(options.rules)  # type: ignore[attr-defined]
    unknown = sorted(set(severities) - set(BY_ID))
    if unknown:
        raise PluginError(msg("rules_unknown", rules="、".join(unknown), known="、".join(BY_ID)))
    log = site_model(config).problems
    log.policy = Policy(root, severities)
    checker = CopyChecker(root, options.terms or None, options.copy_style)  # type: ignore[attr-defined]
    log.add(checker.problems)
    return checker
