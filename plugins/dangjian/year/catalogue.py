"""What the year's pages need to know of the rest of the site: materials by topic, notices
and question banks, taken from the site model (read and parsed once by dangjian-content).

Errors in those files are reported by their own plugins; here a file that does not parse is
simply left out.
"""

from __future__ import annotations

import dataclasses
import posixpath
from dataclasses import dataclass, field

from mkdocs.structure.files import Files

from ..content import listing
from ..content.model import Notice, StudyMaterial, Topic, sort_materials
from ..core.frontmatter import parse_mapping
from ..core.sitemodel import SiteModel
from ..quiz.model import QuestionBank
from ..quiz.parse import parse_bank


@dataclass
class Catalogue:
    topics: dict[str, Topic] = field(default_factory=dict)  # folder → topic, in topic order
    materials: dict[str, StudyMaterial] = field(default_factory=dict)  # src_uri → material
    notices: list[Notice] = field(default_factory=list)
    banks: dict[str, str] = field(default_factory=dict)  # bank id → title
    question_banks: dict[str, QuestionBank] = field(default_factory=dict)  # those that parse


def site_catalogue(
    site: SiteModel,
    files: Files,
    *,
    study_dir: str,
    notices_dir: str,
    quizzes_dir: str,
) -> Catalogue:
    """The materials, topics, notices and banks of the pages still in `files`."""
    found = Catalogue()
    topics: dict[str, Topic] = {}
    study, notices = study_dir + "/", notices_dir + "/"
    for file in files.documentation_pages():
        src = file.src_uri
        if file.generated_by or not file.abs_src_path:
            continue
        if src.startswith(study) and posixpath.basename(src) != "index.md":
            folder = posixpath.dirname(src)
            if folder not in topics:
                slug = posixpath.basename(folder)
                topic = site.topics.get(folder) or Topic(slug=slug, title=slug)
                topics[folder] = dataclasses.replace(topic, materials=[])
            material = site.materials.get(src)
            if material:
                found.materials[src] = material
                topics[folder].materials.append(material)
        elif src.startswith(notices) and src in site.notices:
            found.notices.append(site.notices[src])
    for topic in topics.values():
        topic.materials = sort_materials(topic.materials)
    folder_of = {id(t): f for f, t in topics.items() if f != study_dir}
    found.topics = {
        folder_of[id(t)]: t
        for t in listing.topic_order([t for f, t in topics.items() if f != study_dir])
    }
    found.banks, found.question_banks = _banks(site, quizzes_dir)
    return found


def _banks(site: SiteModel, folder: str) -> tuple[dict[str, str], dict[str, QuestionBank]]:
    """Titles of every bank file, and the banks that parse (random papers count their questions).

    Withheld banks count too; their texts are in the model, read by dangjian-content.
    """
    titles: dict[str, str] = {}
    parsed: dict[str, QuestionBank] = {}
    for src in sorted(site.sources):
        name = src[len(folder) + 1 :] if src.startswith(folder + "/") else ""
        stem, extension = posixpath.splitext(name)
        if "/" in name or extension not in (".yml", ".yaml"):
            continue
        text = site.sources[src].text
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
