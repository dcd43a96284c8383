"""Every message shown to editors, in one catalogue so wording is reviewed in one place."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # Encoding and file reading
    "not_utf8_gbk": "文件不是 UTF-8 编码（看起来是 GBK/GB18030），请用 UTF-8 重新保存",
    "not_utf8": "文件不是 UTF-8 编码，请用 UTF-8 重新保存",
    "unreadable": "无法读取文件：{reason}",
    # YAML
    "yaml_syntax": "YAML 格式错误：{problem}",
    "yaml_alias": "不支持 YAML 别名/锚点（& 和 *），请直接写出内容",
    "yaml_too_large": "YAML 内容过大或嵌套过深",
    "frontmatter_unclosed": "front matter 没有结束行 ---",
    "frontmatter_not_mapping": "front matter 必须是“键: 值”的形式",
    "duplicate_key": "{key} 重复出现",
    # Schema
    "missing_key": "缺少必填项 {key}",
    "unknown_key": "未知的键 {key}（将被忽略）",
    "wrong_type": "{key} 应为{expected}，实际是“{actual}”",
    "bad_date": "{key} 不是有效日期：{value}（格式为 YYYY-MM-DD）",
    "empty_value": "{key} 不能为空",
    "bad_choice": "{key} 只能是 {choices} 之一，实际是“{value}”",
    "negative": "{key} 不能为负数",
    "expires_before_date": "expires 早于 date",
    "attachment_missing": "附件不存在：{file}",
    "attachment_no_file": "附件缺少 file",
    # Links
    "link_missing": "链接目标不存在：{target}",
    "anchor_missing": "链接的小标题不存在：{target}",
    # Topic files
    "topic_file": "_topic.yml：{problem}",
    # CLI
    "build_ok": "构建完成：{site}（{pages} 个页面，用时 {seconds:.1f} 秒）",
    "build_failed": "构建失败，共 {count} 个问题；原有网站未改动。",
    "check_ok": "检查通过：{pages} 个页面，没有发现问题。",
    "check_failed": "检查发现 {count} 个问题。",
    "warnings": "另有 {count} 条警告。",
    "config_missing": "找不到配置文件 {path}（请在站点目录中运行，或用 -f 指定）",
    "config_invalid": "配置文件有误：{problem}",
    "mkdocs_failed": "构建出错：{problem}",
}


def msg(message_id: str, /, **values: object) -> str:
    """Format a catalogued message."""
    return MESSAGES[message_id].format(**values)
