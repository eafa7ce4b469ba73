"""Render benchmark: time and memory of `edition.render` on a folder of TEI files.

    python benchmarks/render_bench.py /tmp/s100/tei --jobs 1 2 --formats html text
    python benchmarks/render_bench.py /tmp/s100/tei --jobs 2 --xslt xslt --json output/bench-render.json

Each (format, jobs) pair renders in a fresh process (so compiling, the
process-wide caches and peak memory are measured from a cold start) into a
temporary folder, and reports:

* wall-clock seconds of the whole render and of its stages: "check" (safe
  parse of every file), "documents" (the per-document pages, in workers when
  jobs > 1), "site" (site pages, search index, assets);
* seconds per site page and for search-index.js;
* seconds per document (sum, mean, slowest), as measured where it was done;
* peak RSS of the rendering process and of the largest worker process.

A synthetic corpus comes from benchmarks/build_bench.py (`synthesise`) or, for
render-only timing, from copies of its files under new ids. Timings never go
in unit tests; on a shared machine, compare runs made at the same time.

--src runs another checkout's `edition` package (e.g. `git archive HEAD src
xslt | tar -x -C /tmp/old`, then --src /tmp/old/src --xslt /tmp/old/xslt) for
a before/after comparison; a render() without `jobs` runs with one process
and reports no stage or page figures.
"""

from __future__ import annotations

import argparse
import inspect
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def render_once(tei_dir: Path, fmt: str, jobs: int, xslt_dir: Path | None) -> dict:
    """Render in this process and measure; the child side of `measure`."""
    from edition.render import RenderOptions, render

    files = sorted(p for p in tei_dir.glob("*.xml") if p.name != "registers.xml")
    extra = {"jobs": jobs} if "jobs" in inspect.signature(render).parameters else {}
    with tempfile.TemporaryDirectory(prefix="render-bench-") as out:
        start = time.perf_counter()
        cpu = time.process_time()
        result = render(files, Path(out), RenderOptions(format=fmt), registers=tei_dir / "registers.xml",
                        xslt_dir=xslt_dir, **extra)
        wall = time.perf_counter() - start
        cpu = time.process_time() - cpu
    per_doc = list(result.seconds.values())
    slowest = max(result.seconds, key=result.seconds.get)
    return {
        "format": fmt,
        "jobs": jobs,
        "documents": len(files),
        "seconds": round(wall, 3),
        "main_cpu_seconds": round(cpu, 3),
        "stages": {k: round(v, 3) for k, v in getattr(result, "stages", {}).items()},
        "pages": {k: round(v, 3) for k, v in getattr(result, "pages", {}).items()},
        "per_document": {
            "sum": round(sum(per_doc), 3),
            "mean": round(statistics.mean(per_doc), 4),
            "max": round(result.seconds[slowest], 4),
            "slowest": slowest,
        },
        "warnings": len(result.warnings),
        # ru_maxrss is in KiB on Linux; RUSAGE_CHILDREN gives the largest child.
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "peak_worker_rss_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
    }


def measure(tei_dir: Path, fmt: str, jobs: int, xslt_dir: Path | None, src: Path | None) -> dict:
    """`render_once` in a fresh Python process."""
    args = [sys.executable, __file__, str(tei_dir), "--child", "--formats", fmt, "--jobs", str(jobs)]
    if xslt_dir is not None:
        args += ["--xslt", str(xslt_dir)]
    if src is not None:
        args += ["--src", str(src)]
    proc = subprocess.run(args, capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        raise SystemExit(f"render failed ({fmt}, jobs={jobs}):\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def print_table(runs: list[dict]) -> None:
    print(f"{'format':6} {'jobs':>4} {'docs':>5} {'total s':>8} {'check':>6} {'docs s':>7} {'site':>6}"
          f" {'ms/doc':>7} {'max ms':>7} {'RSS MB':>7} {'worker':>7}")
    for r in runs:
        s = r["stages"]
        print(f"{r['format']:6} {r['jobs']:>4} {r['documents']:>5} {r['seconds']:>8.2f} {s.get('check', 0):>6.2f}"
              f" {s.get('documents', 0):>7.2f} {s.get('site', 0):>6.2f} {r['per_document']['mean'] * 1000:>7.1f}"
              f" {r['per_document']['max'] * 1000:>7.1f} {r['peak_rss_mb']:>7.0f} {r['peak_worker_rss_mb']:>7.0f}")
    html = [r for r in runs if r["pages"]]
    if html:
        names = list(html[0]["pages"])
        print()
        print("site pages, seconds:")
        print(f"{'jobs':>4} " + " ".join(f"{n[:12]:>12}" for n in names))
        for r in html:
            print(f"{r['jobs']:>4} " + " ".join(f"{r['pages'].get(n, 0):>12.2f}" for n in names))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tei_dir", type=Path, help="folder of TEI files (and registers.xml)")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--formats", nargs="+", default=["html", "text"], choices=["html", "text"])
    parser.add_argument("--xslt", type=Path, default=None, help="xslt/ folder [default: the project's]")
    parser.add_argument("--src", type=Path, default=None, help="import edition from this folder (another checkout)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    tei_dir = args.tei_dir.resolve()
    xslt_dir = args.xslt.resolve() if args.xslt else None
    if args.child:
        if args.src:
            sys.path.insert(0, str(args.src.resolve()))
        print(json.dumps(render_once(tei_dir, args.formats[0], args.jobs[0], xslt_dir)))
        return 0
    runs = []
    for fmt in args.formats:
        for jobs in args.jobs:
            runs.append(measure(tei_dir, fmt, jobs, xslt_dir, args.src))
            print(f"{fmt} jobs={jobs}: {runs[-1]['seconds']:.1f} s", file=sys.stderr, flush=True)
    print_table(runs)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(runs, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
