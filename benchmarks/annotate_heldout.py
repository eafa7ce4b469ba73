"""The annotator on text it has never seen, with an empty register.

    python benchmarks/annotate_heldout.py [--register tei/registers.xml] [--errors]

``benchmarks/data/heldout-tr.txt`` holds 120 sentences and short passages in
the genre of the corpus (Turkish historiography of the Caucasus, 1900–1930;
footnote references, author–year citations, archive references and a few
English abstract lines), with gold markup ``[[person:…]]``, ``[[place:…]]``,
``[[org:…]]`` and ``[[date:…|when=…]]``. It was written for this benchmark
by a separate annotator who never saw the code or the edition's texts (its
conventions are in ``benchmarks/data/heldout-tr.md``); some page numbers,
shelfmarks and two authors in it are invented, so it is test data only.

Each line becomes one TEI document and the whole set is annotated as a
corpus (:func:`edition.annotate.corpus.annotate_corpus`), so names learnt in
one line are found in the others, as in a real project. By default the
register starts EMPTY: every name must be found on evidence. Prints exact-match
precision, recall and F1 per type and how many matched dates carry the gold
ISO values.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

from edition.annotate import AnnotateOptions
from edition.annotate.corpus import annotate_corpus
from edition.annotate.registers import Register
from edition.tei import TEI, parse_bytes

HERE = Path(__file__).resolve().parent
GOLD_FILE = HERE / "data" / "heldout-tr.txt"
MARK = re.compile(r"\[\[(person|place|org|date):([^\]|]+)(?:\|([^\]]+))?\]\]")
ISO_KEYS = ("when", "from", "to", "notBefore", "notAfter")
TAG_KIND = {"persName": "person", "placeName": "place", "orgName": "org", "date": "date"}
DOC = ('<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="heldout-{n}"><teiHeader/>'
       "<text><body><p>{text}</p></body></text></TEI>")


def parse_line(line: str) -> tuple[str, set[tuple[int, int, str]], dict[tuple[int, int], dict]]:
    """Plain text, gold spans (start, end, kind) and gold ISO attributes per date span."""
    line = line.replace(" / ", " ")
    text, spans, isos, pos = "", set(), {}, 0
    for m in MARK.finditer(line):
        text += line[pos:m.start()]
        start = len(text)
        text += m.group(2)
        spans.add((start, len(text), m.group(1)))
        if m.group(1) == "date" and m.group(3):
            isos[(start, len(text))] = dict(part.split("=", 1) for part in m.group(3).split(";"))
        pos = m.end()
    return text + line[pos:], spans, isos


def predicted(data: bytes) -> tuple[set[tuple[int, int, str]], dict[tuple[int, int], dict]]:
    """Spans of the annotated paragraph, as offsets into its text."""
    p = parse_bytes(data).getroot().find(f"{TEI}text/{TEI}body/{TEI}p")
    spans, isos, offset = set(), {}, len(p.text or "")
    for child in p:
        length = len("".join(child.itertext()))
        kind = TAG_KIND.get(child.tag.split("}")[1])
        if kind:
            spans.add((offset, offset + length, kind))
            if kind == "date":
                isos[(offset, offset + length)] = {k: v for k, v in child.attrib.items()
                                                   if k in ISO_KEYS or k == "calendar"}
        offset += length + len(child.tail or "")
    return spans, isos


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--register", type=Path, help="start from this register instead of an empty one")
    parser.add_argument("--errors", action="store_true", help="list every missed and spurious span")
    parser.add_argument("--gold", type=Path, default=GOLD_FILE, help="another gold file in the same markup")
    opts = parser.parse_args()
    lines = [line for line in opts.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    gold = [parse_line(line) for line in lines]
    register = Register.load(opts.register) if opts.register else Register()
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for n, (text, _spans, _isos) in enumerate(gold):
            path = Path(tmp) / f"heldout-{n:03d}.xml"
            path.write_text(DOC.format(n=n, text=escape(text)), encoding="utf-8")
            paths.append(path)
        # as in a project whose config says its texts are Turkish (languages = ["tr"]): the
        # English abstract lines are not left out as "not Turkish"
        result = annotate_corpus(paths, register, AnnotateOptions(default_language="tr"), keep_occurrences=False)
        outputs = [predicted(result.outcomes[p].data) for p in paths]
    tp, fp, fn = Counter(), Counter(), Counter()
    iso_right = iso_total = calendar_right = calendar_total = 0
    for (text, gold_spans, gold_isos), (pred_spans, pred_isos) in zip(gold, outputs):
        for span in gold_spans & pred_spans:
            tp[span[2]] += 1
            if span[2] == "date":
                iso_total += 1
                want = gold_isos.get(span[:2], {})
                got = pred_isos.get(span[:2], {})
                iso_right += {k: v for k, v in got.items() if k in ISO_KEYS} == \
                    {k: v for k, v in want.items() if k in ISO_KEYS}
                if "calendar" in want or "calendar" in got:
                    calendar_total += 1
                    calendar_right += got.get("calendar", "").lstrip("#") == want.get("calendar", "")
        for span in pred_spans - gold_spans:
            fp[span[2]] += 1
            if opts.errors:
                print(f"  spurious {span[2]}: {text[span[0]:span[1]]!r}", file=sys.stderr)
        for span in gold_spans - pred_spans:
            fn[span[2]] += 1
            if opts.errors:
                print(f"  missed {span[2]}: {text[span[0]:span[1]]!r}", file=sys.stderr)
    print(f"register at start: {len(Register.load(opts.register)) if opts.register else 0} entries;"
          f" {len(lines)} lines")
    print("kind\tprecision\trecall\tF1\tgold")
    for kind in ("person", "place", "org", "date"):
        p = tp[kind] / (tp[kind] + fp[kind]) if tp[kind] + fp[kind] else 0.0
        r = tp[kind] / (tp[kind] + fn[kind]) if tp[kind] + fn[kind] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{kind}\t{p:.2f}\t{r:.2f}\t{f:.2f}\t{tp[kind] + fn[kind]}")
    for label, kinds in (("names", ("person", "place", "org")), ("all", ("person", "place", "org", "date"))):
        t, f_p, f_n = (sum(c[k] for k in kinds) for c in (tp, fp, fn))
        p = t / (t + f_p) if t + f_p else 0.0
        r = t / (t + f_n) if t + f_n else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"overall ({label})\t{p:.2f}\t{r:.2f}\t{f:.2f}\t{t + f_n}")
    if iso_total:
        print(f"dates found with the gold ISO value: {iso_right}/{iso_total} = {iso_right / iso_total:.2f}")
    if calendar_total:
        print(f"dates in another calendar (gold or found) with the gold calendar: {calendar_right}/{calendar_total}")


if __name__ == "__main__":
    main()
