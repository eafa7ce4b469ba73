"""Real TEI from other projects: `edition validate` (default options) against jing (not a test).

    .venv/bin/python benchmarks/real_tei.py [FOLDER] [--limit N] [--json out.json]

FOLDER (default: ../shared/real-tei, else /work/corpus/files) is searched recursively for
*.xml. The folder is validated by edition in one run with its default options (tei_all RELAX NG and
TEI's Schematron, no profile) and by jing on the official tei_all.rng (verdicts from one
jing run over all files; per-file times from jing runs on single files, see --time-jing).
Printed: verdict agreement (RELAX NG level: jing applies no Schematron), line agreement
(edition's first error line is among jing's), the per-file time ratio edition/jing, every
disagreement, and the files TEI's Schematron rejects beyond RELAX NG. CPU and wall seconds
are printed for both tools.

Per-file times (the --time-jing files): edition validates the file alone twice in this
process, cold (its own pruned grammar built and compiled, an empty cache) and warm (the
cache filled, Saxon and the Schematron ready), the way a second `edition validate FILE`
finds it; jing is a fresh JVM per file, as a user runs it.

The real_tei folder itself is never committed (workplace rule); benchmarks/data/ keeps a
copy of its manifest (source repository, commit, path, licence per file).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# the CPU clocks of the validate benchmark (run from benchmarks/, its folder is on sys.path)
from validate_bench import children_cpu, own_cpu

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FOLDERS = (ROOT.parent / "shared" / "real-tei", Path("/work/corpus/files"))


def jing_lines(jing: str, rng: Path, path: Path) -> tuple[list[int], float]:
    """jing's error lines for one file (empty: valid), and its wall seconds."""
    start = time.perf_counter()
    run = subprocess.run([jing, str(rng), str(path)], capture_output=True, text=True, timeout=600)
    seconds = time.perf_counter() - start
    lines = []
    for line in run.stdout.splitlines():
        rest = line[len(str(path)) + 1:] if line.startswith(str(path) + ":") else ""
        number = rest.split(":", 1)[0]
        if number.isdigit():
            lines.append(int(number))
        elif line.strip():
            lines.append(0)  # an error without a line (fatal parse error)
    if run.returncode != 0 and not lines:
        lines.append(0)
    return lines, seconds


def jing_batch(jing: str, rng: Path, paths: list[Path]) -> dict[Path, list[int]]:
    """jing's error lines for many files with few JVMs. jing stops at a fatal
    (not well-formed) file, so the run starts again after the file that stopped it."""
    found: dict[Path, list[int]] = {p: [] for p in paths}
    by_name = {str(p): p for p in paths}
    todo = list(paths)
    while todo:
        run = subprocess.run([jing, str(rng), *map(str, todo)], capture_output=True, text=True, timeout=3600)
        stopped = None
        for line in run.stdout.splitlines():
            name, _, rest = line.partition(":")
            path = by_name.get(name)
            if path is None:
                continue
            number = rest.split(":", 1)[0]
            found[path].append(int(number) if number.isdigit() else 0)
            if ": fatal:" in line:
                stopped = path
        if stopped is None:
            stopped = _unnamed_fatal(run.stdout, todo, found)
            if stopped is None:
                break
            found[stopped].append(UNCHECKED)
        todo = todo[todo.index(stopped) + 1:]
    return found


def _unnamed_fatal(output: str, todo: list[Path], seen) -> Path | None:
    """The file behind a fatal error jing prints without a file name (an
    external DTD it cannot find): the first file after the last one jing
    named that mentions the missing file's name, else the next one."""
    fatal = next((line for line in output.splitlines() if line.startswith("fatal:")), None)
    if fatal is None:
        return None
    named = [p for p in todo if seen.get(p)]
    after = todo[todo.index(named[-1]) + 1:] if named else todo
    missing = Path(fatal.rsplit(" (", 1)[0].split()[-1]).name
    return next((p for p in after if missing.encode() in p.read_bytes()), after[0] if after else None)


#: jing's "line" for a file it could not check (it stops on a missing external DTD).
UNCHECKED = -1

STATE_FAMILY = (b"<state", b"<trait", b"<terrain", b"<climate", b"<population")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", nargs="?", type=Path)
    parser.add_argument("--limit", type=int, default=0, help="only the first N files")
    parser.add_argument("--json", type=Path, help="write the per-file figures here")
    parser.add_argument("--time-jing", type=int, default=20, metavar="N",
                        help="time jing file by file on the N largest files and every file with "
                             "state/trait/terrain/climate/population (-1: all files); verdicts and "
                             "lines come from one jing run over all files")
    args = parser.parse_args()
    folder = args.folder or next((f for f in DEFAULT_FOLDERS if f.is_dir()), None)
    if folder is None or not folder.is_dir():
        print("no corpus folder; pass one", file=sys.stderr)
        return 2
    jing = shutil.which("jing")
    if jing is None:
        print("jing is not installed (apt-get install jing)", file=sys.stderr)
        return 2
    from edition import validate as v
    from edition.schema_build import TEI_ALL_RNG

    files = sorted(folder.rglob("*.xml"))
    if args.limit:
        files = files[: args.limit]
    cpu0, wall0 = children_cpu(), time.perf_counter()
    batch = jing_batch(jing, TEI_ALL_RNG, files)
    jing_batch_cpu, jing_batch_wall = children_cpu() - cpu0, time.perf_counter() - wall0
    by_size = sorted(files, key=lambda p: p.stat().st_size, reverse=True)
    timed = set(files if args.time_jing < 0 else by_size[: args.time_jing])
    timed |= {p for p in files if any(tag in p.read_bytes() for tag in STATE_FAMILY)}
    rows = []
    edition_cpu = jing_cpu = edition_wall = jing_wall = 0.0
    with tempfile.TemporaryDirectory() as cache:
        options = v.ValidateOptions(cache_dir=Path(cache))
        # Verdicts and lines: one run over the folder, as `edition validate FOLDER` does it.
        cpu0, wall0 = own_cpu(), time.perf_counter()
        all_issues = v.validate_paths(files, options)
        folder_cpu, folder_wall = own_cpu() - cpu0, time.perf_counter() - wall0
        for path in files:
            issues = [i for i in all_issues if i.path == str(path)]
            cold = warm = jing_seconds = None
            if path in timed:
                # One file alone, like `edition validate FILE`: its own pruned grammar.
                with tempfile.TemporaryDirectory() as own_cache:
                    alone = v.ValidateOptions(cache_dir=Path(own_cache))
                    cpu0, wall0 = own_cpu(), time.perf_counter()
                    v.validate_paths([path], alone)
                    cold = time.perf_counter() - wall0
                    wall1 = time.perf_counter()
                    v.validate_paths([path], alone)
                    warm = time.perf_counter() - wall1
                    edition_cpu += own_cpu() - cpu0
                    edition_wall += cold + warm
                cpu1 = children_cpu()
                _, jing_seconds = jing_lines(jing, TEI_ALL_RNG, path)
                jing_cpu += children_cpu() - cpu1
                jing_wall += jing_seconds
            theirs = batch[path]
            mine = [i for i in issues if i.rule in v.SCHEMA_LEVEL_RULES or i.rule.startswith("xml-")]
            schematron = [i for i in issues if i.rule == "tei-schematron" and i.severity == "error"]
            row = {
                "file": str(path.relative_to(folder)),
                "edition_valid": not mine,
                "jing_valid": not theirs,
                "edition_lines": [i.line for i in mine],
                "jing_lines": theirs,
                "line_agrees": (not mine and not theirs) or bool(mine and mine[0].line in theirs),
                "schematron_errors": [f"{i.line}: {i.message}" for i in schematron],
                "edition_cold_s": cold,
                "edition_warm_s": warm,
                "jing_s": jing_seconds,
                "first_issue": mine[0].format() if mine else "",
            }
            rows.append(row)
            if jing_seconds is not None:
                print(f"{row['file'][:60]:60s} edition {cold:5.2f}s cold, {warm:5.2f}s warm; jing {jing_seconds:5.2f}s",
                      flush=True)
    unchecked = [r for r in rows if UNCHECKED in r["jing_lines"]]
    rows = [r for r in rows if UNCHECKED not in r["jing_lines"]]
    n = len(rows)
    verdicts = sum(r["edition_valid"] == r["jing_valid"] for r in rows)
    both_invalid = [r for r in rows if not r["edition_valid"] and not r["jing_valid"]]
    lines = sum(r["line_agrees"] for r in both_invalid)
    timed_rows = [r for r in rows if r["jing_s"]]
    ratios_warm = [r["edition_warm_s"] / r["jing_s"] for r in timed_rows] or [0.0]
    ratios_cold = [r["edition_cold_s"] / r["jing_s"] for r in timed_rows] or [0.0]
    print()
    print(f"files: {n + len(unchecked)} in {folder}; {len(unchecked)} not checked by jing "
          "(it stops on an external DTD it cannot find; edition never reads a DTD):")
    for r in unchecked:
        print(f"  {r['file']}: edition {'valid' if r['edition_valid'] else r['first_issue']}")
    print(f"files compared: {n}")
    print(f"verdict agreement with jing: {verdicts}/{n} = {100 * verdicts / max(n, 1):.1f}%")
    print(f"line agreement where both reject: {lines}/{len(both_invalid)}")
    print(f"time ratio edition/jing per file ({len(timed_rows)} files timed), warm: median {statistics.median(ratios_warm):.2f}, "
          f"max {max(ratios_warm):.2f}; cold: median {statistics.median(ratios_cold):.2f}, max {max(ratios_cold):.2f}")
    print(f"files over 5x jing (warm): {sum(r > 5 for r in ratios_warm)}; (cold): {sum(r > 5 for r in ratios_cold)}")
    print(f"edition over the folder in one run: {folder_cpu:.1f} s CPU, {folder_wall:.1f} s wall; "
          f"jing in one run: {jing_batch_cpu:.1f} s CPU, {jing_batch_wall:.1f} s wall")
    print(f"file by file (timed files): edition {edition_cpu:.1f} s CPU, {edition_wall:.1f} s wall (cold + warm); "
          f"jing {jing_cpu:.1f} s CPU, {jing_wall:.1f} s wall")
    rejected = [r for r in rows if r["edition_valid"] and r["schematron_errors"]]
    print(f"valid RELAX NG but rejected by TEI's Schematron: {len(rejected)} files")
    for r in rejected:
        print(f"  {r['file']}: {r['schematron_errors'][0]}" + (f" (+{len(r['schematron_errors']) - 1})" if len(r['schematron_errors']) > 1 else ""))
    print("disagreements:")
    for r in rows:
        if r["edition_valid"] != r["jing_valid"]:
            print(f"  {r['file']}: edition {'valid' if r['edition_valid'] else r['first_issue']}; "
                  f"jing {'valid' if r['jing_valid'] else r['jing_lines']}")
        elif not r["line_agrees"]:
            print(f"  {r['file']}: lines differ: edition {r['edition_lines'][:3]}, jing {r['jing_lines'][:3]}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    raise SystemExit(main())
