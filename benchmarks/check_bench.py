"""`dangjian check` against `dangjian build` on the same synthetic corpus (target: half).

Uses the corpus generator of `build_bench.py` (90% study materials, 10% notices) and the
repository's mkdocs.yml; runs check and build alternately and prints medians and the ratio.

    .venv/bin/python benchmarks/check_bench.py --pages 2000 --rounds 1
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_bench import BIN, configs, make_corpus  # noqa: E402


def run(command: str, config: Path) -> float:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1764115200")
    started = time.perf_counter()
    result = subprocess.run(
        [str(BIN / "dangjian"), command, "-f", str(config)], capture_output=True, text=True, env=env
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"dangjian {command} failed:\n{result.stderr[-2000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[2000])
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    print(f"{'pages':>6} {'command':>8} {'median s':>9} {'ms/page':>8}")
    for pages in args.pages:
        with tempfile.TemporaryDirectory(prefix="dj-check-bench-") as scratch:
            work = Path(scratch)
            make_corpus(work / "docs", pages)
            config = configs(work)["dangjian"]
            times: dict[str, list[float]] = {"check": [], "build": []}
            for _ in range(args.rounds):
                for command in times:  # alternate, same machine state
                    times[command].append(run(command, config))
            for command, values in times.items():
                median = statistics.median(values)
                print(f"{pages:>6} {command:>8} {median:>9.2f} {1000 * median / pages:>8.1f}")
            ratio = statistics.median(times["check"]) / statistics.median(times["build"])
            print(f"{pages:>6} {'ratio':>8} {ratio:>9.2f}x (check / build)")


if __name__ == "__main__":
    main()
