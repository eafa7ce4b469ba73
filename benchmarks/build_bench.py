"""Build benchmark: synthetic corpora from the shipped texts, timed per stage.

    python benchmarks/build_bench.py --sizes 10 100 --jobs 1 2 --json output/bench-build.json

For each size N it writes N articles of realistic size into a fresh project
folder: the two raw texts in turn, each with its person and place names
recombined (a seeded permutation among the registers' names), so every
article is new to the build. Recombining paragraphs was tried first: cutting
a PDF extraction's blocks breaks the page and note layout ingest relies on,
and the articles failed validation for note order. Then it measures:

* cold `edition build` on the shipped corpus in a fresh process;
* a no-op rebuild (fresh process);
* each synthetic corpus built with 1 and 2 jobs: seconds per stage,
  documents/s, words/s and peak RSS of the build process (and its workers).

Prints a table and writes the figures as JSON. Timings never go in unit tests.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EDITION = [str(Path(sys.executable).with_name("edition"))]


def register_names(kind: str) -> list[str]:
    """One-word preferred names of one kind from the shipped registers."""
    from edition.annotate.registers import Register

    register = Register.load(ROOT / "tei" / "registers.xml")
    return sorted({e.preferred for e in register.entries.values()
                   if e.kind == kind and " " not in e.preferred and len(e.preferred) > 3})


def synthesise(folder: Path, n: int, seed: int = 1918) -> int:
    """Write n articles into folder/raw; return the total word count.

    Article i is one of the two texts, its layout (pages, columns, note
    blocks) kept intact so that ingest reads it as it reads a real PDF
    extraction, with its person and place names swapped among the register's
    names of the same kind by a seeded permutation."""
    rng = random.Random(seed)
    sources = [(ROOT / "raw" / name).read_text(encoding="utf-8") for name in
               ("baku-katliami-1918.txt", "kafkasya-sovyetlestirilmesi.txt")]
    names = {kind: register_names(kind) for kind in ("person", "place")}
    raw = folder / "raw"
    raw.mkdir(parents=True)
    words = 0
    for i in range(n):
        text = sources[i % 2]
        mapping = {}
        for pool in names.values():
            shuffled = pool[:]
            rng.shuffle(shuffled)
            mapping.update(zip(pool, shuffled))
        pattern = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, sorted(mapping, key=len, reverse=True))) + r")(?!\w)")
        text = pattern.sub(lambda m: mapping[m.group()], text)
        (raw / f"synthetic-{i:04d}.txt").write_text(text, encoding="utf-8")
        words += len(text.split())
    return words


def run(args: list[str], cwd: Path) -> tuple[float, str, float]:
    """Seconds, stderr and peak RSS in MB of one command. The peak is that of
    the largest single process among the command and its workers (wait4's
    rusage covers the child and the descendants it waited for)."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
        _pid, _status, usage = os.wait4(proc.pid, 0)  # the child and its workers
        elapsed = time.perf_counter() - start
        err.seek(0)
        return elapsed, err.read().decode("utf-8", "replace"), usage.ru_maxrss / 1024


def summary_line(stderr: str) -> str:
    """The build's closing summary ("N built, M skipped, K failed; …; ingest 0.1s, …")."""
    return next((line for line in reversed(stderr.splitlines()) if " built, " in line), "")


def stage_times(stderr: str) -> dict[str, float]:
    out = {}
    for part in summary_line(stderr).split(";")[-1].split(","):
        bits = part.split()
        if len(bits) == 2 and bits[1].endswith("s"):
            out[bits[0]] = float(bits[1][:-1])
    return out


def project_copy(tmp: Path, with_corpus: bool) -> Path:
    folder = tmp / f"p{time.perf_counter_ns()}"
    folder.mkdir()
    shutil.copytree(ROOT / "xslt", folder / "xslt")
    (folder / "tei").mkdir()
    shutil.copy(ROOT / "tei" / "registers.xml", folder / "tei" / "registers.xml")
    if with_corpus:
        shutil.copytree(ROOT / "raw", folder / "raw")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--json", type=Path, default=ROOT / "output" / "bench-build.json")
    opts = parser.parse_args()
    results: dict = {"runs": []}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        shipped = project_copy(tmp, True)
        cold, err, _ = run([*EDITION, "build", "-q"], shipped)
        noop, _, _ = run([*EDITION, "build", "-q"], shipped)
        results["shipped"] = {"cold_s": round(cold, 3), "noop_s": round(noop, 3), "stages": stage_times(err)}
        for n in opts.sizes:
            for jobs in opts.jobs:
                folder = project_copy(tmp, False)
                words = synthesise(folder, n)
                secs, err, peak = run([*EDITION, "build", "-q", "--jobs", str(jobs)], folder)
                results["runs"].append({
                    "documents": n, "jobs": jobs, "seconds": round(secs, 3),
                    "docs_per_s": round(n / secs, 2), "words_per_s": round(words / secs),
                    "peak_rss_mb": round(peak, 1), "stages": stage_times(err),
                    "summary": summary_line(err),
                })
    print(f"shipped corpus: cold build {results['shipped']['cold_s']} s, no-op {results['shipped']['noop_s']} s,"
          f" stages {results['shipped']['stages']}")
    print(f"{'docs':>6} {'jobs':>4} {'seconds':>8} {'docs/s':>7} {'words/s':>8} {'peak MB':>8}  stages")
    for r in results["runs"]:
        print(f"{r['documents']:>6} {r['jobs']:>4} {r['seconds']:>8} {r['docs_per_s']:>7} {r['words_per_s']:>8}"
              f" {r['peak_rss_mb']:>8}  {r['stages']}")
        print(f"{'':>30}{r['summary'].split(';')[0]}")
    opts.json.parent.mkdir(parents=True, exist_ok=True)
    opts.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
