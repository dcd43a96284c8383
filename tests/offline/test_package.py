"""`dangjian pack` and `dangjian verify` on a small site: layout, reproducibility, integrity."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

import pytest
from dangjian.cli import main
from dangjian.offline.manifest import parse_manifest
from dangjian.offline.package import COMPRESS_LEVEL, git_version, slugify_name

from .conftest import EPOCH

# Outside git the build date names the version, and the content hash tells packages apart
PREFIX = "测试-学习站-二支部-20251126"


def pack(config: Path, *extra: str) -> int:
    return main(["pack", "-f", str(config), *extra])


def append_to_page(config: Path, page: str, markup: str) -> None:
    """Add `markup` at the end of a source page of the test site (below content/)."""
    path = config.parent / "content" / page
    path.write_text(path.read_text(encoding="utf-8") + f"\n{markup}\n", encoding="utf-8")


def only_zip(config: Path) -> Path:
    zips = sorted((config.parent / "build" / "dist").glob("*.zip"))
    assert len(zips) == 1, zips
    return zips[0]


def test_zip_layout(pack_site: Path) -> None:
    assert pack(pack_site) == 0
    zip_path = only_zip(pack_site)
    folder = zip_path.stem
    assert re.fullmatch(rf"{PREFIX}-[0-9a-f]{{8}}", folder), folder
    with zipfile.ZipFile(zip_path) as archive:
        infos = archive.infolist()
        names = [info.filename for info in infos]
        assert names == sorted(names)
        assert {name.split("/")[0] for name in names} == {folder}
        files = {name[len(folder) + 1 :] for name in names if not name.endswith("/")}
        assert {"index.html", "打开我.html", "SHA256SUMS", "study/topic/first.html"} <= files
        assert {"files/plan.txt", "files/dot.svg", "assets/dangjian/offline.css"} <= files
        assert not files & {"404.html", "sitemap.xml", "sitemap.xml.gz"}
        stamp = time.gmtime(int(EPOCH))[:6]
        for info in infos:
            assert info.date_time == stamp
            mode = info.external_attr >> 16
            assert mode == (0o040755 if info.is_dir() else 0o100644), info.filename
        landing = archive.read(f"{folder}/打开我.html").decode("utf-8")
        assert 'http-equiv="refresh" content="0; url=index.html"' in landing
        assert '<a href="index.html">' in landing
        index = archive.read(f"{folder}/index.html").decode("utf-8")
        assert '<a class="dj-external" href="https://www.example.org/">' in index
        assert "<script>" not in index
        manifest = parse_manifest(archive.read(f"{folder}/SHA256SUMS").decode("utf-8"))
        assert set(manifest) == files - {"SHA256SUMS"}
        for name, digest in manifest.items():
            assert hashlib.sha256(archive.read(f"{folder}/{name}")).hexdigest() == digest
    sidecar = zip_path.with_name(zip_path.name + ".sha256").read_text(encoding="utf-8")
    assert sidecar == f"{hashlib.sha256(zip_path.read_bytes()).hexdigest()}  {zip_path.name}\n"


def test_two_builds_and_packs_are_byte_identical(pack_site: Path) -> None:
    assert pack(pack_site) == 0
    first = only_zip(pack_site).read_bytes()
    shutil.rmtree(pack_site.parent / "build")
    time.sleep(1.1)  # a clock leaking into the output would now differ
    (pack_site.parent / "content" / "index.md").touch()
    assert pack(pack_site) == 0
    second = only_zip(pack_site).read_bytes()
    assert hashlib.sha256(first).hexdigest() == hashlib.sha256(second).hexdigest()


def test_zip_is_what_zipfile_itself_writes(pack_site: Path, tmp_path: Path) -> None:
    """Files are compressed by threads and added by `_write_deflated`: the zip is the very
    one `ZipFile.writestr` gives for the same entries (so a Python whose `zipfile` works
    otherwise inside fails here)."""
    assert pack(pack_site) == 0
    packed = only_zip(pack_site)
    again = tmp_path / "again.zip"
    with zipfile.ZipFile(packed) as source, zipfile.ZipFile(again, "w") as copy:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=entry.date_time)
            info.create_system, info.external_attr = entry.create_system, entry.external_attr
            if not entry.is_dir():
                info.compress_type = zipfile.ZIP_DEFLATED
            copy.writestr(info, source.read(entry), compresslevel=COMPRESS_LEVEL)
        assert len(source.infolist()) > 20
    assert again.read_bytes() == packed.read_bytes()


def test_site_build_itself_is_deterministic(pack_site: Path) -> None:
    assert main(["build", "-f", str(pack_site), "-d", str(pack_site.parent / "a")]) == 0
    time.sleep(1.1)
    assert main(["build", "-f", str(pack_site), "-d", str(pack_site.parent / "b")]) == 0
    a, b = pack_site.parent / "a", pack_site.parent / "b"
    names = sorted(p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file())
    assert "sitemap.xml.gz" in names
    differing = [n for n in names if (a / n).read_bytes() != (b / n).read_bytes()]
    assert differing == []


def rewrite_zip(zip_path: Path, change) -> None:
    """Copy the zip entry by entry through `change(name, data) -> data | None` (None drops)."""
    with zipfile.ZipFile(zip_path) as old:
        entries = [(info, old.read(info)) for info in old.infolist()]
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as new:
        for info, data in entries:
            data = change(info.filename, data)
            if data is not None:
                new.writestr(info, data)


def test_messages_are_one_line_each_in_logs(pack_site: Path, capsys) -> None:
    # Not a terminal: rich would wrap at 80 columns and cut a message in two in CI logs
    assert pack(pack_site) == 0
    lines = capsys.readouterr().err.splitlines()
    done = [line for line in lines if line.startswith("离线包已生成")]
    assert len(done) == 1 and len(done[0]) > 60, lines
    assert done[0].endswith("KB）") or done[0].endswith("MB）"), done[0]


def test_verify_accepts_an_intact_pack(pack_site: Path, capsys) -> None:
    assert pack(pack_site) == 0
    assert main(["verify", str(only_zip(pack_site))]) == 0
    assert "校验通过" in capsys.readouterr().err


def test_verify_names_a_changed_file(pack_site: Path, capsys) -> None:
    assert pack(pack_site) == 0
    zip_path = only_zip(pack_site)
    folder = zip_path.stem
    target = f"{folder}/study/topic/first.html"
    rewrite_zip(zip_path, lambda name, data: data + b"<!-- x -->" if name == target else data)
    capsys.readouterr()
    assert main(["verify", str(zip_path)]) == 1
    err = capsys.readouterr().err
    assert f"内容被改动的文件：{target}" in err
    assert "zip 文件的 SHA-256 与" in err
    assert "first.html" not in err.replace(f"内容被改动的文件：{target}", "")


def test_verify_names_missing_and_extra_files(pack_site: Path, capsys) -> None:
    assert pack(pack_site) == 0
    zip_path = only_zip(pack_site)
    folder = zip_path.stem
    rewrite_zip(zip_path, lambda name, data: None if name.endswith("plan.txt") else data)
    with zipfile.ZipFile(zip_path, "a") as archive:
        archive.writestr(f"{folder}/evil.js", b"alert(1)")
    capsys.readouterr()
    assert main(["verify", str(zip_path)]) == 1
    err = capsys.readouterr().err
    assert f"清单中有、包内缺少的文件：{folder}/files/plan.txt" in err
    assert f"包内多出、清单中没有的文件：{folder}/evil.js" in err


def test_verify_byte_level_corruption_and_missing_sidecar(pack_site: Path, capsys) -> None:
    assert pack(pack_site) == 0
    zip_path = only_zip(pack_site)
    folder = zip_path.stem
    zip_path.with_name(zip_path.name + ".sha256").unlink()
    data = bytearray(zip_path.read_bytes())
    with zipfile.ZipFile(zip_path) as archive:
        info = archive.getinfo(f"{folder}/study/topic/first.html")
    # flip a byte inside the compressed page: the zip's own CRC or inflate fails
    data[info.header_offset + 30 + len(info.filename.encode()) + 5] ^= 0xFF
    zip_path.write_bytes(bytes(data))
    capsys.readouterr()
    assert main(["verify", str(zip_path)]) == 1
    err = capsys.readouterr().err
    assert "缺少校验文件" in err and ".sha256" in err
    assert f"内容被改动的文件：{folder}/study/topic/first.html" in err


def test_verify_reports_a_missing_or_broken_zip(tmp_path: Path, capsys) -> None:
    assert main(["verify", str(tmp_path / "nope.zip")]) == 1
    (tmp_path / "bad.zip").write_bytes(b"not a zip")
    assert main(["verify", str(tmp_path / "bad.zip")]) == 1
    err = capsys.readouterr().err
    assert "找不到离线包" in err and "不是有效的 zip 文件" in err
    assert "Traceback" not in err


def test_external_reference_fails_naming_the_markdown_source_line(pack_site: Path, capsys) -> None:
    append_to_page(pack_site, "study/topic/first.md", '<img src="https://img.example.com/a.png">')
    assert pack(pack_site) == 1
    err = capsys.readouterr().err
    line = next(line for line in err.splitlines() if "img.example.com/a.png" in line)
    where = line.split(": ")[0].strip()
    assert where.endswith("content/study/topic/first.md:" + where.rsplit(":", 1)[1])
    number = int(where.rsplit(":", 1)[1])
    source = (pack_site.parent / "content/study/topic/first.md").read_text(encoding="utf-8")
    assert "img.example.com" in source.splitlines()[number - 1]
    assert "img.example.com：1 处" in err and "dangjian localize" in err
    assert not (pack_site.parent / "build" / "dist").exists()


def test_allowlist_in_mkdocs_yml(pack_site: Path) -> None:
    append_to_page(pack_site, "index.md", '<img src="https://img.example.com/a.png">')
    text = pack_site.read_text(encoding="utf-8")
    pack_site.write_text(
        text.replace(
            "max_size_mb: 50", 'max_size_mb: 50\n      allow_external: ["https://img.example.com/"]'
        ),
        encoding="utf-8",
    )
    assert pack(pack_site) == 0


def test_directory_urls_are_refused(pack_site: Path, capsys) -> None:
    text = pack_site.read_text(encoding="utf-8")
    pack_site.write_text(text.replace("use_directory_urls: false", "use_directory_urls: true"))
    assert pack(pack_site) == 1
    assert "use_directory_urls: false" in capsys.readouterr().err


def test_size_report_and_warning(pack_site: Path, capsys) -> None:
    text = pack_site.read_text(encoding="utf-8")
    pack_site.write_text(text.replace("max_size_mb: 50", "max_size_mb: 0.01"), encoding="utf-8")
    assert pack(pack_site) == 0
    err = capsys.readouterr().err
    assert "离线包大小" in err and "assets/javascripts/bundle." in err
    assert "超过了设定的上限 0.01 MB" in err


def test_no_build_uses_the_last_build(pack_site: Path, capsys) -> None:
    assert pack(pack_site, "--no-build") == 1
    assert "找不到已构建的网站" in capsys.readouterr().err
    assert main(["build", "-f", str(pack_site)]) == 0
    assert pack(pack_site, "--no-build") == 0


@pytest.mark.parametrize(
    ("name", "slug"),
    [("示例党支部学习站", "示例党支部学习站"), ("a/b: c?", "a-b-c"), ("  ", "site")],
)
def test_slugify_name(name: str, slug: str) -> None:
    assert slugify_name(name) == slug


def test_version_from_git(tmp_path: Path) -> None:
    def git(*args: str) -> None:
        env = {
            "GIT_AUTHOR_DATE": "2026-11-26T08:00:00+08:00",
            "GIT_COMMITTER_DATE": "2026-11-26T08:00:00+08:00",
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@e",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@e",
            "PATH": "/usr/bin:/bin",
        }
        subprocess.run(["git", *args], cwd=tmp_path, env=env, check=True, capture_output=True)

    git("init", "-q")
    (tmp_path / "a").write_text("a")
    git("add", "a")
    git("commit", "-q", "-m", "a")
    short = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=tmp_path, capture_output=True, text=True
    ).stdout.strip()
    assert git_version(tmp_path) == f"20261126-{short}"  # commit date in UTC
    git("tag", "v1.2")
    assert git_version(tmp_path) == "v1.2"


def test_repo_url_is_refused_by_the_offline_plugin(pack_site: Path, capsys) -> None:
    text = pack_site.read_text(encoding="utf-8")
    pack_site.write_text(text + "repo_url: https://github.com/example/site\n", encoding="utf-8")
    assert pack(pack_site) == 1
    err = capsys.readouterr().err
    assert "mkdocs.yml" in err and "repo_url" in err and "Traceback" not in err


def test_mermaid_without_a_local_copy_fails_naming_the_page(pack_site: Path, capsys) -> None:
    append_to_page(pack_site, "study/topic/first.md", '<pre class="mermaid">graph TD; A-->B</pre>')
    assert pack(pack_site) == 1
    err = capsys.readouterr().err
    assert "content/study/topic/first.md" in err and "mermaid" in err
