"""A branch adopts dangjian: the wheel built from this repository, installed into fresh virtual
environments (lowest and newest Python available) outside the repository, `dangjian init`, the
site's own `ci.sh` (check, build, pack, verify), then the unzipped pack in Chromium from file://.

Slow (about two minutes per interpreter): select with `-m wheel`, leave out with `-m "not wheel"`.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from dangjian import __version__
from dangjian.quiz.parse import parse_bank

from .members import type_query

pytestmark = [pytest.mark.wheel, pytest.mark.browser]

ROOT = Path(__file__).resolve().parents[2]
# Lowest supported (requires-python) and newest available Python
PYTHONS = ("3.11", "3.13")
# What a page may never show a member
BROKEN_TEXT = ("[object", "undefined", "NaN")


def interpreter(minor: str) -> str | None:
    found = sorted(glob.glob(f"/root/.pyenv/versions/{minor}.*/bin/python"))
    return found[-1] if found else shutil.which(f"python{minor}")


def run(args: list[str | Path], cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=900,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"{args} failed:\n{output}"
    assert "内部错误" not in output and "Traceback" not in output, output
    return output


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", out, ROOT], cwd=ROOT)
    (built,) = out.glob("dangjian-*.whl")
    return built


def test_the_wheel_carries_theme_guide_and_site_templates(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    theme = {p.relative_to(ROOT).as_posix() for p in (ROOT / "theme").rglob("*") if p.is_file()}
    assert {"dangjian/" + name for name in theme} <= names
    assert "dangjian/guide/index.md" in names and "dangjian/guide/files/tiku-moban.xlsx" in names
    assert "dangjian/adopt/templates/site/dot-gitlab-ci.yml" in names
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert not any(n.startswith(("tests/", "content/", "dangjian/theme/theme")) for n in names)


@pytest.fixture(scope="module", params=PYTHONS)
def installed(request: pytest.FixtureRequest, wheel: Path, tmp_path_factory) -> Path:
    """`bin/` of a fresh virtual environment, outside the repository, with the wheel installed."""
    python = interpreter(request.param)
    if python is None:
        if os.environ.get("CI"):
            pytest.fail(f"CI 需要 Python {request.param}")
        pytest.skip(f"Python {request.param} not installed")
    venv = tmp_path_factory.mktemp(f"venv-{request.param}")
    run([python, "-m", "venv", venv], cwd=venv)
    # Dependencies come from the index as for any adopter (pip's cache makes it quick)
    run([venv / "bin" / "python", "-m", "pip", "install", "-q", wheel], cwd=venv)
    return venv / "bin"


@pytest.fixture(scope="module")
def adopted(installed: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site made by the installed `dangjian init`, committed once and run through its ci.sh."""
    home = tmp_path_factory.mktemp("adopter")
    env = {key: value for key, value in os.environ.items() if not key.startswith("DANGJIAN_")} | {
        "PATH": f"{installed}{os.pathsep}{os.environ['PATH']}",
        "DANGJIAN_INSTALL": "no",  # ci.sh uses the dangjian just installed
        "GIT_AUTHOR_NAME": "编辑",
        "GIT_AUTHOR_EMAIL": "editor@example.org",
        "GIT_COMMITTER_NAME": "编辑",
        "GIT_COMMITTER_EMAIL": "editor@example.org",
    }
    assert run(["dangjian", "--version"], home, env).strip() == f"dangjian {__version__}"
    run(
        ["dangjian", "init", "site", "--site-name", "测试党支部学习站", "--branch", "zhuxian"],
        home,
        env,
    )
    site = home / "site"
    assert not (site / "theme").exists()  # the theme comes from the installed package
    run(["git", "add", "-A"], site, env)
    run(["git", "commit", "-q", "-m", "新建学习站"], site, env)
    output = run(["bash", "ci.sh"], site, env)
    for done in ("检查通过", "构建完成", "离线包已生成", "校验通过", f"dangjian {__version__}"):
        assert done in output, output
    return site


@pytest.fixture
def unpacked(adopted: Path, tmp_path: Path) -> Path:
    (archive,) = (adopted / "build" / "dist").glob("*.zip")
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(tmp_path)
        top = zipped.namelist()[0].split("/")[0]
    return tmp_path / top


def test_generator_meta_names_the_installed_version(adopted: Path) -> None:
    home = (adopted / "build" / "site" / "index.html").read_text(encoding="utf-8")
    assert f'<meta name="generator" content="dangjian-{__version__}, mkdocs-' in home
    # The installed package ships the feature scripts, joined into the one file pages load
    joined = adopted / "build" / "site" / "assets" / "dangjian" / "site.js"
    assert "/* quiz.js */" in joined.read_text(encoding="utf-8")


def test_search_and_quiz_work_from_file_url(browser, adopted: Path, unpacked: Path) -> None:
    root = unpacked.as_uri() + "/"
    outside: list[str] = []
    errors: list[str] = []
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    context.on(
        "request",
        lambda r: (
            None if r.url.startswith((root, "data:", "blob:", "about:")) else outside.append(r.url)
        ),
    )
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(root + "index.html")
        assert "测试党支部学习站" in page.title()
        type_query(page, "三会一课")
        first = page.locator(".dj-search__result").first
        assert "“三会一课”的基本要求" in first.inner_text()
        assert page.locator(".dj-search__snippet mark").all_inner_texts()

        bank_file = adopted / "content" / "quizzes" / "rumen-ceshi.yml"
        bank, _ = parse_bank(str(bank_file), bank_file.name, bank_file.read_text(encoding="utf-8"))
        questions = {q.id: q for q in bank.questions}
        page.goto(root + "quizzes/rumen-ceshi.html")
        page.locator('[data-action="practice"]').click()
        fieldset = page.locator("fieldset.dj-quiz__question").last
        question = questions[fieldset.get_attribute("data-id")]
        if question.type in ("single", "multiple"):
            for key in question.answer:
                fieldset.locator(f'input[value="{key}"]').check()
        elif question.type == "judge":
            fieldset.locator(f'input[value="{"true" if question.answer else "false"}"]').check()
        else:
            for box, accepted in zip(fieldset.locator("input").all(), question.answer, strict=True):
                box.fill(accepted[0])
        page.get_by_role("button", name="提交答案").click()
        assert page.locator(".dj-quiz__verdict").inner_text().startswith("✓ 回答正确")
        text = page.locator("body").inner_text()
        assert not [word for word in BROKEN_TEXT if word in text], text
    finally:
        context.close()
    assert errors == [], errors
    assert outside == [], outside
