"""Build time and output size: dangjian vs plain Material on the same synthetic corpus.

Generates a deterministic Chinese corpus of N study materials and notices, then builds it
alternately with dangjian (the repository's mkdocs.yml, all our plugins) and with plain
Material for MkDocs (its own search plugin, same Markdown extensions), and prints medians
and ratios. Also reports ms per page at each size, to show whether growth is linear.

    .venv/bin/python benchmarks/build_bench.py --pages 500 2000 --rounds 3
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

WORDS = (
    "坚持 党的 全面 领导 从严 治党 学习 贯彻 二十大 精神 中国式 现代化 高质量 发展 组织 生活 "
    "三会一课 主题 党日 民主 集中制 党员 权利 义务 党费 支部 委员会 批评 自我 批评 理论 武装 "
    "初心 使命 红船 精神 遵义 会议 长征 井冈山 载人 航天 科学家 保密 守则 涉密 载体 纪律 规矩 "
    "作风 建设 群众 路线 调查 研究 实事求是 改革 开放 新时代 思想 政治 建设 基层 治理"
).split()


def paragraph(rng: random.Random, length: int) -> str:
    out, size = [], 0
    while size < length:
        sentence = "".join(rng.choice(WORDS) for _ in range(rng.randint(6, 14)))
        out.append(sentence + rng.choice("，。；。"))
        size += len(out[-1])
    return "".join(out)


def make_corpus(docs: Path, pages: int, seed: int = 1921) -> None:
    """Write `pages` pages: 90% study materials in 10 topics, 10% notices."""
    rng = random.Random(seed)
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("---\ntitle: 首页\n---\n\n基准测试站点。\n", encoding="utf-8")
    topics = 10
    for t in range(topics):
        folder = docs / "study" / f"t{t:02d}"
        folder.mkdir(parents=True)
        (folder / "_topic.yml").write_text(
            f"title: 专题{t + 1}\norder: {t + 1}\n", encoding="utf-8"
        )
    notices = max(1, pages // 10)
    for n in range(pages):
        day = f"2026-{1 + n % 12:02d}-{1 + n % 28:02d}"
        sections = "\n\n".join(
            f"## 第{s + 1}部分 {rng.choice(WORDS)}{rng.choice(WORDS)}\n\n{paragraph(rng, 400)}"
            for s in range(5)
        )
        if n < notices:
            path = docs / "notices" / "2026" / f"n{n:05d}.md"
            front = f"title: 关于{rng.choice(WORDS)}{rng.choice(WORDS)}的通知{n}\ndate: {day}\n"
        else:
            path = docs / "study" / f"t{n % topics:02d}" / f"m{n:05d}.md"
            front = (
                f"title: {rng.choice(WORDS)}{rng.choice(WORDS)}学习材料{n}\ndate: {day}\n"
                f"tags: [{rng.choice(WORDS)}]\nhours: 1\n"
            )
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f"---\n{front}---\n\n{paragraph(rng, 200)}\n\n{sections}\n", encoding="utf-8"
        )


def configs(work: Path) -> dict[str, Path]:
    """Our mkdocs.yml pointed at the corpus, and a plain-Material peer config."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    ours = text.replace("docs_dir: content", f"docs_dir: {work / 'docs'}")
    ours = ours.replace("custom_dir: theme", f"custom_dir: {ROOT / 'theme'}")
    ours = ours.replace("site_dir: build/site", f"site_dir: {work / 'site-dangjian'}")
    ours = ours.replace("strict: true", "strict: false")
    (work / "dangjian.yml").write_text(ours, encoding="utf-8")
    peer = {
        "site_name": "基准",
        "docs_dir": str(work / "docs"),
        "site_dir": str(work / "site-material"),
        "use_directory_urls": False,
        "theme": {"name": "material", "language": "zh", "font": False},
        "plugins": [{"search": {"lang": "zh"}}],
        "markdown_extensions": ["admonition", "attr_list", "tables", "toc"],
    }
    (work / "material.yml").write_text(yaml.safe_dump(peer, allow_unicode=True), encoding="utf-8")
    return {"dangjian": work / "dangjian.yml", "material": work / "material.yml"}


def run(name: str, config: Path) -> float:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1764115200")
    if name == "dangjian":
        command = [str(BIN / "dangjian"), "build", "-f", str(config)]
    else:
        command = [str(BIN / "mkdocs"), "build", "-q", "-f", str(config)]
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"{name} build failed:\n{result.stderr[-2000:]}")
    return elapsed


def size_of(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[500, 2000])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    print(f"{'pages':>6} {'tool':>9} {'median s':>9} {'ms/page':>8} {'site MB':>8}")
    for pages in args.pages:
        with tempfile.TemporaryDirectory(prefix="dj-bench-") as scratch:
            work = Path(scratch)
            make_corpus(work / "docs", pages)
            paths = configs(work)
            times: dict[str, list[float]] = {name: [] for name in paths}
            for _ in range(args.rounds):
                for name, config in paths.items():  # alternate, same machine state
                    times[name].append(run(name, config))
            sizes = {
                "dangjian": size_of(work / "site-dangjian"),
                "material": size_of(work / "site-material"),
            }
            for name in paths:
                median = statistics.median(times[name])
                print(
                    f"{pages:>6} {name:>9} {median:>9.2f} {1000 * median / pages:>8.1f} "
                    f"{sizes[name] / 1e6:>8.1f}"
                )
            ratio = statistics.median(times["dangjian"]) / statistics.median(times["material"])
            print(
                f"{pages:>6} {'ratio':>9} {ratio:>9.2f}x time, "
                f"{sizes['dangjian'] / sizes['material']:.2f}x size (dangjian / Material)"
            )
            shutil.rmtree(work / "site-dangjian", ignore_errors=True)


if __name__ == "__main__":
    main()
