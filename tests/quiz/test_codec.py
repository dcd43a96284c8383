"""The answer codec and the browser constants, Python side, against the fixture the JavaScript
decoder is tested with (tests/quiz/js/codec.test.js), and the quiz scripts' node unit tests."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from dangjian.quiz.compile import answer_key, browser_constants, decode_answer, encode_answer
from dangjian.quiz.model import JUDGE_NAMES, OPTION_KEYS, TYPES

from . import fixture_codec

HERE = Path(__file__).parent
SAVED = json.loads(fixture_codec.FIXTURE.read_text(encoding="utf-8"))


def test_fixture_is_what_the_build_writes_today() -> None:
    # Fails after a codec or constants change until the fixture is regenerated (see its module)
    assert fixture_codec.FIXTURE.read_text(encoding="utf-8") == fixture_codec.text()


@pytest.mark.parametrize("case", SAVED["cases"], ids=[c["written"] for c in SAVED["cases"]])
def test_encoder_gives_the_fixture_bytes(case: dict) -> None:
    assert answer_key(case["bank"], case["id"]) == case["k"]
    assert encode_answer(case["answer"], case["k"]) == case["a"]
    assert decode_answer(case["a"], case["k"]) == case["answer"]


def test_encoded_answers_are_not_plain_text() -> None:
    for case in SAVED["cases"]:
        plain = json.dumps(case["answer"], ensure_ascii=False)
        assert plain not in case["a"] and "绿色" not in case["a"]


def test_choice_answers_are_sorted_as_the_browser_compares_them() -> None:
    choices = [c["answer"] for c in SAVED["cases"] if c["type"] in ("single", "multiple")]
    assert ["A", "C"] in choices and ["A", "C", "D"] in choices
    assert all(answer == sorted(answer) for answer in choices)


def test_fixture_covers_every_type() -> None:
    assert {c["type"] for c in SAVED["cases"]} == set(TYPES)


def test_constants_come_from_the_quiz_model() -> None:
    constants = browser_constants()
    assert constants["types"] == [[k, v] for k, v in TYPES.items()]
    assert [k for k, _ in constants["types"]] == ["single", "multiple", "judge", "fill"]
    assert constants["letters"] == OPTION_KEYS == "ABCDEFGH"
    assert constants["judge"] == {"true": JUDGE_NAMES[True], "false": JUDGE_NAMES[False]}
    assert constants["score"] == 1 and isinstance(constants["score"], int)


def test_node_unit_tests_pass() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is needed for the quiz script tests (apt-get install nodejs)")
    run = subprocess.run(
        [node, "--test", str(HERE / "js")], capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert "# fail 0" in run.stdout and "# pass 0" not in run.stdout
