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
    # Listings, feeds (content plugin)
    "feeds_no_site_url": "未设置 site_url，已跳过 Atom 订阅 notices.xml 和 study.xml（请在 mkdocs.yml 中填写网站地址）",
    # Topic files
    "topic_file": "_topic.yml：{problem}",
    # Quizzes (question banks, embedding, import)
    "quiz_not_mapping": "题库文件必须是“键: 值”的形式",
    "quiz_questions_not_list": "questions 应为题目列表（每题以“- ”开头）",
    "quiz_question_not_mapping": "第 {number} 题必须是“键: 值”的形式",
    "quiz_no_questions": "题库没有题目",
    "quiz_bad_id": "{key} 只能由小写字母、数字和连字符组成，实际是“{value}”",
    "quiz_bank_id_file": "题库 id “{id}”与文件名不一致（应为 {expected}.yml）",
    "quiz_duplicate_bank": "题库 id “{id}”重复（另见 {other}）",
    "quiz_duplicate_question": "题目 id “{id}”重复（另见 {other}）",
    "quiz_unknown_type": "题目 {id}：未知题型“{value}”（可选：single 单选、multiple 多选、judge 判断、fill 填空）",
    "quiz_no_options": "题目 {id}：{type}题缺少选项",
    "quiz_empty_option": "题目 {id}：选项 {option} 为空",
    "quiz_few_options": "题目 {id}：选择题至少要有两个选项",
    "quiz_options_not_allowed": "题目 {id}：{type}题不需要选项（将被忽略）",
    "quiz_no_answer": "题目 {id}：缺少答案 answer",
    "quiz_answer_not_option": "题目 {id}：答案“{answer}”不在选项中（可选：{options}）",
    "quiz_single_many": "题目 {id}：单选题只能有一个答案，实际有 {count} 个（{answer}）",
    "quiz_multiple_one": "题目 {id}：多选题至少要有两个答案，实际是“{answer}”（只有一个答案请改为 single）",
    "quiz_bad_judge": "题目 {id}：判断题答案只能是 正确/错误（true/false），实际是“{answer}”",
    "quiz_fill_empty": "题目 {id}：填空题第 {blank} 空没有可接受的答案",
    "quiz_source_missing": "题目 {id}：source 指向的页面不存在：{target}",
    "quiz_source_anchor": "题目 {id}：source 指向的小标题不存在：{target}",
    "quiz_bank_source_missing": "题库 source 指向的页面不存在：{target}",
    "quiz_bank_source_anchor": "题库 source 指向的小标题不存在：{target}",
    "quiz_pass_over": "pass_score 是百分制及格线，应在 0 到 100 之间，实际是 {value}",
    "quiz_embed_yaml": "quiz 代码块：{problem}",
    "quiz_embed_bank": "quiz 代码块：题库“{bank}”不存在（已有：{known}）",
    "quiz_embed_view": "quiz 代码块：view 只能是 {choices} 之一，实际是“{value}”",
    "quiz_embed_draw": "quiz 代码块：draw 应为“题型: 数量”，如 {{single: 5, judge: 5}}",
    "quiz_embed_too_many": "quiz 代码块：要抽 {count} 道{type}题，但所选题库只有 {have} 道",
    "quiz_import_missing": "找不到要导入的文件：{path}",
    "quiz_import_format": "不支持的文件类型：{path}（支持 .xlsx、.txt、.md）",
    "quiz_import_unreadable": "无法读取 {path}：{reason}",
    "quiz_import_no_header": "第 1 行不是表头（需要 题型、题干、答案 等列）",
    "quiz_import_done": "已导入 {count} 道题，写入 {out}",
    "quiz_import_skipped": "跳过 {count} 处：",
    "quiz_import_nothing": "没有读到任何题目",
    "quiz_import_exists": "{out} 已存在；如要覆盖请加 --force",
    "quiz_skip_type": "{where}：题型“{value}”无法识别（可写 单选/多选/判断/填空）",
    "quiz_skip_stem": "{where}：缺少题干",
    "quiz_skip_answer": "{where}：缺少答案",
    "quiz_skip_options": "{where}：选择题缺少选项",
    "quiz_skip_bad_answer": "{where}：答案“{answer}”不在选项中",
    "quiz_skip_judge": "{where}：判断题答案“{answer}”应为 正确/错误/对/错/√/×",
    "quiz_skip_single_many": "{where}：单选题给了多个答案“{answer}”",
    "quiz_skip_orphan": "{where}：不属于任何题目的内容“{text}”",
    "quiz_list_empty": "没有找到题库（{folder}/*.yml）",
    # Offline package, verify, serving
    "scan_html": "<{tag} {attr}> 会从外部加载：{url}（离线包不允许外部请求；确需保留请加入 dangjian-offline 的 allow_external）",
    "scan_css": "CSS 会从外部加载：{url}（离线包不允许外部请求）",
    "scan_js": "脚本中有外部地址：{url}（离线包不允许外部请求；确需保留请加入 allow_external）",
    "scan_root": "以 / 开头的地址在 file:// 下打不开：{url}（请改用相对路径）",
    "scan_unmarked": "外部链接没有“外部链接”标记：{url}（请启用 dangjian-offline 插件）",
    "offline_repo_url": "设置了 repo_url：页面会向 GitHub/GitLab 接口发请求，离线包不允许（请删除 repo_url，或关闭 dangjian-offline）",
    "offline_mermaid": "页面使用了 mermaid 图表，但离线站点没有 mermaid 脚本（请把 mermaid.min.js 放到 theme/{path}）",
    "pack_directory_urls": "离线包需要 use_directory_urls: false（每个链接以 .html 结尾，file:// 才能打开）",
    "pack_no_site": "找不到已构建的网站 {site}（请先运行 dangjian build，或去掉 --no-build）",
    "pack_scan_failed": "离线包检查发现 {count} 处外部请求或无法离线使用的地址，未生成离线包。",
    "pack_ok": "离线包已生成：{zip}（{files} 个文件，压缩后 {size}）",
    "pack_sha256": "校验值：{sha256}（已写入 {file}）",
    "pack_too_large": "离线包 {size} 超过了设定的上限 {limit} MB（max_size_mb），U 盘和内网共享可能传输困难",
    "pack_write_failed": "无法写出离线包：{problem}",
    "pack_failed": "未生成离线包。",
    "verify_missing_zip": "找不到离线包：{path}",
    "verify_bad_zip": "{path} 不是有效的 zip 文件：{problem}",
    "verify_no_manifest": "离线包中没有 SHA256SUMS 清单",
    "verify_bad_manifest": "SHA256SUMS 第 {line} 行格式不对：{text}",
    "verify_no_sidecar": "缺少校验文件 {path}（应与 zip 放在一起）",
    "verify_zip_changed": "zip 文件的 SHA-256 与 {path} 不符：可能下载不完整或被改动",
    "verify_file_missing": "清单中有、包内缺少的文件：{file}",
    "verify_file_extra": "包内多出、清单中没有的文件：{file}",
    "verify_file_changed": "内容被改动的文件：{file}",
    "verify_ok": "校验通过：{zip}（{files} 个文件与清单一致）",
    "verify_failed": "校验失败，共 {count} 个问题。",
    "serve_production": "以生产环境响应头提供 {site}：{url}（按 Ctrl+C 停止）",
    # CLI
    "build_ok": "构建完成：{site}（{pages} 个页面，用时 {seconds:.1f} 秒）",
    "build_failed": "构建失败，共 {count} 个问题；原有网站未改动。",
    "check_ok": "检查通过：{pages} 个页面，没有发现问题。",
    "check_failed": "检查发现 {count} 个问题。",
    "warnings": "另有 {count} 条警告。",
    "config_missing": "找不到配置文件 {path}（请在站点目录中运行，或用 -f 指定）",
    "config_invalid": "配置文件有误：{problem}",
    "mkdocs_failed": "构建出错：{problem}",
    # search (dangjian search)
    "search_empty_query": "请输入要搜索的词（可以用空格分隔多个词，用 -词 排除）",
    "search_index_failed": "无法更新搜索索引：请先修正上面的问题。",
    "search_no_index": "还没有搜索索引：请先运行 dangjian build。",
    "search_none": "没有找到与“{query}”相关的内容。",
    "search_loose": "没有找到完全相同的“{query}”，以下页面包含其中的各个词：",
    "search_cache_failed": "无法更新编辑用搜索索引 {path}（{reason}），网站本身不受影响；可删除该目录后重新构建",
    # --- Hostile input at build time (issue 13) ---
    #
    #
    #
    # --- Hostile input: pack, verify, import, CLI (issue 13) ---
    #
    #
    #
    # --- Adoption: init, new, drafts, publish, packaged theme (issue 10) ---
    #
    #
    #
    # --- Editors: check rules, copy style, serve (issue 11) ---
    #
    #
    #
    # --- Scale: build cache (issue 12) ---
    "cache_rejected": "构建缓存 {path} 中有 {count} 个条目已损坏或不是本程序写入的，已忽略并重新计算（可删除该目录）",
    "cache_unwritable": "无法写入构建缓存 {path}：{reason}（本次构建不受影响，下次构建不会加快）",
    #
    #
    #
    # --- Members (issue 14) ---
    #
    #
    #
    # --- Plans, events, downloads (issue 15) ---
    #
    #
    #
    # --- Importing documents, localize (issue 17) ---
    #
    #
    #
}


def msg(message_id: str, /, **values: object) -> str:
    """Format a catalogued message."""
    return MESSAGES[message_id].format(**values)
