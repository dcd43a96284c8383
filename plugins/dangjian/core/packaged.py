"""Files dangjian ships beside its code: the theme and the editor's guide.

A wheel carries them inside the package (`dangjian/theme/`, `dangjian/guide/`, copied by
setup.py); a source checkout or editable install uses the top-level `theme/` and
`content/guide/` folders, which are their source.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent
# A source checkout: plugins/dangjian/ two levels below pyproject.toml
CHECKOUT = PACKAGE.parent.parent

# Name → (inside the installed package, in a source checkout)
_LOCATIONS = {
    "theme": (PACKAGE / "theme", CHECKOUT / "theme"),
    "guide": (PACKAGE / "guide", CHECKOUT / "content" / "guide"),
}


def packaged_dir(name: str) -> Path | None:
    """The folder holding the shipped `name` ("theme" or "guide"), or None if it is missing."""
    installed, checkout = _LOCATIONS[name]
    if installed.is_dir():
        return installed
    if (CHECKOUT / "pyproject.toml").is_file() and checkout.is_dir():
        return checkout
    return None
