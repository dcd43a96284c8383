"""`dangjian verify` against tampered, crafted and broken zips: every one is named plainly.

Each case takes a real pack of the small test site, changes it with Python's zipfile the way
an attacker or a broken download would, usually re-signs the `.sha256` sidecar (whoever can
swap the zip can swap the sidecar), and expects exit 1 with one Chinese line naming the
problem, the entry names shown exactly as stored, and no internal error.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from dangjian.cli import main

from .pack_cases import Case, assert_lines_clean, make_site, run

Entries = list[tuple[zipfile.ZipInfo, bytes]]


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One real pack of the test site; cases work on copies of it."""
    folder = tmp_path_factory.mktemp("verify-site")
    make_site(folder)
    result = run("pack", cwd=folder)
    assert result.returncode == 0, result.stderr
    (zip_path,) = (folder / "build" / "dist").glob("*.zip")
    return zip_path


def copy_pack(pack: Path, folder: Path) -> Path:
    target = folder / pack.name
    shutil.copy(pack, target)
    shutil.copy(pack.with_name(pack.name + ".sha256"), folder)
    return target


def read_entries(zip_path: Path) -> Entries:
    with zipfile.ZipFile(zip_path) as archive:
        return [(info, archive.read(info)) for info in archive.infolist()]


def write_entries(zip_path: Path, entries: Entries) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicates we add on purpose
        with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as archive:
            for info, data in entries:
                archive.writestr(info, data)


def sign(zip_path: Path) -> None:
    digest = hashlib.sha256(zip_path.read_bytes()).hexdigest()
    zip_path.with_name(zip_path.name + ".sha256").write_text(f"{digest}  {zip_path.name}\n")


def top_of(entries: Entries) -> str:
    return entries[0][0].filename.split("/")[0]


def entry(name: str, data: bytes = b"<p>x</p>") -> tuple[zipfile.ZipInfo, bytes]:
    info = zipfile.ZipInfo(name, date_time=(2025, 11, 26, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    return info, data


def same_length_prefix(top: str) -> str:
    """Another folder name exactly as long as `top` (what a prefix-stripping check misses)."""
    return "x" * len(top)


def _changed(entries: Entries) -> Entries:
    return [(i, d + b"<!-- x -->" if i.filename.endswith("first.html") else d) for i, d in entries]


def _added(entries: Entries) -> Entries:
    return [*entries, entry(f"{top_of(entries)}/evil.js", b"alert(1)")]


def _removed(entries: Entries) -> Entries:
    return [(i, d) for i, d in entries if not i.filename.endswith("plan.txt")]


def _prefix_swap(entries: Entries) -> Entries:
    return [*entries, entry(f"{same_length_prefix(top_of(entries))}/evil.html")]


def _missing_plus_crafted(entries: Entries) -> Entries:
    crafted = f"{same_length_prefix(top_of(entries))}/files/plan.txt"
    return [*_removed(entries), entry(crafted, b"tampered")]


def _duplicate_before(data_of: Callable[[bytes], bytes]) -> Callable[[Entries], Entries]:
    def change(entries: Entries) -> Entries:
        result = []
        for info, data in entries:
            if info.filename.endswith("index.html") and info.filename.count("/") == 1:
                result.append(entry(info.filename, data_of(data)))
            result.append((info, data))
        return result

    return change


def _named(name: Callable[[str], str]) -> Callable[[Entries], Entries]:
    return lambda entries: [*entries, entry(name(top_of(entries)))]


def _no_manifest(entries: Entries) -> Entries:
    return [(i, d) for i, d in entries if not i.filename.endswith("SHA256SUMS")]


def _two_tops(entries: Entries) -> Entries:
    other = same_length_prefix(top_of(entries))
    manifest = next(d for i, d in entries if i.filename.endswith("SHA256SUMS"))
    return [*entries, entry(f"{other}/SHA256SUMS", manifest)]


def _manifest(change: Callable[[bytes], bytes]) -> Callable[[Entries], Entries]:
    return lambda entries: [
        (i, change(d) if i.filename.endswith("SHA256SUMS") else d) for i, d in entries
    ]


def _bomb(entries: Entries) -> Entries:
    # 8 MB of zeros deflate to ~8 KB: a ratio no page of a site reaches
    return [*entries, entry(f"{top_of(entries)}/bomb.html", bytes(8 * 1024 * 1024))]


def _outside_folder_entry(entries: Entries) -> Entries:
    return [*entries, entry("other/")]


TAMPERED = [
    (Case("changed-file", r"^内容被改动的文件：.+/study/topic/first\.html$", 1), _changed),
    (Case("added-file", r"^包内多出、清单中没有的文件：.+/evil\.js$", 1), _added),
    (Case("removed-file", r"^清单中有、包内缺少的文件：.+/files/plan\.txt$", 1), _removed),
    (Case("prefix-swap", r"^不在顶层文件夹 .+/ 中的条目：x+/evil\.html$", 1), _prefix_swap),
    (
        Case("missing-plus-crafted", r"^不在顶层文件夹 .+/ 中的条目：x+/files/plan\.txt$", 1),
        _missing_plus_crafted,
    ),
    (
        Case("duplicate-tampered-first", r"^重复的条目：[^/]+/index\.html（出现 2 次", 1),
        _duplicate_before(lambda data: data.replace(b"</body>", b"<p>evil</p></body>")),
    ),
    (
        Case("duplicate-identical", r"^重复的条目：[^/]+/index\.html（出现 2 次", 1),
        _duplicate_before(lambda data: data),
    ),
    (
        Case("zip-slip-dotdot", r"^不安全的文件名：\.\./evil\.html（", 1),
        _named(lambda t: "../evil.html"),
    ),
    (
        Case("zip-slip-inside", r"^不安全的文件名：[^/]+/\.\./\.\./evil\.html（", 1),
        _named(lambda t: f"{t}/../../evil.html"),
    ),
    (
        Case("absolute", r"^不安全的文件名：/etc/cron\.d/evil（", 1),
        _named(lambda t: "/etc/cron.d/evil"),
    ),
    (
        Case("backslash", r"^不安全的文件名：[^/\\]+\\\.\.\\evil\.html（", 1),
        _named(lambda t: f"{t}\\..\\evil.html"),
    ),
    (
        Case("drive-letter", r"^不安全的文件名：C:/evil\.html（", 1),
        _named(lambda t: "C:/evil.html"),
    ),
    (
        Case("dot-part", r"^不安全的文件名：[^/]+/\./index\.html（", 1),
        _named(lambda t: f"{t}/./index.html"),
    ),
    (
        Case("empty-part", r"^不安全的文件名：[^/]+//evil\.html（", 1),
        _named(lambda t: f"{t}//evil.html"),
    ),
    (Case("no-manifest", r"^离线包中没有 SHA256SUMS 清单$", 1), _no_manifest),
    (Case("two-manifests", r"^离线包中有多个 SHA256SUMS 清单：", 1), _two_tops),
    (
        Case("manifest-lists-unsafe", r"^SHA256SUMS 中有不安全的文件名：\.\./\.\./evil$", 1),
        _manifest(lambda d: d + b"0" * 64 + b"  ../../evil\n"),
    ),
    (
        Case("manifest-bad-line", r"^SHA256SUMS 第 \d+ 行格式不对：", 1),
        _manifest(lambda d: d + b"not a checksum line\n"),
    ),
    (
        Case("manifest-not-utf8", r"^SHA256SUMS 不是 UTF-8 文本", 1),
        _manifest(lambda d: d + b"0" * 64 + "  中.html\n".encode("gbk")),
    ),
    (Case("deflate-bomb", r"^.+/bomb\.html 的压缩比为 \d+:1，超过上限 500:1", 1), _bomb),
    (
        Case("folder-outside-top", r"^不在顶层文件夹 .+/ 中的条目：other/$", 1),
        _outside_folder_entry,
    ),
]


@pytest.mark.parametrize(("case", "change"), TAMPERED, ids=[case.id for case, _ in TAMPERED])
def test_tampered_pack_is_named(case: Case, change, pack: Path, tmp_path: Path, capsys) -> None:
    zip_path = copy_pack(pack, tmp_path)
    write_entries(zip_path, change(read_entries(zip_path)))
    sign(zip_path)
    capsys.readouterr()
    assert main(["verify", str(zip_path)]) == case.code
    err = capsys.readouterr().err
    assert any(re.search(case.pattern, line) for line in err.splitlines()), err
    assert_lines_clean(err)
    assert "校验通过" not in err


def test_nul_in_a_name_is_shown_not_cut(pack: Path, tmp_path: Path, capsys) -> None:
    zip_path = copy_pack(pack, tmp_path)
    top = top_of(read_entries(zip_path))
    write_entries(zip_path, [*read_entries(zip_path), entry(f"{top}/placeholder.html")])
    # zipfile cuts names at NUL when writing, so put the NUL into the stored bytes afterwards
    data = zip_path.read_bytes().replace(b"/placeholder.html", b"/a.html\x00.exe.html")
    zip_path.write_bytes(data)
    sign(zip_path)
    capsys.readouterr()
    assert main(["verify", str(zip_path)]) == 1
    err = capsys.readouterr().err
    assert f"不安全的文件名：{top}/a.html\\x00.exe.html（" in err, err
    assert_lines_clean(err)


BROKEN = [
    (
        Case("not-a-zip", r"^bad\.zip 不是有效的 zip 文件，或文件不完整", 1),
        lambda data: b"PK\x03\x04 nope",
    ),
    (Case("empty-file", r"^bad\.zip 不是有效的 zip 文件，或文件不完整", 1), lambda data: b""),
    (
        Case("truncated", r"^bad\.zip 不是有效的 zip 文件，或文件不完整", 1),
        lambda data: data[: len(data) // 2],
    ),
]


@pytest.mark.parametrize(("case", "damage"), BROKEN, ids=[case.id for case, _ in BROKEN])
def test_broken_download_is_named(case: Case, damage, pack: Path, tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.zip"
    bad.write_bytes(damage(pack.read_bytes()))
    sign(bad)
    capsys.readouterr()
    assert main(["verify", str(bad)]) == case.code
    err = capsys.readouterr().err
    assert any(re.search(case.pattern, line) for line in err.splitlines()), err
    assert_lines_clean(err)


def test_bit_flip_inside_a_page_is_a_changed_file(pack: Path, tmp_path: Path, capsys) -> None:
    zip_path = copy_pack(pack, tmp_path)
    with zipfile.ZipFile(zip_path) as archive:
        info = next(i for i in archive.infolist() if i.filename.endswith("first.html"))
    data = bytearray(zip_path.read_bytes())
    data[info.header_offset + 30 + len(info.filename.encode()) + 5] ^= 0x01
    zip_path.write_bytes(bytes(data))
    capsys.readouterr()
    assert main(["verify", str(zip_path)]) == 1
    err = capsys.readouterr().err
    assert f"内容被改动的文件：{info.filename}" in err
    assert "zip 文件的 SHA-256 与" in err  # the sidecar was not re-signed here
    assert_lines_clean(err)


def test_missing_and_wrong_sidecar(pack: Path, tmp_path: Path, capsys) -> None:
    zip_path = copy_pack(pack, tmp_path)
    sidecar = zip_path.with_name(zip_path.name + ".sha256")
    sidecar.write_text("0" * 64 + f"  {zip_path.name}\n")
    capsys.readouterr()
    assert main(["verify", str(zip_path)]) == 1
    assert f"zip 文件的 SHA-256 与 {sidecar.name} 不符" in capsys.readouterr().err
    sidecar.unlink()
    assert main(["verify", str(zip_path)]) == 1
    assert f"缺少校验文件 {sidecar.name}" in capsys.readouterr().err


def test_intact_pack_passes(pack: Path, tmp_path: Path, capsys) -> None:
    zip_path = copy_pack(pack, tmp_path)
    capsys.readouterr()
    assert main(["verify", str(zip_path)]) == 0
    assert "校验通过" in capsys.readouterr().err
