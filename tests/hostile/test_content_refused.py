"""Catalogue of hostile and careless content that `dangjian build` must refuse.

Each case is a few files written into the minimal site (plus, for some, a change to
mkdocs.yml or a symlink); the build must end with exit 1 and one Chinese line naming the
file (and line, where the file has lines), with the previously published site untouched.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from .conftest import BANK, HostileSite, assert_refused, snapshot

Config = Callable[[str], str | bytes]


@dataclass(frozen=True)
class Refused:
    """Files to add, the line the editor must see (regex) and the file it must name."""

    files: dict[str, str | bytes]
    pattern: str
    path: str | None = None
    config: Config | None = None
    # symlink in content/ -> target; "OUT/…" is a folder beside the site, outside content/
    links: dict[str, str] = field(default_factory=dict)
    located: bool = True


def material(front: str, body: str = "正文。\n") -> str:
    return f"---\n{front}\n---\n\n{body}"


def notice(front: str, body: str = "正文。\n") -> str:
    return f"---\ntitle: 通知\ndate: 2026-01-05\n{front}\n---\n\n{body}"


def bank(replace: str, by: str) -> str:
    assert replace in BANK
    return BANK.replace(replace, by)


def quiz_block(settings: str) -> str:
    return material("title: 自测", f"```quiz\nbank: bank\n{settings}\n```\n")


def add_plugin_option(option: str) -> Config:
    return lambda text: text.replace(
        "  - dangjian-content\n", f"  - dangjian-content:\n      {option}\n"
    )


def set_top(key: str, value: str) -> Config:
    return lambda text: text.replace("site_name: 测试站\n", f"site_name: 测试站\n{key}: {value}\n")


M = "content/study/t/x.md"
N = "content/notices/2026/x.md"
B = "content/quizzes/bank.yml"
Q = "content/study/t/q.md"

CASES: dict[str, Refused] = {
    # 1. files whose real path leaves content/
    "symlink to /etc/passwd": Refused(
        {},
        "网站文件夹以外",
        "content/study/t/passwd.md",
        links={"study/t/passwd.md": "/etc/passwd"},
        located=False,
    ),
    "symlink to an outside .md": Refused(
        {},
        "网站文件夹以外",
        "content/study/t/secret.md",
        links={"study/t/secret.md": "OUT/secret.md"},
        located=False,
    ),
    "symlink to an outside folder": Refused(
        {}, "网站文件夹以外", "content/study/ext", links={"study/ext": "OUT"}, located=False
    ),
    "symlink to an outside attachment": Refused(
        {},
        "网站文件夹以外",
        "content/notices/2026/data.csv",
        links={"notices/2026/data.csv": "OUT/data.csv"},
        located=False,
    ),
    "symlinked bank outside": Refused(
        {},
        "网站文件夹以外",
        "content/quizzes/secret.yml",
        links={"quizzes/secret.yml": "OUT/secret.md"},
        located=False,
    ),
    "symlinked _topic.yml outside": Refused(
        {},
        "网站文件夹以外",
        "content/study/u/_topic.yml",
        links={"study/u/_topic.yml": "OUT/secret.md"},
        located=False,
    ),
    # 3. active content in a Markdown body
    "script tag": Refused(
        {"study/t/x.md": material("title: 甲", "正文\n\n<script>window.__pwned=1</script>\n")},
        r":7: .*<script>",
        M,
    ),
    "inline event handler": Refused(
        {"study/t/x.md": material("title: 甲", '<img src="x" onerror="window.__pwned=1">\n')},
        r":5: .*onerror",
        M,
    ),
    "handler after slash": Refused(
        {"study/t/x.md": material("title: 甲", "<svg/onload=alert(1)>\n")}, "onload", M
    ),
    "javascript link": Refused(
        {"study/t/x.md": material("title: 甲", "[点我](javascript:alert(1))\n")},
        r":5: .*javascript:",
        M,
    ),
    "entity-hidden javascript link": Refused(
        {"study/t/x.md": material("title: 甲", '<a href="java&#115;cript:alert(1)">点我</a>\n')},
        "javascript:",
        M,
    ),
    "script inside svg": Refused(
        {"study/t/x.md": material("title: 甲", "<svg><script>alert(1)</script></svg>\n")},
        "<script>",
        M,
    ),
    "iframe srcdoc": Refused(
        {"study/t/x.md": material("title: 甲", '<iframe srcdoc="<b>x</b>"></iframe>\n')},
        "srcdoc",
        M,
    ),
    "data:text/html link": Refused(
        {"study/t/x.md": material("title: 甲", '<a href="data:text/html,<b>x</b>">x</a>\n')},
        "data:text/html",
        M,
    ),
    "object tag": Refused(
        {"study/t/x.md": material("title: 甲", '<object data="x.swf"></object>\n')}, "<object>", M
    ),
    "meta refresh": Refused(
        {
            "study/t/x.md": material(
                "title: 甲", '<meta http-equiv="refresh" content="0;url=https://example.com/">\n'
            )
        },
        "refresh",
        M,
    ),
    "meta refresh even with allow_scripts": Refused(
        {
            "study/t/x.md": material(
                "title: 甲", '<meta http-equiv="refresh" content="0;url=x.html">\n'
            )
        },
        "refresh",
        M,
        config=add_plugin_option("allow_scripts: true"),
    ),
    "script in a notice": Refused(
        {"notices/2026/x.md": notice("", "<script>alert(1)</script>\n")}, "<script>", N
    ),
    # 5. Python tags in mkdocs.yml
    "python apply os.system": Refused(
        {},
        r"mkdocs\.yml:\d+:\d+: 不允许的 Python 标签 !!python/object/apply:os\.system",
        "mkdocs.yml",
        config=set_top("site_description", "!!python/object/apply:os.system ['touch MARKER']"),
    ),
    "python name": Refused(
        {},
        "!!python/name:os.system",
        "mkdocs.yml",
        config=set_top("extra", "{x: !!python/name:os.system }"),
    ),
    "python object new": Refused(
        {},
        "!!python/object/new:",
        "mkdocs.yml",
        config=set_top("extra", "{x: !!python/object/new:subprocess.Popen [['touch', 'MARKER']]}"),
    ),
    "python module": Refused(
        {}, "!!python/module:os", "mkdocs.yml", config=set_top("extra", "{x: !!python/module:os }")
    ),
    "python tag in an INHERITed file": Refused(
        {}, "os.system", "base.yml", config=set_top("INHERIT", "base.yml")
    ),
    # 9/10. dates
    "date with a three-digit day": Refused(
        {"study/t/x.md": material("title: 甲\ndate: 2026-1-123")},
        r":3: date 不是有效日期：2026-1-123",
        M,
    ),
    "date with trailing letters": Refused(
        {"study/t/x.md": material('title: 甲\ndate: "2026.1.5xyz"')}, "date 不是有效日期", M
    ),
    "date with trailing text": Refused(
        {"notices/2026/x.md": "---\ntitle: 通知\ndate: 2026-01-05abc\n---\n正文\n"},
        r":3: date 不是有效日期",
        N,
    ),
    "impossible date": Refused(
        {"study/t/x.md": material("title: 甲\ndate: 2026-02-30")}, "2026-02-30", M
    ),
    "impossible timestamp": Refused(
        {"study/t/x.md": material("title: 甲\ndate: 2026-13-01 10:00")}, "date 不是有效日期", M
    ),
    "expires before date": Refused(
        {"notices/2026/x.md": notice("expires: 2026-01-01")}, "expires 早于 date", N
    ),
    # 11. quiz block values
    "quiz time_limit negative": Refused(
        {"study/t/q.md": quiz_block("time_limit: -5")}, r":7: quiz 代码块：time_limit", Q
    ),
    "quiz time_limit text": Refused(
        {"study/t/q.md": quiz_block("time_limit: 十分钟")}, "time_limit", Q
    ),
    "quiz seed list": Refused({"study/t/q.md": quiz_block("seed: [1]")}, "seed 应为整数或文字", Q),
    "quiz unknown key": Refused({"study/t/q.md": quiz_block("colour: red")}, "未知的键 colour", Q),
    "quiz count zero": Refused({"study/t/q.md": quiz_block("count: 0")}, "count 应为正整数", Q),
    "quiz mode a list": Refused({"study/t/q.md": quiz_block("mode: []")}, "mode 只能是", Q),
    "quiz missing bank": Refused(
        {"study/t/q.md": material("title: 自测", "```quiz\nbank: nope\n```\n")},
        "题库“nope”不存在",
        Q,
    ),
    "quiz broken YAML": Refused(
        {"study/t/q.md": material("title: 自测", "```quiz\nbank: [bank\n```\n")}, "quiz 代码块：", Q
    ),
    # 13. attachments
    "attachment climbing out": Refused(
        {"notices/2026/x.md": notice("attachments: ['../../quizzes/bank.yml']")},
        r":4: 附件必须放在",
        N,
    ),
    "attachment absolute": Refused(
        {"notices/2026/x.md": notice("attachments: ['/etc/passwd']")}, "附件必须放在", N
    ),
    "attachment url": Refused(
        {"notices/2026/x.md": notice("attachments:\n  - file: https://example.com/a.pdf")},
        "附件必须是站内文件.*外部网址请写在正文里",
        N,
    ),
    "attachment missing": Refused(
        {"notices/2026/x.md": notice("attachments: [nope.pdf]")}, "附件不存在", N
    ),
    "attachment without file": Refused(
        {"notices/2026/x.md": notice("attachments:\n  - title: 方案")}, "附件缺少 file", N
    ),
    # 14 and configuration
    "missing content folder": Refused(
        {},
        "找不到内容文件夹 nothere",
        "mkdocs.yml",
        config=lambda t: t.replace("docs_dir: content", "docs_dir: nothere"),
    ),
    "broken mkdocs.yml": Refused(
        {},
        r"mkdocs\.yml:2:\d+: 配置文件有误：YAML 格式错误",
        "mkdocs.yml",
        config=lambda t: t.replace("site_name: 测试站", "site_name: [测试站"),
    ),
    "mkdocs.yml saved as GBK": Refused(
        {},
        r"mkdocs\.yml:1: 文件不是 UTF-8 编码（看起来是 GBK",
        "mkdocs.yml",
        config=lambda t: t.encode("gbk"),
    ),
    "bad plugin option": Refused(
        {},
        r"配置项 plugins › dangjian-content › feeds 有误：应为 true 或 false",
        "mkdocs.yml",
        config=add_plugin_option("feeds: 是"),
    ),
    "plugin not installed": Refused(
        {},
        "没有安装插件 tagz",
        "mkdocs.yml",
        config=lambda t: t.replace("  - tags\n", "  - tagz\n"),
    ),
    "markup in site_name": Refused(
        {},
        "site_name 不能含有",
        "mkdocs.yml",
        config=lambda t: t.replace(
            "site_name: 测试站", "site_name: 测试站<img src=x onerror=alert(1)>"
        ),
    ),
    "markup in site_description": Refused(
        {},
        "site_description 不能含有",
        "mkdocs.yml",
        config=set_top("site_description", "'\"><script>alert(1)</script>'"),
    ),
    "markup in a hand-written nav title": Refused(
        {},
        r"mkdocs\.yml:\d+: nav 不能含有",
        "mkdocs.yml",
        config=set_top(
            "nav", "[{首页: index.md}, {'<img src=x onerror=alert(1)>': study/t/ok.md}]"
        ),
    ),
    # weak answers made clear
    "README beside index": Refused(
        {"README.md": "# 说明\n"},
        "与同一文件夹的 index.md 冲突",
        "content/README.md",
        located=False,
    ),
    "case-only duplicate names": Refused(
        {"study/t/Yida.md": material("title: 甲"), "study/t/yida.md": material("title: 乙")},
        "只有大小写不同",
        located=False,
    ),
    "editor's tags.md": Refused(
        {"tags.md": material("title: 我的标签")},
        "自动生成的页面“标签”",
        "content/tags.md",
        located=False,
    ),
    "editor's notice list": Refused(
        {"notices/index.md": notice("")},
        "自动生成的页面“通知公告”",
        "content/notices/index.md",
        located=False,
    ),
    "editor's topic page": Refused(
        {"study/t/index.md": material("title: 专题")},
        "自动生成的页面“专题”",
        "content/study/t/index.md",
        located=False,
    ),
    "editor's study overview": Refused(
        {"study/index.md": material("title: 学习资料")},
        "自动生成的页面“学习资料”",
        "content/study/index.md",
        located=False,
    ),
    "editor's notice archive": Refused(
        {"notices/archive/index.md": notice("")},
        "自动生成的页面“通知公告归档”",
        "content/notices/archive/index.md",
        located=False,
    ),
    "markup in a file name": Refused(
        {"study/t/a<b>.md": material("title: 甲")}, "文件名不能含有", located=False
    ),
    "NUL byte in the body": Refused(
        {"study/t/x.md": material("title: 甲", "正文\x00后\n")}, r":5: 文件含有 NUL", M
    ),
    "NUL byte in front matter": Refused(
        {"study/t/x.md": "---\ntitle: 甲\x00\n---\n正文\n"}, "NUL", M
    ),
    # handled well today: keep them so
    "empty material": Refused({"study/t/x.md": ""}, "缺少必填项 title", M),
    "unterminated front matter": Refused(
        {"study/t/x.md": "---\ntitle: 甲\n正文\n"}, "front matter 没有结束行", M
    ),
    "tab indentation": Refused(
        {"study/t/x.md": "---\ntitle: 甲\ntags:\n\t- 一\n---\n正文\n"}, "Tab", M
    ),
    "title is a list": Refused({"study/t/x.md": material("title: [一, 二]")}, "title 应为文字", M),
    "title is a map": Refused({"study/t/x.md": material("title: {a: 1}")}, "title 应为文字", M),
    "title is null": Refused({"study/t/x.md": material("title:")}, "缺少必填项 title", M),
    "title is empty text": Refused({"study/t/x.md": material('title: ""')}, "title 不能为空", M),
    "pinned in Chinese": Refused(
        {"notices/2026/x.md": notice("pinned: 是")}, "pinned 应为 true 或 false", N
    ),
    "unknown category": Refused(
        {"notices/2026/x.md": notice("category: 新闻")}, "category 只能是", N
    ),
    "hours negative": Refused(
        {"study/t/x.md": material("title: 甲\nhours: -1")}, "hours 不能为负数", M
    ),
    "GBK file": Refused({"study/t/x.md": "---\ntitle: 党章\n---\n正文\n".encode("gbk")}, "GBK", M),
    "binary file": Refused({"study/t/x.md": bytes(range(128, 256)) * 4}, "不是 UTF-8", M),
    "YAML alias bomb": Refused(
        {"study/t/x.md": material("title: 甲\na: &x [1, 2]\nb: [*x, *x]")}, "别名", M
    ),
    "topic title a list": Refused(
        {"study/t/_topic.yml": "title: [一]\n"}, "title 应为文字", "content/study/t/_topic.yml"
    ),
    "broken link": Refused(
        {"study/t/x.md": material("title: 甲", "[别处](nope.md)\n")}, "链接目标不存在", M
    ),
    "bank alias": Refused({"quizzes/bank.yml": "x: &a 1\n" + BANK}, "别名", B),
    "bank missing answer": Refused(
        {"quizzes/bank.yml": bank("    answer: B\n", "")}, "缺少答案", B
    ),
    "bank unknown type": Refused(
        {"quizzes/bank.yml": bank("type: single", "type: essay")}, "未知题型", B
    ),
    "bank answer outside options": Refused(
        {"quizzes/bank.yml": bank("answer: B", "answer: E")}, "不在选项中", B
    ),
    "bank duplicate ids": Refused(
        {"quizzes/other.yml": bank("id: bank", "id: other")}, "重复", None
    ),
}


def _install(site: HostileSite, case: Refused) -> None:
    outside = site.root.parent / "outside"
    outside.mkdir(exist_ok=True)
    (outside / "secret.md").write_text("---\ntitle: 机密\n---\n机密内容\n", encoding="utf-8")
    (outside / "data.csv").write_text("机密,1\n", encoding="utf-8")
    for name, body in case.files.items():
        site.write(name, body)
    for name, target in case.links.items():
        link = site.content / name
        link.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target.replace("OUT", str(outside)), link)
    if case.config:
        config = site.root / "mkdocs.yml"
        text = case.config(config.read_text(encoding="utf-8"))
        config.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        (site.root / "base.yml").write_text(
            "extra:\n  x: !!python/object/apply:os.system ['touch MARKER']\n", encoding="utf-8"
        )


def _published_site(site: HostileSite) -> dict[str, bytes]:
    """A site published earlier, which a failed build must leave as it was."""
    site.site.mkdir(parents=True)
    (site.site / "index.html").write_text("<p>旧网站</p>", encoding="utf-8")
    return snapshot(site.site)


@pytest.mark.parametrize("name", list(CASES))
def test_refused(name: str, hostile_site: HostileSite, run_dangjian) -> None:
    case = CASES[name]
    _install(hostile_site, case)
    before = _published_site(hostile_site)
    result = run_dangjian("build")
    assert_refused(
        result, case.pattern, path=case.path, site=hostile_site, before=before, located=case.located
    )
    assert not list(hostile_site.root.rglob("MARKER")), "code from mkdocs.yml ran"
    assert not list(hostile_site.root.glob("build/.site-new-*")), "a half-written site was left"


def test_check_refuses_too(hostile_site: HostileSite, run_dangjian) -> None:
    """`check` reports the same problems as `build`, and writes nothing."""
    _install(hostile_site, CASES["symlink to /etc/passwd"])
    result = run_dangjian("check")
    assert_refused(result, "网站文件夹以外", path="content/study/t/passwd.md", located=False)
    assert not hostile_site.site.exists()


def test_every_problem_is_reported_at_once(hostile_site: HostileSite, run_dangjian) -> None:
    for name in ("symlink to /etc/passwd", "date with a three-digit day", "attachment url"):
        _install(hostile_site, CASES[name])
    result = run_dangjian("check")
    assert result.code == 1
    assert "检查发现 3 个问题" in result.err, result.err


def test_python_tag_never_runs(hostile_site: HostileSite, run_dangjian, tmp_path: Path) -> None:
    marker = tmp_path / "MARKER-ran"
    config = hostile_site.root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "site_name: 测试站\n",
            f"site_name: 测试站\nsite_description: !!python/object/apply:os.system ['touch {marker}']\n",
        ),
        encoding="utf-8",
    )
    for command in ("check", "build", "search"):
        result = run_dangjian(command, "党") if command == "search" else run_dangjian(command)
        assert result.code == 1, result.err
        assert "os.system" in result.err + result.out
    assert not marker.exists()
