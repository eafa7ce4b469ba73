"""Annotate of one entity-dense paragraph grows linearly with its size.

    python benchmarks/annotate_dense.py [--sizes 5000,20000,80000]

Builds a TEI document whose single paragraph repeats a sentence full of
names, ranks, honorifics, initials, citations and dates ("General Thomson",
"Nuri Paşa", "M. E. Resulzade", "(Suny, 2010", "3-4 Nisan 1918") until it
holds N names, annotates it once with an empty register and prints the CPU
and wall seconds and the seconds per thousand names. Linear time shows as a
flat last column. A 1 MB paragraph (about 45,000 names) is the size issue 12
was killed at after 120 s.
"""

from __future__ import annotations

import argparse
import time

from edition.annotate import AnnotateOptions, annotate
from edition.annotate.gazetteer import gazetteer
from edition.annotate.registers import Register
from edition.tei import parse_bytes

SENTENCE = ("General Thomson ile Nuri Paşa {n}. gün Bakü’de, M. E. Resulzade ise Tiflis’te "
            "(Suny, 2010; Köse, 2014) Müsavat Partisi ve 3-4 Nisan 1918 Gence. ")
NAMES_PER_SENTENCE = 7
DOC = ('<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="dense"><teiHeader/>'
       "<text><body><p>{text}</p></body></text></TEI>")


def run(names: int) -> tuple[int, float, float]:
    text = "".join(SENTENCE.format(n=i % 97) for i in range(names // NAMES_PER_SENTENCE))
    tree = parse_bytes(DOC.format(text=text).encode("utf-8"))
    cpu, wall = time.process_time(), time.perf_counter()
    annotate(tree, Register(), AnnotateOptions())
    return len(text.encode("utf-8")), time.process_time() - cpu, time.perf_counter() - wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="5000,20000,45000", help="names per paragraph, comma-separated")
    opts = parser.parse_args()
    gazetteer()  # the index is built once per machine; not part of the measurement
    print("names\tbytes\tcpu_s\twall_s\twall_s_per_1000_names")
    for names in (int(s) for s in opts.sizes.split(",")):
        size, cpu, wall = run(names)
        print(f"{names}\t{size}\t{cpu:.2f}\t{wall:.2f}\t{wall / names * 1000:.3f}", flush=True)


if __name__ == "__main__":
    main()
