"""Ingest of other journals' layouts, scored against the clean text's TEI.

    python benchmarks/layouts.py [--json output/layouts.json] [--data DIR]

For each variant of each raw/<id>.txt (made in memory by
make_layout_variants.py, or read from DIR as ``<id>--<variant>.txt``, e.g. the
committed fixtures in tests/layout_variants) the TEI ingest makes of it is
compared with the TEI of the clean raw/<id>.txt (or of DIR/<id>.txt, the clean
excerpt the fixtures were made from; DIR/<id>--<variant>.toml is the metadata):

* notes: notes anchored after the same word as in the clean TEI / clean notes;
* hyphenation: words of the reading (reg, not orig) equal to the clean
  reading's, as a share of the clean words (multiset);
* pages: pb numbers equal to the clean ones in order (the variants' printed
  numbers start at 101: compared as a sequence of steps) / clean pbs;
* headings: head texts equal / clean heads;
* characters kept: letters and digits of the variant's raw text found in its
  TEI as printed (orig, not reg) / those of the raw text — the running heads,
  page numbers and banner lines a variant adds are the only ones allowed to go;
* lost: letters and digits of the raw text neither in the TEI nor in a line
  the variant added nor in a running head or page number of the text
  itself (the header records the heads, the pb the numbers); extra: those in the TEI but not in the article (a running
  head or banner line left in the text). Both are 0 when every character of
  the article is kept, or repaired visibly, and nothing else is added;
* damaged: words the variant changed inside its lines (a split word counts
  once; a soft hyphen counts though it needs no choice; a font-damaged word
  with an apostrophe suffix is one word here and two repairs);
  repairs made (choice elements; the clean first text has 3 of its own) and
  repairs wrong (the word of the reading a reg falls in is not a word of the
  clean reading).

Prints one row per variant with CPU and wall seconds of the whole run.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
import time
import unicodedata
from collections import Counter
from itertools import pairwise
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from edition.ingest import IngestResult, ingest_bytes  # noqa: E402
from edition.ingest.header import Metadata  # noqa: E402
from edition.ingest.layout import analyse  # noqa: E402
from edition.ingest.lines import decode_raw  # noqa: E402

T = "{http://www.tei-c.org/ns/1.0}"
ALNUM = re.compile(r"[^\W_]")


def reading(text: etree._Element, drop: str) -> etree._Element:
    """A copy of ``text`` without its ``drop`` ("orig" or "reg") elements."""
    copy = etree.fromstring(etree.tostring(text))
    for node in list(copy.iter(T + drop)):
        if node.getparent().tag == T + "choice":
            node.getparent().remove(node)
    return copy


def spaced(el: etree._Element) -> str:
    """The text of ``el`` with a space at every block boundary, none around
    inline elements (a choice inside a word stays inside it)."""
    copy = etree.fromstring(etree.tostring(el))
    for node in copy.iter():
        if isinstance(node.tag, str) and etree.QName(node).localname not in INLINE:
            node.text, node.tail = " " + (node.text or ""), " " + (node.tail or "")
    return "".join(copy.itertext())


def drop_notes(el: etree._Element) -> etree._Element:
    """A copy without notes, their tails kept (notes are compared by anchors)."""
    copy = etree.fromstring(etree.tostring(el))
    for note in list(copy.iter(T + "note")):
        parent = note.getparent()
        if parent is None:
            continue
        prev = note.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + (note.tail or "")
        else:
            parent.text = (parent.text or "") + (note.tail or "")
        parent.remove(note)
    return copy


def words_of(el: etree._Element) -> Counter:
    return Counter(w.strip(".,;:!?()[]“”\"«»…*’'") for w in spaced(drop_notes(el)).split())


def note_anchors(text: etree._Element) -> dict[str, str]:
    """Note label -> the word just before its anchor (in the same block)."""
    copy = etree.fromstring(etree.tostring(text))
    out = {}
    for note in list(copy.iter(T + "note")):
        if note.getparent() is None:
            continue
        label, tail = note.get("n"), note.tail
        note.clear()
        note.text, note.tail = f"\u27e6{label}\u27e7", tail
    for block in copy.iter(T + "p", T + "head", T + "item", T + "quote"):
        text = "".join(block.itertext())
        for m in re.finditer("\u27e6([^\u27e7]+)\u27e7", text):
            before = re.sub("\u27e6[^\u27e7]+\u27e7", "", text[: m.start()])
            out.setdefault(m.group(1), (before.split() or [""])[-1])
    return out


def alnum(text: str) -> Counter[str]:
    return Counter(ALNUM.findall(unicodedata.normalize("NFC", text)))


def own_running_heads(raw: str, name: str, page_numbers: list[str]) -> str:
    """The lines of ``raw`` that ingest's layout stage reads as running heads,
    and the printed page numbers standing alone that number a ``pb``."""
    lines = decode_raw(raw.encode(), name)
    heads = set(analyse(lines).running_heads) | set(page_numbers)
    return "\n".join(line.text for line in lines if line.stripped in heads)


def score(clean: etree._Element, variant: etree._Element, raw: str, added: str, own_heads: str = "") -> dict:
    ctext, vtext = clean.find(T + "text"), variant.find(T + "text")
    c_read, v_read = reading(ctext, "orig"), reading(vtext, "orig")
    c_anchor, v_anchor = note_anchors(c_read), note_anchors(v_read)
    notes = sum(1 for n, w in c_anchor.items() if v_anchor.get(n) == w)
    cw, vw = words_of(c_read), words_of(v_read)
    c_pages = [pb.get("n") for pb in ctext.iter(T + "pb")]
    v_pages = [pb.get("n") for pb in vtext.iter(T + "pb")]
    steps = lambda ps: [int(b) - int(a) for a, b in pairwise(ps) if a.isdigit() and b.isdigit()]  # noqa: E731
    same_steps = sum(1 for a, b in zip(steps(c_pages), steps(v_pages), strict=False) if a == b)
    pages = same_steps + 1 if len(c_pages) == len(v_pages) else 0
    heads = lambda t: [" ".join("".join(h.itertext()).split()) for h in t.iter(T + "head")]  # noqa: E731
    c_heads, v_heads = heads(c_read), heads(v_read)
    printed = reading(vtext, "reg")
    tei_chars = Counter(ALNUM.findall(unicodedata.normalize("NFC", "".join(printed.itertext()))))
    for note in vtext.iter(T + "note"):
        tei_chars += Counter(ALNUM.findall(note.get("n", "") * 2))
    raw_chars = alnum(raw.translate(SUPER)) - alnum(added)
    kept = sum((raw_chars & tei_chars).values())
    lost = sum((raw_chars - tei_chars - alnum(own_heads)).values())
    extra = sum((tei_chars - raw_chars).values())
    # A repair is judged by the whole word of the reading it falls in (a
    # repaired fragment before a line-end hyphen is judged joined).
    marked = reading(vtext, "orig")
    for reg in marked.iter(T + "reg"):
        reg.text = "\u27e8" + "".join(reg.itertext()) + "\u27e9"
        for child in list(reg):
            reg.remove(child)
    regs = [w.replace("\u27e8", "").replace("\u27e9", "").strip(".,;:!?()[]“”\"«»…*’'")
            for w in spaced(drop_notes(marked)).split() if "\u27e8" in w]
    clean_text = spaced(drop_notes(c_read))
    clean_vocab = ({w.strip(".,;:!?()[]“”\"«»…*’'") for w in clean_text.split()}
                   | set(re.findall(r"[^\W\d_]+", clean_text)))
    wrong = [r for r in regs if r not in clean_vocab]
    return {
        "notes": f"{notes}/{len(c_anchor)}",
        "hyphenation": f"{sum((cw & vw).values()) / max(1, sum(cw.values())):.4f}",
        "pages": f"{pages}/{len(c_pages)}",
        "headings": f"{sum(1 for a, b in zip(c_heads, v_heads, strict=False) if a == b)}/{len(c_heads)}",
        "chars kept": f"{kept}/{sum(raw_chars.values())}",
        "lost": lost,
        "extra": extra,
        "repairs": sum(1 for _ in vtext.iter(T + "choice")),
        "wrong": len(wrong),
        "wrong examples": wrong[:5],
    }


INLINE = {"reg", "orig", "choice", "pb", "q", "hi", "title", "author", "date", "bibl", "biblScope",
          "pubPlace", "publisher", "persName", "placeName", "orgName", "rs", "num"}
SUPER = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


def damaged_spots(raw: str, clean: str) -> int | None:
    """Places the variant changed inside lines (font damage, splits, soft
    hyphens): differing runs of words line by line; None when the variant
    adds or removes lines (heads, banner), where this does not apply."""
    a, b = clean.split("\n"), raw.split("\n")
    if len(a) != len(b):
        return None
    spots = 0
    for x, y in zip(a, b, strict=True):
        if x != y:
            ops = difflib.SequenceMatcher(None, x.split(), y.split(), autojunk=False).get_opcodes()
            spots += sum(max(1, min(i2 - i1, j2 - j1)) for op, i1, i2, j1, j2 in ops if op != "equal")
    return spots


def added_lines(raw: str, clean: str) -> str:
    """The lines a variant inserted into the clean text (heads, numbers,
    banner); lines it changed are not among them."""
    a = [line.strip() for line in clean.split("\n")]
    b = [line.strip() for line in raw.split("\n")]
    out = []
    for op, _i1, _i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "insert":
            out.extend(b[j1:j2])
    return "\n".join(out)


def score_case(doc: str, variant: str, raw: str, clean_raw: str, meta: Metadata,
               clean: etree._Element | None = None, result: IngestResult | None = None) -> dict:
    """Score one variant (ingested here unless ``result`` is given) against
    the clean text's TEI (made here unless given)."""
    if clean is None:
        clean = ingest_bytes(clean_raw.encode(), f"{doc}.txt", meta).tree.getroot()
    if result is None:
        result = ingest_bytes(raw.encode(), f"{doc}.txt", meta)
    root = result.tree.getroot()
    added = added_lines(raw, clean_raw)
    own_heads = own_running_heads(raw, f"{doc}.txt", [pb.get("n") for pb in root.iter(T + "pb")])
    return {"document": doc, "variant": variant, **score(clean, root, raw, added, own_heads),
            "damaged": damaged_spots(raw, clean_raw), "warnings": len(result.warnings)}


def shortfalls(row: dict) -> list[str]:
    """The measures where a variant falls short of the clean text: notes,
    pages or headings not all the same, a character lost or added, a wrong repair."""
    out = [k for k in ("notes", "pages", "headings") if len(set(row[k].split("/"))) != 1]
    return out + [k for k in ("lost", "extra", "wrong") if row[k]]


def cases_in(data: Path) -> list[tuple[str, str, str, str, Metadata]]:
    """(document, variant, raw, clean raw, metadata) of each <id>--<variant>.txt in ``data``."""
    out = []
    for path in sorted(data.glob("*--*.txt")):
        doc, variant = path.stem.split("--", 1)
        clean = data / f"{doc}.txt" if (data / f"{doc}.txt").is_file() else ROOT / "raw" / f"{doc}.txt"
        toml = path.with_suffix(".toml") if path.with_suffix(".toml").is_file() else clean.with_suffix(".toml")
        out.append((doc, variant, path.read_text(encoding="utf-8"), clean.read_text(encoding="utf-8"),
                    Metadata.load(toml)))
    return out


def generated_cases() -> list[tuple[str, str, str, str, Metadata]]:
    """Every variant of every raw/<id>.txt, made in memory."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from make_layout_variants import VARIANTS

    out = []
    for raw_path in sorted((ROOT / "raw").glob("*.txt")):
        clean = raw_path.read_text(encoding="utf-8")
        meta = Metadata.load(raw_path.with_suffix(".toml"))
        out += [(raw_path.stem, name, "\n".join(make(clean.split("\n"), raw_path.stem)), clean, meta)
                for name, make in VARIANTS.items()]
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, help="read <id>--<variant>.txt files from here")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    cpu, wall = time.process_time(), time.perf_counter()
    rows = []
    cleans: dict[str, etree._Element] = {}
    for doc, variant, raw, clean_raw, meta in (cases_in(args.data) if args.data else generated_cases()):
        if doc not in cleans:
            cleans[doc] = ingest_bytes(clean_raw.encode(), f"{doc}.txt", meta).tree.getroot()
        row = score_case(doc, variant, raw, clean_raw, meta, cleans[doc])
        rows.append(row)
        print(f"{doc:28} {variant:20} notes {row['notes']:>6} hyph {row['hyphenation']} pages {row['pages']:>6} "
              f"heads {row['headings']:>6} kept {row['chars kept']:>12} lost {row['lost']:>3} extra {row['extra']:>3} "
              f"damaged {row['damaged'] if row['damaged'] is not None else '-':>4} "
              f"repairs {row['repairs']:>4} wrong {row['wrong']:>3}"
              + (f" {row['wrong examples']}" if row["wrong"] else ""))
    print(f"cpu {time.process_time() - cpu:.2f} s, wall {time.perf_counter() - wall:.2f} s")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
