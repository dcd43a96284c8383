"""`dangjian import FILE.docx`: a Word document becomes a page that builds and passes check."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import yaml
from dangjian.cli import main
from dangjian.importer.tomarkdown import html_to_markdown
from dangjian.site import check_site

from .documents import marked_up_document, png, study_document


def front_and_body(page: Path) -> tuple[dict, str]:
    _, front, body = page.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(front), body


def test_word_study_material_keeps_structure_and_pictures(import_site: Path, capsys) -> None:
    source = study_document(import_site.parent / "学习 安排.docx")
    assert main(["import", str(source), "--topic", "ershida"]) == 0
    page = import_site / "content" / "study" / "ershida" / "学习-安排.md"
    front, body = front_and_body(page)
    assert front["title"] == "学习贯彻党的二十大精神"
    assert front["source"] == "学习 安排.docx" and front["date"]
    # The document title is the page heading; the document's headings move one level down
    assert "\n## 一、总体要求\n" in "\n" + body and "\n### （一）学习方式\n" in body
    assert "**准确把握**" in body
    assert "1. 个人自学\n2. 集中研讨\n3. 专题党课" in body
    assert "- 原原本本学\n- 联系实际学" in body
    assert "| 时间 | 内容 | 形式 |\n| --- | --- | --- |\n| 3 月 | 党章 | 自学 |" in body
    assert "党的二十大精神。[^1]" in body and "[^1]: 见《中国共产党章程》。" in body
    assert "[^2]: 报送至党委办公室。" in body
    images = re.findall(r"!\[[^\]]*\]\((img/[0-9a-f]{12}\.png)\)", body)
    assert len(images) == 2 and len(set(images)) == 2
    for link in images:
        assert (page.parent / link).read_bytes().startswith(b"\x89PNG")
    assert (page.parent / images[0]).read_bytes() == png(40, 20, (200, 30, 30))
    err = capsys.readouterr().err
    assert "图片 2 张" in err and "未能原样保留" not in err
    result = check_site(import_site / "mkdocs.yml")
    assert result.warnings == []


def test_word_notice_reports_what_it_could_not_keep(import_site: Path, capsys) -> None:
    source = marked_up_document(import_site.parent / "jiyao.docx")
    assert main(["import", str(source), "--notice"]) == 0
    pages = list((import_site / "content" / "notices").rglob("jiyao.md"))
    assert len(pages) == 1
    front, body = front_and_body(pages[0])
    assert front["title"] == "会议纪要" and front["category"] == "通知"
    assert "会议由书记主持。全体党员参加。" in body and "删去的话" not in body
    assert "文本框里的提示" in body
    err = capsys.readouterr().err
    assert "文本框 1 个" in err and "批注 1 条：未导入" in err
    assert "修订 2 处：已按“接受全部修订”导入" in err
    assert check_site(import_site / "mkdocs.yml").warnings == []


def test_import_refuses_without_overwriting_and_names_bad_files(import_site: Path, capsys) -> None:
    source = study_document(import_site.parent / "a.docx")
    assert main(["import", str(source)]) == 2
    assert main(["import", str(source), "--topic", "t"]) == 0
    assert main(["import", str(source), "--topic", "t"]) == 2
    assert main(["import", str(source), "--topic", "t", "--force"]) == 0
    (import_site.parent / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0 old word")
    assert main(["import", str(import_site.parent / "old.doc"), "--topic", "t"]) == 1
    (import_site.parent / "broken.docx").write_bytes(b"not a zip")
    assert main(["import", str(import_site.parent / "broken.docx"), "--topic", "t"]) == 1
    assert main(["import", str(import_site.parent / "nope.docx"), "--topic", "t"]) == 2
    outside = import_site.parent / "elsewhere.md"
    assert main(["import", str(source), "-o", str(outside)]) == 2
    err = capsys.readouterr().err
    assert "请用 --topic" in err and "已存在；如要覆盖请加 --force" in err
    assert "另存为 .docx" in err and "无法读取 Word 文件 broken.docx" in err
    assert "找不到要导入的文件" in err and "不在站点内容目录" in err
    assert "Traceback" not in err and "内部错误" not in err
    assert not list((import_site / "content" / "study" / "t").glob("broken*"))


def test_padded_docx_is_refused_before_it_inflates(import_site: Path, capsys) -> None:
    source = study_document(import_site.parent / "bomb.docx")
    with zipfile.ZipFile(source, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/padding.bin", b"\0" * (20 * 1024 * 1024))
    assert main(["import", str(source), "--topic", "t"]) == 1
    assert main(["quiz", "import", str(source), "--dry-run"]) == 1
    err = capsys.readouterr().err
    assert err.count("bomb.docx 解压后过大或压缩比异常（上限 200 MB）") == 2
    assert not (import_site / "content" / "study" / "t").exists()


def test_markdown_text_cannot_become_html_or_script_links() -> None:
    markdown = html_to_markdown(
        '<p>写 &lt;script&gt;alert(1)&lt;/script&gt; <a href="javascript:alert(1)">点我</a>'
        '<img src="data:image/png;base64,AAAA"><a href="https://www.12371.cn/">共产党员网</a></p>'
    )
    assert "<script" not in markdown and "javascript:" not in markdown and "data:" not in markdown
    assert "&lt;script>" in markdown and "点我" in markdown
    assert "[共产党员网](https://www.12371.cn/)" in markdown
