"""Peak memory of `dangjian build` and `dangjian pack --no-build`, process by process.

Builds the corpus of `build_bench.py` (N synthetic Chinese pages) and prints, for each size,
the peak RSS (VmHWM) of the build process, of the search index process it starts, and of the
pack process, then the slope between the first two sizes in KB per page: what a build keeps
for each page it holds.

Each process writes its own peak when it exits: the command runs with a `sitecustomize.py`
on PYTHONPATH that reads /proc/self/status at exit. `--trace` also starts tracemalloc in the
build process and prints the allocation sites holding most memory at the largest of the
snapshots taken after `on_env` and before and after `on_post_build` (tracemalloc slows the
build about threefold, so the traced run is separate from the measured one).

    .venv/bin/python benchmarks/memory_bench.py --pages 2000 4000
    .venv/bin/python benchmarks/memory_bench.py --pages 2000 --trace 25
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_bench  # noqa: E402  (the same corpus and configuration)

# Loaded by every Python process of the measured command (the search child included)
SITECUSTOMIZE = """
import atexit, json, os, sys

_REPORT = os.environ.get("DJ_MEMORY_REPORT")
_TRACE = int(os.environ.get("DJ_MEMORY_TRACE") or 0)
_DEPTH = int(os.environ.get("DJ_MEMORY_DEPTH") or 1)


def _cmdline():
    with open("/proc/self/cmdline", "rb") as handle:
        return [part.decode(errors="replace") for part in handle.read().split(b"\\0") if part]


def _peak_kb():
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


_snapshots = []


def _write():
    record = {"pid": os.getpid(), "ppid": os.getppid(), "argv": _cmdline(), "peak_kb": _peak_kb()}
    if _snapshots:
        import tracemalloc

        current, peak = tracemalloc.get_traced_memory()
        when, size, snapshot = max(_snapshots, key=lambda s: s[1])
        stats = snapshot.statistics("lineno" if _DEPTH == 1 else "traceback")[:_TRACE]
        record["trace"] = {
            "peak_mb": peak / 2**20,
            "at": when,
            "at_mb": size / 2**20,
            "top": [
                [" < ".join(str(f) for f in reversed(s.traceback)), s.size / 2**20, s.count]
                for s in stats
            ],
        }
    with open(os.path.join(_REPORT, f"{os.getpid()}.json"), "w") as handle:
        json.dump(record, handle)


def _traced():
    import tracemalloc

    from mkdocs.plugins import PluginCollection

    tracemalloc.start(_DEPTH)
    run_event = PluginCollection.run_event

    def snap(when):
        size = tracemalloc.get_traced_memory()[0]
        if not _snapshots or size > max(s[1] for s in _snapshots):
            _snapshots[:] = [(when, size, tracemalloc.take_snapshot())]

    def measured(self, name, item=None, **kwargs):
        if name == "post_build":
            snap("before on_post_build")
        result = run_event(self, name, item, **kwargs)
        if name in ("env", "post_build"):
            snap(f"after on_{name}")
        return result

    PluginCollection.run_event = measured


def _terminated(signum, frame):
    # The build stops its search index process with SIGTERM once it has the index (the
    # process may still be shutting down): report its peak before going
    _write()
    os._exit(128 + signum)


if _REPORT:
    atexit.register(_write)
    import signal

    signal.signal(signal.SIGTERM, _terminated)
    if _TRACE and "--multiprocessing-fork" not in _cmdline() and " build" in " ".join(_cmdline()):
        _traced()
"""


def run(
    command: list[str], cwd: Path, trace: int, depth: int = 1
) -> tuple[float, float, list[dict]]:
    """Elapsed and CPU seconds of `command`, and each Python process's report."""
    reports = Path(tempfile.mkdtemp(prefix="dj-memory-"))
    (reports / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join(filter(None, [str(reports), os.environ.get("PYTHONPATH")])),
        DJ_MEMORY_REPORT=str(reports),
        DJ_MEMORY_TRACE=str(trace),
        DJ_MEMORY_DEPTH=str(depth),
        NO_MKDOCS_2_WARNING="1",
        SOURCE_DATE_EPOCH=build_bench.EPOCH,
    )
    before = os.times()
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    after = os.times()
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{done.stderr[-3000:]}")
    cpu = after.children_user - before.children_user + after.children_system
    cpu -= before.children_system
    found = [json.loads(p.read_text()) for p in sorted(reports.glob("[0-9]*.json"))]
    shutil.rmtree(reports)
    return seconds, cpu, found


def role(report: dict, main_pid: int) -> str:
    argv = report["argv"]
    if report["pid"] == main_pid:
        return "main"
    if "--multiprocessing-fork" in argv:
        return "worker" if "spawn_main" in " ".join(argv) else "helper"
    return "other"


def measure(
    pages: int, work: Path, trace: int, depth: int = 1, pack: bool = True
) -> dict[str, float]:
    """Build and pack `pages` pages; peak RSS in MB of each process, seconds."""
    if not (work / "docs").is_dir():
        build_bench.make_corpus(work / "docs", pages)
    config = build_bench.configs(work, False)["dangjian"]
    site = work / "site-dangjian"
    shutil.rmtree(site, ignore_errors=True)
    shutil.rmtree(work / "build", ignore_errors=True)
    dangjian = str(Path(sys.executable).parent / "dangjian")
    result: dict[str, float] = {"pages": pages}
    seconds, cpu, reports = run([dangjian, "build", "-f", str(config)], work, trace, depth)
    main = [
        r for r in reports if "build" in r["argv"] and "--multiprocessing-fork" not in r["argv"]
    ]
    main_pid = main[0]["pid"] if main else -1
    result["build s"], result["build cpu s"] = seconds, cpu
    by_role: dict[str, int] = {}
    for report in reports:
        name = role(report, main_pid)
        by_role[name] = max(by_role.get(name, 0), report["peak_kb"])
        if "trace" in report:
            print_trace(pages, report["trace"])
    result["build MB"] = by_role.get("main", 0) / 1024
    result["search MB"] = by_role.get("worker", 0) / 1024
    if trace or not pack:
        return result
    command = [dangjian, "pack", "--no-build", "-f", str(config), "-o", str(work)]
    seconds, cpu, reports = run(command, work, 0)
    result["pack s"], result["pack cpu s"] = seconds, cpu
    result["pack MB"] = max(r["peak_kb"] for r in reports) / 1024
    for zipped in work.glob("*.zip"):
        zipped.unlink()
    return result


def print_trace(pages: int, trace: dict) -> None:
    print(
        f"\n{pages} pages, tracemalloc: peak {trace['peak_mb']:.0f} MB; "
        f"largest snapshot {trace['at_mb']:.0f} MB {trace['at']}:"
    )
    for where, size, count in trace["top"]:
        print(f"  {size:8.1f} MB {count:9d}  {where}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[2000, 4000])
    parser.add_argument("--work", type=Path, help="folder for corpora (kept: reused next run)")
    parser.add_argument(
        "--trace", type=int, default=0, metavar="N", help="print the N largest allocation sites"
    )
    parser.add_argument(
        "--depth", type=int, default=1, help="frames per allocation site (with --trace)"
    )
    parser.add_argument("--no-pack", action="store_true", help="measure the build only")
    args = parser.parse_args()
    base = args.work or Path(tempfile.mkdtemp(prefix="dj-memory-bench-"))
    rows = [
        measure(n, base / f"p{n}", args.trace, args.depth, not args.no_pack) for n in args.pages
    ]
    if args.trace:
        return
    keys = list(rows[0])
    print("\n" + " | ".join(f"{k:>11}" for k in keys))
    for row in rows:
        print(" | ".join(f"{row[k]:11.1f}" for k in keys))
    if len(rows) >= 2:
        first, second = rows[0], rows[1]
        span = second["pages"] - first["pages"]
        for key in ("build MB", "search MB", "pack MB"):
            if key not in first:
                continue
            slope = (second[key] - first[key]) * 1024 / span
            print(f"{key}: {slope:.1f} KB per page")
    if not args.work:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
