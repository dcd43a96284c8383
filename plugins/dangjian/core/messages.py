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
    "pack_failed": "未生成离线包。",
    "verify_missing_zip": "找不到离线包：{path}",
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
    "outside_docs": "指向网站文件夹以外的链接（{target}），不会发布；请把文件复制进 content/ 或删除此链接",
    "readme_beside_index": "与同一文件夹的 index.md 冲突（两者都会生成 index.html），请删除或改名 {file}",
    "case_collision": "文件名只有大小写不同：{other}（在 Windows、macOS 上会互相覆盖），请改名其中一个",
    "unsafe_name": '文件名不能含有 < > " 或控制字符（文件名会成为网页标题和地址），请改名',
    "generated_collision": "会替换自动生成的页面“{title}”（{generated}），请改名此文件",
    "nul_byte": "文件含有 NUL 空字符（\\0），可能是二进制文件或保存出错，请删除该字符后重新保存",
    "docs_missing": "找不到内容文件夹 {path}（mkdocs.yml 的 docs_dir）",
    "config_python_tag": "不允许的 Python 标签 {tag}：mkdocs.yml 只能使用 {allowed}，不会执行其他代码",
    "config_yaml": "配置文件有误：YAML 格式错误，{problem}",
    "config_markup": '{key} 不能含有 < > " 字符（会原样写进每个页面的 HTML）',
    "config_value": "配置项 {key} 有误：{detail}",
    "config_expected": "应为{expected}，实际是{actual}",
    "config_unknown_option": "未知的选项 {name}",
    "config_no_plugin": "没有安装插件 {name}",
    "config_required": "缺少必填项",
    "config_theme": "未知的主题 {name}",
    "unsafe_html": "正文中不允许 {what}（页面会在党员浏览器中执行代码）；确需脚本请在 mkdocs.yml 的 dangjian-content 中设置 allow_scripts: true",
    "unsafe_refresh": '正文中不允许 <meta http-equiv="refresh">（页面会自动跳转）',
    "attachment_outside": "附件必须放在通知所在文件夹或附件文件夹 {folder}/ 中：{file}",
    "attachment_url": "附件必须是站内文件：{file}；外部网址请写在正文里",
    "quiz_embed_unknown": "quiz 代码块：未知的键 {key}（可用：{known}）",
    "quiz_embed_time_limit": "quiz 代码块：time_limit 是限时分钟数，应为正数，实际是“{value}”",
    "quiz_embed_seed": "quiz 代码块：seed 应为整数或文字，实际是“{value}”",
    "quiz_embed_count": "quiz 代码块：count 应为正整数，实际是“{value}”",
    "quiz_embed_title": "quiz 代码块：title 应为文字，实际是“{value}”",
    #
    # --- Hostile input: pack, verify, import, CLI (issue 13) ---
    "zip_unsafe_name": "不安全的文件名：{name}（绝对路径、盘符、反斜杠或 ..，解压时可能写到文件夹之外）",
    "zip_duplicate": "重复的条目：{name}（出现 {count} 次，解压时其中一个会覆盖另一个）",
    "zip_outside_top": "不在顶层文件夹 {top} 中的条目：{name}",
    "zip_not_a_zip": "{path} 不是有效的 zip 文件，或文件不完整（可能下载中断或已损坏）",
    "zip_too_many_entries": "zip 中有 {count} 个条目，超过上限 {limit} 个",
    "zip_entry_too_large": "{name} 解压后有 {size}，超过上限 {limit}",
    "zip_ratio": "{name} 的压缩比为 {ratio}:1，超过上限 {limit}:1（疑似“压缩炸弹”）",
    "zip_total_too_large": "解压后共 {size}，超过上限 {limit}",
    "verify_many_manifests": "离线包中有多个 SHA256SUMS 清单：{names}（应只有一个顶层文件夹）",
    "verify_manifest_unsafe": "SHA256SUMS 中有不安全的文件名：{name}",
    "verify_manifest_not_utf8": "SHA256SUMS 不是 UTF-8 文本，无法核对",
    "quiz_import_limit": "{path} 超出导入上限，未导入：{problem}",
    "quiz_import_rows": "超过 {limit} 行（一次最多导入 {limit} 道题，请拆成几个文件）",
    "quiz_import_file_size": "文件有 {size}，超过上限 {limit}",
    "quiz_import_damaged": "文件已损坏，或不是 Excel 工作簿（.xlsx）",
    "quiz_import_cell": "第 {row} 行第 {column} 列超过 {limit} 个字",
    "quiz_bank_too_large": "题库文件有 {size}，超过上限 {limit}（约 {questions} 道题），请拆成几个题库",
    "output_unwritable": "无法写入 {path}：{reason}",
    "os_permission": "没有写入权限",
    "os_read_only": "文件系统是只读的",
    "os_no_space": "磁盘空间不足",
    "os_not_folder": "那里已有一个同名文件，不是文件夹",
    "terminated": "已中止：没有写出新文件，原有网站未改动。",
    "cli_bad_address": "地址应写成“主机:端口”，例如 127.0.0.1:8000，实际是“{value}”",
    "cli_not_positive": "应为正整数，实际是“{value}”",
    "cli_port_busy": "地址 {address} 已被占用（可能已有一个 dangjian serve 在运行），请用 -a 换一个端口，例如 -a 127.0.0.1:8001",
    "cli_cannot_listen": "无法在 {address} 上监听：{reason}",
    "listen_no_address": "本机没有这个地址",
    "listen_permission": "没有权限使用这个端口（1024 以下的端口需要管理员权限）",
    "serve_no_site": "找不到已构建的网站 {site}（请先运行 dangjian build）",
    #
    #
    #
    # --- Adoption: init, new, drafts, publish, packaged theme (issue 10) ---
    "theme_not_material": "dangjian 的插件需要 Material 主题：请在 mkdocs.yml 中写 theme: name: material（现在是“{name}”）",
    "theme_missing": "找不到 dangjian 自带的主题文件（模板和脚本）：请重新安装 dangjian（pip install --force-reinstall dangjian）",
    "asset_missing": "找不到 dangjian 的前端文件 {asset}：请重新安装 dangjian；若 custom_dir 中放了同名文件夹，请检查是否缺文件",
    "plugin_twice": "插件 {name} 在 plugins 中写了两次，请删掉一个",
    "material_search_on": "Material 自带的 search 插件与 dangjian-search 不能同时使用（它在 file:// 下无法工作）：请从 plugins 中删除 search",
    "shallow_clone": "这是浅克隆（只有最近几次提交），无法得到正确的“最后更新”日期，本次不显示：请用完整克隆（git fetch --unshallow；CI 中设置 fetch-depth: 0 或 GIT_DEPTH: 0）",
    "init_not_empty": "文件夹 {path} 不是空的；如确定要在其中建站（同名文件会被覆盖），请加 --force",
    "init_done": "已在 {path} 建好新站点“{site}”。接下来：cd {path}，然后运行 dangjian serve 预览",
    "init_git": "已初始化 git 仓库（分支 {branch}）",
    "init_no_git": "没有找到 git，未初始化仓库；安装 git 后在站点文件夹中运行 git init",
    "init_bad_branch": "分支名“{branch}”不可用：只能用字母、数字、-、_、/ 和 .",
    "init_empty_name": "站点名称不能为空",
    "new_exists": "{path} 已存在，未改动；请换一个标题，或先改名/删除原文件",
    "new_done": "已新建：{path}",
    "new_no_topic": "专题“{topic}”不存在（已有：{known}）；新专题请先建文件夹 {folder}/{topic}/ 和其中的 _topic.yml",
    "new_need_topic": "请用 --topic 指定专题（已有：{known}）",
    "new_bad_name": "无法从标题“{title}”得到文件名，请用 --name 指定（字母、数字和连字符）",
    "draft_banner": "草稿",
    "publish_banner": "定时发布：{date} 起对外显示",
    "pack_generator": "生成工具：dangjian {version}",
    "link_withheld": "链接指向尚未发布的页面（草稿或未到 publish 日期）：{target}；请先发布它，或暂时去掉这个链接",
    "time_zone_unknown": "time_zone 不是有效的时区名称：{value}（例如 Asia/Shanghai）",
    #
    #
    #
    # --- Editors: check rules, copy style, serve (issue 11) ---
    #
    #
    #
    # --- Scale: build cache (issue 12) ---
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
