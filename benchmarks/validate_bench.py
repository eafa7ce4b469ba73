"""Timings of `edition validate` (not a test): fresh process, per document, tei-all.

    .venv/bin/python benchmarks/validate_bench.py [--json output/validate-bench.json]

Each figure is the best of 3 runs, in fresh processes where it says so.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EDITION = [str(Path(sys.executable).parent / "edition")]


def best_of(n: int, fn) -> float:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def fresh(*args: str, env=None) -> None:
    subprocess.run([*EDITION, "validate", *args], cwd=ROOT, check=True, capture_output=True, env=env)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--json", type=Path, default=ROOT / "output" / "validate-bench.json")
    args = parser.parse_args()
    from lxml import etree

    from edition import schema_build
    from edition import validate as v

    figures: dict[str, float] = {}
    figures["compile_edition_rng_s"] = best_of(3, lambda: etree.RelaxNG(etree.parse(str(schema_build.EDITION_RNG))))
    figures["build_edition_rng_s"] = best_of(3, lambda: schema_build.build(schema_build.TEI_ALL_RNG.read_bytes()))
    docs = sorted(p for p in (ROOT / "tei").glob("*.xml"))
    figures["fresh_process_tei_folder_s"] = best_of(3, lambda: fresh("tei"))
    v.edition_schema()
    texts = [p for p in docs if p.name != "registers.xml"]
    per_doc = best_of(5, lambda: v.validate_paths(texts)) / max(len(texts), 1)
    figures["per_document_warm_s"] = per_doc
    with tempfile.TemporaryDirectory() as cache:
        import os

        env = dict(os.environ, EDITION_CACHE_DIR=cache)
        start = time.perf_counter()
        fresh("--schema", "tei-all", "tei", env=env)
        figures["tei_all_cold_cache_fresh_process_s"] = time.perf_counter() - start
        figures["tei_all_warm_cache_fresh_process_s"] = best_of(3, lambda: fresh("--schema", "tei-all", "tei", env=env))
    if shutil.which("jing"):
        figures["jing_tei_all_s"] = best_of(1, lambda: subprocess.run(
            ["jing", str(schema_build.TEI_ALL_RNG), *map(str, docs)], capture_output=True))
    for name, value in figures.items():
        print(f"{name:40s} {value * 1000:9.1f} ms")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"documents": [p.name for p in docs], "seconds": figures}, indent=2))
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
