"""How the quiz build scales: parse + check + compile time and output size per question.

Run: .venv/bin/python benchmarks/quiz_bench.py [questions per bank] [banks]
Prints time per 1000 questions (should stay flat as banks grow: the work is linear) and the
compiled bytes per question, raw and gzipped (what a member downloads for one bank).
"""

from __future__ import annotations

import gzip
import sys
import time

from dangjian.quiz.compile import Renderer, compile_bank, to_script
from dangjian.quiz.parse import parse_bank

EXTENSIONS = ["attr_list", "md_in_html", "tables", "pymdownx.superfences"]


def bank_text(bank: int, count: int) -> str:
    lines = [f"id: bank-{bank}", f"title: 基准题库 {bank}", "questions:"]
    for n in range(count):
        kind = ("single", "multiple", "judge", "fill")[n % 4]
        lines += [
            f"  - id: b{bank}-q{n}",
            f"    type: {kind}",
            f"    stem: 第 {n} 题：中国共产党第一次全国代表大会于哪一年召开？请结合**党史**学习作答。",
            "    explanation: 1921 年 7 月，中共一大在上海召开，后转移到嘉兴南湖的游船上继续举行。",
        ]
        if kind == "single":
            lines += ["    options: [1919 年, 1921 年, 1927 年, 1935 年]", "    answer: B"]
        elif kind == "multiple":
            lines += ["    options: [首创精神, 奋斗精神, 奉献精神, 享乐精神]", "    answer: ABC"]
        elif kind == "judge":
            lines += ["    answer: 正确"]
        else:
            lines += ["    answer: [南湖|嘉兴南湖]"]
    return "\n".join(lines) + "\n"


def main() -> None:
    per_bank = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    for banks in (1, 4, 16):
        texts = [bank_text(b, per_bank) for b in range(banks)]
        render = Renderer(EXTENSIONS, {})
        started = time.perf_counter()
        size = packed = 0
        for index, text in enumerate(texts):
            bank, errors = parse_bank(f"b{index}.yml", f"quizzes/b{index}.yml", text)
            assert bank and not [e for e in errors if e.level == "error"], errors[:3]
            script = to_script("registerBank", compile_bank(bank, render, lambda t: None)).encode()
            size += len(script)
            packed += len(gzip.compress(script, 9))
        seconds = time.perf_counter() - started
        total = banks * per_bank
        print(
            f"{total:6d} 题：{seconds:6.2f} 秒，每千题 {seconds / total * 1000:5.2f} 秒；"
            f"每题 {size / total:5.0f} 字节，gzip 后 {packed / total:4.0f} 字节"
        )


if __name__ == "__main__":
    main()
