"""Citations: author-date references in running text and references in notes.

Both produce :class:`~edition.ingest.flow.Span` lists over a flow's text, so
the words are never changed: a ``bibl`` only wraps what is printed.

Author-date: a parenthesis whose every ``;``-separated part reads as
``Author, 1951, s. 215``, ``Title, 4 Ocak 1919`` (a periodical: the date has a
day) or ``Author, s. 3``. Anything else in parentheses ("(1905)",
"(Vahşi Tümen)", "(birinci yol; Balkanlar …)") is left alone.

Notes: a note made of references is split at ``;``; each part is a ``bibl``
whose comma-separated fields are read as author, title (quoted: article),
publisher, place, date and page range where recognisable. The Turkish ibid
forms ("a.g.e.", "a.g.m.", "a.g.b.") are kept as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from ..dates import parse_date
from ..tei import el
from ..turkish import GREGORIAN_MONTHS
from ..turkish import lower as turkish_lower
from .flow import OBJECT_CHARS, OBJECT_CLASS, Flow, Span

# one month table for ingest and annotate (edition/turkish.py)
MONTHS = GREGORIAN_MONTHS
MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
YEAR = r"(?:1[4-9]\d\d|20\d\d)"
# Object characters (page breaks) may sit anywhere inside a citation.
OBJ = OBJECT_CLASS + "*"
PAGES = rf"(?:s|ss|S|p|pp|sf)\.{OBJ}\s*{OBJ}(?P<pages>\d+(?:\s*[-–]\s*\d+)?(?:\s*,\s*\d+(?:\s*[-–]\s*\d+)?)*)\.?"
FULL_DATE = rf"(?P<day>\d{{1,2}})\s+(?P<month>{MONTH_NAMES})\s+(?P<dyear>{YEAR})"
WHO = r"(?P<who>[^\W\d_][^()\d;]*?)"
AUTHOR_DATE = re.compile(
    rf"^{WHO},\s*(?:(?:(?P<year>{YEAR})[a-z]?|{FULL_DATE})\s*(?:,\s*|$))?(?:{PAGES})?\s*$",
    re.IGNORECASE,
)
PAREN = re.compile(r"\(([^()]{3,400})\)")
IBID = re.compile(r"\ba\.\s?g[.,]\s?[ebm]\b\.?|\ba\.\s?g\.\s?b\b\.?|\bage\b", re.IGNORECASE)
PUBLISHER_WORDS = re.compile(
    r"(Yayın(?:ları|evi|cılık)|Yay\.|Neşriyat(?:ı)?|Matbaası|Basımevi|Kitabevi|Press|Verlag|Publishers?|Publishing"
    r"|Yayınevi|Kurumu Yayınları)",
    re.IGNORECASE,
)
PERIODICAL_WORDS = re.compile(r"\b(Gazetesi|Dergisi|Mecmuası|Journal|Review|Gazete)\b", re.IGNORECASE)
NOT_NAME_WORDS = re.compile(
    r"\b(Tarihi|Gazetesi|Dergisi|Arşivi|Cumhuriyeti|Yayınları|Üniversitesi|Derneği|Enstitüsü|Kurumu|Belgeleri|Devlet|Ansiklopedisi|Sempozyumu|Bildirileri)\b"
)
NAME_TOKEN = re.compile(r"^(?:[A-ZÇĞİÖŞÜÂÎÛ][\w’'-]*\.?|[A-ZÇĞİÖŞÜ]\.(?:[A-ZÇĞİÖŞÜ]\.)*|ve|von|van|de|der|al-|el-)$")


def _tei(tag: str, **attrs: str) -> etree._Element:
    return el(tag, **attrs)


def page_attrs(pages: str) -> dict[str, str]:
    """from/to of a page range like '17-19', '215', '584- 585' (first range only)."""
    m = re.match(r"\s*(\d+)(?:\s*[-–]\s*(\d+))?", OBJECT_CHARS.sub("", pages))
    if not m:
        return {}
    start, stop = m.group(1), m.group(2) or m.group(1)
    if len(stop) < len(start):  # "202-3" style abbreviations
        stop = start[: len(start) - len(stop)] + stop
    return {"from": start, "to": stop}


def date_element(text: str) -> etree._Element:
    """A reference's date, its value from the one date normaliser (:func:`edition.dates.parse_date`);
    no value when the text is no valid date ("31 Şubat 1919")."""
    found = parse_date(OBJECT_CHARS.sub("", text))
    return _tei("date", **{k: v for k, v in (found or {}).items() if k == "when"})


def _is_month_name(word: str) -> bool:
    return turkish_lower(word) in MONTHS


def author_date_spans(flow: Flow) -> list[Span]:
    """Spans for every author-date citation of the flow."""
    spans: list[Span] = []
    text = flow.text
    for m in PAREN.finditer(text):
        inner_start = m.start(1)
        parts = _split_keep_offsets(m.group(1), ";", inner_start)
        found: list[list[Span]] = []
        for part, offset in parts:
            lead = len(part) - len(part.lstrip())
            part_spans = _author_date(part.strip(), offset + lead)
            if part_spans is None:
                found = []
                break
            found.append(part_spans)
        for group in found:
            spans.extend(group)
    return spans


def _split_keep_offsets(text: str, sep: str, base: int) -> list[tuple[str, int]]:
    out = []
    pos = 0
    for piece in text.split(sep):
        out.append((piece, base + pos))
        pos += len(piece) + len(sep)
    return out


def _author_date(part: str, offset: int) -> list[Span] | None:
    m = AUTHOR_DATE.match(part)
    if not m or not (m.group("year") or m.group("day") or m.group("pages")):
        return None
    who = m.group("who").strip()
    who_plain = OBJECT_CHARS.sub("", who)
    words = who_plain.replace("-", " ").split()
    if not words or len(words) > 8 or not who_plain[0].isupper():
        return None
    if _is_month_name(words[0]) or re.search(r"\d", who_plain):
        return None
    spans: list[Span] = [Span(offset, offset + len(part), _tei("bibl"), 10)]
    w0 = offset + m.start("who")
    w1 = w0 + len(who)
    if m.group("day"):
        spans.append(Span(w0, w1, _tei("title", level="j"), 9))
        date_text = part[m.start("day"):m.end("dyear")]
        spans.append(Span(offset + m.start("day"), offset + m.end("dyear"), date_element(date_text), 9))
    else:
        spans.append(Span(w0, w1, _tei("author"), 9))
        if m.group("year"):
            spans.append(Span(offset + m.start("year"), offset + m.end("year"), date_element(m.group("year")), 9))
    if m.group("pages"):
        # The scope covers "s. 215": back up to the page abbreviation.
        scope_start = part.rfind("s", 0, m.start("pages"))
        for abbr in ("pp", "ss", "sf", "p", "s", "S"):
            k = part.rfind(abbr + ".", 0, m.start("pages"))
            if k != -1:
                scope_start = k
                break
        pend = offset + m.end("pages")
        scope = _tei("biblScope", unit="page", **page_attrs(m.group("pages")))
        spans.append(Span(offset + scope_start, pend, scope, 9))
    return spans


def is_bibliographic(text: str) -> bool:
    """Does a note (or one ';' part of it) read as a reference rather than prose?"""
    plain = OBJECT_CHARS.sub("", text)
    words = plain.split()
    if not words:
        return False
    signals = 0
    if re.search(rf"\b{YEAR}\b", plain):
        signals += 1
    if re.search(r"\b(s|ss|p|pp)\.\s*\d", plain):
        signals += 1
    if IBID.search(plain):
        signals += 2
    if re.search(r"\b[fd]\.\s?\d", plain):
        signals += 1
    if PUBLISHER_WORDS.search(plain):
        signals += 1
    sentence_like = len(re.findall(r"[.!?]\s+[A-ZÇĞİÖŞÜ]", plain)) >= 2 and len(words) > 25
    return signals >= 1 and not sentence_like and len(words) <= 60


def note_bibl_spans(flow: Flow) -> list[Span]:
    """Spans for the references of a note's text (one bibl per ';' part)."""
    text = flow.text
    if not is_bibliographic(text):
        return []
    spans: list[Span] = []
    for part, offset in _split_keep_offsets(text, ";", 0):
        lead = len(part) - len(part.lstrip())
        core = part.strip()
        if not core or not is_bibliographic(core):
            continue
        start = offset + lead
        spans.extend(_note_bibl(core, start))
    return spans


def _fields(text: str, base: int) -> list[tuple[str, int]]:
    """Comma-separated fields, not splitting inside quotes or parentheses."""
    out: list[tuple[str, int]] = []
    depth = 0
    quote = False
    start = 0
    for i, ch in enumerate(text):
        if ch in "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch == "“":
            quote = True
        elif ch == "”":
            quote = False
        elif ch == "," and depth == 0 and not quote:
            out.append((text[start:i], base + start))
            start = i + 1
    out.append((text[start:], base + start))
    result = []
    for piece, off in out:
        lead = len(piece) - len(piece.lstrip())
        result.append((piece.strip(), off + lead))
    return [(p, o) for p, o in result if p]


def _looks_like_name(field: str) -> bool:
    plain = OBJECT_CHARS.sub("", field)
    if NOT_NAME_WORDS.search(plain) or PUBLISHER_WORDS.search(plain) or PERIODICAL_WORDS.search(plain):
        return False
    tokens = plain.replace(".", ". ").split()
    if not 1 <= len(tokens) <= 5:
        return False
    if any(ch.isdigit() for ch in plain) or "“" in plain or "(" in plain:
        return False
    return all(NAME_TOKEN.match(t) for t in tokens)


@dataclass(frozen=True)
class _Field:
    """One comma-separated field of a reference in a note."""

    index: int
    text: str
    start: int  # offset in the flow
    following: str  # the next field's text ("" for the last)
    next_is_year: bool

    @property
    def plain(self) -> str:
        return OBJECT_CHARS.sub("", self.text).rstrip(".")

    @property
    def end(self) -> int:
        """Where a name or title in the field ends: before a final full stop (an ibid keeps it)."""
        if self.text.endswith(".") and not IBID.fullmatch(self.text):
            return self.start + len(self.text.rstrip("."))
        return self.start + len(self.text)


@dataclass
class _Reference:
    """What the fields read so far have found in one reference."""

    spans: list[Span]
    have_author: bool = False
    have_title: bool = False

    def add(self, start: int, end: int, element: etree._Element) -> bool:
        self.spans.append(Span(start, end, element, 9))
        return True


# Each reader looks at one field and, if the field is its kind, adds its span
# and says so; the first reader to say so takes the field. Order matters.
FieldReader = Callable[[_Field, _Reference], bool]


def _read_pages(f: _Field, ref: _Reference) -> bool:
    """"s. 17-19" → biblScope with from/to."""
    pages = re.match(rf"^{PAGES}$", f.text)
    if not pages:
        return False
    return ref.add(f.start, f.start + len(f.text.rstrip(".")),
                   _tei("biblScope", unit="page", **page_attrs(pages.group("pages"))))


def _read_ibid(f: _Field, ref: _Reference) -> bool:
    """"a.g.e., s. 5" stands for the title of the work cited before (and its pages)."""
    ibid = IBID.search(f.text)
    if not ibid or ibid.start() != 0:
        return False
    ref.add(f.start, f.start + ibid.end(), _tei("title", type="ibid"))
    rest = f.text[ibid.end():]
    pm = re.search(PAGES, rest)
    if rest.strip() and pm:
        s0 = f.start + ibid.end() + pm.start()
        s1 = f.start + ibid.end() + pm.end() - (1 if pm.group().endswith(".") else 0)
        ref.add(s0, s1, _tei("biblScope", unit="page", **page_attrs(pm.group("pages"))))
    ref.have_title = True
    return True


def _read_year(f: _Field, ref: _Reference) -> bool:
    year = re.fullmatch(rf"({YEAR})\.?", f.plain)
    if year is None:
        return False
    return ref.add(f.start, f.start + len(year.group(1)), date_element(year.group(1)))


def _read_full_date(f: _Field, ref: _Reference) -> bool:
    """"4 Ocak 1919" (a periodical's issue)."""
    full = re.fullmatch(rf"{FULL_DATE}\.?", f.plain, re.IGNORECASE)
    if not full:
        return False
    return ref.add(f.start, f.start + full.end("dyear"), date_element(f.plain[:full.end("dyear")]))


def _read_author(f: _Field, ref: _Reference) -> bool:
    """The first field is the author when it reads as a name and a title or ibid follows."""
    nxt = f.following
    if f.index == 0 and _looks_like_name(f.text) and nxt and (nxt[0].isupper() or nxt[0] in "“\"" or IBID.match(nxt)):
        ref.have_author = ref.add(f.start, f.end, _tei("author"))
        return True
    return False


def _read_quoted_title(f: _Field, ref: _Reference) -> bool:
    """A quoted field is an article's title."""
    if not (f.text.startswith("“") and "”" in f.text):
        return False
    ref.have_title = ref.add(f.start, f.start + f.text.index("”") + 1, _tei("title", level="a"))
    return True


def _read_publisher(f: _Field, ref: _Reference) -> bool:
    """A publisher's name; as the first field, before any title, it is the title (a series, an institution's
    publication)."""
    if not PUBLISHER_WORDS.search(f.plain):
        return False
    if not ref.have_title and f.index == 0:
        ref.have_title = ref.add(f.start, f.end, _tei("title"))
        return True
    return ref.add(f.start, f.end, _tei("publisher"))


def _read_periodical(f: _Field, ref: _Reference) -> bool:
    """"Azerbaycan Gazetesi": a journal or newspaper title."""
    if not (PERIODICAL_WORDS.search(f.plain) and len(f.plain.split()) <= 6):
        return False
    ref.have_title = ref.add(f.start, f.end, _tei("title", level="j"))
    return True


def _read_first_title(f: _Field, ref: _Reference) -> bool:
    """The first capitalised field without a title so far is the title (a monograph's after an author)."""
    if ref.have_title or not f.plain[:1].isupper() or re.match(r"^\d", f.plain):
        return False
    element = _tei("title", level="m") if ref.have_author else _tei("title")
    ref.have_title = ref.add(f.start, f.end, element)
    return True


def _read_pub_place(f: _Field, ref: _Reference) -> bool:
    """One capitalised word after the title and before a year: the place of publication."""
    if ref.have_title and len(f.plain.split()) == 1 and f.plain[:1].isupper() and f.next_is_year:
        return ref.add(f.start, f.end, _tei("pubPlace"))
    return False


FIELD_READERS: list[FieldReader] = [
    _read_pages, _read_ibid, _read_year, _read_full_date, _read_author, _read_quoted_title,
    _read_publisher, _read_periodical, _read_first_title, _read_pub_place,
]


def _reference_fields(core: str, start: int) -> list[_Field]:
    # Normalise the "a.g,e" typo so the comma inside it does not split fields.
    pieces = _fields(IBID.sub(lambda m: m.group().replace(",", "\u0000"), core), start)
    texts = [(f.replace("\u0000", ","), o) for f, o in pieces]
    out = []
    for index, (text, off) in enumerate(texts):
        following = texts[index + 1][0] if index + 1 < len(texts) else ""
        next_is_year = bool(following) and re.fullmatch(rf"{YEAR}\.?", OBJECT_CHARS.sub("", following)) is not None
        out.append(_Field(index, text, off, following, next_is_year))
    return out


def _note_bibl(core: str, start: int) -> list[Span]:
    """One reference of a note: the bibl, then each field read by the first reader that knows it."""
    ref = _Reference([Span(start, start + len(core), _tei("bibl"), 10)])
    fields = _reference_fields(core, start)
    for f in fields:
        any(read(f, ref) for read in FIELD_READERS)
    if ref.have_author or ref.have_title:
        return ref.spans
    # Every bibl needs an author or a title: the first field names the source.
    first = fields[0]
    if re.match(r"^\d", OBJECT_CHARS.sub("", first.text)):
        return []
    ref.spans.append(Span(first.start, first.start + len(first.text), _tei("title"), 8))
    return ref.spans
