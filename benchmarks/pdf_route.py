"""PDF route against the text route, on PDFs typeset from our own texts.

    python benchmarks/make_test_pdfs.py --out output/test-pdfs
    python benchmarks/pdf_route.py --pdfs output/test-pdfs [--json output/pdf-route.json]

For each ``<variant>/<id>.pdf`` (typeset from the TEI the text route makes of
raw/<id>.txt), ingest it with ``edition.ingest.ingest_file`` and compare
with the text route's TEI:

* notes: same labels, each anchored after the same word, with the same text;
* headings and paragraphs: the same texts in the same order;
* pages: as many ``pb`` as the PDF has pages, numbered as printed;
* characters: letters and digits of ``text`` equal in order, and all
  non-space characters equal in order;
* hyphenation: words (space-separated tokens) that differ between the two
  routes and involve a hyphen, against the line-end hyphens the typesetter made;
* time: CPU and wall seconds of the extraction (pdfminer and page analysis)
  per page, and of the whole ingest.

Exit status 1 when a PDF does not reach the text route's structure.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
import time
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from edition.ingest import ingest_file  # noqa: E402
from edition.ingest.pdf import extract  # noqa: E402

T = "{http://www.tei-c.org/ns/1.0}"


def norm(s: str) -> str:
    return " ".join(s.split())


def text_of(el: etree._Element, skip_notes: bool = True) -> str:
    """Text of an element, notes left out (they sit at their anchors)."""
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and not (skip_notes and child.tag == T + "note"):
            parts.append(text_of(child, skip_notes))
        parts.append(child.tail or "")
    return "".join(parts)


def anchors(text: etree._Element) -> dict[str, tuple[str, str]]:
    """Note label -> (word before its anchor, note text)."""
    out = {}
    body = []

    def walk(el: etree._Element) -> None:
        body.append(el.text or "")
        for child in el:
            if isinstance(child.tag, str) and child.tag == T + "note":
                before = "".join(body).split()
                paras = child.findall(T + "p") or [child]
                note_text = norm(" ".join("".join(p.itertext()) for p in paras))
                out[child.get("n", "")] = (before[-1] if before else "", note_text)
            elif isinstance(child.tag, str):
                walk(child)
            body.append(child.tail or "")

    walk(text)
    return out


def sequence_score(a: list[str], b: list[str]) -> int:
    """How many items of a appear in b in the same order."""
    return sum(block.size for block in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())


def compare(ref: etree._ElementTree, got: etree._ElementTree, truth: dict) -> dict:
    rt, gt = ref.getroot().find(T + "text"), got.getroot().find(T + "text")
    ra, ga = anchors(rt), anchors(gt)
    notes_same_word = sum(1 for n, (w, _) in ra.items() if n in ga and ga[n][0] == w)
    notes_same_text = sum(1 for n, (_, t) in ra.items() if n in ga and ga[n][1] == t)
    rh = [norm(text_of(h)) for h in rt.iter(T + "head")]
    gh = [norm(text_of(h)) for h in gt.iter(T + "head")]
    rp = [norm(text_of(p)) for p in rt.iter(T + "p")]
    gp = [norm(text_of(p)) for p in gt.iter(T + "p")]
    rpb = [pb.get("n") for pb in rt.iter(T + "pb")]
    gpb = [pb.get("n") for pb in gt.iter(T + "pb")]
    rtext, gtext = "".join(rt.itertext()), "".join(gt.itertext())
    ralnum = [c for c in rtext if c.isalnum()]
    galnum = [c for c in gtext if c.isalnum()]
    rall = [c for c in rtext if not c.isspace()]
    gall = [c for c in gtext if not c.isspace()]
    rtok, gtok = rtext.split(), gtext.split()
    hyphen_errors = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, rtok, gtok, autojunk=False).get_opcodes():
        if op != "equal":
            a, b = " ".join(rtok[i1:i2]), " ".join(gtok[j1:j2])
            if "-" in a + b:
                hyphen_errors.append((a, b))
    return {
        "notes": {"text_route": len(ra), "pdf_route": len(ga), "same_word": notes_same_word,
                  "same_text": notes_same_text},
        "headings": {"text_route": len(rh), "pdf_route": len(gh), "same_in_order": sequence_score(rh, gh)},
        "paragraphs": {"text_route": len(rp), "pdf_route": len(gp), "same_in_order": sequence_score(rp, gp)},
        "pages": {"text_route": len(rpb), "pdf_route": len(gpb), "printed": truth["pages"],
                  "numbers_as_printed": gpb == truth["pages"]},
        "characters": {"letters_digits_equal": ralnum == galnum, "all_equal": rall == gall,
                       "letters_digits": [len(ralnum), len(galnum)], "all": [len(rall), len(gall)]},
        "hyphenation": {"line_end_hyphens_typeset": len(truth["hyphens"]), "words_wrong": len(hyphen_errors),
                        "examples": hyphen_errors[:8]},
    }


def structure_equal(r: dict) -> bool:
    return (r["notes"]["same_word"] == r["notes"]["text_route"] == r["notes"]["pdf_route"]
            and r["headings"]["same_in_order"] == r["headings"]["text_route"] == r["headings"]["pdf_route"]
            and r["paragraphs"]["same_in_order"] == r["paragraphs"]["text_route"] == r["paragraphs"]["pdf_route"]
            and r["pages"]["numbers_as_printed"] and r["characters"]["all_equal"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdfs", type=Path, default=ROOT / "output" / "test-pdfs")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    pdfs = sorted(args.pdfs.glob("**/*.pdf"))
    if not pdfs:
        print(f"no PDFs in {args.pdfs}: run benchmarks/make_test_pdfs.py first", file=sys.stderr)
        return 2
    results = {}
    ok = True
    for pdf in pdfs:
        doc_id = pdf.stem
        truth = json.loads(pdf.with_suffix(".truth.json").read_text())
        ref = ingest_file(ROOT / "raw" / f"{doc_id}.txt").tree
        data = pdf.read_bytes()
        c0, w0 = time.process_time(), time.perf_counter()
        extraction = extract(data, str(pdf))
        c1, w1 = time.process_time(), time.perf_counter()
        got = ingest_file(pdf).tree
        c2, w2 = time.process_time(), time.perf_counter()
        pages = len(extraction.pages)
        r = compare(ref, got, truth)
        r["time"] = {"pages": pages, "extract_cpu_per_page": round((c1 - c0) / pages, 3),
                     "extract_wall_per_page": round((w1 - w0) / pages, 3),
                     "ingest_cpu": round(c2 - c1, 2), "ingest_wall": round(w2 - w1, 2)}
        r["same_structure"] = structure_equal(r)
        ok &= r["same_structure"]
        name = str(pdf.relative_to(args.pdfs).with_suffix(""))
        results[name] = r
        n, h, p, pg, ch, hy, t = (r[k] for k in ("notes", "headings", "paragraphs", "pages", "characters",
                                                 "hyphenation", "time"))
        print(f"{name}:")
        print(f"  notes       {n['same_word']}/{n['text_route']} anchored at the same word, "
              f"{n['same_text']}/{n['text_route']} same text (PDF route: {n['pdf_route']} notes)")
        print(f"  headings    {h['same_in_order']}/{h['text_route']} same (PDF route: {h['pdf_route']})")
        print(f"  paragraphs  {p['same_in_order']}/{p['text_route']} same (PDF route: {p['pdf_route']})")
        print(f"  pages       {pg['pdf_route']} pb (text route {pg['text_route']}), numbered as printed "
              f"({pg['printed'][0]}–{pg['printed'][-1]}): {pg['numbers_as_printed']}")
        print(f"  characters  letters+digits equal: {ch['letters_digits_equal']} {ch['letters_digits']}; "
              f"all equal: {ch['all_equal']} {ch['all']}")
        print(f"  hyphenation {hy['words_wrong']} words differ with a hyphen, of {hy['line_end_hyphens_typeset']} "
              f"line-end hyphens typeset {hy['examples'][:3]}")
        print(f"  time        extract {t['extract_cpu_per_page']} s CPU / {t['extract_wall_per_page']} s wall per "
              f"page; whole ingest {t['ingest_cpu']} s CPU / {t['ingest_wall']} s wall ({pages} pages)")
        print(f"  same structure as the text route: {r['same_structure']}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
