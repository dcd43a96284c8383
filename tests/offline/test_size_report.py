"""The pack size report at 80 columns: sizes first, every path whole on its line."""

from __future__ import annotations

from pathlib import Path

from dangjian.offline import cli
from dangjian.offline.package import PackResult
from rich.console import Console

LONG = "assets/dangjian/search/shards/zuzhi-shenghuo-yu-zhibu-jianshe-xuexi-ziliao-0042.js"


def test_size_report_never_splits_a_path(monkeypatch, capsys) -> None:
    monkeypatch.setattr(cli, "console", Console(width=80, highlight=False, soft_wrap=True))
    result = PackResult(
        Path("site.zip"),
        "0" * 64,
        3,
        3_500_000,
        1_200_000,
        [(LONG, 2_100_000), ("index.html", 900)],
    )
    cli.size_report(result, limit_mb=50)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "离线包大小（最大的文件）："
    assert lines[1] == f"    2.0 MB  {LONG}"
    assert lines[2] == f"{'900 B':>10}  index.html"
    assert "共 3 个文件" in lines[3]
