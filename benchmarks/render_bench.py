"""Render benchmark: time and memory of `edition.render` on a folder of TEI files.

    python benchmarks/render_bench.py /tmp/s100/tei --jobs 1 2 --formats html text
    python benchmarks/render_bench.py /tmp/s100/tei --jobs 2 --xslt xslt --json output/bench-render.json
    python benchmarks/render_bench.py tei --edit --jobs 1 2 --formats html      # one-text edit
    python benchmarks/render_bench.py tei --copies 200 --edit --jobs 2          # 200 articles

Each (format, jobs) pair renders in a fresh process (so compiling, the
process-wide caches and peak memory are measured from a cold start) into a
temporary folder, and reports:

* wall-clock seconds of the whole render and of its stages: "check" (safe
  parse of every file), "documents" (the per-document pages, in workers when
  jobs > 1), "site" (site pages, search index, assets);
* seconds per site page and for search-index.js;
* seconds per document (sum, mean, slowest), as measured where it was done,
  and CPU seconds per document (of the process that rendered it);
* CPU seconds of the whole render, this process and its workers;
* peak RSS of the rendering process and of the largest worker process.

With --edit, the render is incremental (a cache folder): a full render that
fills the cache, then one text edited (a sentence added to the first
paragraph of the first file, as build_bench.py's editor does) and rendered
again: that re-render's wall and CPU seconds, how many texts it rendered, and
whether its output is byte for byte that of a full render of the edited
corpus.

--copies N renders N copies of the folder's texts under new ids (the
registers shared), for a corpus of some hundred articles without building
one; build_bench.py's synthetic corpus (`synthesise`, then `edition build`)
is the realistic one.

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
import hashlib
import inspect
import json
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def all_cpu() -> float:
    """CPU seconds of this process and of its finished children (workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def copies_of(tei_dir: Path, count: int, folder: Path) -> Path:
    """``count`` copies of the texts of ``tei_dir`` under new ids, with its registers."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(tei_dir / "registers.xml", folder / "registers.xml")
    texts = sorted(p for p in tei_dir.glob("*.xml") if p.name != "registers.xml")
    for i in range(count):
        source = texts[i % len(texts)]
        data = source.read_text(encoding="utf-8").replace(f'xml:id="{source.stem}"', f'xml:id="copy-{i:04d}"')
        (folder / f"copy-{i:04d}.xml").write_text(data, encoding="utf-8")
    return folder


def edit_first_text(files: list[Path]) -> None:
    """An editor's change to one text: a sentence added to its first paragraph."""
    path = files[0]
    data = path.read_text(encoding="utf-8")
    m = re.compile(r"<p(?: [^>]*)?>").search(data, data.index("<body"))
    path.write_text(data[:m.end()] + "Editörün notu: metin gözden geçirildi. " + data[m.end():], encoding="utf-8")


def tree_digest(folder: Path) -> str:
    hasher = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        hasher.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return hasher.hexdigest()


def edit_once(tei_dir: Path, fmt: str, jobs: int, xslt_dir: Path | None) -> dict:
    """Full render filling a cache, one text edited, incremental re-render,
    and a full render of the edited corpus to compare with."""
    from edition.render import RenderOptions, render

    with tempfile.TemporaryDirectory(prefix="render-bench-") as tmp:
        corpus = Path(tmp) / "tei"
        shutil.copytree(tei_dir, corpus)
        files = sorted(p for p in corpus.glob("*.xml") if p.name != "registers.xml")
        options, cache, out = RenderOptions(format=fmt), Path(tmp) / "cache", Path(tmp) / "inc"

        def timed(target: Path, cache_dir: Path | None) -> tuple[float, float, object]:
            start, cpu = time.perf_counter(), all_cpu()
            result = render(files, target, options, registers=corpus / "registers.xml", xslt_dir=xslt_dir,
                            jobs=jobs, cache_dir=cache_dir)
            return time.perf_counter() - start, all_cpu() - cpu, result

        full_wall, full_cpu, _ = timed(out, cache)
        edit_first_text(files)
        wall, cpu, result = timed(out, cache)
        timed(Path(tmp) / "full", None)
        same = tree_digest(out / fmt) == tree_digest(Path(tmp) / "full" / fmt)
    return {"format": fmt, "jobs": jobs, "documents": len(files), "full_seconds": round(full_wall, 3),
            "full_cpu_seconds": round(full_cpu, 3), "edit_seconds": round(wall, 3), "edit_cpu_seconds": round(cpu, 3),
            "rendered": len(result.seconds), "from_cache": len(result.cached),
            "pages_made": sorted(page for page, seconds in result.pages.items() if seconds > 0),
            "identical_to_full": same}


def render_once(tei_dir: Path, fmt: str, jobs: int, xslt_dir: Path | None) -> dict:
    """Render in this process and measure; the child side of `measure`."""
    from edition.render import RenderOptions, render

    files = sorted(p for p in tei_dir.glob("*.xml") if p.name != "registers.xml")
    extra = {"jobs": jobs} if "jobs" in inspect.signature(render).parameters else {}
    with tempfile.TemporaryDirectory(prefix="render-bench-") as out:
        start = time.perf_counter()
        cpu = time.process_time()
        total_cpu = all_cpu()
        result = render(files, Path(out), RenderOptions(format=fmt), registers=tei_dir / "registers.xml",
                        xslt_dir=xslt_dir, **extra)
        wall = time.perf_counter() - start
        cpu = time.process_time() - cpu
        total_cpu = all_cpu() - total_cpu
    per_doc = list(result.seconds.values())
    per_doc_cpu = list(getattr(result, "cpu_seconds", {}).values())
    slowest = max(result.seconds, key=result.seconds.get)
    return {
        "format": fmt,
        "jobs": jobs,
        "documents": len(files),
        "seconds": round(wall, 3),
        "main_cpu_seconds": round(cpu, 3),
        "cpu_seconds": round(total_cpu, 3),
        "cpu_per_document": round(statistics.mean(per_doc_cpu), 4) if per_doc_cpu else None,
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


def measure(tei_dir: Path, fmt: str, jobs: int, xslt_dir: Path | None, src: Path | None,
            edit: bool = False) -> dict:
    """`render_once` (or `edit_once`) in a fresh Python process."""
    args = [sys.executable, __file__, str(tei_dir), "--child", "--formats", fmt, "--jobs", str(jobs)]
    if edit:
        args.append("--edit")
    if xslt_dir is not None:
        args += ["--xslt", str(xslt_dir)]
    if src is not None:
        args += ["--src", str(src)]
    proc = subprocess.run(args, capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        raise SystemExit(f"render failed ({fmt}, jobs={jobs}):\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def print_table(runs: list[dict]) -> None:
    if runs and "edit_seconds" in runs[0]:
        print(f"{'format':6} {'jobs':>4} {'docs':>5} {'full s':>7} {'full CPU':>8} {'edit s':>7} {'edit CPU':>8}"
              f" {'rendered':>8} {'cached':>6} {'same':>5}  site pages made")
        for r in runs:
            print(f"{r['format']:6} {r['jobs']:>4} {r['documents']:>5} {r['full_seconds']:>7.2f}"
                  f" {r['full_cpu_seconds']:>8.2f} {r['edit_seconds']:>7.2f} {r['edit_cpu_seconds']:>8.2f}"
                  f" {r['rendered']:>8} {r['from_cache']:>6} {str(r['identical_to_full']):>5}"
                  f"  {' '.join(r['pages_made'])}")
        return
    print(f"{'format':6} {'jobs':>4} {'docs':>5} {'total s':>8} {'CPU s':>6} {'check':>6} {'docs s':>7} {'site':>6}"
          f" {'ms/doc':>7} {'CPU ms/doc':>10} {'max ms':>7} {'RSS MB':>7} {'worker':>7}")
    for r in runs:
        s = r["stages"]
        per_cpu = r.get("cpu_per_document")
        print(f"{r['format']:6} {r['jobs']:>4} {r['documents']:>5} {r['seconds']:>8.2f} {r.get('cpu_seconds', 0):>6.1f}"
              f" {s.get('check', 0):>6.2f} {s.get('documents', 0):>7.2f} {s.get('site', 0):>6.2f}"
              f" {r['per_document']['mean'] * 1000:>7.1f} {per_cpu * 1000 if per_cpu else 0:>10.1f}"
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
    parser.add_argument("--edit", action="store_true", help="time a re-render after one text is edited (incremental)")
    parser.add_argument("--copies", type=int, default=0, help="render this many copies of the folder's texts")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    tei_dir = args.tei_dir.resolve()
    xslt_dir = args.xslt.resolve() if args.xslt else None
    if args.child:
        if args.src:
            sys.path.insert(0, str(args.src.resolve()))
        once = edit_once if args.edit else render_once
        print(json.dumps(once(tei_dir, args.formats[0], args.jobs[0], xslt_dir)))
        return 0
    with tempfile.TemporaryDirectory(prefix="render-bench-copies-") as tmp:
        if args.copies:
            tei_dir = copies_of(tei_dir, args.copies, Path(tmp) / "tei")
        runs = [measure(tei_dir, fmt, jobs, xslt_dir, args.src, args.edit)
                for fmt in args.formats for jobs in args.jobs]
    for run in runs:
        print(f"{run['format']} jobs={run['jobs']}: {run.get('seconds', run.get('edit_seconds')):.1f} s",
              file=sys.stderr, flush=True)
    print_table(runs)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(runs, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
