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

from ..tei import el
from ..turkish import GREGORIAN_MONTHS, month_number
from ..turkish import lower as turkish_lower
from .flow import OBJECT_CHARS, OBJECT_CLASS, Flow, Span

# one month table for ingest and annotate (edition/turkish.py)
MONTHS = GREGORIAN_MONTHS
MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
YEAR = r"(?:1[4-9]\d\d|20\d\d)"
# Object characters (page breaks) may sit anywhere inside a citation.
O = OBJECT_CLASS + "*"
PAGES = rf"(?:s|ss|S|p|pp|sf)\.{O}\s*{O}(?P<pages>\d+(?:\s*[-–]\s*\d+)?(?:\s*,\s*\d+(?:\s*[-–]\s*\d+)?)*)\.?"
FULL_DATE = rf"(?P<day>\d{{1,2}})\s+(?P<month>{MONTH_NAMES})\s+(?P<dyear>{YEAR})"
WHO = r"(?P<who>[^\W\d_][^()\d;]*?)"
AUTHOR_DATE = re.compile(
    rf"^{WHO},\s*(?:(?:(?P<year>{YEAR})[a-z]?|{FULL_DATE})\s*(?:,\s*|$))?(?:{PAGES})?\s*$",
    re.IGNORECASE,
)
PAREN = re.compile(r"\(([^()]{3,400})\)")
IBID = re.compile(r"\ba\.\s?g[.,]\s?[ebm]\b\.?|\ba\.\s?g\.\s?b\b\.?|\bage\b", re.IGNORECASE)
PUBLISHER_WORDS = re.compile(
    r"(Yayın(?:ları|evi|cılık)|Yay\.|Neşriyat(?:ı)?|Matbaası|Basımevi|Kitabevi|Press|Verlag|Publishers?|Publishing|Yayınevi|Kurumu Yayınları)",
    re.IGNORECASE,
)
PERIODICAL_WORDS = re.compile(r"\b(Gazetesi|Dergisi|Mecmuası|Journal|Review|Gazete)\b", re.IGNORECASE)
NOT_NAME_WORDS = re.compile(
    r"\b(Tarihi|Gazetesi|Dergisi|Arşivi|Cumhuriyeti|Yayınları|Üniversitesi|Derneği|Enstitüsü|Kurumu|Belgeleri|Devlet|Ansiklopedisi|Sempozyumu|Bildirileri)\b"
)
NAME_TOKEN = re.compile(r"^(?:[A-ZÇĞİÖŞÜÂÎÛ][\w’'-]*\.?|[A-ZÇĞİÖŞÜ]\.(?:[A-ZÇĞİÖŞÜ]\.)*|ve|von|van|de|der|al-|el-)$")


def _tei(tag: str, **attrs: str):
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


def iso_date(day: str | None, month: str | None, year: str) -> str:
    if month is None:
        return year
    m = month_number(month)
    if day is None:
        return f"{year}-{m:02d}"
    return f"{year}-{m:02d}-{int(day):02d}"


def _month_of(word: str) -> str | None:
    low = turkish_lower(word)
    return low if low in MONTHS else None


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
    if _month_of(words[0]) or re.search(r"\d", who_plain):
        return None
    spans: list[Span] = [Span(offset, offset + len(part), _tei("bibl"), 10)]
    w0 = offset + m.start("who")
    w1 = w0 + len(who)
    if m.group("day"):
        spans.append(Span(w0, w1, _tei("title", level="j"), 9))
        when = iso_date(m.group("day"), m.group("month"), m.group("dyear"))
        spans.append(Span(offset + m.start("day"), offset + m.end("dyear"), _tei("date", when=when), 9))
    else:
        spans.append(Span(w0, w1, _tei("author"), 9))
        if m.group("year"):
            spans.append(Span(offset + m.start("year"), offset + m.end("year"), _tei("date", when=m.group("year")), 9))
    if m.group("pages"):
        # The scope covers "s. 215": back up to the page abbreviation.
        scope_start = part.rfind("s", 0, m.start("pages"))
        for abbr in ("pp", "ss", "sf", "p", "s", "S"):
            k = part.rfind(abbr + ".", 0, m.start("pages"))
            if k != -1:
                scope_start = k
                break
        pend = offset + m.end("pages")
        spans.append(Span(offset + scope_start, pend, _tei("biblScope", unit="page", **page_attrs(m.group("pages"))), 9))
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


def _note_bibl(core: str, start: int) -> list[Span]:
    end = start + len(core)
    bibl_end = end
    spans: list[Span] = [Span(start, bibl_end, _tei("bibl"), 10)]
    # Normalise the "a.g,e" typo so the comma inside it does not split fields.
    fields = _fields(IBID.sub(lambda m: m.group().replace(",", "\u0000"), core), start)
    fields = [(f.replace("\u0000", ","), o) for f, o in fields]
    have_author = have_title = False
    for index, (field, off) in enumerate(fields):
        plain = OBJECT_CHARS.sub("", field).rstrip(".")
        fend = off + len(field.rstrip(".")) if field.endswith(".") and not IBID.fullmatch(field) else off + len(field)
        nxt = fields[index + 1][0] if index + 1 < len(fields) else ""
        ibid = IBID.search(field)
        pages = re.match(rf"^{PAGES}$", field)
        year = re.fullmatch(rf"({YEAR})\.?", plain)
        full_date = re.fullmatch(rf"{FULL_DATE}\.?", plain, re.IGNORECASE)
        if pages:
            scope_attrs = page_attrs(pages.group("pages"))
            spans.append(Span(off, off + len(field.rstrip(".")), _tei("biblScope", unit="page", **scope_attrs), 9))
        elif ibid and ibid.start() == 0:
            # "a.g.e" stands for the title of the work cited before.
            spans.append(Span(off + ibid.start(), off + ibid.end(), _tei("title", type="ibid"), 9))
            rest = field[ibid.end():].strip()
            pm = re.search(PAGES, field[ibid.end():])
            if rest and pm:
                s0 = off + ibid.end() + pm.start()
                spans.append(Span(s0, off + ibid.end() + pm.end() - (1 if pm.group().endswith(".") else 0), _tei("biblScope", unit="page", **page_attrs(pm.group("pages"))), 9))
            have_title = True
        elif year:
            spans.append(Span(off, off + len(year.group(1)), _tei("date", when=year.group(1)), 9))
        elif full_date:
            when = iso_date(full_date.group("day"), full_date.group("month"), full_date.group("dyear"))
            spans.append(Span(off, off + full_date.end("dyear"), _tei("date", when=when), 9))
        elif index == 0 and _looks_like_name(field) and nxt and (nxt[0].isupper() or nxt[0] in "“\"" or IBID.match(nxt)):
            spans.append(Span(off, fend, _tei("author"), 9))
            have_author = True
        elif field.startswith("“") and "”" in field:
            q_end = field.index("”") + 1
            spans.append(Span(off, off + q_end, _tei("title", level="a"), 9))
            have_title = True
        elif PUBLISHER_WORDS.search(plain) and not have_title and index == 0:
            spans.append(Span(off, fend, _tei("title"), 9))
            have_title = True
        elif PUBLISHER_WORDS.search(plain):
            spans.append(Span(off, fend, _tei("publisher"), 9))
        elif PERIODICAL_WORDS.search(plain) and len(plain.split()) <= 6:
            spans.append(Span(off, fend, _tei("title", level="j"), 9))
            have_title = True
        elif not have_title and plain[:1].isupper() and not re.match(r"^\d", plain):
            spans.append(Span(off, fend, _tei("title", level="m" if have_author else None), 9))
            have_title = True
        elif (
            have_title
            and len(plain.split()) == 1
            and plain[:1].isupper()
            and index + 1 < len(fields)
            and re.fullmatch(rf"{YEAR}\.?", OBJECT_CHARS.sub("", fields[index + 1][0]))
        ):
            spans.append(Span(off, fend, _tei("pubPlace"), 9))
    if not have_author and not have_title:
        # Every bibl needs an author or a title: the first field names the source.
        field, off = fields[0]
        if not re.match(r"^\d", OBJECT_CHARS.sub("", field)):
            spans.append(Span(off, off + len(field), _tei("title"), 8))
        else:
            return []
    return spans
