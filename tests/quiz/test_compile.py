"""Compiled banks: deterministic bytes, encoded answers, sanitised Markdown, both file forms."""

from __future__ import annotations

import json
from pathlib import Path

from dangjian.quiz.compile import Renderer, browser_constants, decode_answer, encode_answer
from dangjian.site import build_site

from tests.helpers import ROOT

from .conftest import BANK, write_site

OUT = "assets/dangjian/quiz"


def test_answer_encoding_round_trips_and_hides_text():
    encoded = encode_answer([["绿色"], ["共享", "分享"]], "0123456789abcdef")
    assert "绿色" not in encoded and "共享" not in encoded
    assert decode_answer(encoded, "0123456789abcdef") == [["绿色"], ["共享", "分享"]]


def test_renderer_strips_hostile_html():
    render = Renderer(["attr_list", "tables"], {})
    html = render.block(
        '说明<script>alert(1)</script> <img src="x.png" onerror="alert(2)"> [链接](javascript:alert(3))'
    )
    assert "<script" not in html and "onerror" not in html and "javascript:" not in html
    assert "说明" in html
    assert render.inline("**党章**") == "<strong>党章</strong>"


def test_markdown_is_set_up_once_and_only_for_text_that_is_not_plain(monkeypatch):
    from dangjian.quiz import compile as compile_module

    made = []
    real = compile_module.markdown.Markdown

    def counting(*args, **kwargs):
        made.append(kwargs.get("extensions"))
        return real(*args, **kwargs)

    monkeypatch.setattr(compile_module.markdown, "Markdown", counting)
    render = Renderer(["attr_list", "tables", "toc"], {"toc": {"permalink": True}})
    assert render.block("党的基本路线是什么") == "<p>党的基本路线是什么</p>"
    assert made == []
    assert render.inline("**党章**") == "<strong>党章</strong>"
    assert render.block("| 甲 | 乙 |\n|---|---|\n| 1 | 2 |").startswith("<table>")
    assert made == [["attr_list", "tables"]]


def test_build_writes_json_script_and_catalogue(quiz_site: Path, tmp_path: Path):
    build_site(quiz_site, tmp_path / "out")
    out = tmp_path / "out" / OUT
    data = json.loads((out / "demo.json").read_text(encoding="utf-8"))
    script = (out / "demo.js").read_text(encoding="utf-8")
    assert script.startswith("window.dangjian.registerBank(")
    assert (
        json.loads(script[len("window.dangjian.registerBank(") : -3].replace("<\\/", "</")) == data
    )
    assert data["counts"] == {"single": 1, "multiple": 1, "judge": 1, "fill": 1}
    first = data["questions"][0]
    assert first["source"] == {
        "url": "study/t/page.html#一党章的基本结构",
        "title": "党章学习 · 一、党章的基本结构",
    }
    assert data["questions"][1]["source"]["url"] == "study/t/page.html"  # bank's source
    assert decode_answer(first["a"], first["k"]) == ["B"]
    assert decode_answer(data["questions"][3]["a"], data["questions"][3]["k"]) == [
        ["绿色"],
        ["共享", "分享"],
    ]
    catalogue = json.loads((out / "catalogue.json").read_text(encoding="utf-8"))
    assert (
        catalogue["banks"][0]["id"] == "demo"
        and catalogue["banks"][0]["page"] == "quizzes/demo.html"
    )
    assert (
        (out / "catalogue.js")
        .read_text(encoding="utf-8")
        .startswith("window.dangjian.registerCatalogue(")
    )
    # No answer text anywhere in what the browser gets
    page = (tmp_path / "out" / "quizzes" / "demo.html").read_text(encoding="utf-8")
    for text in (page, (out / "demo.json").read_text(encoding="utf-8")):
        assert '"answer"' not in text and "共享|分享" not in text and "分享" not in text


def test_catalogue_carries_the_constants_the_quiz_scripts_read(quiz_site: Path, tmp_path: Path):
    build_site(quiz_site, tmp_path / "out")
    out = tmp_path / "out" / OUT
    catalogue = json.loads((out / "catalogue.json").read_text(encoding="utf-8"))
    assert catalogue["constants"] == browser_constants()
    assert catalogue["constants"]["types"][0] == ["single", "单选"]
    script = (out / "catalogue.js").read_text(encoding="utf-8")
    assert '"constants":{"judge":{"false":"错误","true":"正确"},"letters":"ABCDEFGH"' in script
    # The scripts repeat none of them
    core = (ROOT / "theme/assets/dangjian/quiz-core.js").read_text(encoding="utf-8")
    session = (ROOT / "theme/assets/dangjian/quiz-session.js").read_text(encoding="utf-8")
    for text in (core, session):
        assert "单选" not in text and "ABCDEFGH" not in text and "'正确'" not in text


def test_same_input_same_bytes(tmp_path: Path):
    first = write_site(tmp_path / "a")
    second = write_site(tmp_path / "b")
    build_site(first, tmp_path / "a-out")
    build_site(second, tmp_path / "b-out")
    names = sorted(p.name for p in (tmp_path / "a-out" / OUT).iterdir())
    assert names == ["catalogue.js", "catalogue.json", "demo.js", "demo.json"]
    for name in names:
        assert (tmp_path / "a-out" / OUT / name).read_bytes() == (
            tmp_path / "b-out" / OUT / name
        ).read_bytes()


def test_hostile_question_never_reaches_the_page(tmp_path: Path):
    hostile = BANK.replace(
        "stem: 现行党章有几章？",
        'stem: "现行党章有几章？<script>alert(1)</script><img src=x onerror=alert(2)>"',
    ).replace("explanation: 十一章。", 'explanation: "<a href=\\"javascript:alert(3)\\">看</a>"')
    build_site(write_site(tmp_path, hostile), tmp_path / "out")
    data = (tmp_path / "out" / OUT / "demo.json").read_text(encoding="utf-8")
    assert "<script" not in data and "onerror" not in data and "javascript:" not in data
    assert "现行党章有几章？" in data


def test_bank_page_is_generated_and_embeds_the_bank(quiz_site: Path, tmp_path: Path):
    build_site(quiz_site, tmp_path / "out")
    page = (tmp_path / "out" / "quizzes" / "demo.html").read_text(encoding="utf-8")
    assert 'class="dj-quiz"' in page and "&quot;banks&quot;:[&quot;demo&quot;]" in page
    # The quiz scripts come joined with the other features' into the one site.js pages load
    assert "assets/dangjian/site.js" in page and "assets/dangjian/quiz.js" not in page
    joined = (tmp_path / "out" / "assets/dangjian/site.js").read_text(encoding="utf-8")
    for name in ("quiz-core", "quiz-session", "quiz"):
        assert f"/* {name}.js */" in joined
    center = (tmp_path / "out" / "quizzes" / "index.html").read_text(encoding="utf-8")
    assert '<a href="demo.html">演示题库</a>' in center and "共 4 题" in center


def test_study_page_links_to_the_banks_that_cite_it(quiz_site: Path, tmp_path: Path):
    build_site(quiz_site, tmp_path / "out")
    page = (tmp_path / "out" / "study" / "t" / "page.html").read_text(encoding="utf-8")
    assert '<aside class="dj-quiz-related" aria-label="相关自测">' in page
    assert '<a href="../../quizzes/demo.html">演示题库</a>（共 4 题）' in page
    home = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "dj-quiz-related" not in home
