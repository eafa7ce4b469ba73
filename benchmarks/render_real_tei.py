"""Render real TEI from other projects and measure what reaches the reader.

    python benchmarks/render_real_tei.py /work/corpus/files
    python benchmarks/render_real_tei.py /work/corpus/files --tsv output/render-real-tei.tsv --show-lost 5

Every ``*.xml`` under the folder is rendered, HTML and text edition, one
:func:`edition.render.render` call per sub-folder and format (file names
repeat across projects, and a site is one project). For each file it reports
whether it rendered, and the share of the document's words that reach the
HTML page's body and the text edition.

Words of a document (the reading text, edited reading):
* the text nodes of every ``text`` element and of ``standOff``, never of
  ``teiHeader`` or ``facsimile``;
* joined as a reader reads them: words run on across inline markup
  (``Aug<ex>ustus</ex>`` is one word), and are separated at the boundaries
  of structural elements (paragraphs, lines, cells, items, notes… see
  SEPARATE) and at ``lb``/``pb``/``cb``, except those with ``break="no"``
  or without ``@break`` and with letters right up to them on both sides
  ("na<pb/>türlich"), which join the word they break (whitespace around them
  dropped); the
  parts of a structural element that has no text of its own (a place's name
  and location) are separate too;
* ``choice`` counted once: the first ``corr``/``expan``/``reg`` child, else its
  first child; ``app`` once: its ``lem``, else its first ``rdg``; ``del`` (the
  edited reading leaves it out of the text edition), ``witDetail`` and ``fw``
  (running heads and printed page numbers) are not words of the text;
  whitespace between the children of a ``subst`` is layout;
* a word is a run of Unicode word characters (``\\w+``) after NFC and case
  folding.

Words that reach a format are read the same way, with two allowances for how
editions print them: an editor's bracket inside a word (supplied letters,
"qu[is eam aperi]re", Leiden ⟦ ⟧; in the source's own text too) does not
split it, and a deletion shown struck through in HTML (``<del>``) is not run
together with the next word.

Words that reach a format: the same tokenisation of the HTML page's article
(without its table of contents and "Cite this" block; block-level HTML
elements separate words, inline ones do not) and of the whole text edition.
Kept = size of the multiset intersection / number of document words, so a
word repeated in a table of contents cannot stand in for one lost elsewhere.
"""

from __future__ import annotations

import argparse
import collections
import csv
import re
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

import lxml.html
from lxml import etree

TEI = "{http://www.tei-c.org/ns/1.0}"

#: Elements whose boundaries separate words (structure, not phrasing).
SEPARATE = {
    "ab", "argument", "back", "bibl", "biblStruct", "body", "byline", "castGroup", "castItem", "castList", "cell",
    "closer", "dateline", "div", "div1", "div2", "div3", "div4", "div5", "div6", "div7", "docAuthor", "docDate",
    "docEdition", "docImprint", "docTitle", "entry", "epigraph", "event", "figDesc", "figure", "floatingText",
    "front", "gap", "graphic", "group", "head", "item", "l", "label", "lg", "list", "listBibl", "listEvent",
    "listOrg", "listPerson", "listPlace", "note", "opener", "org", "p", "person", "place", "postscript",
    "row", "salute", "signed", "sp", "speaker", "stage", "table", "text", "titlePage", "titlePart",
    "trailer", "u", "lb", "pb", "cb", "milestone", "space", "sense", "form", "orth", "def", "line", "zone",
}
#: Elements whose text is not part of the reading text (see the docstring).
SKIP = {"teiHeader", "facsimile", "fw", "witDetail", "del"}
BLOCK_HTML = {"p", "div", "li", "ul", "ol", "td", "th", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6",
              "section", "article", "header", "blockquote", "figure", "figcaption", "br", "dd", "dt", "dl", "nav",
              "aside", "footer", "main", "caption", "del"}
WORD = re.compile(r"\w+")
#: Note markers ("[12]", "[*]") stay; any other bracket touching a word
#: character is an editor's sign inside or around a word, and goes.
NOTE_MARKER = re.compile(r"\[(?:\d{1,4}|\*)\]")
EDITORIAL_BRACKET = re.compile(r"(?<=\w)[\[\]⟦⟧]|[\[\]⟦⟧](?=\w)")


def without_brackets(text: str) -> str:
    pieces = NOTE_MARKER.split(text)
    markers = NOTE_MARKER.findall(text)
    cleaned = [EDITORIAL_BRACKET.sub("", piece) for piece in pieces]
    pairs = enumerate(zip(cleaned, markers + [""], strict=True))
    return "".join(c + (f" {m} " if i < len(markers) else "") for i, (c, m) in pairs)


def words(text: str, *, output: bool = False) -> list[str]:
    """The words of a text; of an edition's output (``output``) with its note
    markers, of a source without them (brackets in the source itself, as in
    editions that type "[θεοῖ]ς", are read the same way in both)."""
    text = unicodedata.normalize("NFC", text)
    text = without_brackets(text) if output else EDITORIAL_BRACKET.sub("", text)
    return WORD.findall(text.casefold())


def local(el) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def shown_child(el):
    """The child of a choice or app that the edited reading shows."""
    children = [c for c in el if isinstance(c.tag, str)]
    if local(el) == "choice":
        preferred = [c for c in children if local(c) in ("corr", "expan", "reg")]
        return (preferred or children or [None])[0]
    readings = [c for c in el.iter(TEI + "lem", TEI + "rdg")]
    lemma = [r for r in readings if local(r) == "lem"]
    return (lemma or readings or [None])[0]


def reading_text(root) -> str:
    """The document's reading text, as defined in the module docstring."""
    out: list[str] = []

    def is_break_no(el) -> bool:
        if local(el) not in ("lb", "pb", "cb"):
            return False
        if el.get("break") is not None:
            return el.get("break") in ("no", "false", "n")
        previous = el.getprevious()
        before = (previous.tail if previous is not None else el.getparent().text) or ""
        return bool(before) and not before[-1].isspace() and bool(el.tail) and not el.tail[0].isspace()

    def walk(el) -> None:
        name = local(el)
        if not name or name in SKIP:
            return
        if is_break_no(el):
            while out and out[-1][-1:].isspace():  # join: no whitespace before
                out[-1] = out[-1].rstrip()
                if not out[-1]:
                    out.pop()
            out.append("\x00")  # marks: strip whitespace after
            return
        sep = " " if name in SEPARATE else ""
        out.append(sep)
        if name in ("choice", "app"):
            shown = shown_child(el)
            if shown is not None:
                walk_inside(shown)
            if name == "app":
                for note in el.findall(TEI + "note"):
                    walk(note)
        else:
            walk_inside(el)
        out.append(sep)

    def walk_inside(el) -> None:
        fields = local(el) in SEPARATE and is_fields(el)
        # Whitespace between a subst's add and del is layout, not a space.
        layout = (lambda t: t if t and t.strip() else None) if local(el) == "subst" else (lambda t: t)
        add_text(layout(el.text))
        for child in el:
            if isinstance(child.tag, str):
                if fields:
                    out.append(" ")
                walk(child)
            add_text(layout(child.tail))

    def is_fields(el) -> bool:
        children = [c for c in el if isinstance(c.tag, str) and local(c) != "note"]
        texts = [el.text] + [c.tail for c in el]
        return len(children) > 1 and not any(t and t.strip() for t in texts)

    def add_text(text):
        if text:
            if out and out[-1] == "\x00":
                out[-1] = ""
                text = text.lstrip()
            out.append(text)

    for el in root.iter(TEI + "text", TEI + "standOff"):
        if el.getparent() is not None and local(el.getparent()) in ("TEI",):
            walk(el)
    return "".join(p for p in out if p != "\x00")


def html_text(path: Path) -> str:
    """The words of a page's article; the table of contents, "Cite this" and
    the page markers in the margin are not reading text."""
    doc = lxml.html.fromstring(path.read_bytes())
    article = doc.find_class("edition-text")[0]
    for unwanted in article.cssselect("nav.toc, section.cite, span.pb"):
        unwanted.drop_tree()
    parts: list[str] = []

    def walk(el) -> None:
        classes = (el.get("class") or "").split()
        block = el.tag in BLOCK_HTML or "block" in classes or "note-ref" in classes
        if block:
            parts.append(" ")
        parts.append(el.text or "")
        for child in el:
            if isinstance(child.tag, str):
                walk(child)
            parts.append(child.tail or "")
        if block:
            parts.append(" ")

    walk(article)
    return "".join(parts)


def kept(source: list[str], output: list[str]) -> tuple[float, list[str]]:
    if not source:
        return 1.0, []
    have = collections.Counter(output)
    need = collections.Counter(source)
    lost = need - have
    return 1 - sum(lost.values()) / len(source), sorted(lost.elements())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--tsv", type=Path, help="Write the per-file figures here.")
    parser.add_argument("--show-lost", type=int, default=0, metavar="N", help="Print up to N lost words per file.")
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()

    from edition import tei
    from edition.errors import EditionError
    from edition.render import RenderOptions, document_id, render

    start_wall, start_cpu = time.perf_counter(), time.process_time()
    files = sorted(p for p in args.folder.rglob("*.xml"))
    groups: dict[Path, list[Path]] = collections.defaultdict(list)
    for f in files:
        groups[f.parent].append(f)
    rows = []
    with tempfile.TemporaryDirectory(prefix="render-real-") as tmp:
        failed: dict[Path, str] = {}
        for n, (_folder, members) in enumerate(sorted(groups.items())):
            out = Path(tmp) / str(n)
            for fmt in ("html", "text"):
                result = render(members, out, RenderOptions(format=fmt, width=0), registers=out / "none.xml",
                                jobs=args.jobs)
                for issue in result.failed:
                    failed.setdefault(Path(issue.path), f"{fmt}: {issue.message}")
            for f in members:
                row = {"file": str(f.relative_to(args.folder)), "rendered": f not in failed,
                       "error": failed.get(f, ""), "words": 0, "html": None, "text": None}
                if row["rendered"]:
                    try:
                        root = tei.parse_file(f).getroot()
                    except EditionError as exc:
                        row.update(rendered=False, error=str(exc))
                        rows.append(row)
                        continue
                    doc_id = document_id(root, f)
                    source = words(reading_text(root))
                    row["words"] = len(source)
                    html_words = words(html_text(out / "html" / f"{doc_id}.html"), output=True)
                    text_words = words((out / "text" / f"{doc_id}.txt").read_text(encoding="utf-8"), output=True)
                    row["html"], lost_html = kept(source, html_words)
                    row["text"], lost_text = kept(source, text_words)
                    if args.show_lost and (lost_html or lost_text):
                        shown = args.show_lost
                        print(f"{row['file']}: lost html {lost_html[:shown]} text {lost_text[:shown]}")
                rows.append(row)

    for row in rows:
        if not row["rendered"]:
            print(f"{row['file']}: NOT RENDERED: {row['error'][:200]}")
    done = [r for r in rows if r["rendered"]]
    print(f"\n{len(files)} files, {len(done)} rendered ({100 * len(done) / max(len(files), 1):.1f}%)")
    for fmt in ("html", "text"):
        shares = [r[fmt] for r in done]
        total = sum(r["words"] for r in done)
        kept_words = sum(r[fmt] * r["words"] for r in done)
        below = [r for r in done if r[fmt] < 0.99]
        print(f"{fmt}: words kept {100 * kept_words / max(total, 1):.2f}% of {total} "
              f"(per file: min {100 * min(shares, default=1):.1f}%,"
              f" mean {100 * sum(shares) / max(len(shares), 1):.2f}%); "
              f"{len(below)} files below 99%: " + ", ".join(f"{r['file']} {100 * r[fmt]:.1f}%" for r in below[:15]))
    print(f"wall {time.perf_counter() - start_wall:.1f} s, CPU (this process) {time.process_time() - start_cpu:.1f} s")
    if args.tsv:
        args.tsv.parent.mkdir(parents=True, exist_ok=True)
        with open(args.tsv, "w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(rows[0]), delimiter="\t")
            writer.writeheader()
            writer.writerows(rows)
    return 0 if len(done) == len(files) and all(min(r["html"], r["text"]) >= 0.99 for r in done) else 1


if __name__ == "__main__":
    sys.exit(main())
