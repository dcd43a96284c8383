"""The packaged theme and defaults: a short mkdocs.yml works, the site's settings win, a site's
custom_dir overrides one partial, and misuse is one Chinese line with exit 1."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from dangjian.cli import main
from dangjian.content import sitetheme
from dangjian.core.packaged import packaged_dir
from dangjian.site import SiteError, build_site, load


def edit(config: Path, old: str, new: str) -> None:
    text = config.read_text(encoding="utf-8")
    assert old in text
    config.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_short_config_gets_our_defaults(new_site: Path) -> None:
    config = load(new_site / "mkdocs.yml")
    assert config.use_directory_urls is False and config.strict is True
    assert config.theme["language"] == "zh" and config.theme["font"] is False
    assert "navigation.footer" in config.theme["features"]
    assert config.theme["palette"][0]["primary"] == "red"
    assert "pymdownx.superfences" in config.markdown_extensions
    assert config.mdx_configs["toc"]["slugify"]("一、基本 要求", "-") == "一基本-要求"
    assert "!!python" not in (new_site / "mkdocs.yml").read_text(encoding="utf-8")


def test_what_the_site_sets_wins(new_site: Path) -> None:
    config = new_site / "mkdocs.yml"
    edit(
        config,
        "theme:\n  name: material\n",
        "theme:\n  name: material\n  features: [navigation.tabs]\n  language: en\n",
    )
    text = config.read_text(encoding="utf-8")
    text += "use_directory_urls: true\nmarkdown_extensions:\n  - toc:\n      permalink: false\n  - pymdownx.emoji\n"
    config.write_text(text, encoding="utf-8")
    loaded = load(config)
    assert loaded.use_directory_urls is True
    assert loaded.theme["features"] == ["navigation.tabs"] and loaded.theme["language"] == "en"
    assert loaded.mdx_configs["toc"]["permalink"] is False
    assert callable(loaded.mdx_configs["toc"]["slugify"])  # our other toc options stay
    assert "pymdownx.emoji" in loaded.markdown_extensions
    assert "pymdownx.tabbed" in loaded.markdown_extensions


def test_custom_dir_overrides_one_partial(new_site: Path, tmp_path: Path) -> None:
    edit(new_site / "mkdocs.yml", "  # custom_dir: overrides", "  custom_dir: overrides")
    partials = new_site / "overrides" / "partials"
    partials.mkdir(parents=True)
    (partials / "dj-notice-head.html").write_text(
        '<p class="branch-own-head">本支部的通知抬头</p>', encoding="utf-8"
    )
    site = tmp_path / "out"
    build_site(new_site / "mkdocs.yml", site)
    notice = (site / "notices/2026/xuexi-anpai.html").read_text(encoding="utf-8")
    assert '<p class="branch-own-head">本支部的通知抬头</p>' in notice
    assert "dj-notice-head" not in (partials / "dj-notice-head.html").read_text(encoding="utf-8")
    # everything else still comes from the packaged theme
    assert "/* search.js */" in (site / "assets/dangjian/site.js").read_text(encoding="utf-8")
    assert 'class="dj-notice-foot' in notice or "dj-attachments" in notice


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("  name: material\n", "  name: mkdocs\n", "需要 Material 主题"),
        (
            "  - dangjian-quiz\n",
            "  - dangjian-quiz\n  - dangjian-quiz\n",
            "插件 dangjian-quiz 在 plugins 中写了两次",
        ),
        (
            "  - dangjian-search\n",
            "  - dangjian-search\n  - search\n",
            "请从 plugins 中删除 search",
        ),
    ],
    ids=["other-theme", "plugin-twice", "material-search"],
)
def test_misuse_is_one_chinese_line_and_exit_1(
    new_site: Path, capsys, old: str, new: str, message: str
) -> None:
    edit(new_site / "mkdocs.yml", old, new)
    assert main(["build", "-f", str(new_site / "mkdocs.yml")]) == 1
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err and "内部错误" not in err
    assert not (new_site / "build" / "site").exists()  # no half-written site


def test_missing_packaged_theme_is_reported(new_site: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(sitetheme, "packaged_dir", lambda name: None)
    with pytest.raises(SiteError) as failed:
        build_site(new_site / "mkdocs.yml", tmp_path / "out")
    assert any("找不到 dangjian 自带的主题文件" in p for p in failed.value.problems)


def test_missing_packaged_asset_is_reported(new_site: Path, tmp_path: Path, monkeypatch) -> None:
    broken = tmp_path / "theme"
    shutil.copytree(packaged_dir("theme"), broken)
    (broken / "assets" / "dangjian" / "quiz.js").unlink()
    monkeypatch.setattr(sitetheme, "packaged_dir", lambda name: broken)
    with pytest.raises(SiteError) as failed:
        build_site(new_site / "mkdocs.yml", tmp_path / "out")
    assert any(
        "找不到 dangjian 的前端文件 assets/dangjian/quiz.js" in p for p in failed.value.problems
    )


def test_this_repository_keeps_its_mkdocs_yml_short(repo_root: Path) -> None:
    text = (repo_root / "mkdocs.yml").read_text(encoding="utf-8")
    settings = [
        line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")
    ]
    assert len(settings) <= 20
    assert "!!python" not in text and "markdown_extensions" not in text and "custom_dir" not in text


def test_version_everywhere(new_site: Path, capsys) -> None:
    from dangjian import __version__

    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.strip() == f"dangjian {__version__}"
    assert main(["pack", "-f", str(new_site / "mkdocs.yml")]) == 0
    assert f"生成工具：dangjian {__version__}" in capsys.readouterr().err
    site = new_site / "build" / "site"
    pages = sorted(site.rglob("*.html"))
    assert pages
    stamp = f'<meta name="generator" content="dangjian-{__version__}, mkdocs-'
    assert [p.name for p in pages if stamp not in p.read_text(encoding="utf-8")] == []


def test_mkdocs_yaml_tags_do_not_hide_what_the_site_sets(new_site: Path) -> None:
    config = new_site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text += (
        "use_directory_urls: true\n"
        "copyright: !ENV [DANGJIAN_TEST_UNSET, 本支部]\n"
        "markdown_extensions:\n  - pymdownx.snippets:\n      base_path: !relative $config_dir\n"
    )
    config.write_text(text, encoding="utf-8")
    loaded = load(config)
    assert loaded.use_directory_urls is True
    assert loaded.copyright == "本支部"
