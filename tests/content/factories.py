"""Content models for unit tests: every field a plain default, the test names what matters."""

from __future__ import annotations

from typing import Any

from dangjian.content.model import StudyMaterial


def material(name: str, **fields: Any) -> StudyMaterial:
    """A study material `study/t/<name>.md` titled `name` in topic `t`."""
    values: dict[str, Any] = {
        "src_uri": f"study/t/{name}.md",
        "title": name,
        "date": None,
        "topic": "t",
        "order": None,
        "tags": [],
        "source": None,
        "author": None,
        "summary": None,
        "hours": None,
        "required": False,
    }
    values.update(fields)
    return StudyMaterial(**values)
