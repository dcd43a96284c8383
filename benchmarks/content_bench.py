"""Cost of the content plugin's whole-site passes as the site grows.

- “最后更新” dates: our single `git log` pass vs one `git log -1` per page (what
  per-page date plugins do), on a temporary repository with N committed materials.
- Related materials (rjieba terms + inverted index) over N synthetic materials.

Prints milliseconds and ms per page at each size, so linear growth is visible.

    .venv/bin/python benchmarks/content_bench.py --pages 200 1000 4000
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import tempfile
import time
from pathlib import Path

from dangjian.content.gitdates import last_updated
from dangjian.content.model import StudyMaterial
from dangjian.content.related import related_materials

WORDS = (
    "党章 党员 支部 组织 学习 理论 精神 长征 遵义 会议 保密 纪律 党费 民主 评议 "
    "科学家 航天 改革 发展 现代化 人民 群众 路线 作风 制度 教育 实践 初心 使命 红船"
).split()


def corpus(count: int, seed: int = 7) -> list[tuple[str, str, list[str]]]:
    rng = random.Random(seed)
    return [
        (
            f"study/t{i % 20}/m{i}.md",
            "".join(rng.choice(WORDS) + ("。" if rng.random() < 0.1 else "") for _ in range(600)),
            rng.sample(WORDS[:12], 2),
        )
        for i in range(count)
    ]


def git_repo(docs: list[tuple[str, str, list[str]]], root: Path) -> Path:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "b",
        "GIT_AUTHOR_EMAIL": "b@example.org",
        "GIT_COMMITTER_NAME": "b",
        "GIT_COMMITTER_EMAIL": "b@example.org",
    }
    content = root / "content"
    for src, body, _ in docs:
        path = content / src
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    # Ten commits so the log has some history to walk
    for batch in range(10):
        subprocess.run(
            ["git", "add", *[src for src, _, _ in docs[batch::10]]],
            cwd=content,
            check=True,
            env=env,
        )
        subprocess.run(["git", "commit", "-q", "-m", f"b{batch}"], cwd=root, check=True, env=env)
    return content


def per_file(content: Path, docs) -> None:
    for src, _, _ in docs:
        subprocess.run(
            ["git", "log", "-1", "--format=%cs", "--", src],
            cwd=content,
            capture_output=True,
            check=True,
        )


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, nargs="+", default=[200, 1000])
    args = parser.parse_args()
    print(f"{'pages':>6} {'git 1 pass':>12} {'git per page':>13} {'ratio':>7} {'related':>10}")
    for count in args.pages:
        docs = corpus(count)
        with tempfile.TemporaryDirectory() as scratch:
            content = git_repo(docs, Path(scratch))
            one = timed(lambda content=content: last_updated(content))
            many = timed(lambda content=content, docs=docs: per_file(content, docs))
        materials = [
            StudyMaterial(src, src, None, "t", None, tags, None, None, None, None, False, body)
            for src, body, tags in docs
        ]
        related = timed(lambda materials=materials: related_materials(materials))
        print(
            f"{count:>6} {one:>9.0f} ms {many:>10.0f} ms {many / one:>6.0f}x "
            f"{related:>7.0f} ms   ({related / count:.2f} ms/page related)"
        )


if __name__ == "__main__":
    main()
