"""What the year's pages need to know of the rest of the site: materials by topic, notices
and question banks, read with the content and quiz parsers (pure functions) from the files.

Errors in those files are reported by their own plugins; here a file that does not parse is
simply left out.
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass, field

from mkdocs.structure.files import Files

from ..content import listing
from ..content.model import (
    Notice,
    StudyMaterial,
    Topic,
    parse_material,
    parse_notice,
    parse_topic,
    sort_materials,
)
from ..core.frontmatter import decode, parse_mapping
from ..quiz.model import QuestionBank
from ..quiz.parse import parse_bank

TOPIC_FILE = "_topic.yml"


@dataclass
class Catalogue:
    topics: dict[str, Topic] = field(default_factory=dict)  # folder → topic, in topic order
    materials: dict[str, StudyMaterial] = field(default_factory=dict)  # src_uri → material
    notices: list[Notice] = field(default_factory=list)
    banks: dict[str, str] = field(default_factory=dict)  # bank id → title
    question_banks: dict[str, QuestionBank] = field(default_factory=dict)  # those that parse


def _text(abs_path: str) -> str | None:
    try:
        with open(abs_path, "rb") as handle:
            text, _ = decode(abs_path, handle.read())
    except OSError:
        return None
    return text


def read_catalogue(
    files: Files,
    docs_dir: str,
    *,
    study_dir: str,
    notices_dir: str,
    quizzes_dir: str,
    categories: tuple[str, ...],
) -> Catalogue:
    """Parse the materials, topics, notices and bank titles of the site."""
    found = Catalogue()
    topics: dict[str, Topic] = {}
    study, notices = study_dir + "/", notices_dir + "/"
    for file in files.documentation_pages():
        src = file.src_uri
        if file.generated_by or not file.abs_src_path:
            continue
        if src.startswith(study) and posixpath.basename(src) != "index.md":
            folder = posixpath.dirname(src)
            topic = topics.get(folder) or _read_topic(docs_dir, folder)
            topics[folder] = topic
            text = _text(file.abs_src_path)
            material, _ = parse_material(src, src, text, topic.title) if text else (None, [])
            if material:
                found.materials[src] = material
                topic.materials.append(material)
        elif src.startswith(notices):
            text = _text(file.abs_src_path)
            notice, _ = parse_notice(src, src, text, categories) if text else (None, [])
            if notice:
                found.notices.append(notice)
    for topic in topics.values():
        topic.materials = sort_materials(topic.materials)
    folder_of = {id(t): f for f, t in topics.items() if f != study_dir}
    found.topics = {
        folder_of[id(t)]: t
        for t in listing.topic_order([t for f, t in topics.items() if f != study_dir])
    }
    found.banks, found.question_banks = _banks(os.path.join(docs_dir, quizzes_dir))
    return found


def _read_topic(docs_dir: str, folder: str) -> Topic:
    slug = posixpath.basename(folder)
    text = _text(os.path.join(docs_dir, folder, TOPIC_FILE))
    topic = parse_topic(TOPIC_FILE, slug, text)[0] if text else None
    return topic or Topic(slug=slug, title=slug)


def _banks(folder: str) -> tuple[dict[str, str], dict[str, QuestionBank]]:
    """Titles of every bank file, and the banks that parse (random papers count their questions)."""
    titles: dict[str, str] = {}
    parsed: dict[str, QuestionBank] = {}
    if not os.path.isdir(folder):
        return titles, parsed
    for name in sorted(os.listdir(folder)):
        stem, extension = os.path.splitext(name)
        if extension not in (".yml", ".yaml"):
            continue
        text = _text(os.path.join(folder, name))
        entries = parse_mapping(name, text)[0] if text else None
        if entries is None:
            continue
        bank_id = entries["id"].value if "id" in entries else stem
        title = entries["title"].value if "title" in entries else bank_id
        titles[str(bank_id)] = str(title)
        bank = parse_bank(name, name, text)[0]
        if bank:
            parsed[bank.id] = bank
    return titles, parsed
