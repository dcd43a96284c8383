"""The table of check rules: id, default severity, what it finds, and which messages it covers.

Every `ContentError` gets a rule id. Code that knows its rule passes `rule=`; otherwise the
id comes from the catalogued message the error was written with, so checks added elsewhere
(without knowing about rules) still get a sensible id.

| 编号 | 默认级别 | 检查什么 |
|---|---|---|
| DJ100 | 错误 | 其他 front matter 问题 |
| DJ101 | 错误 | 文件编码不是 UTF-8、文件无法读取 |
| DJ102 | 错误 | YAML 写法错误（冒号、缩进、引号、别名、重复的键） |
| DJ103 | 错误 | 缺少必填项（如通知的 date） |
| DJ104 | 警告 | 未知的键（多半是拼错，会提示最接近的键） |
| DJ105 | 错误 | 值的类型或取值不对（应为数字、true/false、可选值之一） |
| DJ106 | 错误 | 日期或时间无效，或先后顺序不对（截止早于发布、活动结束早于开始、任务截止不在计划期间内） |
| DJ107 | 错误 | 文件名或位置会出错（NUL 字符、只差大小写、与 index.md 或自动生成的页面冲突、在网站文件夹以外） |
| DJ201 | 错误 | 链接或学习计划的任务指向的页面、专题、题库不存在（会提示最接近的页面） |
| DJ202 | 错误 | 链接指向的小标题不存在（会提示最接近的小标题） |
| DJ203 | 错误 | 通知的附件不存在或没写文件名 |
| DJ301 | 警告 | 中文与英文、数字之间缺少空格 |
| DJ302 | 警告 | 中文句子里用了半角标点 |
| DJ310 | 按 terms.yml | 规范表述（terms.yml 中的 错误写法 → 正确写法） |
| DJ401 | 错误 | 题库文件结构不对（不是键值、没有题目、id 写法） |
| DJ402 | 错误 | 题库或题目 id 重复 |
| DJ403 | 错误 | 题目本身有误（题型、选项、答案） |
| DJ404 | 错误 | 题目出处 source 指向的页面或小标题不存在 |
| DJ405 | 错误 | 页面中的 quiz 代码块有误 |
| DJ501 | 错误 | 正文中有脚本、on… 事件、javascript: 链接或自动跳转（可用 allow_scripts 放开脚本） |
| DJ900 | 错误 | 其他问题（配置、附加功能） |
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..core.errors import ContentError, Level
from ..core.messages import MESSAGES


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Level
    title: str
    messages: tuple[str, ...] = ()


RULES: tuple[Rule, ...] = (
    Rule("DJ100", "error", "其他 front matter 问题"),
    Rule("DJ101", "error", "文件编码或读取", ("not_utf8_gbk", "not_utf8", "unreadable")),
    Rule(
        "DJ102",
        "error",
        "YAML 写法",
        (
            "yaml_syntax",
            "yaml_alias",
            "yaml_too_large",
            "frontmatter_unclosed",
            "frontmatter_not_mapping",
            "duplicate_key",
        ),
    ),
    Rule("DJ103", "error", "缺少必填项", ("missing_key",)),
    Rule("DJ104", "warning", "未知的键", ("unknown_key",)),
    Rule(
        "DJ105", "error", "值的类型或取值", ("wrong_type", "empty_value", "bad_choice", "negative")
    ),
    Rule(
        "DJ106",
        "error",
        "日期",
        (
            "bad_date",
            "expires_before_date",
            "event_end_before_start",
            "event_bad_time",
            "plan_to_before_from",
            "plan_due_outside",
        ),
    ),
    Rule(
        "DJ107",
        "error",
        "文件名或位置",
        (
            "nul_byte",
            "readme_beside_index",
            "case_collision",
            "unsafe_name",
            "generated_collision",
            "outside_docs",
        ),
    ),
    Rule(
        "DJ201",
        "error",
        "链接目标不存在",
        (
            "link_missing",
            "link_withheld",
            "plan_material_missing",
            "plan_topic_missing",
            "plan_quiz_missing",
        ),
    ),
    Rule("DJ202", "error", "链接的小标题不存在", ("anchor_missing",)),
    Rule(
        "DJ203",
        "error",
        "附件",
        ("attachment_missing", "attachment_no_file", "attachment_outside", "attachment_url"),
    ),
    Rule("DJ301", "warning", "中英文之间的空格"),
    Rule("DJ302", "warning", "中文里的半角标点"),
    Rule("DJ310", "warning", "规范表述"),
    Rule(
        "DJ401",
        "error",
        "题库结构",
        (
            "quiz_not_mapping",
            "quiz_questions_not_list",
            "quiz_question_not_mapping",
            "quiz_no_questions",
            "quiz_bad_id",
            "quiz_bank_id_file",
            "quiz_pass_over",
        ),
    ),
    Rule("DJ402", "error", "重复的 id", ("quiz_duplicate_bank", "quiz_duplicate_question")),
    Rule(
        "DJ403",
        "error",
        "题目",
        (
            "quiz_unknown_type",
            "quiz_no_options",
            "quiz_empty_option",
            "quiz_few_options",
            "quiz_options_not_allowed",
            "quiz_no_answer",
            "quiz_answer_not_option",
            "quiz_single_many",
            "quiz_multiple_one",
            "quiz_bad_judge",
            "quiz_fill_empty",
        ),
    ),
    Rule(
        "DJ404",
        "error",
        "题目出处",
        (
            "quiz_source_missing",
            "quiz_source_anchor",
            "quiz_bank_source_missing",
            "quiz_bank_source_anchor",
        ),
    ),
    Rule(
        "DJ405",
        "error",
        "quiz 代码块",
        (
            "quiz_embed_yaml",
            "quiz_embed_bank",
            "quiz_embed_view",
            "quiz_embed_draw",
            "quiz_embed_too_many",
            "quiz_embed_unknown",
            "quiz_embed_time_limit",
            "quiz_embed_seed",
            "quiz_embed_count",
            "quiz_embed_title",
        ),
    ),
    Rule("DJ501", "error", "正文中的脚本或自动跳转", ("unsafe_html", "unsafe_refresh")),
    Rule("DJ900", "error", "其他问题"),
)

BY_ID = {rule.id: rule for rule in RULES}
SEVERITIES = ("error", "warning", "off")


@cache
def _patterns() -> list[tuple[re.Pattern[str], str]]:
    """Each catalogued message as a regex, longest literal text first (most specific)."""
    owner = {message: rule.id for rule in RULES for message in rule.messages}
    found = []
    for message_id, rule_id in owner.items():
        template = MESSAGES[message_id]
        parts = re.split(r"\{[^{}]*\}", template.replace("{{", "\0").replace("}}", "\1"))
        literal = "".join(parts)
        pattern = ".+?".join(re.escape(p).replace("\0", "{").replace("\1", "}") for p in parts)
        found.append((len(literal), re.compile(pattern, re.DOTALL), rule_id))
    found.sort(key=lambda item: -item[0])
    return [(pattern, rule_id) for _, pattern, rule_id in found]


def rule_for(error: ContentError) -> str:
    """The rule id of an error: its own, else the one of the message it was written with."""
    if error.rule:
        return error.rule
    for pattern, rule_id in _patterns():
        if pattern.fullmatch(error.message):
            return rule_id
    for pattern, rule_id in _patterns():  # a message wrapped in a prefix ("题目 x：…")
        if pattern.search(error.message):
            return rule_id
    if error.path.endswith(".md"):
        return "DJ100"
    return "DJ900"
