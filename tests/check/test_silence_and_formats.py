"""Silencing in place, severity from mkdocs.yml, and the json/github/gitlab report formats."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from dangjian.check import rules, silence
from dangjian.core.errors import ContentError
from dangjian.core.messages import MESSAGES

from tests.check.conftest import set_plugin_options

SCHEMA = Path(rules.__file__).with_name("findings.schema.json")


def test_comment_silences_the_next_line_only() -> None:
    text = "<!-- dangjian: disable DJ301 -->\n学习PDF\n学习PDF\n"
    found = silence.parse(text)
    assert found.covers(2, "DJ301") and not found.covers(2, "DJ302")
    assert found.covers(3, "DJ301")


def test_comment_silences_a_block_up_to_the_blank_line() -> None:
    text = "<!-- dangjian: disable DJ301 DJ310 -->\n甲\n乙\n\n丙\n"
    found = silence.parse(text)
    assert [n for n in range(1, 6) if found.covers(n, "DJ310")] == [1, 2, 3]


def test_comment_before_a_fence_silences_the_whole_fence() -> None:
    text = "<!-- dangjian: disable -->\n```quiz\nbank: x\n\nmode: y\n```\n后文\n"
    found = silence.parse(text)
    assert [n for n in range(1, 8) if found.covers(n, "DJ405")] == [1, 2, 3, 4, 5, 6]


def test_yaml_comment_and_file_wide_silencing() -> None:
    assert silence.parse("# dangjian: disable DJ104\ncategroy: x\n").covers(2, "DJ104")
    whole = silence.parse("---\ntitle: x\n---\n<!-- dangjian: disable-file DJ301 -->\n")
    assert whole.covers(None, "DJ301") and whole.covers(99, "DJ301")
    assert not whole.covers(99, "DJ302")


def test_silenced_findings_leave_the_check(write, dangjian) -> None:
    write(
        "content/study/beta/b2.md",
        "---\ntitle: 乙二\n# dangjian: disable DJ104\ncategroy: x\n---\n\n"
        "<!-- dangjian: disable DJ201 DJ301 -->\n见[旧文](old.md)，共3页。\n\n见[别处](gone.md)。\n",
    )
    result = dangjian("check")
    lines = [line for line in result.err.splitlines() if "b2.md" in line]
    assert lines == ["content/study/beta/b2.md:10: 链接目标不存在：gone.md [DJ201]"]


def test_fix_does_not_touch_silenced_lines(site: Path, write, dangjian) -> None:
    page = write(
        "content/study/beta/b2.md",
        "---\ntitle: 乙二\n---\n\n<!-- dangjian: disable DJ301 -->\n共3页。\n\n共3页。\n",
    )
    dangjian("check", "--fix")
    assert page.read_text(encoding="utf-8").endswith(
        "<!-- dangjian: disable DJ301 -->\n共3页。\n\n共 3 页。\n"
    )


def test_severity_per_rule_from_mkdocs_yml(site: Path, write, dangjian) -> None:
    write("content/study/beta/b2.md", "---\ntitle: 乙二\n---\n\n共3页。见[旧文](gone.md)。\n")
    set_plugin_options(site, "rules:\n  DJ301: error\n  DJ201: warning")
    result = dangjian("check")
    assert result.code == 1
    assert "b2.md:5:1: 中文与英文、数字之间应有空格" in result.err
    assert "b2.md:5: 警告：链接目标不存在：gone.md [DJ201]" in result.err


def test_rule_switched_off(site: Path, write, dangjian) -> None:
    write("content/study/beta/b2.md", "---\ntitle: 乙二\n---\n\n共3页。\n")
    set_plugin_options(site, "rules:\n  DJ301: 'off'")
    result = dangjian("check")
    assert result.code == 0 and "DJ301" not in result.err


def test_unknown_rule_in_config_is_one_chinese_line(site: Path, dangjian) -> None:
    set_plugin_options(site, "rules:\n  DJ999: error")
    result = dangjian("check")
    assert result.code == 1
    assert "rules 中有未知的规则编号：DJ999" in result.err
    assert "Traceback" not in result.err and "内部错误" not in result.err


def test_every_catalogued_rule_message_exists_and_is_documented() -> None:
    doc = rules.__doc__ or ""
    for rule in rules.RULES:
        assert f"| {rule.id} |" in doc, rule.id
        for message in rule.messages:
            assert message in MESSAGES, message


def test_messages_map_to_their_rules() -> None:
    def rule(message: str) -> str:
        return rules.rule_for(ContentError("a.md", 1, message=message))

    assert rule(MESSAGES["unknown_key"].format(key="x")) == "DJ104"
    assert rule(MESSAGES["bad_date"].format(key="date", value="x")) == "DJ106"
    assert rule(MESSAGES["link_missing"].format(target="x")) == "DJ201"
    assert rule(MESSAGES["quiz_embed_bank"].format(bank="x", known="y")) == "DJ405"
    assert rule("题目 q：" + MESSAGES["quiz_no_answer"].format(id="q")) == "DJ403"
    assert rule("某个新检查") == "DJ100"
    assert rules.rule_for(ContentError("a.yml", message="某个新检查")) == "DJ900"
    assert rules.rule_for(ContentError("a.md", message="x", rule="DJ203")) == "DJ203"


BROKEN = "---\ntitle: 乙二\nsummray: x\n---\n\n见[旧文](gone.md)。共3页。\n"


def test_json_format_follows_its_schema(write, dangjian) -> None:
    write("content/study/beta/b2.md", BROKEN)
    result = dangjian("check", "--format", "json")
    assert result.code == 1
    data = json.loads(result.out)
    jsonschema.validate(data, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert data["errors"] == 1 and data["warnings"] == 2
    first = data["findings"][0]
    assert first["file"] == "content/study/beta/b2.md" and first["line"] == 3
    assert first["rule"] == "DJ104" and first["severity"] == "warning"
    assert first["suggestion"] == "是不是要写 summary？"


def test_schema_rejects_what_it_should() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    bad = {"version": 1, "pages": 1, "errors": 0, "warnings": 0, "findings": [{"file": "a"}]}
    try:
        jsonschema.validate(bad, schema)
    except jsonschema.ValidationError:
        return
    raise AssertionError("a finding without rule, line and message passed the schema")


def test_github_format_is_workflow_commands(write, dangjian) -> None:
    write("content/study/beta/b2.md", BROKEN)
    lines = dangjian("check", "--format", "github").out.splitlines()
    assert lines[:2] == [
        "::warning file=content/study/beta/b2.md,line=3,title=DJ104::"
        "未知的键 summray（将被忽略）（是不是要写 summary？）",
        "::error file=content/study/beta/b2.md,line=6,title=DJ201::链接目标不存在：gone.md",
    ]
    assert lines[2].startswith("::warning file=content/study/beta/b2.md,line=6,col=")
    assert lines[2].endswith(
        ",title=DJ301::中文与英文、数字之间应有空格：“。共3页。”→“。共 3 页。”"
    )
    assert len(lines) == 3


def test_gitlab_format_is_a_code_quality_report(write, dangjian) -> None:
    write("content/study/beta/b2.md", BROKEN)
    report = json.loads(dangjian("check", "--format", "gitlab").out)
    assert [(r["check_name"], r["severity"], r["location"]["lines"]["begin"]) for r in report] == [
        ("DJ104", "minor", 3),
        ("DJ201", "major", 6),
        ("DJ301", "minor", 6),
    ]
    for entry in report:
        assert set(entry) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert entry["location"]["path"] == "content/study/beta/b2.md"
        assert len(entry["fingerprint"]) == 64
    assert len({entry["fingerprint"] for entry in report}) == 3
