"""`dangjian new`: the right folder, filled front matter, pinyin names, no overwrite, passes check."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from dangjian.adopt.new import Folders, NewError, file_name, new_content
from dangjian.cli import main
from dangjian.core.frontmatter import parse_front_matter
from dangjian.site import check_site


@pytest.fixture
def in_site(new_site: Path) -> Path:
    before = Path.cwd()
    os.chdir(new_site)
    yield new_site
    os.chdir(before)


def front(path: Path) -> dict:
    parsed, errors = parse_front_matter(path.name, path.read_text(encoding="utf-8"))
    assert errors == []
    return {key: entry.value for key, entry in parsed.entries.items()}


def test_file_names_are_readable_pinyin() -> None:
    assert file_name("党章学习要点") == "dangzhang-xuexi-yaodian"
    assert file_name("关于召开2026年度组织生活会的通知").startswith("guanyu-zhaokai-2026-niandu")
    assert file_name("“三会一课”（ABC）").endswith("-abc")
    assert file_name("！！！") == ""


def test_each_kind_lands_in_its_folder_and_the_site_still_checks(in_site: Path, capsys) -> None:
    today = dt.date.today().isoformat()
    assert main(["new", "notice", "关于召开组织生活会的通知", "--pinned"]) == 0
    notice = Path(capsys.readouterr().out.strip())
    assert notice.parent.parent == Path("content/notices")
    assert notice.parent.name.isdigit() and notice.name.startswith("guanyu-zhaokai")
    values = front(notice)
    assert values["title"] == "关于召开组织生活会的通知" and values["pinned"] is True
    assert values["category"] == "通知" and str(values["date"]) in (today, _shanghai_today())

    assert main(["new", "study", "党章学习要点", "--topic", "rumen"]) == 0
    material = Path(capsys.readouterr().out.strip())
    assert material == Path("content/study/rumen/dangzhang-xuexi-yaodian.md")
    assert front(material)["order"] == 3  # after the topic's two materials

    assert main(["new", "quiz", "党章知识测试"]) == 0
    bank = Path(capsys.readouterr().out.strip())
    assert bank == Path("content/quizzes/dangzhang-zhishi-ceshi.yml")
    assert "id: dangzhang-zhishi-ceshi" in bank.read_text(encoding="utf-8")

    result = check_site(in_site / "mkdocs.yml")
    assert result.warnings == []


def _shanghai_today() -> str:
    from dangjian.core.publishing import today_in

    return today_in("Asia/Shanghai").isoformat()


def test_an_existing_file_is_never_overwritten(in_site: Path, capsys) -> None:
    assert main(["new", "study", "党章学习要点"]) == 0  # one topic: --topic may be left out
    path = in_site / capsys.readouterr().out.strip()
    path.write_text("---\ntitle: 我写好的\n---\n正文\n", encoding="utf-8")
    assert main(["new", "study", "党章学习要点"]) == 1
    assert "已存在" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == "---\ntitle: 我写好的\n---\n正文\n"


def test_unknown_topic_names_the_known_ones(in_site: Path, capsys) -> None:
    assert main(["new", "study", "标题", "--topic", "meiyou"]) == 1
    err = capsys.readouterr().err
    assert "meiyou" in err and "rumen" in err


def test_a_title_without_letters_asks_for_a_name(tmp_path: Path) -> None:
    with pytest.raises(NewError, match="--name"):
        new_content("notice", "！！！", Folders(docs=tmp_path), dt.date(2026, 1, 1))
    path = new_content(
        "notice", "！！！", Folders(docs=tmp_path), dt.date(2026, 1, 1), name="tongzhi"
    )
    assert path == tmp_path / "notices" / "2026" / "tongzhi.md"
