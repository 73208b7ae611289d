"""Run every `bench/bench_*.py` module's `run()` and print the figures each returns."""

from __future__ import annotations

import importlib
import pkgutil
import sys
import time

import bench


def main() -> int:
    names = sorted(m.name for m in pkgutil.iter_modules(bench.__path__) if m.name.startswith("bench_"))
    only = set(sys.argv[1:])
    for name in names:
        if only and name.removeprefix("bench_") not in only:
            continue
        module = importlib.import_module(f"bench.{name}")
        start = time.perf_counter()
        print(f"## {name.removeprefix('bench_')}: {(module.__doc__ or '').strip().splitlines()[0]}", flush=True)
        for line in module.run():
            print(f"  {line}", flush=True)
        print(f"  ({time.perf_counter() - start:.1f} s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
