"""`dangjian import FILE.html`: a saved news page becomes a notice with its article only."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml
from dangjian.cli import main
from dangjian.content.external import find_external_media
from dangjian.site import check_site

from .article import IMPORTED, PARAGRAPHS, article_page
from .documents import png


def read_page(page: Path) -> tuple[dict, str]:
    _, front, body = page.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(front), body


def test_saved_page_keeps_the_article_and_drops_navigation_ads_comments(
    import_site: Path, capsys
) -> None:
    source = article_page(import_site.parent / "saved")
    assert main(["import", str(source), "--notice"]) == 0
    page = import_site / "content" / "notices" / str(dt.date.today().year) / "news.md"
    front, body = read_page(page)
    assert front["title"] == "市委理论学习中心组召开专题学习会"
    assert front["date"] == dt.date(2026, 3, 12)
    assert front["source"] == "https://news.example.org/2026/03/12/study.html"
    for paragraph in IMPORTED:
        assert paragraph in body
    for noise in (
        "首页",
        "广告",
        "大礼包",
        "热门推荐",
        "网友评论",
        "写得好",
        "版权所有",
        "tracker",
    ):
        assert noise not in body, noise
    # The picture saved with the page is brought in; the remote one waits for localize
    local = [line for line in body.splitlines() if line.startswith("![会议现场](img/")]
    assert len(local) == 1
    stored = page.parent / local[0].split("(")[1].rstrip(")")
    assert stored.read_bytes() == png(60, 40, (180, 20, 20))
    assert [ref.url for ref in find_external_media(body)] == [
        "https://img.example.com/news/photo.jpg"
    ]
    assert "仍在外部网站上" in capsys.readouterr().err
    result = check_site(import_site / "mkdocs.yml")
    lines = page.read_text(encoding="utf-8").splitlines()
    remote = next(n for n, line in enumerate(lines, 1) if "img.example.com" in line)
    assert [(w.path, w.line) for w in result.warnings] == [("content/notices/2026/news.md", remote)]
    assert "本页有 1 处外部图片或文件" in result.warnings[0].message


def test_url_flag_sets_the_source_and_resolves_missing_pictures(import_site: Path) -> None:
    source = article_page(import_site.parent / "saved")
    (source.parent / "news_files" / "meeting.png").unlink()
    url = "https://www.example.gov.cn/xwzx/2026/0312.html"
    assert main(["import", str(source), "--topic", "xuexi", "--url", url]) == 0
    front, body = read_page(import_site / "content" / "study" / "xuexi" / "news.md")
    assert front["source"] == url
    assert "![会议现场](https://www.example.gov.cn/xwzx/2026/news_files/meeting.png)" in body


def test_gbk_page_and_page_without_article(import_site: Path, capsys) -> None:
    folder = import_site.parent / "old"
    folder.mkdir()
    text = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    page = f'<html><head><meta charset="gb2312"><title>旧网站文章</title></head><body>{text}</body></html>'
    (folder / "old.htm").write_bytes(page.encode("gb18030"))
    assert main(["import", str(folder / "old.htm"), "--topic", "t"]) == 0
    front, body = read_page(import_site / "content" / "study" / "t" / "old.md")
    assert front["title"] == "旧网站文章" and IMPORTED[0] in body
    (folder / "empty.html").write_text("<html><body><nav></nav></body></html>", encoding="utf-8")
    assert main(["import", str(folder / "empty.html"), "--topic", "t"]) == 1
    (folder / "huge.html").write_bytes(b"<p>" + b"x" * (21 * 1024 * 1024))
    assert main(["import", str(folder / "huge.html"), "--topic", "t"]) == 1
    err = capsys.readouterr().err
    assert "没有找到正文" in err and "huge.html 超过 20 MB" in err and "Traceback" not in err
