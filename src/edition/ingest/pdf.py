"""PDF route: an article PDF to the raw-text layout the structural stages read.

A PDF knows what a plain-text extraction loses: the size, weight and position
of every character. This module reads the characters with pdfminer.six and
uses them to tell the parts of a page apart, then writes the page in the
layout :mod:`.layout` reads (pages end to end; running head and page number
as isolated lines; columns in reading order; the page's footnotes as a block
of "(N) …" lines), so the PDF goes through the same stages as a text:

1. characters: upright glyphs with size, weight and box (:func:`read_pages`);
2. rows: glyphs on one baseline; smaller raised glyphs joined to the row
   below them as superscript note markers (:func:`rows_of`);
3. zones: the running head or foot (a row at the top or bottom edge, set
   apart from the rest, carrying the page number that agrees with the other
   pages', or text repeated on other pages: :func:`running_heads`), the
   footnotes (rows in a smaller size at the foot of the page), the body;
4. columns: a vertical gutter no body row crosses splits rows into a left
   and a right column; rows that cross it (titles) cut the page in bands.
   A gutter is an em wide and not made of word spaces that line up
   (:func:`_gutter`): a wrong one would reorder the lines;
5. blocks: a paragraph starts at an indented line, after a wider gap, after
   a line ending well short of the column's edge, or where the type changes
   between heading (bold or larger) and text; blocks are separated by a blank
   line as in the extractions ingest reads;
6. notes: a footnote starts with its label (superscript or plain digits,
   the next number in sequence, or "*"); rows before the first label on a
   page continue the last note of the page before.

The printed page numbers become the ``pb`` numbers (the layout stage reads
them from the isolated number lines), and the header records what was
recognised. pdfminer.six is MIT-licensed and pure Python (see pyproject.toml).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from ..errors import InputError, Issue
from ..tei import TEI, sub

if TYPE_CHECKING:  # the package imports this module lazily, from ingest_file
    from pdfminer.layout import LTComponent
    from pdfminer.pdfdocument import PDFDocument

    from . import IngestOptions, IngestResult

# pdfminer reports damage it works around through logging; the route collects
# those records as warnings (see _damage_reported) instead of letting them reach stderr.
logging.getLogger("pdfminer").addHandler(logging.NullHandler())

NUMBER = re.compile(r"^\d{1,4}$")
CID = re.compile(r"\(cid:\d+\)")


@dataclass(frozen=True)
class PdfOptions:
    # A row is a superscript when its glyphs are at most this share of the row
    # below them and sit above its baseline.
    superscript_ratio: float = 0.88
    # Footnotes are set smaller than the body: at most this share of its size.
    note_ratio: float = 0.92
    # Headings: bold, or at least this share larger than the body.
    heading_ratio: float = 1.15
    # A gap wider than this share of the glyph size is a space between words.
    space_gap: float = 0.18
    # A paragraph starts after a gap this many times the usual line distance.
    paragraph_gap: float = 1.25
    # A first line indented by this share of the size starts a paragraph.
    indent: float = 0.6
    # A line ending this share of the column width before its right edge ends
    # a paragraph (justified text fills every other line).
    short_line: float = 0.25
    # Running heads and feet sit in this share of the page height at the edge.
    edge_band: float = 0.12
    # A gutter is at least this many times the type size wide, and wider than
    # the word spaces next to it: a justified line spreads its spaces evenly,
    # so spaces of a few lines that happen to line up are no gutter.
    column_gap: float = 1.0


@dataclass
class Glyph:
    text: str
    x0: float
    x1: float
    y0: float
    y1: float
    size: float
    bold: bool
    sup: bool = False


@dataclass
class Row:
    glyphs: list[Glyph]
    y0: float
    size: float

    @property
    def x0(self) -> float:
        return min(g.x0 for g in self.glyphs)

    @property
    def x1(self) -> float:
        return max(g.x1 for g in self.glyphs)

    def text(self, options: PdfOptions = PdfOptions()) -> str:
        return render_glyphs(self.glyphs, options)

    @property
    def bold(self) -> bool:
        plain = [g for g in self.glyphs if not g.sup and not g.text.isspace()]
        return bool(plain) and sum(g.bold for g in plain) > 0.6 * len(plain)


@dataclass
class Line:
    """One printed line of a column: its text and what the page says about it."""

    text: str
    x0: float
    y0: float
    size: float
    bold: bool
    column: int
    indent: float = 0.0
    gap: float = 0.0  # distance to the line before in the same column, in leadings
    short: bool = False  # ends well before the column's right edge

    def heading(self, body: float, options: PdfOptions) -> bool:
        return self.bold or self.size >= options.heading_ratio * body


@dataclass
class PdfPage:
    index: int  # 1-based PDF page
    head: str = ""
    number: str | None = None
    body: list[Line] = field(default_factory=list)
    notes: list[Line] = field(default_factory=list)
    columns: int = 1
    counted: str | None = None  # the number this page has by the others' printed numbers


@dataclass
class Extraction:
    """The raw text made from a PDF, and what was recognised on its pages."""

    text: str
    pages: list[PdfPage]
    line_pages: dict[int, int]  # raw line number -> PDF page
    body_size: float
    warnings: list[Issue] = field(default_factory=list)
    superscripts: int = 0  # glyphs read as superscript note markers or labels
    notes: int = 0


# --- 1. characters -------------------------------------------------------------

def _open_document(data: bytes, path: str) -> PDFDocument:
    from io import BytesIO

    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFParser

    if b"%PDF-" not in data[:1024]:  # readers accept the header anywhere in the first KiB
        raise InputError("is not a PDF (no %PDF header)", path=path,
                         hint="Give a PDF file, or a text extraction named <id>.txt.")
    if b"%%EOF" not in data[-2048:]:
        # pdfminer reads what it can of a cut file; an edition must not lose its end silently.
        raise InputError("the PDF is incomplete (no %%EOF at its end)", path=path,
                         hint="Download or copy the file again and ingest the complete one.")
    try:
        return PDFDocument(PDFParser(BytesIO(data)), password="")
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise InputError(f"the PDF is encrypted and needs a password ({type(exc).__name__})", path=path,
                         hint="Save an unencrypted copy (e.g. qpdf --decrypt) and ingest that.") from None


def _clean(text: str) -> str:
    """A glyph's text; control characters and lone surrogates (damaged font
    maps) become U+FFFD, visibly, instead of breaking the XML."""
    return "".join("\ufffd" if unicodedata.category(ch) in ("Cc", "Cs") and not ch.isspace() else ch
                   for ch in text)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message not in self.messages:
            self.messages.append(message)


@contextlib.contextmanager
def _damage_reported(path: str, warnings: list[Issue]) -> Iterator[None]:
    """pdfminer's warnings while reading (a damaged stream, a broken xref) become
    one ingest warning: the text may be incomplete, and the editor must know."""
    handler = _Collect()
    logger = logging.getLogger("pdfminer")
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
    damage = [m for m in handler.messages if "permission" not in m.lower() and "extractable" not in m.lower()]
    if damage:
        more = f" (and {len(damage) - 3} more)" if len(damage) > 3 else ""
        warnings.append(Issue(path, None, None, "warning",
                              "the PDF is damaged and was read around the damage, so text may be missing: "
                              + "; ".join(damage[:3]) + more + ". Compare the TEI with the PDF, or repair the file "
                              "(e.g. qpdf) and ingest again", "ingest-pdf-damaged"))


def read_pages(data: bytes, path: str) -> tuple[list[list[Glyph]], list[float], list[Issue]]:
    """Every page's upright glyphs, refusing encrypted, broken and image-only PDFs."""
    from pdfminer.psexceptions import PSException

    warnings: list[Issue] = []
    pages: list[list[Glyph]] = []
    heights: list[float] = []
    try:
        with _damage_reported(path, warnings):
            pages, heights = _read(data, path, warnings)
    except InputError:
        raise
    except (PSException, ValueError, KeyError, TypeError, IndexError, AssertionError, EOFError) as exc:
        # pdfminer reports damage through many exception types; all mean the same here.
        raise InputError(f"the PDF cannot be read ({type(exc).__name__}: {exc})", path=path,
                         hint="Check that the file is complete, or repair it (e.g. qpdf) and ingest again.") from None
    if not pages:
        raise InputError("the PDF has no pages", path=path, hint="Check that the file is complete.")
    if not any(g for page in pages for g in page if not g.text.isspace()):
        raise InputError(f"the PDF has no text layer ({len(pages)} pages of images only, a scan?)", path=path,
                         hint="Run OCR first (e.g. ocrmypdf) and ingest the result.")
    return pages, heights, warnings


def _read(data: bytes, path: str, warnings: list[Issue]) -> tuple[list[list[Glyph]], list[float]]:
    """Each page's glyphs and height."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    pages: list[list[Glyph]] = []
    heights: list[float] = []
    doc = _open_document(data, path)
    if not doc.is_extractable:
        warnings.append(Issue(path, None, None, "warning",
                              "the PDF's permissions do not allow copying its text; it was extracted for the "
                              "edition all the same, so check the rights before publishing",
                              "ingest-pdf-permissions"))
    manager = PDFResourceManager(caching=True)
    device = PDFPageAggregator(manager, laparams=None)
    interpreter = PDFPageInterpreter(manager, device)
    for page in PDFPage.create_pages(doc):
        interpreter.process_page(page)
        heights.append(float(page.mediabox[3]) - float(page.mediabox[1]))
        pages.append(_glyphs_of(device.get_result()))
    return pages, heights


BOLD_FONT_WORDS = ("bold", "black", "heavy", "demi")


def _glyphs_of(page: LTComponent) -> list[Glyph]:
    """The upright characters of a laid-out page, depth first from the last
    child (the order the rows stage sorts anyway)."""
    from pdfminer.layout import LTChar, LTContainer

    glyphs: list[Glyph] = []
    stack: list[LTComponent] = [page]
    while stack:
        item = stack.pop()
        if isinstance(item, LTChar):
            # Rotated text (a margin stamp) and zero-size glyphs are not the article's lines.
            if item.upright and item.get_text() and item.size >= 1:
                name = item.fontname.lower()
                glyphs.append(Glyph(_clean(item.get_text()), item.x0, item.x1, item.y0, item.y1,
                                    round(item.size, 2), any(w in name for w in BOLD_FONT_WORDS)))
        elif isinstance(item, LTContainer):
            stack.extend(item)
    return glyphs


# --- 2. rows -------------------------------------------------------------------

def rows_of(glyphs: list[Glyph], options: PdfOptions = PdfOptions()) -> list[Row]:
    """Glyphs grouped by baseline, top to bottom; superscripts joined to their row."""
    return _attach_superscripts(baselines(glyphs), options)


def baselines(glyphs: list[Glyph]) -> list[Row]:
    """Glyphs grouped by baseline, top to bottom: a glyph joins one of the
    last rows (a few, for superscripts and drop words) of a similar size
    whose baseline is within a quarter of its size."""
    rows: list[Row] = []
    for g in sorted(glyphs, key=lambda g: (-g.y0, g.x0)):
        for row in rows[-6:]:
            similar = 0.8 <= g.size / row.size <= 1.25
            if similar and abs(g.y0 - row.y0) <= 0.25 * row.size:
                row.glyphs.append(g)
                break
        else:
            rows.append(Row([g], g.y0, g.size))
    return rows


def _attach_superscripts(rows: list[Row], options: PdfOptions) -> list[Row]:
    """Small raised rows of digits become superscript markers of the row just
    below them (glyphs marked ``sup``); each row's glyphs in x order."""
    kept: list[Row] = []
    largest = max((r.size for r in rows), default=0.0)
    for row in rows:
        if not _may_be_markers(row, largest, options):
            kept.append(row)
            continue
        for run in _runs(row):
            base = _base_row(run, rows, options)
            if base is None:
                kept.append(Row(run, row.y0, row.size))
                continue
            for g in run:
                g.sup = True
            base.glyphs.extend(run)
    for row in kept:
        row.glyphs.sort(key=lambda g: g.x0)
    return kept


def _may_be_markers(row: Row, largest: float, options: PdfOptions) -> bool:
    """Whether a row could be superscript markers: digits or "*" (with
    commas and dashes between), in type smaller than the page's largest."""
    text = "".join(g.text for g in row.glyphs).strip()
    return (bool(text) and all(ch.isdigit() or ch in "*,–- " for ch in text)
            and row.size <= options.superscript_ratio * largest)


def _runs(row: Row) -> list[list[Glyph]]:
    """A row's glyphs cut where they are more than a space apart (one marker each)."""
    runs: list[list[Glyph]] = []
    for g in sorted(row.glyphs, key=lambda g: g.x0):
        if runs and g.x0 - runs[-1][-1].x1 <= 0.5 * row.size:
            runs[-1].append(g)
        else:
            runs.append([g])
    return runs


def _base_row(run: list[Glyph], rows: list[Row], options: PdfOptions) -> Row | None:
    """The row a raised run belongs to: larger type, just below, touching the
    run on its left (a marker after a word) or its right (a label before a note)."""
    x0, x1, y0, size = run[0].x0, run[-1].x1, run[0].y0, run[0].size
    best = None
    for other in rows:
        rise = y0 - other.y0
        if size > options.superscript_ratio * other.size or not 0.1 * other.size <= rise <= 0.9 * other.size:
            continue
        near = 0.6 * other.size
        if any(abs(h.x1 - x0) <= near or abs(h.x0 - x1) <= near for h in other.glyphs if not h.sup):
            if best is None or rise < y0 - best.y0:
                best = other
    return best


def render_glyphs(glyphs: list[Glyph], options: PdfOptions = PdfOptions()) -> str:
    """The text of glyphs in x order: spaces from gaps, markers glued to the word before."""
    out: list[str] = []
    prev: Glyph | None = None
    for g in glyphs:
        if g.text.isspace():
            if out and out[-1] != " ":
                out.append(" ")
            prev = g
            continue
        if prev is not None and not prev.text.isspace():
            gap = g.x0 - prev.x1
            if gap > options.space_gap * max(g.size, prev.size) and not (g.sup and not prev.sup):
                out.append(" ")
        if g.sup and not (prev is not None and prev.sup):
            while out and out[-1] == " ":
                out.pop()
        if prev is not None and prev.sup and not g.sup and all(o.isdigit() or o in "*" for o in out):
            out.append(" ")  # a superscript label opening the line: "¹Text" is note 1
        out.append(g.text)
        prev = g
    return CID.sub("\ufffd", "".join(out)).strip()


# --- 3. zones ------------------------------------------------------------------

def body_size_of(rows: list[list[Row]], edges: list[list[Row]]) -> float:
    """The most common type size, running heads and feet left out (on a short
    text their glyphs could outnumber the body's)."""
    sizes = Counter(round(g.size, 1) for page_rows_, page_edges in zip(rows, edges, strict=True) for r in page_rows_
                    if not any(r is e for e in page_edges) for g in r.glyphs if not g.sup and not g.text.isspace())
    if not sizes:
        sizes = Counter(round(g.size, 1) for page_rows_ in rows for r in page_rows_ for g in r.glyphs)
    return sizes.most_common(1)[0][0]


def _edge_rows(rows: list[Row], height: float, options: PdfOptions) -> list[Row]:
    """Candidates for the running head (top) and foot (bottom): rows at the page
    edge, set apart from the rest."""
    if len(rows) < 2:
        return []
    edges = []
    first, second = rows[0], rows[1]
    if first.y0 >= height * (1 - options.edge_band) and first.y0 - second.y0 >= 1.8 * first.size:
        edges.append(first)
    last, before = rows[-1], rows[-2]
    if last.y0 <= height * options.edge_band and before.y0 - last.y0 >= 1.8 * last.size:
        edges.append(last)
    return edges


def _number_candidates(row: Row, options: PdfOptions) -> dict[str, int]:
    """Numbers at the start or end of a running head, one of them the page's,
    with a weight: a number set apart from the head's text by a wide gap (the
    page number at the outer edge) counts more than one inside it ("Sayı 2")."""
    parts = row.text(options).split()
    if not parts:
        return {}
    glyphs = sorted((g for g in row.glyphs if not g.text.isspace()), key=lambda g: g.x0)
    runs: list[list[Glyph]] = [[glyphs[0]]]
    for a, b in pairwise(glyphs):
        if b.x0 - a.x1 > 2 * row.size:
            runs.append([])
        runs[-1].append(b)
    apart = {render_glyphs(run, options) for run in (runs[0], runs[-1])} if len(runs) > 1 else set()
    return {t: 3 if t in apart else 1 for t in (parts[0], parts[-1]) if NUMBER.match(t)}


def _without(text: str, number: str) -> str:
    parts = text.split()
    if parts and parts[0] == number:
        return " ".join(parts[1:])
    if parts and parts[-1] == number:
        return " ".join(parts[:-1])
    return text


# --- 4. columns ----------------------------------------------------------------

# Columns are looked for in bins of this width (pt) across the text.
GUTTER_BIN = 2.0


@dataclass(frozen=True)
class Strip:
    """A vertical strip of the page, x0 to x1 (pt), and how many rows may
    still touch it (a tenth of them: a stray wide line does not hide a gutter)."""

    x0: float
    x1: float
    tolerated: int


def _gutter(rows: list[Row], left: float, right: float, options: PdfOptions) -> tuple[float, float] | None:
    """The widest vertical strip near the middle that (almost) no row crosses,
    if it is a gutter: an em wide at least, with rows on both sides, an aligned
    left edge on the right, and (almost) no row whose gap there is just one of
    its word spaces."""
    if len(rows) < 4 or right - left < 100:
        return None
    strip = _free_strip(rows, left, right, options)
    if strip is None or _rows_crossing(rows, strip, options) > strip.tolerated:
        return None
    if not _text_on_both_sides(rows, strip) or not _right_column_aligned(rows, strip):
        return None
    return strip.x0, strip.x1


def _bins_covered(row: Row, left: float, bins: int) -> set[int]:
    """The bins (GUTTER_BIN wide from ``left``) the row's glyph boxes reach into."""
    covered: set[int] = set()
    for g in row.glyphs:
        first, last = int((g.x0 - left) / GUTTER_BIN), int((g.x1 - left) / GUTTER_BIN)
        covered.update(b for b in range(first, last + 1) if 0 <= b < bins)
    return covered


def _coverage(rows: list[Row], left: float, right: float) -> list[int]:
    """For each bin across the text, how many rows have a glyph in it."""
    counts = [0] * (int((right - left) / GUTTER_BIN) + 1)
    for row in rows:
        for b in _bins_covered(row, left, len(counts)):
            counts[b] += 1
    return counts


def _widest_run(counts: list[int], limit: int) -> tuple[int, int] | None:
    """The widest run of bins (start, end exclusive) in the middle 30–70 % of
    the text that at most ``limit`` rows reach into; the first of equals."""
    best: tuple[int, int] | None = None
    start = None
    lo, hi = int(len(counts) * 0.3), int(len(counts) * 0.7)
    for b in range(lo, hi + 1):
        free = b < hi and counts[b] <= limit
        if free and start is None:
            start = b
        elif not free and start is not None:
            if best is None or b - start > best[1] - best[0]:
                best = (start, b)
            start = None
    return best


def _free_strip(rows: list[Row], left: float, right: float, options: PdfOptions) -> Strip | None:
    """The widest strip near the middle that (almost) no row reaches into, if
    it is an em wide (``PdfOptions.column_gap``) and at least 6 pt."""
    limit = max(1, len(rows) // 10)
    run = _widest_run(_coverage(rows, left, right), limit)
    size = statistics.median(r.size for r in rows)
    if run is None or (run[1] - run[0]) * GUTTER_BIN < max(6, options.column_gap * size):
        return None
    return Strip(left + run[0] * GUTTER_BIN, left + run[1] * GUTTER_BIN, limit)


def _rows_crossing(rows: list[Row], strip: Strip, options: PdfOptions) -> int:
    """Rows that cross the whole strip (its edge bins left out): with text in
    it, or with a gap over it that is just a word space. Counted by bins,
    different rows may each reach into a part of the strip; a gutter is
    crossed, all of it, by (almost) no row."""
    x0, x1 = strip.x0 + GUTTER_BIN, strip.x1 - GUTTER_BIN
    return sum(1 for r in rows if any(g.x1 > x0 and g.x0 < x1 for g in r.glyphs if not g.text.isspace())
               or _word_space_at(r, x0, x1, options))


def _text_on_both_sides(rows: list[Row], strip: Strip) -> bool:
    """At least three rows have text left of the strip, and three right of it
    (a row with text on both sides counts for both)."""
    x0, x1 = strip.x0 + GUTTER_BIN, strip.x1 - GUTTER_BIN
    lefts = sum(1 for r in rows if r.x1 <= x0)
    rights = sum(1 for r in rows if r.x0 >= x1)
    both = sum(1 for r in rows if any(g.x1 <= x0 for g in r.glyphs) and any(g.x0 >= x1 for g in r.glyphs))
    return lefts + both >= 3 and rights + both >= 3


def _right_column_aligned(rows: list[Row], strip: Strip) -> bool:
    """A right column has an aligned left edge: many rows start their right
    part at the same place after the strip. Lines of one column that leave
    the middle free (short footnotes) start their words anywhere."""
    x1 = strip.x1 - GUTTER_BIN
    starts = [x for x in (min((g.x0 for g in r.glyphs if g.x0 >= x1), default=None) for r in rows)
              if x is not None]
    if not starts:
        return False
    aligned = Counter(round(x / 2) for x in starts).most_common(1)[0][1]
    return aligned >= max(2, 0.5 * len(starts))


def _gap_over(row: Row, x0: float, x1: float, options: PdfOptions) -> tuple[float, list[float]] | None:
    """The row's gap over x0..x1, if it has one, and the word spaces next to it
    (in a two-column row: the last of the left line, the first of the right one)."""
    glyphs = sorted((g for g in row.glyphs if not g.text.isspace()), key=lambda g: g.x0)
    at = next((k for k, (a, b) in enumerate(pairwise(glyphs)) if a.x1 <= x0 and b.x0 >= x1), None)
    if at is None:
        return None
    gaps = [b.x0 - a.x1 for a, b in pairwise(glyphs)]
    spaces = [d for d in gaps if d > options.space_gap * row.size]
    k = sum(1 for d in gaps[:at] if d > options.space_gap * row.size)
    return gaps[at], spaces[max(k - 1, 0):k] + spaces[k + 1:k + 2]


def _word_space_at(row: Row, x0: float, x1: float, options: PdfOptions) -> bool:
    """Whether the row's gap over x0..x1 is one of its word spaces: narrower
    than an em, or no wider than the spaces on both sides of it, as every space
    of a justified line is. (The two lines of a two-column row space their
    words each their own way, so one loose line does not make its gutter gap a
    word space.)"""
    found = _gap_over(row, x0, x1, options)
    if found is None:
        return False
    gap, near = found
    return gap < options.column_gap * row.size or (bool(near) and all(gap <= 1.1 * d for d in near))


# A band of the page: pieces of rows with their column (0 left, 1 right),
# read left column first; a row across both columns is a band of its own.
Band = list[tuple[Row, int]]


def reading_order(rows: list[Row], options: PdfOptions) -> tuple[list[Line], int]:
    """Rows cut into column lines, in reading order (bands of left then right)."""
    if not rows:
        return [], 1
    gutter = _gutter(rows, min(r.x0 for r in rows), max(r.x1 for r in rows), options)
    bands = [[(row, 0) for row in rows]] if gutter is None else _bands(rows, (gutter[0] + gutter[1]) / 2, options)
    edges = _column_edges(bands)
    ordered: list[Line] = []
    for band in bands:
        for column in (0, 1):
            col_rows = [r for r, c in band if c == column]
            if col_rows:
                ordered.extend(_lines(col_rows, column, edges[column], options))
    return ordered, 1 if gutter is None else 2


def _crosses(row: Row, mid: float, options: PdfOptions) -> bool:
    """Whether the row's text runs through the gutter's middle (a title, a
    line set across both columns): a glyph over it, or only a gap narrower
    than an em there, however loose the line."""
    gap = _gap_over(row, mid, mid, options)
    return any(g.x0 < mid < g.x1 for g in row.glyphs) or (gap is not None and gap[0] < options.column_gap * row.size)


def _bands(rows: list[Row], mid: float, options: PdfOptions) -> list[Band]:
    """Rows cut at the gutter's middle into a left and a right piece; a row
    that crosses it is read whole, never cut at a word space into halves,
    and starts a band of its own."""
    bands: list[Band] = [[]]
    for row in rows:
        if _crosses(row, mid, options):
            bands += [[(row, 0)], []]
            continue
        left = [g for g in row.glyphs if g.x1 <= mid]
        right = [g for g in row.glyphs if g.x0 >= mid]
        if left:
            bands[-1].append((Row(left, row.y0, row.size), 0))
        if right:
            bands[-1].append((Row(right, row.y0, row.size), 1))
    return bands


def _column_edges(bands: list[Band]) -> dict[int, tuple[float, float]]:
    """Each column's left and right edge on the whole page: a line's indent is
    measured from its column's edge, not its band's."""
    pieces: dict[int, list[Row]] = {}
    for band in bands:
        for row, column in band:
            pieces.setdefault(column, []).append(row)
    return {c: (min(r.x0 for r in rs), max(r.x1 for r in rs)) for c, rs in sorted(pieces.items())}


def _lines(rows: list[Row], column: int, edges: tuple[float, float], options: PdfOptions) -> list[Line]:
    edge, right = edges
    distances = [a.y0 - b.y0 for a, b in pairwise(rows) if 0 < a.y0 - b.y0 < 3 * a.size]
    leading = statistics.median(distances) if distances else rows[0].size * 1.2
    out = []
    prev: Row | None = None
    for row in rows:
        gap = (prev.y0 - row.y0) / leading if prev is not None else 0.0
        plain = [g for g in row.glyphs if not g.sup and not g.text.isspace()]
        size = statistics.median(g.size for g in plain) if plain else row.size
        short = right - row.x1 > options.short_line * (right - edge)
        out.append(Line(row.text(options), row.x0, row.y0, size, row.bold, column, row.x0 - edge, gap, short))
        prev = row
    return out


# --- 5. and 6. blocks and notes ----------------------------------------------

def page_rows(glyphs: list[Glyph], height: float, options: PdfOptions) -> tuple[list[Row], list[Row]]:
    """A page's rows, and those of them that may be its running head or foot."""
    rows = [r for r in rows_of(glyphs, options) if r.text(options)]
    return rows, _edge_rows(rows, height, options)


def running_heads(pages: list[PdfPage], rows: list[list[Row]], edges: list[list[Row]], options: PdfOptions) -> None:
    """Decide which edge rows are running heads or feet, and each page's printed
    number: the number in an edge row that agrees with most pages on
    (number - PDF page). An edge row without it is a running head only if its
    text recurs on other pages; otherwise it stays text (a last footnote line
    starting with its label, a title at the top of page one)."""
    texts = [[e.text(options) for e in page_edges] for page_edges in edges]
    candidates = [[_number_candidates(e, options) for e in page_edges] for page_edges in edges]
    heads = RunningHeads(page_number_offset(pages, candidates),
                         Counter(_without_digits(t) for ts in texts for t in set(ts)))
    for page, page_rows_, page_edges, ts, page_candidates in zip(pages, rows, edges, texts, candidates, strict=True):
        page.counted = heads.counted(page)
        taken = [heads.take(page, page_rows_, edge, text, found)
                 for edge, text, found in zip(page_edges, ts, page_candidates, strict=True)]
        page.head = " ".join(h for h in taken if h)


def page_number_offset(pages: list[PdfPage], candidates: list[list[dict[str, int]]]) -> int | None:
    """The offset (printed number - PDF page) most of the weighted number
    candidates agree on; the first of equals; None without candidates."""
    offsets: Counter[int] = Counter()
    for page, page_candidates in zip(pages, candidates, strict=True):
        for found in page_candidates:
            for n, weight in found.items():
                offsets[int(n) - page.index] += weight
    return offsets.most_common(1)[0][0] if offsets else None


def _without_digits(text: str) -> str:
    """A head's text with its numbers taken out, to find it on other pages."""
    return re.sub(r"\d+", "", text).strip()


@dataclass(frozen=True)
class RunningHeads:
    """What the pages agree on: the page-number offset, and how many pages
    print each edge text (numbers left out)."""

    offset: int | None
    recurring: Counter[str]

    def counted(self, page: PdfPage) -> str | None:
        """The number the page has by the others' printed numbers."""
        if self.offset is None or self.offset + page.index <= 0:
            return None
        return str(self.offset + page.index)

    def take(self, page: PdfPage, rows: list[Row], edge: Row, text: str, found: dict[str, int]) -> str | None:
        """The running-head text of an edge row (its page number, which the
        page takes, left out), the row taken off the page's ``rows``; None
        when the row stays text: no agreeing number (or the page has one
        already), and not a top row whose text recurs on other pages."""
        number = next((n for n in found if self.offset is not None and int(n) - page.index == self.offset), None)
        if number is not None and page.number is None:
            page.number = number
            head = _without(text, number)
        elif self.recurring[_without_digits(text)] >= 2 and edge is rows[0]:
            head = text
        else:
            return None
        rows.remove(edge)
        return head


def analyse_page(page: PdfPage, rows: list[Row], body: float, options: PdfOptions) -> None:
    """Zones and columns of a page whose running head and foot are gone."""
    # Footnotes: the rows in smaller type at the foot of the page.
    split = len(rows)
    while split > 0 and rows[split - 1].size < options.note_ratio * body and not _all_sup(rows[split - 1]):
        split -= 1
    page.body, page.columns = reading_order(rows[:split], options)
    page.notes, _ = reading_order(rows[split:], options)


def _all_sup(row: Row) -> bool:
    return all(g.sup for g in row.glyphs)


NOTE_LABEL = re.compile(r"^(\d{1,3}|\*{1,3})(?:[.)]\s*|\s+)(.*)$")


@dataclass
class Note:
    """A footnote read from the page foot: its label and its paragraphs' lines."""

    label: str
    paragraphs: list[list[str]]
    page: int


class NoteSequence:
    """Footnote labels checked against the running sequence: a label starts a
    note only if it is the next number (or the first "*"); any other
    "12 ..." at a line start is the note's text going on."""

    def __init__(self) -> None:
        self.expected = 1
        self.star_seen = False

    def opening(self, text: str) -> tuple[str, str] | None:
        """(label, text after it) if the line opens the next note."""
        m = NOTE_LABEL.match(text)
        if m is None or not m.group(2):
            return None
        label = m.group(1)
        if label.isdigit() and int(label) == self.expected:
            self.expected += 1
            return label, m.group(2)
        if label.startswith("*") and not self.star_seen:
            self.star_seen = True
            return label, m.group(2)
        return None


def _notes(pages: list[PdfPage], options: PdfOptions) -> dict[int, list[Note]]:
    """Each page's footnotes, labels checked against the running sequence;
    lines before a page's first label go on with the last note before (small
    type before any note at all is body text after all)."""
    sequence = NoteSequence()
    by_page: dict[int, list[Note]] = {}
    last: Note | None = None
    for page in pages:
        notes: list[Note] = []
        for line in page.notes:
            opening = sequence.opening(line.text)
            if opening is not None:
                last = Note(opening[0], [[opening[1]]], page.index)
                notes.append(last)
            elif last is None:
                page.body.append(line)
            elif line.indent > options.indent * line.size:
                last.paragraphs.append([line.text])
            else:
                last.paragraphs[-1].append(line.text)
        by_page[page.index] = notes
    return by_page


def starts_block(line: Line, prev: Line | None, same_page: bool, body: float, options: PdfOptions) -> bool:
    """Whether ``line`` starts a block after ``prev`` (the line before it, on
    this page or the page before): the first line; a change between heading
    and text; a wider gap in the same column of the page; after a short line;
    an indented line of text."""
    heading = line.heading(body, options)
    if prev is None or heading != prev.heading(body, options):
        return True
    if same_page and line.column == prev.column and line.gap > options.paragraph_gap:
        return True
    if prev.short and not heading:
        return True
    return not heading and line.indent > options.indent * line.size


def _body_lines(page: PdfPage, body: float, options: PdfOptions, prev: Line | None) -> tuple[list[str], bool]:
    """The page's body lines, a blank line between blocks; and whether its
    first line goes on with the block of the page before (``prev``: its last line)."""
    out: list[str] = []
    continues = False
    for k, line in enumerate(page.body):
        new_block = starts_block(line, prev, k > 0, body, options)
        if k == 0:
            continues = not new_block
        elif new_block:
            out.append("")
        out.append(line.text)
        prev = line
    return out, continues


def head_lines(page: PdfPage, first: bool) -> list[str]:
    """The running head and the page number, each followed by a blank line.
    The first page carries a number even when none is printed on it (counted
    back from the others'), so that hidden heads later on never leave the
    pages counted from 1."""
    out = [page.head, ""] if page.head else []
    number = page.number or page.counted if first else page.number
    return out + [number, ""] if number is not None else out


def note_lines(note: Note, keep_paragraphs: bool) -> list[str]:
    """A note as "(N) …" lines; a further paragraph after a blank line,
    indented, or (``keep_paragraphs`` false) joined to the first."""
    paragraphs = note.paragraphs if keep_paragraphs else [[t for para in note.paragraphs for t in para]]
    out: list[str] = []
    for j, para in enumerate(paragraphs):
        if j:
            out.append("")
        for i, text in enumerate(para):
            # The label opens the note; a further paragraph starts indented.
            out.append(text if i else f"({note.label}) {text}" if j == 0 else " " + text)
    return out


def note_block(notes: list[Note], notes_follow: bool) -> list[str]:
    """A page's notes as the "(N) …" block the layout stage reads. A blank
    line inside the page's last note would read as the end of the note block
    when later pages have notes (``notes_follow``): its paragraphs join."""
    out: list[str] = []
    for k, note in enumerate(notes):
        keep_paragraphs = k + 1 < len(notes) or not notes_follow
        if k and len(notes[k - 1].paragraphs) > 1 and keep_paragraphs:
            # After an indented note paragraph a label needs a blank line to start a note.
            out.append("")
        out += note_lines(note, keep_paragraphs)
    return out


class RawWriter:
    """The raw text, page by page, each line with its PDF page; it remembers
    what the next page's start depends on: the last body line so far and
    whether the page before closed with notes."""

    def __init__(self, body: float, options: PdfOptions) -> None:
        self.body = body
        self.options = options
        self.lines: list[tuple[str, int]] = []
        self.last: Line | None = None
        self.had_notes = False

    def add(self, texts: list[str], page: PdfPage) -> None:
        self.lines += [(t, page.index) for t in texts]

    def page(self, page: PdfPage, notes: list[Note], notes_follow: bool, first: bool) -> None:
        body_lines, continues = _body_lines(page, self.body, self.options, self.last)
        self.last = page.body[-1] if page.body else self.last
        # The running head and page number stand between blank lines, and a
        # blank line ends a block: a page that goes on with the paragraph of
        # the page before shows them only where a note block takes the blank
        # lines (its number is counted from its neighbours' instead).
        show_head = not self.lines or not continues or self.had_notes
        if self.lines:
            self.add(["", "\f"] if show_head else ["\f"], page)
        if show_head:
            self.add(head_lines(page, first), page)
        self.add(body_lines, page)
        self.had_notes = bool(notes)
        if notes:
            self.add([""] + note_block(notes, notes_follow), page)

    def text(self) -> str:
        return "\n".join(t for t, _ in self.lines) + "\n"

    def line_pages(self) -> dict[int, int]:
        return {no: page for no, (_, page) in enumerate(self.lines, start=1)}


def _notes_follow(pages: list[PdfPage], notes: dict[int, list[Note]]) -> dict[int, bool]:
    """For each page, whether a later page has notes."""
    out: dict[int, bool] = {}
    seen = False
    for page in reversed(pages):
        out[page.index] = seen
        seen = seen or bool(notes[page.index])
    return out


def to_raw(pages: list[PdfPage], body: float, options: PdfOptions = PdfOptions()) -> tuple[str, dict[int, int], int]:
    """The raw-text layout of the analysed pages, with each raw line's PDF page."""
    notes = _notes(pages, options)
    follow = _notes_follow(pages, notes)
    writer = RawWriter(body, options)
    for page in pages:
        writer.page(page, notes[page.index], follow[page.index], first=page is pages[0])
    return writer.text(), writer.line_pages(), sum(len(n) for n in notes.values())


def extract(data: bytes, path: str, options: PdfOptions = PdfOptions()) -> Extraction:
    """Read a PDF's pages and lay them out as a raw text for the structural stages."""
    glyph_pages, heights, warnings = read_pages(data, path)
    pages = [PdfPage(k + 1) for k in range(len(glyph_pages))]
    laid_out = [page_rows(g, heights[k], options) for k, g in enumerate(glyph_pages)]
    rows = [page_rows_ for page_rows_, _ in laid_out]
    body = body_size_of(rows, [page_edges for _, page_edges in laid_out])
    # Running heads are set no larger than the body (a title at the top of page one is).
    edges = [[e for e in page_edges if e.size <= 1.05 * body] for _, page_edges in laid_out]
    running_heads(pages, rows, edges, options)
    for page, page_rows_ in zip(pages, rows, strict=True):
        analyse_page(page, page_rows_, body, options)
    text, line_pages, notes = to_raw(pages, body, options)
    warnings += empty_page_warnings(pages, path) + unmapped_warnings(text, path)
    superscripts = sum(1 for page in glyph_pages for g in page if g.sup)
    return Extraction(text, pages, line_pages, body, warnings, superscripts, notes)


def empty_page_warnings(pages: list[PdfPage], path: str) -> list[Issue]:
    """One warning for each page nothing was read from."""
    return [Issue(path, None, None, "warning", f"PDF page {page.index} has no text (an image?); "
                  "nothing was taken from it", "ingest-pdf-empty-page")
            for page in pages if not page.body and not page.notes]


def unmapped_warnings(text: str, path: str) -> list[Issue]:
    """A warning when glyphs without a Unicode mapping became U+FFFD."""
    unknown = text.count("\ufffd")
    if not unknown:
        return []
    return [Issue(path, None, None, "warning", f"{unknown} characters have no Unicode mapping in the "
                  "PDF's fonts and are U+FFFD (\ufffd) in the text; compare with the PDF and correct them",
                  "ingest-pdf-unmapped")]


# --- into the structural stages -------------------------------------------------

def ingest_pdf(path: Path, options: IngestOptions | None = None) -> IngestResult:
    """`edition ingest x.pdf`: extract, then run the same stages as for a text."""
    from . import IngestOptions, IngestResult, ingest_bytes
    from .header import Metadata

    path = Path(path)
    data = path.read_bytes()
    extraction = extract(data, str(path))
    meta = Metadata.load(path.with_suffix(".toml"))
    result = ingest_bytes(extraction.text.encode("utf-8"), path.name, meta, options or IngestOptions(),
                          display_path=str(path))
    _record(result.tree, data, extraction)
    warnings = extraction.warnings + [_on_page(w, extraction) for w in result.warnings]
    return IngestResult(result.tree, warnings)


def _on_page(issue: Issue, extraction: Extraction) -> Issue:
    """A diagnostic about a line of the extracted text names the PDF page instead."""
    if issue.line is None or issue.line not in extraction.line_pages:
        return issue
    page = extraction.line_pages[issue.line]
    return Issue(issue.path, None, None, issue.severity, f"{issue.message} (PDF page {page})", issue.rule)


def _record(tree: etree._ElementTree, data: bytes, extraction: Extraction) -> None:
    """The source digest is the PDF's, and the header says how the PDF was read."""
    root = tree.getroot()
    for idno in root.iter(TEI + "idno"):
        if idno.get("type") == "sha256":
            idno.text = hashlib.sha256(data).hexdigest()
    decl = root.find(f"{TEI}teiHeader/{TEI}encodingDesc/{TEI}editorialDecl")
    if decl is not None:
        sub(decl, "p", reading_statement(extraction))


def reading_statement(extraction: Extraction) -> str:
    """The header's sentence on how the PDF was read: what was recognised on how many pages."""
    pages = extraction.pages
    numbered = [p for p in pages if p.number is not None]
    two = sum(1 for p in pages if p.columns == 2)
    heads = sum(1 for p in pages if p.head)
    parts = [f"The text was extracted from the PDF ({len(pages)} pages) with pdfminer.six, "
             f"reading each character's size and position: body type {extraction.body_size:g} pt"]
    if two:
        parts.append(f"two columns on {two} pages, read left column first")
    if heads:
        parts.append(f"running heads on {heads} pages removed")
    if numbered:
        parts.append(f"printed page numbers on {len(numbered)} pages ({numbered[0].number}–{numbered[-1].number})")
    if extraction.notes:
        parts.append(f"{extraction.notes} footnotes read from the smaller type at the page foot")
    if extraction.superscripts:
        parts.append("note markers read from superscript digits")
    return "; ".join(parts) + "."
