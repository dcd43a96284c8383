"""`dangjian quiz import` and `quiz template` with careless and hostile files.

An .xlsx is a zip someone else made: a padded sheet is refused from the central directory
before anything is inflated (fast, little memory); rows and cells are capped; damaged files,
GBK text, empty and unsupported files get one Chinese line; nothing is half-written.
"""

from __future__ import annotations

import resource
import time
import zipfile
from pathlib import Path

import pytest
from dangjian.quiz.import_xlsx import MAX_CELL_CHARS, MAX_ROWS
from dangjian.quiz.parse import parse_bank
from dangjian.quiz.template import write_template
from openpyxl import Workbook

from .pack_cases import Case, assert_refused, run

SHEET = "xl/worksheets/sheet1.xml"


def padded_template(path: Path, megabytes: int) -> Path:
    """The import template with `megabytes` MB of blanks inside its sheet XML."""
    template = path.with_name("template.xlsx")
    write_template(template)
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename != SHEET:
                target.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
                continue
            head, tail = data.split(b"<sheetData>", 1)
            padded = zipfile.ZipInfo(SHEET, info.date_time)
            padded.compress_type = zipfile.ZIP_DEFLATED
            with target.open(padded, "w", force_zip64=True) as stream:
                stream.write(head + b"<sheetData>")
                block = b" " * (1 << 20)
                for _ in range(megabytes):
                    stream.write(block)
                stream.write(tail)
    return path


def sheet(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    page = book.active
    page.append(["题型", "题干", "选项A", "选项B", "答案"])
    for row in rows:
        page.append(row)
    book.save(path)
    return path


def test_padded_sheet_is_refused_before_decompression(tmp_path: Path) -> None:
    bomb = padded_template(tmp_path / "bomb.xlsx", 200)
    assert bomb.stat().st_size < 2 * 1024 * 1024  # 200 MB of XML in a small file
    with zipfile.ZipFile(bomb) as archive:
        assert archive.getinfo(SHEET).file_size > 200 * 1024 * 1024
    result = run("quiz", "import", str(bomb), "-o", str(tmp_path / "out.yml"), cwd=tmp_path)
    case = Case(
        "xlsx-bomb",
        r"^bomb\.xlsx 超出导入上限，未导入：.*sheet1\.xml 解压后有 200\.\d MB，超过上限 32\.0 MB$",
        1,
    )
    assert_refused(result, case)
    assert not (tmp_path / "out.yml").exists()


def test_refusal_reads_only_the_central_directory(tmp_path: Path, monkeypatch) -> None:
    from dangjian.quiz.import_xlsx import ImportLimitError, read_xlsx

    bomb = padded_template(tmp_path / "bomb.xlsx", 200)
    opened: list[str] = []
    real_open = zipfile.ZipFile.open

    def spy(archive: zipfile.ZipFile, name, *args, **kwargs):
        opened.append(getattr(name, "filename", name))
        return real_open(archive, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    with pytest.raises(ImportLimitError, match="超出导入上限"):
        read_xlsx(bomb)
    seconds = time.perf_counter() - started
    assert opened == []  # no member was decompressed, not even a little
    assert seconds < 1, seconds
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kb < 50 * 1024, grown_kb  # far below the 200 MB an inflate would need


def test_too_many_rows(tmp_path: Path) -> None:
    rows = [["判断", f"第 {n} 题", "", "", "对"] for n in range(MAX_ROWS + 1)]
    source = sheet(tmp_path / "many.xlsx", rows)
    result = run("quiz", "import", str(source), "-o", str(tmp_path / "out.yml"), cwd=tmp_path)
    assert_refused(result, Case("rows", rf"超过 {MAX_ROWS} 行（一次最多导入 {MAX_ROWS} 道题", 1))
    assert not (tmp_path / "out.yml").exists()


def test_exactly_the_row_limit_imports(tmp_path: Path) -> None:
    rows = [["判断", f"第 {n} 题", "", "", "对"] for n in range(MAX_ROWS)]
    source = sheet(tmp_path / "full.xlsx", rows)
    result = run("quiz", "import", str(source), "-o", str(tmp_path / "out.yml"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"已导入 {MAX_ROWS} 道题" in result.stderr
    text = (tmp_path / "out.yml").read_text(encoding="utf-8")
    bank, errors = parse_bank("out.yml", "out.yml", text)
    assert bank is not None and len(bank.questions) == MAX_ROWS, errors[:3]


CASES = [
    (
        Case("cell-too-long", rf"第 2 行第 2 列超过 {MAX_CELL_CHARS} 个字", 1),
        "long.xlsx",
        lambda path: sheet(path, [["单选", "长" * (MAX_CELL_CHARS + 1), "甲", "乙", "A"]]),
    ),
    (
        Case(
            "not-a-workbook",
            r"^无法读取 .*fake\.xlsx：文件已损坏，或不是 Excel 工作簿（\.xlsx）$",
            1,
        ),
        "fake.xlsx",
        lambda path: path.write_bytes(b"this is not a zip"),
    ),
    (
        Case(
            "zip-but-not-workbook", r"^无法读取 .*plain\.xlsx：文件已损坏，或不是 Excel 工作簿", 1
        ),
        "plain.xlsx",
        lambda path: zipfile.ZipFile(path, "w").writestr("a.txt", "x"),
    ),
    (
        Case("truncated-workbook", r"^无法读取 .*cut\.xlsx：文件已损坏", 1),
        "cut.xlsx",
        lambda path: path.write_bytes(
            (write_template(path), path.read_bytes())[1][: path.stat().st_size // 2]
        ),
    ),
    (
        Case("gbk-text", r"文件不是 UTF-8 编码（看起来是 GBK/GB18030）", 1),
        "gbk.txt",
        lambda path: path.write_bytes(
            "一、单选题\n1. 党章是什么？\nA. 甲\nB. 乙\n【答案】A\n".encode("gbk")
        ),
    ),
    (Case("empty-text", r"^没有读到任何题目$", 1), "empty.txt", lambda path: path.write_bytes(b"")),
    (
        Case(
            "unsupported",
            r"^不支持的文件类型：.*questions\.doc（支持 \.xlsx、\.docx、\.txt、\.md）$",
            2,
        ),
        "questions.doc",
        lambda path: path.write_bytes(b"\xd0\xcf\x11\xe0"),
    ),
    (
        Case("missing-input", r"^找不到要导入的文件：.*nowhere\.xlsx$", 2),
        "nowhere.xlsx",
        lambda path: None,
    ),
    (
        Case(
            "huge-text", r"^.*huge\.txt 超出导入上限，未导入：文件有 9\.0 MB，超过上限 8\.0 MB$", 1
        ),
        "huge.txt",
        lambda path: path.write_bytes(b"1. x\n" * (9 * 1024 * 1024 // 5 + 1)),
    ),
]


@pytest.mark.parametrize(("case", "name", "make"), CASES, ids=[c.id for c, _, _ in CASES])
def test_bad_import_files(case: Case, name: str, make, tmp_path: Path) -> None:
    source = tmp_path / name
    make(source)
    result = run("quiz", "import", str(source), "-o", str(tmp_path / "out.yml"), cwd=tmp_path)
    assert_refused(result, case)
    assert not (tmp_path / "out.yml").exists()


def test_existing_output_is_kept_without_force(tmp_path: Path) -> None:
    source = sheet(tmp_path / "ok.xlsx", [["判断", "党章是根本大法。", "", "", "对"]])
    out = tmp_path / "out.yml"
    out.write_text("# 编辑改过的题库\n", encoding="utf-8")
    result = run("quiz", "import", str(source), "-o", str(out), cwd=tmp_path)
    assert_refused(result, Case("import-exists", r"out\.yml 已存在；如要覆盖请加 --force", 2))
    assert out.read_text(encoding="utf-8") == "# 编辑改过的题库\n"
    assert (
        run("quiz", "import", str(source), "-o", str(out), "--force", cwd=tmp_path).returncode == 0
    )
    assert "党章是根本大法" in out.read_text(encoding="utf-8")


def test_template_is_not_overwritten_without_force(tmp_path: Path) -> None:
    out = tmp_path / "模板.xlsx"
    out.write_bytes(b"editor's own workbook")
    result = run("quiz", "template", str(out), cwd=tmp_path)
    assert_refused(result, Case("template-exists", r"模板\.xlsx 已存在；如要覆盖请加 --force", 2))
    assert out.read_bytes() == b"editor's own workbook"
    assert run("quiz", "template", str(out), "--force", cwd=tmp_path).returncode == 0
    assert zipfile.is_zipfile(out)


def test_bank_size_limit_is_stated(tmp_path: Path) -> None:
    question = (
        "  - id: q{n}\n    type: judge\n    stem: 第 {n} 题" + "。" * 300 + "\n    answer: 正确\n"
    )
    text = "id: big\ntitle: 大题库\nquestions:\n" + "".join(
        question.format(n=n) for n in range(4000)
    )
    bank, errors = parse_bank("content/quizzes/big.yml", "quizzes/big.yml", text)
    assert bank is None
    assert len(errors) == 1 and errors[0].line == 1
    assert "超过上限 1,048,576 个字符（约 3000 道题），请拆成几个题库" in errors[0].message
