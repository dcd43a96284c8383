"""The `dangjian` command: check reports every problem with file:line; build is atomic."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import time
from pathlib import Path

import pytest

CONFIG = """\
site_name: 测试站
docs_dir: docs
site_dir: build/site
use_directory_urls: false
strict: true
theme:
  name: material
  language: zh
  font: false
plugins:
  - dangjian-content
  - dangjian-offline
markdown_extensions:
  - toc:
      slugify: !!python/object/apply:pymdownx.slugs.slugify
        kwds:
          case: lower
"""

BOMB = "\n".join(
    ['lol0: &a0 ["哈","哈","哈","哈","哈","哈","哈","哈","哈"]']
    + [f"lol{n}: &a{n} [" + ",".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, 10)]
)

BROKEN = {
    "study/t/bad-yaml.md": "---\ntitle: 甲\ntags: [一, 二\n---\n正文\n",
    "study/t/bad-date.md": "---\ntitle: 乙\ndate: 2026-02-30\n---\n正文\n",
    "study/t/no-title.md": "---\ndate: 2026-01-01\n---\n正文\n",
    "study/t/wrong-type.md": "---\ntitle: 丁\nrequired: 是\n---\n正文\n",
    "study/t/bomb.md": f"---\ntitle: 戊\n{BOMB}\n---\n正文\n",
    "notices/2026/late.md": "---\ntitle: 通知\ndate: 2026-03-01\nexpires: 2026-02-01\n---\n正文\n",
    "study/t/links.md": "---\ntitle: 己\n---\n\n## 小节\n\n见[别处](missing.md)和[本节](#没有这节)。\n",
}


def write(root: Path, files: dict[str, str | bytes]) -> None:
    for name, body in files.items():
        path = root / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(body, bytes):
            path.write_bytes(body)
        else:
            path.write_text(body, encoding="utf-8")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    write(
        tmp_path,
        {
            "index.md": "---\ntitle: 首页\n---\n欢迎。\n",
            "study/t/_topic.yml": "title: 专题\norder: 1\n",
            # A valid file saved with a UTF-8 BOM and Windows line ends
            "study/t/bom.md": "\ufeff---\r\ntitle: 学习\r\ndate: 2026-01-05\r\n---\r\n\r\n正文。\r\n".encode(),
            "study/t/ok.md": "---\ntitle: 好\nextra_key: 1\n---\n\n## 一、要求\n\n[链接](bom.md)、[小节](#一要求)\n",
        },
    )
    return tmp_path


def dangjian(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dangjian.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def test_valid_site_checks_clean_with_a_warning_for_unknown_keys(site: Path) -> None:
    result = dangjian("check", cwd=site)
    assert result.returncode == 0, result.stderr
    assert "docs/study/t/ok.md:3: 警告：未知的键 extra_key（将被忽略）" in result.stderr
    assert "检查通过" in result.stderr
    assert "bom.md" not in result.stderr
    assert not (site / "build").exists(), "check writes no site"


def test_check_reports_every_problem_with_file_and_line(site: Path) -> None:
    write(site, BROKEN)
    gbk = "---\ntitle: 庚\n---\n这是用 GBK 保存的文件。\n".encode("gbk")
    write(site, {"study/t/gbk.md": gbk})
    started = time.perf_counter()
    result = dangjian("check", cwd=site)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    expected = [
        "docs/notices/2026/late.md:4: expires 早于 date [DJ106]",
        "docs/study/t/bad-date.md:3: date 不是有效日期：2026-02-30（格式为 YYYY-MM-DD） [DJ106]",
        "docs/study/t/bad-yaml.md:3:12: YAML 格式错误：方括号 [ ] 没有闭合 [DJ102]",
        "docs/study/t/bomb.md:3:7: 不支持 YAML 别名/锚点（& 和 *），请直接写出内容 [DJ102]",
        "docs/study/t/gbk.md:2: 文件不是 UTF-8 编码（看起来是 GBK/GB18030），请用 UTF-8 重新保存 [DJ101]",
        "docs/study/t/no-title.md:1: 缺少必填项 title [DJ103]",
        "docs/study/t/wrong-type.md:3: required 应为 true 或 false，实际是“是” [DJ105]",
        # Links are checked in the same run, not hidden behind the front-matter errors
        "docs/study/t/links.md:7: 链接目标不存在：missing.md [DJ201]",
        "docs/study/t/links.md:7: 链接的小标题不存在：#没有这节 [DJ202]",
    ]
    for line in expected:
        assert line in lines, f"missing {line!r} in:\n{result.stderr}"
    assert "检查发现 9 个问题。" in result.stderr
    assert time.perf_counter() - started < 60


def test_broken_links_are_named_with_file_and_line(site: Path) -> None:
    write(site, {"study/t/links.md": BROKEN["study/t/links.md"]})
    result = dangjian("check", cwd=site)
    assert result.returncode == 1
    assert "docs/study/t/links.md:7: 链接目标不存在：missing.md" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_anchor_is_named(site: Path) -> None:
    write(site, {"study/t/anchor.md": "---\ntitle: 壬\n---\n\n[坏](ok.md#没有)\n"})
    result = dangjian("check", cwd=site)
    assert result.returncode == 1
    assert "docs/study/t/anchor.md:5: 链接的小标题不存在：ok.md#没有" in result.stderr


def test_failed_build_leaves_previous_site_untouched(site: Path) -> None:
    first = dangjian("build", cwd=site)
    assert first.returncode == 0, first.stderr
    built = site / "build" / "site"
    assert (built / "index.html").is_file()
    before = tree_digest(built)

    write(site, {"study/t/bad-date.md": BROKEN["study/t/bad-date.md"]})
    write(site, {"index.md": "---\ntitle: 首页（已修改）\n---\n新内容。\n"})
    failed = dangjian("build", cwd=site)
    assert failed.returncode == 1
    assert "原有网站未改动" in failed.stderr
    assert tree_digest(built) == before
    left = sorted(p.name for p in (site / "build").iterdir() if p.name != ".cache")  # build cache
    assert left == ["site"], "no temp folders left"


def test_successful_build_replaces_the_site(site: Path) -> None:
    assert dangjian("build", cwd=site).returncode == 0
    write(site, {"study/t/new.md": "---\ntitle: 新材料\n---\n正文\n"})
    assert dangjian("build", cwd=site).returncode == 0
    assert (site / "build" / "site" / "study" / "t" / "new.html").is_file()
    # Material's source maps and lunr search are never used, so never shipped
    shipped = [p.name for p in (site / "build" / "site").rglob("*")]
    assert not [n for n in shipped if n.endswith(".map") or n.startswith("lunr")]


def test_other_config_file_with_f(site: Path) -> None:
    (site / "mkdocs.yml").rename(site / "other.yml")
    assert dangjian("check", cwd=site).returncode == 2  # usage error: no such config file
    result = dangjian("check", "-f", "other.yml", cwd=site)
    assert result.returncode == 0, result.stderr


def test_missing_config_is_a_clear_message(tmp_path: Path) -> None:
    result = dangjian("build", cwd=tmp_path)
    assert result.returncode == 2
    assert "找不到配置文件 mkdocs.yml" in result.stderr
    assert "Traceback" not in result.stderr


def test_help_is_chinese_and_usage_errors_exit_2(tmp_path: Path) -> None:
    result = dangjian("--help", cwd=tmp_path)
    assert result.returncode == 0
    assert (
        "用法：" in result.stdout
        and "构建网站" in result.stdout
        and "检查全部内容" in result.stdout
    )
    bad = dangjian("build", "--nonsense", cwd=tmp_path)
    assert bad.returncode == 2
    assert "无法识别的参数" in bad.stderr
