"""Build, rebuild and package: dangjian against Material as its users set it up for big sites.

Generates a deterministic Chinese corpus of N study materials and notices, then, alternating
in the same run:

- dangjian: `dangjian build` + `dangjian pack --no-build` (the repository's mkdocs.yml);
- the peer, Material for MkDocs as configured for thousands of pages: `navigation.prune`,
  its `search` plugin (lang zh, jieba installed) and its `offline` plugin, then the site
  zipped at deflate level 9 (as `zip -r -9`);
- optionally (`--default-nav`) Material's default configuration (full navigation on every
  page, its search plugin), as a second, labelled line.

For each tool and size it reports the cold build + pack time, the rebuild time after editing
one material's text and after changing one material's title (a warm build: the previous
build's output and cache are kept), site and zip bytes, peak memory (largest RSS of the
child processes) and the median page HTML size, with ratios to the peer. With `--serve` it
also starts each tool's live preview (`dangjian serve`, `mkdocs serve`) on the built corpus
and times, for the same two edits, how long after the file is saved the preview server
answers with the edited page (its file watcher's polling included, as an editor waits).

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python benchmarks/build_bench.py --pages 500 2000 4000 --rounds 1
    .venv/bin/python benchmarks/build_bench.py --big            # adds 20,000 pages
    .venv/bin/python benchmarks/build_bench.py --pages 20000 --ours-only  # no peer
    .venv/bin/python benchmarks/build_bench.py --pages 2000 --serve  # adds the live preview
    .venv/bin/python benchmarks/build_bench.py --pages 2000 --profile  # pyinstrument, ours
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
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


PEER_EXTENSIONS = ["admonition", "attr_list", "tables", "toc"]
EPOCH = "1764115200"
# Runs one command and prints the largest RSS (kB) among its processes and their CPU time,
# as JSON on stdout
MEASURE = (
    "import json, resource, subprocess, sys, time\n"
    "t = time.perf_counter()\n"
    "r = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
    "t = time.perf_counter() - t\n"
    "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(json.dumps([r.returncode, t, u.ru_maxrss, u.ru_utime + u.ru_stime, r.stderr[-2000:]]))\n"
)
ZIP_PEER = (
    "import os, sys, zipfile\n"
    "site, target = sys.argv[1], sys.argv[2]\n"
    "with zipfile.ZipFile(target, 'w', zipfile.ZIP_DEFLATED, compresslevel=9) as z:\n"
    "    for base, dirs, names in os.walk(site):\n"
    "        dirs.sort()\n"
    "        for name in sorted(names):\n"
    "            path = os.path.join(base, name)\n"
    "            z.write(path, os.path.relpath(path, site))\n"
)


def configs(work: Path, default_nav: bool) -> dict[str, Path]:
    """Our mkdocs.yml pointed at the corpus, and the Material peer configurations."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    ours = text.replace("docs_dir: content", f"docs_dir: {work / 'docs'}")
    ours = ours.replace("custom_dir: theme", f"custom_dir: {ROOT / 'theme'}")
    ours = ours.replace("site_dir: build/site", f"site_dir: {work / 'site-dangjian'}")
    ours = ours.replace("strict: true", "strict: false")
    (work / "dangjian.yml").write_text(ours, encoding="utf-8")
    peers = {
        "material": {
            "theme": {
                "name": "material",
                "language": "zh",
                "font": False,
                "features": ["navigation.prune"],
            },
            "plugins": [{"search": {"lang": "zh"}}, "offline"],
        },
        "default": {
            "theme": {"name": "material", "language": "zh", "font": False},
            "plugins": [{"search": {"lang": "zh"}}],
        },
    }
    paths = {"dangjian": work / "dangjian.yml"}
    for name, peer in peers.items():
        if name == "default" and not default_nav:
            continue
        peer |= {
            "site_name": "基准",
            "docs_dir": str(work / "docs"),
            "site_dir": str(work / f"site-{name}"),
            "use_directory_urls": False,
            "markdown_extensions": PEER_EXTENSIONS,
        }
        paths[name] = work / f"{name}.yml"
        paths[name].write_text(yaml.safe_dump(peer, allow_unicode=True), encoding="utf-8")
    return paths


def measure(command: list[str], cwd: Path) -> tuple[float, int, float]:
    """Seconds, peak RSS (bytes) and CPU seconds of `command` and its children; exits if it
    fails. On a shared machine CPU seconds compare better than elapsed time."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=EPOCH)
    wrapper = [sys.executable, "-c", MEASURE, *command]
    result = subprocess.run(wrapper, capture_output=True, text=True, env=env, cwd=cwd)
    code, seconds, peak_kb, cpu, stderr = json.loads(result.stdout.strip().splitlines()[-1])
    if code != 0:
        sys.exit(f"{command[0]} failed:\n{stderr}")
    return seconds, peak_kb * 1024, cpu


def build(name: str, config: Path, work: Path) -> tuple[float, int, float]:
    """One build (+ pack): seconds, peak memory and CPU seconds."""
    if name == "dangjian":
        steps = [
            [str(BIN / "dangjian"), "build", "-f", str(config)],
            [str(BIN / "dangjian"), "pack", "--no-build", "-f", str(config), "-o", str(work)],
        ]
    else:
        steps = [
            [str(BIN / "mkdocs"), "build", "-q", "-f", str(config)],
            [sys.executable, "-c", ZIP_PEER, str(work / f"site-{name}"), str(work / f"{name}.zip")],
        ]
    runs = [measure(step, work) for step in steps]
    return sum(t for t, _, _ in runs), max(m for _, m, _ in runs), sum(c for _, _, c in runs)


def clean(name: str, work: Path) -> None:
    """Forget every output of `name`, so its next build is cold."""
    shutil.rmtree(work / f"site-{name}", ignore_errors=True)
    if name == "dangjian":
        shutil.rmtree(work / "build", ignore_errors=True)


# What each edit adds, and so what the edited page shows once it is rebuilt
MARKS = {"text": "本段为修改后新增的一句话。", "title": "修订"}


def edit(path: Path, original: str, change: str) -> None:
    """One editor's change: a sentence added to the text, or a new title."""
    if change == "text":
        path.write_text(original + "\n" + MARKS["text"] + "\n", encoding="utf-8")
    else:
        path.write_text(
            original.replace("title: ", "title: " + MARKS["title"], 1), encoding="utf-8"
        )


def _page(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):  # not served yet, or swapped in just then
        return None


def _wait_for(url: str, wanted, server: subprocess.Popen, timeout: float = 900) -> None:
    """Poll `url` every 20 ms until its page satisfies `wanted`; exits if the server died."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        page = _page(url)
        if page is not None and wanted(page):
            return
        if server.poll() is not None:
            sys.exit(f"{server.args[0]} serve exited with {server.returncode}")
        time.sleep(0.02)
    sys.exit(f"{url} did not show the edit within {timeout:.0f} s")


def served(name: str, config: Path, work: Path, edited: Path, original: str) -> dict[str, float]:
    """Seconds from saving each edit to the live preview answering with the edited page."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    address = f"127.0.0.1:{port}"
    if name == "dangjian":
        command = [str(BIN / "dangjian"), "serve", "-f", str(config), "-a", address]
    else:
        command = [str(BIN / "mkdocs"), "serve", "-q", "-f", str(config), "-a", address]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=EPOCH)
    url = f"http://{address}/{edited.relative_to(work / 'docs').with_suffix('.html').as_posix()}"
    server = subprocess.Popen(
        command,
        cwd=work,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE if name == "dangjian" else subprocess.DEVNULL,
        text=True,
    )
    # `dangjian serve` shows the edited page before its build ends (core/early.py), so the next
    # edit waits for the build's "已更新" line; `mkdocs serve` holds requests until then
    builds = _Counter(server.stderr, "已更新") if name == "dangjian" else None

    def settled(before: int) -> None:
        if builds is not None:
            builds.wait_past(before)
        time.sleep(1)

    try:
        _wait_for(url, lambda page: True, server)  # the first build is served
        time.sleep(3)  # the file watcher has taken its first look at the files
        seconds = {}
        for change, mark in MARKS.items():
            before = builds.count if builds is not None else 0
            edit(edited, original, change)
            start = time.perf_counter()
            _wait_for(url, lambda page, mark=mark: mark in page, server)
            seconds[change] = time.perf_counter() - start
            settled(before)
            before = builds.count if builds is not None else 0
            edited.write_text(original, encoding="utf-8")
            _wait_for(url, lambda page, mark=mark: mark not in page, server)
            settled(before)  # no rebuild still running when the next edit is saved
        return seconds
    finally:
        server.terminate()
        server.wait(60)


class _Counter:
    """Lines of a stream that contain `text`, counted by a thread as they come."""

    def __init__(self, stream, text: str) -> None:
        self.count = 0
        self.changed = threading.Condition()
        threading.Thread(target=self._read, args=(stream, text), daemon=True).start()

    def _read(self, stream, text: str) -> None:
        for line in stream:
            if text in line:
                with self.changed:
                    self.count += 1
                    self.changed.notify_all()

    def wait_past(self, count: int, timeout: float = 900) -> None:
        with self.changed:
            if not self.changed.wait_for(lambda: self.count > count, timeout=timeout):
                sys.exit("dangjian serve did not finish its build")


def html_median(folder: Path) -> int:
    sizes = [p.stat().st_size for p in folder.rglob("*.html")]
    return int(statistics.median(sizes)) if sizes else 0


def size_of(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def zip_bytes(name: str, work: Path) -> int:
    if name == "dangjian":
        return sum(p.stat().st_size for p in work.glob("*.zip") if p.stem not in PEERS)
    return (work / f"{name}.zip").stat().st_size


PEERS = ("material", "default")
METRICS = (
    ("cold", "cold build+pack s"),
    ("text", "rebuild, text s"),
    ("title", "rebuild, title s"),
    ("cold_cpu", "cold build+pack CPU s"),
    ("text_cpu", "rebuild, text CPU s"),
    ("title_cpu", "rebuild, title CPU s"),
    ("site", "site MB"),
    ("zip", "zip MB"),
    ("memory", "peak memory MB"),
    ("page", "median page KB"),
    ("serve_text", "serve shows text s"),
    ("serve_title", "serve shows title s"),
)


def bench(
    pages: int, rounds: int, default_nav: bool, ours_only: bool = False, serve: bool = False
) -> dict[str, dict[str, float]]:
    """Every metric of every tool at one size; times are medians over `rounds`."""
    with tempfile.TemporaryDirectory(prefix="dj-bench-") as scratch:
        work = Path(scratch)
        make_corpus(work / "docs", pages)
        paths = configs(work, default_nav)
        if ours_only:
            paths = {"dangjian": paths["dangjian"]}
        edited = sorted((work / "docs" / "study" / "t03").glob("m*.md"))[0]
        original = edited.read_text(encoding="utf-8")
        times: dict[str, dict[str, list[float]]] = {
            n: {k: [] for k in ("cold", "text", "title", "cold_cpu", "text_cpu", "title_cpu")}
            for n in paths
        }
        memory = {n: 0 for n in paths}
        sizes: dict[str, dict[str, float]] = {}
        for _ in range(rounds):
            for name, config in paths.items():  # alternate, same machine state
                clean(name, work)
                seconds, peak, cpu = build(name, config, work)
                times[name]["cold"].append(seconds)
                times[name]["cold_cpu"].append(cpu)
                memory[name] = max(memory[name], peak)
                sizes[name] = {
                    "site": size_of(work / f"site-{name}") / 1e6,
                    "zip": zip_bytes(name, work) / 1e6,
                    "memory": memory[name] / 1e6,
                    "page": html_median(work / f"site-{name}") / 1e3,
                }
                for change in ("text", "title"):
                    edit(edited, original, change)
                    seconds, _, cpu = measure(_build_only(name, config), work)
                    times[name][change].append(seconds)
                    times[name][f"{change}_cpu"].append(cpu)
                    edited.write_text(original, encoding="utf-8")
                if serve:
                    for change, seconds in served(name, config, work, edited, original).items():
                        times[name].setdefault(f"serve_{change}", []).append(seconds)
        results = {}
        for name in paths:
            results[name] = {key: statistics.median(v) for key, v in times[name].items()}
            results[name] |= sizes[name]
        return results


def _build_only(name: str, config: Path) -> list[str]:
    if name == "dangjian":
        return [str(BIN / "dangjian"), "build", "-f", str(config)]
    return [str(BIN / "mkdocs"), "build", "-q", "-f", str(config)]


def print_table(pages: int, results: dict[str, dict[str, float]]) -> None:
    names = list(results)
    header = f"{'pages':>6} {'metric':<20}" + "".join(f"{n:>10}" for n in names)
    peer = results.get("material")
    print(header + (f"{'ours/peer':>10}" if peer else ""))
    for key, label in METRICS:
        if key not in results["dangjian"]:  # such as the preview's times without --serve
            continue
        row = f"{pages:>6} {label:<20}" + "".join(f"{results[n][key]:>10.2f}" for n in names)
        if peer:
            ratio = results["dangjian"][key] / peer[key] if peer[key] else float("nan")
            row += f"{ratio:>9.2f}x"
        print(row)
    ours = results["dangjian"]
    print(
        f"{pages:>6} {'rebuild / our cold':<20} text {ours['text'] / ours['cold']:.2f}x, "
        f"title {ours['title'] / ours['cold']:.2f}x (CPU: text "
        f"{ours['text_cpu'] / ours['cold_cpu']:.2f}x, title "
        f"{ours['title_cpu'] / ours['cold_cpu']:.2f}x); "
        f"{1000 * ours['cold'] / pages:.1f} ms/page cold"
    )
    if "serve_text" in ours:
        print(
            f"{pages:>6} {'serve / our cold':<20} text {ours['serve_text'] / ours['cold']:.2f}x, "
            f"title {ours['serve_title'] / ours['cold']:.2f}x"
        )
    sys.stdout.flush()


def profile(pages: int) -> None:
    """pyinstrument profiles of a cold `dangjian build`, then of the rebuild after a text
    edit, printed as text."""
    with tempfile.TemporaryDirectory(prefix="dj-profile-") as scratch:
        work = Path(scratch)
        make_corpus(work / "docs", pages)
        config = configs(work, False)["dangjian"]
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=EPOCH)
        command = [str(BIN / "pyinstrument"), "-r", "text", "--show-all"]
        command += ["-m", "dangjian.cli", "build", "-f", str(config)]
        subprocess.run(command, env=env, cwd=work, check=True)
        edited = sorted((work / "docs" / "study" / "t03").glob("m*.md"))[0]
        edit(edited, edited.read_text(encoding="utf-8"), "text")
        print(f"\n--- rebuild after a text edit, {pages} pages ---\n")
        subprocess.run(command, env=env, cwd=work, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[500, 2000, 4000])
    parser.add_argument("--big", action="store_true", help="also 20,000 pages")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--default-nav", action="store_true", help="also Material's defaults")
    parser.add_argument("--profile", action="store_true", help="profile our build instead")
    parser.add_argument(
        "--ours-only", action="store_true", help="only dangjian (e.g. 20,000 pages, no peer)"
    )
    parser.add_argument("--serve", action="store_true", help="also time the live preview")
    args = parser.parse_args()
    sizes = args.pages + ([20_000] if args.big else [])
    if args.profile:
        for pages in sizes:
            profile(pages)
        return
    all_results = {}
    for pages in sizes:
        all_results[pages] = bench(pages, args.rounds, args.default_nav, args.ours_only, args.serve)
        print_table(pages, all_results[pages])
    if len(sizes) > 1:
        small, large = min(sizes), max(sizes)
        ours = {p: all_results[p]["dangjian"] for p in (small, large)}
        print(
            f"linearity {large}/{small} pages: time {ours[large]['cold'] / ours[small]['cold']:.2f}x"
            f" for {large / small:.0f}x pages; median page HTML "
            f"{ours[large]['page'] / ours[small]['page']:.3f}x"
        )


if __name__ == "__main__":
    main()
