"""A Markdown collection from another system: no front matter, titles in `#` headings, and
pictures on other websites. check passes (with warnings), pack names each picture at its
Markdown file:line grouped by host, localize brings them in, then pack succeeds."""

from __future__ import annotations

from pathlib import Path

from dangjian.cli import main
from dangjian.site import check_site

ISSUES = 8


def collection(site: Path, base: str) -> None:
    folder = site / "content" / "study" / "weekly"
    folder.mkdir(parents=True)
    for number in range(1, ISSUES + 1):
        (folder / f"issue-{number}.md").write_text(
            f"# 第 {number} 期 学习周刊\n\n本期导读。\n\n![封面]({base}/img/red.png)\n\n"
            f"![插图]({base}/mirror/red-copy.png)\n",
            encoding="utf-8",
        )


def test_collection_without_front_matter_checks_then_localizes_then_packs(
    import_site: Path, media_server, capsys
) -> None:
    base = media_server.base
    collection(import_site, base)
    result = check_site(import_site / "mkdocs.yml")
    warnings = [str(w) for w in result.warnings]
    assert len(warnings) == ISSUES
    assert (
        "content/study/weekly/issue-1.md:5: 警告：本页有 2 处外部图片或文件（第 5、7 行）"
        in warnings[0]
    )

    config = str(import_site / "mkdocs.yml")
    assert main(["pack", "-f", config]) == 1
    err = capsys.readouterr().err
    lines = err.splitlines()
    assert "127.0.0.1：16 处" in err
    assert "  content/study/weekly/issue-1.md:5: " + f"{base}/img/red.png" in lines
    assert "  content/study/weekly/issue-1.md:7: " + f"{base}/mirror/red-copy.png" in lines
    # Five locations and the rest counted, unless --verbose
    assert sum(line.startswith("  content/") for line in lines) == 5
    assert "另有 11 处（加 --verbose 显示全部）" in err
    assert "共 16 处外部引用，来自 8 个文件、1 个网站。运行 dangjian localize" in err
    assert not any("build/site" in line and "127.0.0.1" in line for line in lines)

    assert main(["pack", "-f", config, "--no-build", "--verbose"]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert sum(line.startswith("  content/") for line in lines) == 16

    assert main(["localize", "-f", config]) == 0
    page = (import_site / "content" / "study" / "weekly" / "issue-3.md").read_text("utf-8")
    assert page.startswith("# 第 3 期 学习周刊\n") and base not in page
    images = list((import_site / "content" / "study" / "weekly" / "img").iterdir())
    assert len(images) == 1  # one picture under two addresses, shared by eight pages
    assert check_site(import_site / "mkdocs.yml").warnings == []
    assert main(["pack", "-f", config]) == 0
    assert "离线包已生成" in capsys.readouterr().err
