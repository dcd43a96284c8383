"""The site model: built once by dangjian-content, the only way plugins share what they read,
and the one gate that reports every plugin's problems together."""

from __future__ import annotations

import builtins
import io
import sys
import sysconfig
from pathlib import Path

import pytest
from dangjian.cli import main
from dangjian.core.errors import ContentCheckError, ContentError
from dangjian.core.markdown import body_start, line_of_markdown
from dangjian.core.sitemodel import SiteModel, site_model
from dangjian.site import SiteError, build_site

from tests.quiz.conftest import BANK, write_site

PACKAGE = str(Path(sys.modules["dangjian"].__file__).parent)
STDLIB = sysconfig.get_paths()["stdlib"]

NOTICE = "---\ntitle: 学习通知\ndate: 2026-03-02\n---\n\n请学习[党章](../../study/t/page.md)。\n"
PLAN = """\
title: 三月学习计划
from: 2026-03-01
to: 2026-03-31
items:
  - material: t/page
    due: 2026-03-15
  - quiz: demo
    due: 2026-03-31
"""


def year_site(root: Path, config_extra: str = "  - dangjian-year\n", **kwargs) -> Path:
    """The quiz test site plus a notice, a study plan and the year plugin."""
    pages = {"content/notices/2026/tongzhi.md": NOTICE, "content/plans/2026/march.yml": PLAN}
    pages.update(kwargs.pop("pages", {}))
    config = write_site(root, pages=pages, **kwargs)
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  - dangjian-quiz\n", "  - dangjian-quiz\n" + config_extra
        ),
        encoding="utf-8",
    )
    return config


def built(config: Path, out: Path):
    """Build the site and hand back the MkDocs config the plugins saw."""
    seen = []
    build_site(config, out, configure=seen.append)
    return seen[0]


def test_quiz_without_content_plugin_is_one_chinese_line(tmp_path: Path, capsys) -> None:
    config = write_site(tmp_path)
    text = config.read_text(encoding="utf-8").replace("  - dangjian-content\n", "")
    config.write_text(text, encoding="utf-8")
    code = main(["build", "-f", str(config)])
    err = capsys.readouterr().err
    assert code == 1
    assert (
        "mkdocs.yml: 插件 dangjian-quiz 需要 dangjian-content：请在 mkdocs.yml 的 plugins 中"
        "加上 dangjian-content（并且不要把它设为 enabled: false）" in err
    )
    assert "Traceback" not in err
    assert not (tmp_path / "build" / "site").exists()


def test_content_plugin_switched_off_is_refused_too(tmp_path: Path) -> None:
    config = year_site(tmp_path)
    text = config.read_text(encoding="utf-8").replace(
        "  - dangjian-content\n", "  - dangjian-content:\n      enabled: false\n"
    )
    config.write_text(text, encoding="utf-8")
    with pytest.raises(SiteError) as caught:
        build_site(config, tmp_path / "out")
    assert caught.value.problems == [
        "mkdocs.yml: 插件 dangjian-quiz 需要 dangjian-content：请在 mkdocs.yml 的 plugins 中"
        "加上 dangjian-content（并且不要把它设为 enabled: false）"
    ]


def test_every_plugin_shares_the_one_model(tmp_path: Path) -> None:
    config = built(year_site(tmp_path), tmp_path / "out")
    site = site_model(config)
    plugins = [config.plugins[name] for name in ("dangjian-content", "dangjian-quiz")]
    plugins.append(config.plugins["dangjian-year"])
    assert all(plugin.site is site for plugin in plugins)
    assert site.read
    assert sorted(site.materials) == ["study/t/page.md"]
    assert sorted(site.notices) == ["notices/2026/tongzhi.md"]
    assert list(site.banks) == ["demo"]
    assert list(site.plans) == ["plans/2026/march.yml"]
    # The year plugin's catalogue holds the very objects dangjian-content parsed
    catalogue = config.plugins["dangjian-year"].catalogue
    assert catalogue.materials["study/t/page.md"] is site.materials["study/t/page.md"]
    assert catalogue.notices == [site.notices["notices/2026/tongzhi.md"]]
    assert catalogue.banks == {"demo": "演示题库"}
    assert catalogue.topics["study/t"].title == "测试专题"


def test_each_content_file_is_read_once_by_our_plugins(tmp_path: Path, monkeypatch) -> None:
    config = year_site(tmp_path)
    docs = str(tmp_path / "content")
    opened: dict[str, int] = {}
    real_open = builtins.open

    def counting_open(file, *args, **kwargs):
        path = str(file)
        if path.startswith(docs):
            frame = sys._getframe(1)
            while frame and frame.f_code.co_filename.startswith(STDLIB):
                frame = frame.f_back  # pathlib, io: who asked for the file?
            if frame and frame.f_code.co_filename.startswith(PACKAGE):
                opened[path] = opened.get(path, 0) + 1
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", counting_open)
    monkeypatch.setattr(io, "open", counting_open)
    built(config, tmp_path / "out")
    monkeypatch.undo()
    sources = sorted(
        str(p) for p in (tmp_path / "content").rglob("*") if p.suffix in (".md", ".yml")
    )
    assert sorted(opened) == sources
    assert {path: count for path, count in opened.items() if count != 1} == {}


def test_bank_pages_are_generated_in_memory(tmp_path: Path, monkeypatch) -> None:
    from dangjian.quiz.plugin import QuizPlugin

    seen = {}
    convert = QuizPlugin.on_page_markdown

    def recording(self, markdown, *, page, config, files):
        # The text as the page is read (after its conversion it is let go: core/release.py)
        seen[page.file.src_uri] = page.file, page.file.content_string
        return convert(self, markdown, page=page, config=config, files=files)

    monkeypatch.setattr(QuizPlugin, "on_page_markdown", recording)
    config = built(write_site(tmp_path), tmp_path / "out")
    assert not hasattr(config.plugins["dangjian-quiz"], "_scratch")
    bank_page, text = seen["quizzes/demo.md"]
    # A real MkDocs File backed by memory: no folder on disk behind it
    assert bank_page.generated_by == "dangjian-quiz" and bank_page.abs_src_path is None
    assert "```quiz\nbank: demo\n```" in text
    page = (tmp_path / "out" / "quizzes" / "demo.html").read_text(encoding="utf-8")
    assert "演示题库" in page and 'class="dj-quiz" data-quiz=' in page


def test_plugins_create_their_state_before_any_hook(tmp_path: Path) -> None:
    from dangjian.content.plugin import ContentPlugin
    from dangjian.offline.plugin import OfflinePlugin
    from dangjian.quiz.plugin import QuizPlugin
    from dangjian.search.plugin import SearchPlugin
    from dangjian.year.plugin import YearPlugin

    for plugin in (ContentPlugin(), QuizPlugin(), SearchPlugin(), YearPlugin()):
        assert isinstance(plugin.site, SiteModel)
    assert QuizPlugin().banks == {} and SearchPlugin().index_job is None
    assert OfflinePlugin().scripts == {} and OfflinePlugin().uses_mermaid == []


def test_the_gate_reports_every_plugins_problems_sorted(tmp_path: Path) -> None:
    bank = BANK.replace("answer: B\n", "answer: Z\n")
    broken = NOTICE.replace("../../study/t/page.md", "../../study/t/nope.md")
    config = year_site(
        tmp_path,
        bank=bank,
        pages={
            "content/notices/2026/tongzhi.md": broken,
            "content/plans/2026/march.yml": PLAN.replace("quiz: demo", "quiz: nope"),
        },
    )
    with pytest.raises(SiteError) as caught:
        build_site(config, tmp_path / "out")
    where = [line.split(": ", 1)[0] for line in caught.value.problems]
    assert where == sorted(where)
    files = {w.split(":")[0] for w in where}
    assert files == {
        "content/notices/2026/tongzhi.md",  # dangjian-content
        "content/plans/2026/march.yml",  # dangjian-year
        "content/quizzes/demo.yml",  # dangjian-quiz
    }


def test_report_raises_once_with_all_errors_and_ignores_warnings() -> None:
    site = SiteModel()
    site.problems.add(
        [ContentError("b.md", 2, message="乙"), ContentError("a.md", 1, message="甲")]
    )
    site.problems.add([ContentError("c.md", message="丙", level="warning")])
    with pytest.raises(ContentCheckError) as caught:
        site.report()
    assert str(caught.value) == "a.md:1: 甲\nb.md:2: 乙"
    quiet = SiteModel()
    quiet.problems.add([ContentError("c.md", message="丙", level="warning")])
    quiet.report()  # warnings alone never stop a build


def test_site_model_is_one_per_config() -> None:
    class Config:
        plugins: dict = {}

    first, second = Config(), Config()
    assert site_model(first) is site_model(first)
    assert site_model(first) is not site_model(second)


def test_line_helpers_work_on_the_text_read_once() -> None:
    text = "---\ntitle: 标题\n---\n\n\n# 正文\n"
    assert body_start(text) == 6
    assert body_start("# 无 front matter\n") == 1
    assert body_start(None) == 1
    assert line_of_markdown(text, "# 正文\n") == 6
    assert line_of_markdown(None, "x") == 1
