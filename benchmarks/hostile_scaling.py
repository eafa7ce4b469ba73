"""Ingest time against input size, for the shapes that used to be quadratic.

    .venv/bin/python benchmarks/hostile_scaling.py [--max-mb 10] [--shape lines|article|notes]

Prints CPU and wall seconds per size, from 10 KB to 10 MB (doubling), for:

- ``lines``:   one paragraph of consecutive non-blank lines (no blank line at
               all: ``RawBlock.lines`` used to be rebuilt per line);
- ``short``:   the same with lines of one short word (4 bytes: 100,000
               lines is 400 KB; the issue measured 50,000 such lines at 95 s);
- ``article``: paragraphs, headings, page breaks (form feeds) and footnotes;
- ``title``:   a 1.1 MB title in raw/<id>.toml (refused at once by the limits
               of docs/raw-metadata.md).

Linear time shows as a constant seconds-per-MB column. Nothing is written.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from edition.errors import InputError
from edition.ingest import ingest_bytes
from edition.ingest.header import Metadata

LINE = "Bakü’de 1918 yılında yaşanan olaylar Kafkasya tarihinin önemli bir dönemidir ve"


def lines_text(size: int) -> bytes:
    out, total, k = [], 0, 0
    while total < size:
        line = f"{LINE} {k}"
        out.append(line)
        total += len(line.encode()) + 1
        k += 1
    return ("Başlık\n\n" + "\n".join(out) + ".\n").encode()


def short_lines_text(size: int) -> bytes:
    """The issue's case: many short consecutive lines (100,000 lines is ~0.4 MB)."""
    count = size // 4
    return ("Başlık\n\n" + "\n".join(f"k{k % 100:02d}" for k in range(count)) + ".\n").encode()


def article_text(size: int) -> bytes:
    out, total, page, note = ["Başlık Satırı", "", "Giriş", ""], 0, 1, 1
    while total < size:
        para = [f"{LINE} {k}" for k in range(6)]
        para[-1] += f" sonuç.{note}"
        block = "\n".join(para) + "\n\n" + f"({note}) Kaynak, İstanbul, 1951, s. {note}.\n"
        out.append(block)
        total += len(block.encode())
        note += 1
        if note % 5 == 0:
            out.append("\f")
            page += 1
    return "\n".join(out).encode()


def run(shape: str, size: int) -> tuple[float, float, int]:
    data = {"lines": lines_text, "short": short_lines_text, "article": article_text}[shape](size)
    cpu, wall = time.process_time(), time.perf_counter()
    try:
        ingest_bytes(data, "olcum.txt")
        verdict = ""
    except InputError as exc:  # a documented limit: it must fail fast
        verdict = f"refused: {exc.message}"
    return time.process_time() - cpu, time.perf_counter() - wall, len(data), verdict


def title_case() -> None:
    text = '[source]\ntitle = "' + "x" * 1_100_000 + '"\n'
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "olcum.toml"
        path.write_text(text, encoding="utf-8")
        cpu, wall = time.process_time(), time.perf_counter()
        try:
            meta = Metadata.load(path)
            ingest_bytes(lines_text(10_000), "olcum.txt", meta)
            verdict = "accepted"
        except InputError as exc:
            verdict = f"refused: {exc.message}"
    print(f"title 1.1 MB TOML: cpu {time.process_time() - cpu:.3f} s, wall {time.perf_counter() - wall:.3f} s; {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-mb", type=float, default=10.0)
    parser.add_argument("--min-kb", type=float, default=10.0)
    parser.add_argument("--shape", choices=["lines", "short", "article", "all"], default="all")
    args = parser.parse_args()
    shapes = ["short", "lines", "article"] if args.shape == "all" else [args.shape]
    for shape in shapes:
        print(f"{shape}:  bytes        cpu s    wall s   cpu s/MB")
        size = int(args.min_kb * 1024)
        while size <= args.max_mb * 1024 * 1024:
            cpu, wall, n, verdict = run(shape, size)
            print(f"{shape:8} {n:>10,} {cpu:9.2f} {wall:9.2f} {cpu / (n / 1e6):9.2f} {verdict}", flush=True)
            size *= 2
    title_case()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:.0f} MB")


if __name__ == "__main__":
    main()
