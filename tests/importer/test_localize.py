"""`dangjian localize` against a local HTTP server: downloads, refusals, rewriting, one copy."""

from __future__ import annotations

from pathlib import Path

from dangjian.cli import main
from dangjian.importer.assets import sniff
from dangjian.importer.localize import FetchError, Limits, fetch

from .conftest import BLUE, PDF, RED


def write(site: Path, rel: str, text: str) -> Path:
    path = site / "content" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_localize_downloads_rewrites_and_reports_each_reference(
    import_site: Path, media_server, capsys
) -> None:
    base = media_server.base
    page = write(
        import_site,
        "study/weekly/issue-1.md",
        f"# 第 1 期\n\n![红]({base}/img/red.png)\n\n"
        f'同一张图的镜像：<img src="{base}/mirror/red-copy.png" alt="红">\n\n'
        f"![蓝]({base}/img/old-blue.png)\n\n"
        f"![缺]({base}/img/missing.png)\n![网页]({base}/img/page.png)\n"
        f"![假]({base}/img/liar.png)\n![大]({base}/img/big.png)\n\n"
        f"[学习计划]({base}/files/plan.pdf) 和 [原文网页]({base}/news/1.html)\n\n"
        f"```\n![代码里的]({base}/img/red.png)\n```\n",
    )
    assert main(["localize", "--max-size", "1"]) == 1
    err = capsys.readouterr().err
    text = page.read_text(encoding="utf-8")
    red = f"img/{__import__('hashlib').sha256(RED).hexdigest()[:12]}.png"
    assert f"![红]({red})" in text and f'<img src="{red}" alt="红">' in text
    assert (page.parent / red).read_bytes() == RED
    blue = next(p for p in (page.parent / "img").iterdir() if p.read_bytes() == BLUE)
    assert f"![蓝](img/{blue.name})" in text
    pdf = next(p for p in (page.parent / "img").iterdir() if p.suffix == ".pdf")
    assert pdf.read_bytes() == PDF and f"[学习计划](img/{pdf.name})" in text
    # One file per content: red is stored once although two addresses serve it
    assert sorted(p.suffix for p in (page.parent / "img").iterdir()) == [".pdf", ".png", ".png"]
    # Refused downloads leave the reference as it was, each named with file:line and reason
    for name in ("missing", "page", "liar", "big"):
        assert f"{base}/img/{name}.png" in text
    assert (
        f"content/study/weekly/issue-1.md:9: 无法下载 {base}/img/missing.png：服务器返回 404" in err
    )
    assert f"issue-1.md:10: 无法下载 {base}/img/page.png：不是图片或文档（text/html）" in err
    assert f"issue-1.md:11: 无法下载 {base}/img/liar.png：不是图片或文档" in err
    assert f"issue-1.md:12: 无法下载 {base}/img/big.png：文件超过大小上限 1 MB" in err
    assert f"issue-1.md:3: 已下载 {base}/img/red.png → {red}" in err
    assert "已把 4 处引用改为本站文件（下载 3 个文件" in err and "4 处未能下载" in err
    # Plain links to web pages and code are left alone; each address is fetched once
    assert f"[原文网页]({base}/news/1.html)" in text and f"![代码里的]({base}/img/red.png)" in text
    assert media_server.requests.count("/img/red.png") == 1
    assert "/news/1.html" not in media_server.requests


def test_dry_run_lists_without_downloading(import_site: Path, media_server, capsys) -> None:
    base = media_server.base
    page = write(import_site, "study/a.md", f"# 甲\n\n![红]({base}/img/red.png)\n")
    before = page.read_text(encoding="utf-8")
    assert main(["localize", "--dry-run"]) == 0
    err = capsys.readouterr().err
    assert f"content/study/a.md:3: 外部图片 {base}/img/red.png" in err
    assert "试运行：发现 1 处外部引用" in err
    assert page.read_text(encoding="utf-8") == before and media_server.requests == []
    other = write(import_site, "notices/b.md", f"# 乙\n\n![蓝]({base}/img/blue.png)\n")
    assert main(["localize", "content/notices"]) == 0
    assert page.read_text(encoding="utf-8") == before and base not in other.read_text("utf-8")
    assert media_server.requests == ["/img/blue.png"]
    write(import_site, "study/a.md", "# 甲\n")
    assert main(["localize"]) == 0
    assert "没有发现外部图片或文件" in capsys.readouterr().err


def test_timeout_unreachable_host_and_ftp_redirect_are_reasons(media_server) -> None:
    limits = Limits(timeout=0.5)
    for url, reason in (
        (f"{media_server.base}/img/slow.png", "超过 0.5 秒没有响应"),
        (f"{media_server.base}/img/to-ftp.png", "服务器返回 302"),
        ("http://127.0.0.1:9/x.png", "网络错误"),
    ):
        try:
            fetch(url, limits)
        except FetchError as exc:
            assert reason in str(exc)
        else:
            raise AssertionError(f"{url} was accepted")


def test_sniff_trusts_bytes_not_names() -> None:
    assert sniff(RED) == "png" and sniff(PDF) == "pdf"
    assert sniff(b"<html>") is None and sniff(b"PK\x03\x04zip") is None
    assert sniff(b"PK\x03\x04zip", "docx") == "docx"
    assert sniff(b'<svg xmlns="http://www.w3.org/2000/svg"></svg>') == "svg"
    assert sniff(b"<svg><script>alert(1)</script></svg>") is None
