"""Typeset test PDFs from our own texts, with the text route's TEI as the truth.

    python benchmarks/make_test_pdfs.py [--out output/test-pdfs] [--variant journal|foot]

For each raw/<id>.txt the text route (``edition.ingest.ingest_file``) makes
the TEI; this script typesets that TEI page by page with reportlab, as a
Turkish journal prints an article:

* one PDF page per TEI page (``pb``), printed page numbers from ``--first-page``
  (baku-katliami-1918 starts at 233; kafkasya-sovyetlestirilmesi keeps the
  numbers its running head printed, 29…);
* running head: page number and journal name (even pages, number at the left)
  or author/short title and page number (odd pages, number at the right), at
  the top ("journal" variant) or at the bottom below the notes ("foot"
  variant); the first page has its number alone at the foot;
* body 9.5 pt, justified word by word (no space glyphs, as most PDFs), two
  columns on every second page (one column throughout in "foot"), paragraphs
  indented, headings bold;
* note markers as superscript digits glued to the word; the notes at the page
  foot in 7 pt below a rule, labelled with superscript digits on odd pages and
  plain digits ("12 ") on even pages (kafkasya-sovyetlestirilmesi has no notes);
* words hyphenated at Turkish syllable boundaries when a line is full, and
  compounds broken after their hyphen; a word the TEI splits at a page break
  (``<pb break="no"/>``) is printed with a hyphen at the page end.

Next to each PDF, ``<id>.truth.json`` records the printed page numbers and
every line-end hyphen the typesetter made (for the hyphenation score).
``benchmarks/pdf_route.py`` compares the PDF route against the same TEI.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from edition.ingest import ingest_file  # noqa: E402

T = "{http://www.tei-c.org/ns/1.0}"
PAGE_W, PAGE_H = 595.28, 841.89
MARGIN_X = 56.0
HEAD_Y = PAGE_H - 48
BODY_TOP = PAGE_H - 80
BODY_BOTTOM = 56.0
FOOT_Y = 30.0
GUTTER = 18.0
NOTE_SIZE, NOTE_LEADING = 7.0, 8.6
SUP_SIZE, SUP_RISE = 5.5, 3.6
VOWELS = set("aeıioöuüâîûAEIİOÖUÜÂÎÛ")

# Per text: the first printed page number (None: keep the TEI's own numbers),
# the running heads, and how footnote labels are printed.
TEXTS = {
    "baku-katliami-1918": dict(first_page=233, journal="Deneme Tarih Dergisi, Cilt 1, Sayı 1, 2018",
                               short="Elçin Neciyev, Bakü Katliamı Gerçeği", note_label="alternate"),
    "kafkasya-sovyetlestirilmesi": dict(first_page=None, journal="Deneme Tarih Dergisi, Cilt 2, Sayı 3, 2022",
                                        short="Kafkasya’nın Sovyetleştirilmesi ve Türkiye-Kafkasya İlişkileri",
                                        note_label="plain"),
}


# Layout variants: "journal" (running head at the top, two columns on every
# second page, note labels as in TEXTS) and "foot" (running foot at the bottom
# below the notes, one column, superscript note labels).
VARIANTS = {
    "journal": {"edge": "head", "two_columns": True},
    "foot": {"edge": "foot", "two_columns": False, "note_label": "superscript"},
}


# --- the TEI as a stream of pages, blocks and words -------------------------

@dataclass
class Word:
    """A printed word: text segments, some of them superscript note markers."""

    segments: list[tuple[str, str]] = field(default_factory=list)  # ("text"|"sup", s)
    # The word goes on after a page break (TEI pb break="no").
    split_at_page_end: bool = False

    @property
    def text(self) -> str:
        return "".join(s for _, s in self.segments)


@dataclass
class Block:
    kind: str  # title | subtitle | author | head | p | item
    words: list[Word] = field(default_factory=list)
    starts_here: bool = True  # False: the rest of a block begun on the page before
    goes_on: bool = False  # the block goes on on the next page: its last line is full


@dataclass
class Page:
    n: str
    blocks: list[Block] = field(default_factory=list)
    notes: list[tuple[str, list[str]]] = field(default_factory=list)  # label, paragraphs


BLOCKS = {"head": "head", "p": "p", "item": "item", "docAuthor": "author", "byline": "author"}


def _note_paragraphs(note: etree._Element) -> list[str]:
    paras = note.findall(T + "p") or [note]
    return [" ".join("".join(p.itertext()).split()) for p in paras]


class Reader:
    """Walk the TEI text in document order and cut it into pages."""

    def __init__(self) -> None:
        self.pages: list[Page] = []
        self.block: Block | None = None
        self.word: Word | None = None

    def page(self) -> Page:
        return self.pages[-1]

    def pb(self, n: str, glued: bool) -> None:
        if self.word is not None and glued:
            self.word.split_at_page_end = True
        self.flush()
        self.pages.append(Page(n))
        if self.block is not None:
            self.block.goes_on = True
            self.block = Block(self.block.kind, starts_here=False)
            self.page().blocks.append(self.block)

    def flush(self) -> None:
        if self.word is not None and self.word.segments:
            assert self.block is not None
            self.block.words.append(self.word)
        self.word = None

    def text(self, s: str | None) -> None:
        for ch in s or "":
            if ch.isspace():
                self.flush()
                continue
            if self.word is None:
                self.word = Word()
            segs = self.word.segments
            if segs and segs[-1][0] == "text":
                segs[-1] = ("text", segs[-1][1] + ch)
            else:
                segs.append(("text", ch))

    def marker(self, label: str) -> None:
        if self.word is None:
            # A marker after a space: glued to the word before, as printed.
            words = self.block.words if self.block else []
            self.word = words.pop() if words else Word()
        self.word.segments.append(("sup", label))

    def open_block(self, kind: str) -> None:
        self.flush()
        self.block = Block(kind)
        self.page().blocks.append(self.block)

    def close_block(self) -> None:
        self.flush()
        self.block = None

    def inline(self, node: etree._Element) -> None:
        self.text(node.text)
        for child in node:
            if not isinstance(child.tag, str):
                self.text(child.tail)
                continue
            name = etree.QName(child).localname
            if name == "note":
                label = child.get("n") or "*"
                self.marker(label)
                self.page().notes.append((label, _note_paragraphs(child)))
            elif name == "pb":
                before = (child.getprevious().tail if child.getprevious() is not None else node.text) or ""
                glued = child.get("break") == "no" or (bool(before) and not before[-1:].isspace()
                                                       and bool(child.tail) and not child.tail[:1].isspace())
                self.pb(child.get("n", ""), glued)
            elif name == "label":
                self.inline(child)
                self.flush()  # the label is a word of its own ("1.")
            else:
                self.inline(child)
            self.text(child.tail)

    def walk(self, node: etree._Element) -> None:
        for child in node:
            if not isinstance(child.tag, str):
                continue
            name = etree.QName(child).localname
            if name == "pb":
                self.flush()
                self.pages.append(Page(child.get("n", "")))
            elif name == "titlePart":
                self.open_block("title" if child.get("type", "main") == "main" else "subtitle")
                self.inline(child)
                self.close_block()
            elif name == "list" and child.get("type") == "keywords":
                # Printed as one line: "Anahtar Kelime: a, b, c."
                self.open_block("p")
                head = child.find(T + "head")
                if head is not None:
                    self.inline(head)
                    self.flush()
                items = child.findall(T + "item")
                for k, item in enumerate(items):
                    self.inline(item)
                    self.text("," if k + 1 < len(items) else ".")
                    self.flush()
                self.close_block()
            elif name == "label":
                # A glossed list (label, item, label, item): the label opens the item.
                self.open_block("item")
                self.inline(child)
                self.flush()
            elif name == "item" and self.block is not None and self.block.kind == "item" \
                    and child.getprevious() is not None and etree.QName(child.getprevious()).localname == "label":
                self.inline(child)
                self.close_block()
            elif name in BLOCKS:
                self.open_block(BLOCKS[name])
                self.inline(child)
                self.close_block()
            else:
                self.walk(child)


def read_pages(tei: etree._ElementTree) -> list[Page]:
    reader = Reader()
    reader.walk(tei.getroot().find(T + "text"))
    return reader.pages


# --- typesetting -------------------------------------------------------------

def _fonts() -> tuple[str, str]:
    """DejaVu Serif where installed (it has Cyrillic too), else reportlab's own Vera."""
    import reportlab

    candidates = [
        (Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"),
         Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf")),
        (Path(reportlab.__file__).parent / "fonts" / "Vera.ttf",
         Path(reportlab.__file__).parent / "fonts" / "VeraBd.ttf"),
    ]
    for regular, bold in candidates:
        if regular.exists() and bold.exists():
            pdfmetrics.registerFont(TTFont("Body", str(regular)))
            pdfmetrics.registerFont(TTFont("Body-Bold", str(bold)))
            return regular.name, bold.name
    raise SystemExit("no TrueType font found")


@dataclass
class Style:
    font: str
    size: float
    leading: float
    indent: float = 0.0
    space_before: float = 0.0
    centred: bool = False


def styles(body: float) -> dict[str, Style]:
    lead = body * 1.22
    return {
        "title": Style("Body-Bold", 14, 17, space_before=4, centred=True),
        "subtitle": Style("Body-Bold", 11, 14, centred=True),
        "author": Style("Body", body, lead, space_before=8, centred=True),
        "head": Style("Body-Bold", body, lead, space_before=7),
        "p": Style("Body", body, lead, indent=14, space_before=1.5),
        "item": Style("Body", body, lead, indent=8, space_before=3),
    }


def width(word: Word, style: Style) -> float:
    w = 0.0
    for kind, s in word.segments:
        if kind == "sup":
            w += pdfmetrics.stringWidth(s, style.font, SUP_SIZE)
        else:
            w += pdfmetrics.stringWidth(s, style.font, style.size)
    return w


def syllable_splits(text: str) -> list[int]:
    """Positions where a Turkish word may be hyphenated: before a consonant
    that begins a syllable (consonant + vowel), at least two letters each side."""
    out = []
    for i in range(2, len(text) - 1):
        a, b, c = text[i - 1], text[i], text[i + 1]
        if not (a.isalpha() and b.isalpha() and c.isalpha()):
            continue
        if b not in VOWELS and c in VOWELS and any(ch in VOWELS for ch in text[:i]) and len(text) - i >= 2:
            out.append(i)
    return out


@dataclass
class Line:
    words: list[Word]
    style: Style
    indent: float
    last: bool  # last line of a block: not justified
    hyphen: bool = False  # the line ends in a hyphen the typesetter added


def break_lines(block: Block, style: Style, col_w: float, hyphens: list[dict]) -> list[Line]:
    """Greedy line breaking with Turkish hyphenation."""
    lines: list[Line] = []
    words = list(block.words)
    space = pdfmetrics.stringWidth(" ", style.font, style.size)
    indent = style.indent if block.starts_here else 0.0
    current: list[Word] = []
    used = indent
    i = 0
    while i < len(words):
        word = words[i]
        w = width(word, style)
        need = w + (space if current else 0)
        if used + need <= col_w or not current:
            current.append(word)
            used += need
            i += 1
            continue
        # Full: try to hyphenate (only plain-text words) or break after a hyphen.
        room = col_w - used - space
        text = word.text
        split = None
        if len(word.segments) == 1 and word.segments[0][0] == "text" and room > 30:
            dash = [k + 1 for k, ch in enumerate(text[:-2]) if ch == "-" and text[k + 1].isalpha() and k >= 2]
            for pos in sorted(syllable_splits(text) + dash, reverse=True):
                head = text[:pos] if text[pos - 1] == "-" else text[:pos] + "-"
                if pdfmetrics.stringWidth(head, style.font, style.size) <= room:
                    split = pos
                    break
        if split is not None:
            left, right = text[:split], text[split:]
            soft = not left.endswith("-")
            current.append(Word([("text", left + ("-" if soft else ""))]))
            hyphens.append({"word": text, "at": split, "kind": "syllable" if soft else "compound"})
            words[i] = Word([("text", right)], word.split_at_page_end)
        lines.append(Line(current, style, indent, last=False, hyphen=split is not None))
        current, used, indent = [], 0.0, 0.0
    if current:
        lines.append(Line(current, style, indent, last=not block.goes_on))
    if lines and block.words and block.words[-1].split_at_page_end:
        last = lines[-1].words[-1]
        if not last.text.endswith("-"):
            last.segments.append(("text", "-"))
            hyphens.append({"word": last.text[:-1], "at": None, "kind": "page"})
    return lines


def draw_line(c: canvas.Canvas, line: Line, x: float, y: float, col_w: float, justify: bool) -> None:
    st = line.style
    widths = [width(w, st) for w in line.words]
    space = pdfmetrics.stringWidth(" ", st.font, st.size)
    natural = sum(widths) + space * (len(widths) - 1)
    if st.centred:
        x += (col_w - natural) / 2
        gap = space
    elif justify and not line.last and len(widths) > 1:
        gap = (col_w - line.indent - sum(widths)) / (len(widths) - 1)
        x += line.indent
    else:
        gap = space
        x += line.indent
    for word, w in zip(line.words, widths, strict=True):
        cx = x
        for kind, s in word.segments:
            if kind == "sup":
                c.setFont(st.font, SUP_SIZE)
                c.drawString(cx, y + SUP_RISE, s)
                cx += pdfmetrics.stringWidth(s, st.font, SUP_SIZE)
            else:
                c.setFont(st.font, st.size)
                c.drawString(cx, y, s)
                cx += pdfmetrics.stringWidth(s, st.font, st.size)
        x += w + gap


class Overflow(Exception):
    pass


def note_lines(label: str, paras: list[str], text_w: float, superscript: bool) -> list[tuple[float, list]]:
    """Lines of one footnote: (indent, [(kind, text)]) with its label first."""
    font, size = "Body", NOTE_SIZE
    space = pdfmetrics.stringWidth(" ", font, size)
    out: list[tuple[float, list]] = []
    for k, para in enumerate(paras):
        words = para.split()
        indent = 0.0 if k == 0 else 10.0
        cur: list = []
        if k == 0:
            cur = [("sup", label)] if superscript else [("text", label)]
        used = indent + sum(pdfmetrics.stringWidth(s, font, SUP_SIZE if kind == "sup" else size) for kind, s in cur)
        for word in words:
            w = pdfmetrics.stringWidth(word, font, size)
            if cur and used + space + w > text_w:
                out.append((indent, cur))
                cur, used, indent = [], 0.0, 0.0
            cur.append(("text", word))
            used += w + (space if len(cur) > 1 else 0)
        if cur:
            out.append((indent, cur))
    return out


def typeset_page(c: canvas.Canvas, page: Page, index: int, printed: int, spec: dict, body_size: float,
                 hyphens: list[dict]) -> None:
    st = styles(body_size)
    text_w = PAGE_W - 2 * MARGIN_X
    variant = VARIANTS[spec["variant"]]
    # Running head (or foot): page number outside, journal or author inside.
    c.setFont("Body", 8)
    edge_y = HEAD_Y if variant["edge"] == "head" else FOOT_Y
    if index == 0:
        c.drawCentredString(PAGE_W / 2, FOOT_Y, str(printed))
    elif printed % 2 == 0:
        c.drawString(MARGIN_X, edge_y, str(printed))
        c.drawRightString(PAGE_W - MARGIN_X, edge_y, spec["journal"])
    else:
        c.drawString(MARGIN_X, edge_y, spec["short"])
        c.drawRightString(PAGE_W - MARGIN_X, edge_y, str(printed))
    # Footnotes first: they fix the body's bottom.
    labels = variant.get("note_label", spec["note_label"])
    superscript = labels == "superscript" or (labels == "alternate" and printed % 2 == 1)
    nlines = [ln for label, paras in page.notes for ln in note_lines(label, paras, text_w, superscript)]
    bottom = BODY_BOTTOM + (len(nlines) * NOTE_LEADING + 10 if nlines else 0)
    y = BODY_BOTTOM + len(nlines) * NOTE_LEADING - NOTE_LEADING + 2
    if nlines:
        c.setLineWidth(0.4)
        c.line(MARGIN_X, y + NOTE_LEADING + 2, MARGIN_X + text_w / 3, y + NOTE_LEADING + 2)
    for indent, segs in nlines:
        x = MARGIN_X + indent
        for kind, s in segs:
            if kind == "sup":
                c.setFont("Body", SUP_SIZE)
                c.drawString(x, y + 2.8, s)
                x += pdfmetrics.stringWidth(s, "Body", SUP_SIZE)
            else:
                c.setFont("Body", NOTE_SIZE)
                c.drawString(x, y, s)
                x += pdfmetrics.stringWidth(s + " ", "Body", NOTE_SIZE)
        y -= NOTE_LEADING
    # Body: one column, or two on every second page.
    columns = 2 if variant["two_columns"] and index % 2 == 1 else 1
    col_w = (text_w - GUTTER * (columns - 1)) / columns
    col = 0
    y = BODY_TOP
    for block in page.blocks:
        style = st[block.kind]
        lines = break_lines(block, style, col_w, hyphens)
        if block.starts_here and y < BODY_TOP:
            y -= style.space_before
        for line in lines:
            if y - style.leading < bottom:
                col += 1
                if col >= columns:
                    raise Overflow
                y = BODY_TOP
            y -= style.leading
            draw_line(c, line, MARGIN_X + col * (col_w + GUTTER), y, col_w, justify=True)


def typeset(doc_id: str, tei: etree._ElementTree, out: Path, variant: str = "journal") -> dict:
    spec = dict(TEXTS[doc_id], variant=variant)
    pages = read_pages(tei)
    if spec["first_page"] is None:
        printed = [int(p.n) for p in pages]
    else:
        printed = [spec["first_page"] + k for k in range(len(pages))]
    body_sizes: list[float] = []
    hyphens: list[dict] = []
    c = canvas.Canvas(str(out), pagesize=(PAGE_W, PAGE_H), pageCompression=1, invariant=1)
    c.setTitle(doc_id)
    for index, page in enumerate(pages):
        # A page that does not fit is set again in a smaller body size, so
        # that every TEI page is one PDF page.
        for size in (9.5, 9.0, 8.5, 8.0):
            page_hyphens: list[dict] = []
            trial = canvas.Canvas("/dev/null", pagesize=(PAGE_W, PAGE_H))
            try:
                typeset_page(trial, page, index, printed[index], spec, size, page_hyphens)
            except Overflow:
                continue
            break
        else:
            raise SystemExit(f"{doc_id}: page {page.n} does not fit")
        body_sizes.append(size)
        page_hyphens.clear()
        typeset_page(c, page, index, printed[index], spec, size, page_hyphens)
        hyphens.extend(page_hyphens)
        c.showPage()
    c.save()
    return {"pages": [str(n) for n in printed], "tei_pages": [p.n for p in pages],
            "body_sizes": body_sizes, "hyphens": hyphens,
            "notes": [label for p in pages for label, _ in p.notes]}


def text_route_tei(doc_id: str) -> etree._ElementTree:
    return ingest_file(ROOT / "raw" / f"{doc_id}.txt").tree


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "output" / "test-pdfs",
                        help="folder for <variant>/<id>.pdf, <id>.truth.json and <id>.toml")
    parser.add_argument("--variant", action="append", choices=sorted(VARIANTS),
                        help="layout variant(s) to typeset (default: all)")
    args = parser.parse_args(argv)
    regular, bold = _fonts()
    for doc_id in TEXTS:
        tei = text_route_tei(doc_id)
        for variant in args.variant or sorted(VARIANTS):
            folder = args.out / variant
            folder.mkdir(parents=True, exist_ok=True)
            pdf = folder / f"{doc_id}.pdf"
            truth = typeset(doc_id, tei, pdf, variant)
            truth["font"] = [regular, bold]
            truth["variant"] = variant
            (folder / f"{doc_id}.truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1))
            # The route reads raw/<id>.toml next to the PDF: same facts as the text.
            (folder / f"{doc_id}.toml").write_bytes((ROOT / "raw" / f"{doc_id}.toml").read_bytes())
            print(f"{pdf}: {len(truth['pages'])} pages (printed {truth['pages'][0]}–{truth['pages'][-1]}), "
                  f"{len(truth['notes'])} notes, {len(truth['hyphens'])} line-end hyphens, "
                  f"body sizes {sorted(set(truth['body_sizes']))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
