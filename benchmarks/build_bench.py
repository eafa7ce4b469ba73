"""Build benchmark: synthetic corpora from the shipped texts, timed per stage.

    python benchmarks/build_bench.py --sizes 10 100 1000 --jobs 1 2 --json output/bench-build.json

For each size N it writes N articles of realistic size into a fresh project
folder: the two raw texts in turn, each with its person and place names
recombined (a seeded permutation among the registers' names), so every
article is new to the build. Recombining paragraphs was tried first: cutting
a PDF extraction's blocks breaks the page and note layout ingest relies on,
and the articles failed validation for note order. Then it measures:

* cold `edition build` on the shipped corpus in a fresh process;
* a no-op rebuild (fresh process);
* each synthetic corpus built with each --jobs: CPU seconds (the build and
  its workers: the honest figure on a shared machine), wall seconds, CPU
  seconds per stage (the build's own count, `edition build -v`), documents/s,
  words/s and peak RSS of the largest process;
* a rebuild after an editor's change to one text (a sentence added to the
  first paragraph of tei/synthetic-0000.xml): CPU and wall seconds;
* whether tei/ and output/ are byte-identical for every --jobs;
* the machine's load average before and after each build (on a shared
  machine wall time says little: CPU seconds are the honest figure), the
  speed-up of --jobs 2 over --jobs 1 and the CPU per document at each size
  (linearity).

Prints a table and writes the figures as JSON. Timings never go in unit tests.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EDITION = [str(Path(sys.executable).with_name("edition"))]


def register_names(kind: str) -> list[str]:
    """One-word preferred names of one kind from the shipped registers."""
    from edition.annotate.registers import Register

    register = Register.load(ROOT / "tei" / "registers.xml")
    return sorted({e.preferred for e in register.entries.values()
                   if e.kind == kind and " " not in e.preferred and len(e.preferred) > 3})


def swapped(mapping: dict[str, str], match: re.Match[str]) -> str:
    return mapping[match.group()]


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
        mapping: dict[str, str] = {}
        for pool in names.values():
            shuffled = pool[:]
            rng.shuffle(shuffled)
            mapping.update(zip(pool, shuffled, strict=True))
        alternatives = "|".join(map(re.escape, sorted(mapping, key=len, reverse=True)))
        pattern = re.compile(r"(?<!\w)(" + alternatives + r")(?!\w)")
        text = pattern.sub(functools.partial(swapped, mapping), text)
        (raw / f"synthetic-{i:04d}.txt").write_text(text, encoding="utf-8")
        words += len(text.split())
    return words


def run(args: list[str], cwd: Path) -> tuple[float, str, float, float]:
    """Wall seconds, stderr, peak RSS in MB and CPU seconds of one command.
    The peak is that of the largest single process among the command and its
    workers, the CPU their sum (wait4's rusage covers the child and the
    descendants it waited for)."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
        _pid, _status, usage = os.wait4(proc.pid, 0)  # the child and its workers
        elapsed = time.perf_counter() - start
        err.seek(0)
        return (elapsed, err.read().decode("utf-8", "replace"), usage.ru_maxrss / 1024,
                usage.ru_utime + usage.ru_stime)


def summary_line(stderr: str) -> str:
    """The build's closing summary ("N built, M skipped, K failed; …; ingest 0.1s, …")."""
    return next((line for line in reversed(stderr.splitlines()) if " built, " in line), "")


def _seconds(line: str) -> dict[str, float]:
    out = {}
    for part in line.rstrip(".").split(":")[-1].split(";")[-1].split(","):
        bits = part.split()
        if len(bits) == 2 and bits[1].endswith("s"):
            out[bits[0]] = float(bits[1][:-1])
    return out


def stage_times(stderr: str) -> dict[str, float]:
    """Wall seconds per stage, from the summary."""
    return _seconds(summary_line(stderr))


def stage_cpu(stderr: str) -> dict[str, float]:
    """CPU seconds per stage (`edition build -v`)."""
    return _seconds(next((line for line in stderr.splitlines() if line.startswith("CPU seconds")), ""))


def output_digest(folder: Path) -> str:
    """One hash over tei/ and output/ (names and bytes)."""
    h = hashlib.sha256()
    for sub in ("tei", "output"):
        for path in sorted(p for p in (folder / sub).rglob("*") if p.is_file()):
            h.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def edit_one_text(folder: Path) -> None:
    """An editor's change to one text: a sentence added to its first paragraph."""
    path = folder / "tei" / "synthetic-0000.xml"
    data = path.read_text(encoding="utf-8")
    body = data.index("<body")
    m = re.compile(r"<p(?: [^>]*)?>").search(data, body)
    assert m is not None, "the synthetic text has a paragraph"
    path.write_text(data[:m.end()] + "Editörün notu: metin gözden geçirildi. " + data[m.end():], encoding="utf-8")


def project_copy(tmp: Path, with_corpus: bool) -> Path:
    folder = tmp / f"p{time.perf_counter_ns()}"
    folder.mkdir()
    shutil.copytree(ROOT / "xslt", folder / "xslt")
    (folder / "tei").mkdir()
    shutil.copy(ROOT / "tei" / "registers.xml", folder / "tei" / "registers.xml")
    if with_corpus:
        shutil.copytree(ROOT / "raw", folder / "raw")
    return folder


def load() -> float:
    """The machine's 1-minute load average: how busy the others keep it."""
    return round(os.getloadavg()[0], 2)


def measure(tmp: Path, n: int, jobs: int) -> tuple[dict[str, Any], str]:
    """A cold build of n synthetic articles with --jobs, then a rebuild after
    one edit; the figures and the digest of tei/ and output/."""
    folder = project_copy(tmp, False)
    words = synthesise(folder, n)
    load_before = load()
    secs, err, peak, cpu = run([*EDITION, "build", "-v", "--jobs", str(jobs)], folder)
    digest = output_digest(folder)
    edit_one_text(folder)
    re_secs, re_err, _, re_cpu = run([*EDITION, "build", "-v", "--jobs", str(jobs)], folder)
    shutil.rmtree(folder)
    return {
        "documents": n, "jobs": jobs, "seconds": round(secs, 3), "cpu_s": round(cpu, 3),
        "cpu_per_doc_s": round(cpu / n, 4),
        "docs_per_s": round(n / secs, 2), "words_per_s": round(words / secs),
        "peak_rss_mb": round(peak, 1), "stages": stage_times(err), "stages_cpu": stage_cpu(err),
        "rebuild_one_edit_s": round(re_secs, 3), "rebuild_one_edit_cpu_s": round(re_cpu, 3),
        "rebuild_stages": stage_times(re_err), "rebuild_stages_cpu": stage_cpu(re_err),
        "load_before": load_before, "load_after": load(),
        "summary": summary_line(err),
    }, digest


def print_results(results: dict[str, Any], jobs: list[int]) -> None:
    if "shipped" in results:
        sh = results["shipped"]
        print(f"shipped corpus: cold build {sh['cold_s']} s ({sh['cold_cpu_s']} s CPU), no-op {sh['noop_s']} s"
              f" ({sh['noop_cpu_s']} s CPU), stages {sh['stages']}")
    print(f"{'docs':>6} {'jobs':>4} {'CPU s':>8} {'CPU/doc':>8} {'wall s':>8} {'docs/s':>7} {'peak MB':>8}"
          f" {'edit1 wall':>10} {'edit1 CPU':>9} {'load':>9}  CPU per stage")
    for r in results["runs"]:
        print(f"{r['documents']:>6} {r['jobs']:>4} {r['cpu_s']:>8} {r['cpu_per_doc_s']:>8} {r['seconds']:>8}"
              f" {r['docs_per_s']:>7} {r['peak_rss_mb']:>8} {r['rebuild_one_edit_s']:>10}"
              f" {r['rebuild_one_edit_cpu_s']:>9} {r['load_before']:>4}/{r['load_after']:<4}  {r['stages_cpu']}")
        print(f"{'':>12}wall per stage {r['stages']}")
        print(f"{'':>12}rebuild after one edit: wall {r['rebuild_stages']}, CPU {r['rebuild_stages_cpu']}")
        print(f"{'':>12}{r['summary'].split(';')[0]}")
    by = {(r["documents"], r["jobs"]): r for r in results["runs"]}
    for n in sorted({r["documents"] for r in results["runs"]}):
        if (n, 1) in by and (n, 2) in by:
            one, two = by[(n, 1)], by[(n, 2)]
            print(f"{n} documents: --jobs 2 is {one['seconds'] / two['seconds']:.2f}x the speed of --jobs 1 (wall), "
                  f"at {two['cpu_s'] / one['cpu_s']:.2f}x the CPU; load {one['load_before']}..{two['load_after']}")
    for j in jobs:
        per_doc = [f"{r['documents']}: {r['cpu_per_doc_s']}" for r in results["runs"] if r["jobs"] == j]
        if len(per_doc) > 1:
            print(f"linearity, CPU s per document with --jobs {j}: " + ", ".join(per_doc))
    for n, same in results.get("identical_across_jobs", {}).items():
        print(f"{n} documents: tei/ and output/ {'identical' if same else 'DIFFER'} for --jobs {jobs}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--no-shipped", action="store_true", help="Skip the shipped corpus's cold and no-op builds.")
    parser.add_argument("--json", type=Path, default=ROOT / "output" / "bench-build.json")
    opts = parser.parse_args()
    results: dict[str, Any] = {"runs": [], "cpus": os.cpu_count()}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        if not opts.no_shipped:
            shipped = project_copy(tmp, True)
            cold, err, _, cold_cpu = run([*EDITION, "build", "-v"], shipped)
            noop, _, _, noop_cpu = run([*EDITION, "build", "-q"], shipped)
            results["shipped"] = {"cold_s": round(cold, 3), "cold_cpu_s": round(cold_cpu, 3),
                                  "noop_s": round(noop, 3), "noop_cpu_s": round(noop_cpu, 3),
                                  "stages": stage_times(err)}
        for n in opts.sizes:
            digests: dict[int, str] = {}
            for jobs in opts.jobs:
                figures, digests[jobs] = measure(tmp, n, jobs)
                results["runs"].append(figures)
                opts.json.parent.mkdir(parents=True, exist_ok=True)
                opts.json.write_text(json.dumps(results, indent=1))  # a long run's figures so far
            results.setdefault("identical_across_jobs", {})[n] = len(set(digests.values())) == 1
    print_results(results, opts.jobs)
    opts.json.parent.mkdir(parents=True, exist_ok=True)
    opts.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
