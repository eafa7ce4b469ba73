"""Timings of `edition validate` (not a test): CPU and wall seconds.

    .venv/bin/python benchmarks/validate_bench.py [--json output/validate-bench.json]

Figures (the shipped corpus tei/*.xml; best of 3 where it says so):

- fresh process, default options (tei_all RELAX NG + TEI's Schematron), cold: an empty
  cache folder, so the pruned grammar and the Schematron XSLT are built too; target ≤ 2 s;
- the same with the cache filled (what every later run finds);
- fresh process, this repository's build settings (--schema edition --profile edition);
- in process: generating the Schematron XSLT from tei_all.rng, Saxon compiling it, and per
  article: RELAX NG + Schematron, and Schematron alone;
- jing on tei_all.rng for the same files, for comparison.

On a shared machine wall time depends on the load; CPU time is the figure to compare.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EDITION = [str(Path(sys.executable).parent / "edition")]


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def measure(fn, *, child: bool) -> tuple[float, float]:
    """(cpu, wall) seconds of one call."""
    clock = children_cpu if child else own_cpu
    cpu, wall = clock(), time.perf_counter()
    fn()
    return clock() - cpu, time.perf_counter() - wall


def best_of(n: int, fn, *, child: bool) -> tuple[float, float]:
    runs = [measure(fn, child=child) for _ in range(n)]
    return min(r[0] for r in runs), min(r[1] for r in runs)


def fresh(*args: str, env=None) -> None:
    subprocess.run([*EDITION, "validate", *args], cwd=ROOT, check=True, capture_output=True, env=env)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--json", type=Path, default=ROOT / "output" / "validate-bench.json")
    args = parser.parse_args()
    from lxml import etree

    from edition import schematron
    from edition import validate as v
    from edition.schema_build import TEI_ALL_RNG
    from edition.tei import parse_bytes

    docs = sorted((ROOT / "tei").glob("*.xml"))
    figures: dict[str, tuple[float, float]] = {}
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, EDITION_CACHE_DIR=cache)
        figures["fresh process, tei-all + Schematron, cold cache"] = measure(lambda: fresh("tei", env=env), child=True)
        figures["fresh process, tei-all + Schematron, warm cache"] = best_of(
            3, lambda: fresh("tei", env=env), child=True)
        figures["fresh process, --schema edition --profile edition"] = best_of(
            3, lambda: fresh("--schema", "edition", "--profile", "edition", "tei", env=env), child=True)

    source = TEI_ALL_RNG.read_bytes()
    xslt = b""

    def generate() -> None:
        nonlocal xslt
        xslt = schematron.compile_to_xslt(schematron.schematron_of(parse_bytes(source, str(TEI_ALL_RNG))))

    figures["Schematron: generate XSLT from tei_all.rng"] = best_of(3, generate, child=False)
    compiled = None

    def saxon_compile() -> None:
        nonlocal compiled
        compiled = schematron.CompiledSchematron(xslt, str(TEI_ALL_RNG))

    figures["Schematron: Saxon compiles the XSLT (first in process)"] = measure(saxon_compile, child=False)
    figures["Schematron: Saxon compiles the XSLT (again)"] = best_of(3, saxon_compile, child=False)
    texts = [p for p in docs if p.name != "registers.xml"]
    roots = [parse_bytes(p.read_bytes(), str(p)).getroot() for p in texts]
    for root in roots:  # warm up Saxon's first-run costs
        compiled.failures(root)
    cpu, wall = best_of(3, lambda: [compiled.failures(r) for r in roots], child=False)
    figures["per article: Schematron"] = (cpu / len(roots), wall / len(roots))
    with tempfile.TemporaryDirectory() as cache:
        options = v.ValidateOptions(cache_dir=Path(cache))
        v.validate_paths(texts, options)
        cpu, wall = best_of(3, lambda: v.validate_paths(texts, options), child=False)
        figures["per article: tei-all RELAX NG + Schematron, warm"] = (cpu / len(texts), wall / len(texts))
    if shutil.which("jing"):
        figures["jing on tei_all.rng, same files (fresh JVM)"] = best_of(
            1, lambda: subprocess.run(["jing", str(TEI_ALL_RNG), *map(str, docs)], capture_output=True), child=True)
    del etree
    print(f"{'':58s} {'CPU s':>8s} {'wall s':>8s}")
    for name, (cpu, wall) in figures.items():
        print(f"{name:58s} {cpu:8.3f} {wall:8.3f}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"documents": [p.name for p in docs],
                                     "seconds": {k: {"cpu": c, "wall": w} for k, (c, w) in figures.items()}},
                                    indent=2))
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
