"""Offline pack cost: scan + zip time and zip size, against the build itself and against
plain Material's output, on the synthetic corpus of build_bench.py.

For each size it builds once with dangjian and once with plain Material, then times
`dangjian pack --no-build` (scan of every HTML/CSS/JS file, manifest, deterministic zip)
several times and prints median CPU seconds, ms per page, and ratios:
pack time / dangjian build time, zip size / site size, site size / plain Material site size.

    .venv/bin/python benchmarks/pack_bench.py --pages 500 2000 --rounds 3
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent

# The corpus generator and configs are shared with the build benchmark
_spec = importlib.util.spec_from_file_location("build_bench", HERE / "build_bench.py")
build_bench = importlib.util.module_from_spec(_spec)  # type: ignore[arg-type]
_spec.loader.exec_module(build_bench)  # type: ignore[union-attr]


def timed(command: list[str]) -> float:
    """CPU seconds (user + system) of the command: stable even on a busy shared machine."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1764115200")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f"{command[1]} failed:\n{result.stderr[-2000:]}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[500, 2000])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    print(
        f"{'pages':>6} {'build cpu':>9} {'pack cpu':>8} {'pack ms/page':>12} {'site MB':>8} "
        f"{'zip MB':>7} {'pack/build':>10} {'zip/site':>8} {'site/Material':>13}"
    )
    for pages in args.pages:
        with tempfile.TemporaryDirectory(prefix="dj-pack-bench-") as scratch:
            work = Path(scratch)
            build_bench.make_corpus(work / "docs", pages)
            paths = build_bench.configs(work)
            build = timed([str(BIN / "dangjian"), "build", "-f", str(paths["dangjian"])])
            build_bench.run("material", paths["material"])
            dist = work / "dist"
            command = [str(BIN / "dangjian"), "pack", "--no-build", "-f", str(paths["dangjian"])]
            packs = [timed([*command, "-o", str(dist)]) for _ in range(args.rounds)]
            pack = statistics.median(packs)
            site = build_bench.size_of(work / "site-dangjian")
            material = build_bench.size_of(work / "site-material")
            zipped = sum(p.stat().st_size for p in dist.glob("*.zip"))
            print(
                f"{pages:>6} {build:>9.2f} {pack:>8.2f} {1000 * pack / pages:>12.2f} "
                f"{site / 1e6:>8.1f} {zipped / 1e6:>7.1f} {pack / build:>10.2f} "
                f"{zipped / site:>8.2f} {site / material:>13.2f}"
            )


if __name__ == "__main__":
    main()
