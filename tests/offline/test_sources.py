"""The pack report maps built-HTML findings back to Markdown lines and groups them by host."""

from __future__ import annotations

from pathlib import Path

from dangjian.core.errors import ContentError
from dangjian.offline.sources import references, report_lines


def finding(path: str, line: int, url: str) -> ContentError:
    return ContentError(
        path, line, 1, None, f"<img src> 会从外部加载：{url}（离线包不允许外部请求）"
    )


def test_findings_map_to_source_lines_in_natural_order(tmp_path: Path) -> None:
    docs = tmp_path / "content"
    (docs / "w").mkdir(parents=True)
    (docs / "w" / "issue-2.md").write_text(
        "# 二\n\n![a](https://a.example/x.png)\n\n![b](https://a.example/x.png)\n", encoding="utf-8"
    )
    (docs / "w" / "issue-10.md").write_text("# 十\n\n![c](https://b.example/y.png?a=1&b=2)\n")
    findings = [
        finding("w/issue-10.html", 300, "https://b.example/y.png?a=1&amp;b=2"),
        finding("w/issue-2.html", 500, "https://a.example/x.png"),
        finding("w/issue-2.html", 510, "https://a.example/x.png"),
        finding("assets/theme.css", 3, "https://fonts.example/f.css"),
        ContentError("w/issue-2.html", 9, 1, None, "以 / 开头的地址在 file:// 下打不开：/x.css"),
    ]
    site = tmp_path / "build" / "site"
    refs, other = references(findings, site, docs, tmp_path)
    assert [(r.host, r.where) for r in refs] == [
        ("fonts.example", "build/site/assets/theme.css:3"),
        ("a.example", "content/w/issue-2.md:3"),
        ("a.example", "content/w/issue-2.md:5"),
        ("b.example", "content/w/issue-10.md:3"),
    ]
    assert [e.line for e in other] == [9]
    lines = report_lines(refs, verbose=False)
    assert lines[0] == "a.example：2 处"
    assert lines[-1].startswith("共 4 处外部引用，来自 3 个文件、3 个网站。运行 dangjian localize")
