"""Calendar expressions in Turkish and English text, with ISO 8601 values.

:func:`find_dates` scans one string and returns the spans to wrap in ``date``
with their attributes (``when``, ``from``/``to``, ``notBefore``/``notAfter``).
A day and month without a year ("31 Mart’ta") take their year from a
:class:`DateContext` that the caller carries through the document in reading
order: first the year of the same day and month written out earlier ("31 Mart
1918" → later "31 Mart" is 1918), else the nearest preceding explicit year;
such dates get ``cert="medium"`` and ``evidence="conjecture"``.

Spans end before an apostrophe: ``<date when="1918-03-31">31 Mart 1918</date>’de``.
Numbers that are not years are left alone: "1.000", "48 asker", page ranges
("s. 17-19"), archive references ("f. 176").
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass, field

from ..calendars import (
    HIJRI_MONTHS,
    RUMI_ONLY_MONTHS,
    RUMI_YEARS,
    hijri_month_number,
    hijri_to_gregorian,
    month_number,
    rumi_month_number,
    rumi_month_range,
    rumi_to_gregorian,
    rumi_year_range,
)

_TR_MONTH_ALT = "Ocak|Şubat|Mart|Nisan|Aprel|Mayıs|Haziran|Temmuz|Ağustos|Eylül|Ekim|Kasım|Aralık"
_EN_MONTH_ALT = "|".join(name for name in calendar.month_name if name)
M = rf"(?:{_TR_MONTH_ALT}|{_EN_MONTH_ALT})"


def _names_alt(names) -> str:
    """A regex alternation of month names, capitalised as written (longest first)."""
    out = []
    for name in sorted(names, key=len, reverse=True):
        cap = name[:1].upper() + name[1:]
        out.append(re.escape(cap).replace(r"\ ", r"\s?").replace(r"\-", r"-?"))
    return "|".join(out)


RUMI_M = _names_alt(RUMI_ONLY_MONTHS)
HIJRI_M = _names_alt(HIJRI_MONTHS)
# any month a Rumi date may name: the Rumi-only ones and the shared Mart … Şubat
ANY_RUMI_M = rf"(?:{RUMI_M}|Mart|Nisan|Mayıs|Haziran|Temmuz|Ağustos|Eylül|Şubat)"
# a case suffix glued to a month name ("Nisanda", "Mayısında"): the word stays whole
GLUED = r"(?:[ıiuü]n(?:daki|deki|da|de|dan|den|a|e)|[ıiuü]|da|de|ta|te|dan|den|tan|ten)"
YILLAR = r"(?:yıllarındaki|yıllarından|yıllarında|yıllarına|yıllarının|yılları|yıllardaki|yıllardan|yıllarda|yıllara|yıllar)"
SENE = r"(?:senesindeki|senesinde|senesinden|senesine|senesi|sene)"
# A month gloss in parentheses, as in "2 Aprel (Nisan) 2004".
GLOSS = rf"(?:\s*\({M}\))?"
DAY = r"(?:[12][0-9]|3[01]|0?[1-9])"
YEAR = r"(?:1[0-9]{3}|20[0-9]{2})"
# a digit, dot-digit or letter right before/after means the number is part of something else
NB = r"(?<![\d.,/:])(?<!\w)"
NA = r"(?![\d]|\.\d|,\d|\w)"
DASH = r"\s*[-–—]\s*"
ROMAN = r"(?:X{0,2}(?:IX|IV|V?I{0,3}))"

ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}


def roman_to_int(text: str) -> int:
    total, prev = 0, 0
    for ch in reversed(text.upper()):
        val = ROMAN_VALUES[ch]
        total = total - val if val < prev else total + val
        prev = max(prev, val)
    return total


# Parts of a year: (notBefore month-day, notAfter month-day). Seasons follow the
# meteorological convention (spring = March–May); "beginning"/"end" of a year
# are its first and last quarter.
# Each part in the case forms a date phrase takes ("baharı", "baharında",
# "baharına", "baharından", "baharındaki"); longer forms first.
YEAR_PARTS = [
    (r"ilkbahar(?:ındaki|ından|ında|ına|ı|da)|bahar(?:ındaki|ından|ında|ına|ı|da)", ("03-01", "05-31")),
    (r"yaz(?:ındaki|ından|ında|ına|ı)", ("06-01", "08-31")),
    (r"sonbahar(?:ındaki|ından|ında|ına|ı|da)|güz(?:ündeki|ünden|ünde|üne|ü)", ("09-01", "11-30")),
    (r"başlarından|başlarındaki|başlarında|başlarına doğru|başlarına|başları|başından|başında|başı"
     r"|ilk aylarında", ("01-01", "03-31")),
    (r"ortalarından|ortalarındaki|ortalarında|ortalarına|ortaları|ortasından|ortasında|ortası",
     ("04-01", "09-30")),
    (r"sonlarından|sonlarındaki|sonlarında|sonlarına doğru|sonlarına|sonları|sonundan|sonunda|sonuna doğru"
     r"|sonuna|sonu", ("10-01", "12-31")),
    (r"ilk yarısından|ilk yarısında|ilk yarısı", ("01-01", "06-30")),
    (r"ikinci yarısından|ikinci yarısında|ikinci yarısı|son yarısında", ("07-01", "12-31")),
    # quarters, as news text counts them
    (r"ilk çeyreğinde|ilk çeyreği|birinci çeyreğinde|birinci çeyreği", ("01-01", "03-31")),
    (r"ikinci çeyreğinde|ikinci çeyreği", ("04-01", "06-30")),
    (r"üçüncü çeyreğinde|üçüncü çeyreği", ("07-01", "09-30")),
    (r"son çeyreğinde|son çeyreği|dördüncü çeyreğinde|dördüncü çeyreği", ("10-01", "12-31")),
]
# Parts of a century as (first year offset, last year offset) within 1..100.
CENTURY_PARTS = [
    (r"başlarından|başlarında|başlarına|başları|başından|başında|başına|başı", (1, 25)),
    (r"ortalarında|ortalarına|ortaları|ortasında|ortasına|ortası", (34, 66)),
    (r"sonlarından|sonlarında|sonlarına doğru|sonlarına|sonları|sonunda|sonuna|sonu", (76, 100)),
    (r"ilk yarısından|ilk yarısında|ilk yarısı", (1, 50)),
    (r"ikinci yarısından|ikinci yarısında|ikinci yarısı", (51, 100)),
]
YIL = r"(?:yılının|yılında|yılından|yılına|yılı|yılın|yıl)"


@dataclass
class DateContext:
    """What the text has said so far: the last explicit year and, per day+month,
    the year it was written with."""

    last_year: int | None = None
    day_month_year: dict[tuple[int, int], int] = field(default_factory=dict)

    def copy(self) -> DateContext:
        return DateContext(self.last_year, dict(self.day_month_year))

    def year_for(self, day: int | None, month: int) -> int | None:
        if day is not None and (day, month) in self.day_month_year:
            return self.day_month_year[(day, month)]
        return self.last_year

    def saw(self, year: int, day: int | None = None, month: int | None = None) -> None:
        self.last_year = year
        if day is not None and month is not None:
            self.day_month_year.setdefault((day, month), year)


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    attrs: tuple[tuple[str, str], ...]

    @property
    def attributes(self) -> dict[str, str]:
        return dict(self.attrs)


def _ymd(year: int, month: int | None = None, day: int | None = None) -> str | None:
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    if day > calendar.monthrange(year, month)[1]:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _month(name: str) -> int:
    return month_number(name)


def _iso(d) -> str:
    return d.isoformat()


def _alt(parts) -> str:
    return "|".join(f"(?:{p})" for p, _ in parts)


_RULES: list[tuple[str, re.Pattern]] = []


def _rule(name: str, pattern: str) -> None:
    _RULES.append((name, re.compile(pattern)))


# Order matters: longer, more specific expressions first; a later rule never
# takes text an earlier one matched.
# double dating, the whole expression one date: "12 Nisan 1293/24 Nisan 1877", "7 Mart 1334/1918",
# "15 Muharrem 1244/1828"
_rule("dual-dmy-dmy", rf"{NB}(?P<d1>{DAY})\s+(?P<m1>{ANY_RUMI_M}|{HIJRI_M})\s+(?P<y1>1[12][0-9]{{2}}|13[0-4][0-9])\s*/\s*"
      rf"(?P<d>{DAY})\s+(?P<m>{M})\s+(?P<y>{YEAR}){NA}")
_rule("dual-dmy-y", rf"{NB}(?P<d1>{DAY})\s+(?P<m1>{ANY_RUMI_M}|{HIJRI_M})\s+(?P<y1>1[12][0-9]{{2}}|13[0-4][0-9])\s*/\s*"
      rf"(?P<y>{YEAR}){NA}")
# a Rumi or Hijri date alone: "20 Teşrinievvel 1275", "3 Rebiülahir 1276", "7 Mart 1334"
_rule("hijri-dmy", rf"{NB}(?P<d>{DAY})\s+(?P<m>{HIJRI_M})\s+(?P<y>1[0-4][0-9]{{2}}){NA}")
_rule("rumi-dmy", rf"{NB}(?P<d>{DAY})\s+(?P<m>{ANY_RUMI_M})\s+(?P<y>12[5-9][0-9]|13[0-4][0-9]){NA}")
_rule("rumi-my", rf"(?<!\w)(?P<m>{ANY_RUMI_M})\s+(?P<y>12[5-9][0-9]|13[0-4][0-9]){NA}")
_rule("sene", rf"{NB}(?P<y>1[2-9][0-9]{{2}})\s+{SENE}(?!\w)")
_rule("dmy-dmy", rf"{NB}(?P<d1>{DAY})\s+(?P<m1>{M}){DASH}(?P<d2>{DAY})\s+(?P<m2>{M}){GLOSS}\s*(?P<y>{YEAR}){NA}")
_rule("d-dmy", rf"{NB}(?P<d1>{DAY}){DASH}(?P<d2>{DAY})\s+(?P<m>{M}){GLOSS}\s*(?P<y>{YEAR}){NA}")
_rule("dmy", rf"{NB}(?P<d>{DAY})\s+(?P<m>{M}){GLOSS}\s*,?\s*(?P<y>{YEAR}){NA}")
_rule("mdy-en", rf"(?<!\w)(?P<m>{_EN_MONTH_ALT})\s+(?P<d>{DAY}),\s*(?P<y>{YEAR}){NA}")
_rule("my-my", rf"(?<!\w)(?P<m1>{M}){DASH}(?P<m2>{M})\s+(?P<y>{YEAR}){NA}")
_rule("y-month", rf"{NB}(?P<y>{YEAR})\s+yılı(?:nın)?\s+(?P<m>{M})\s+ayı(?:nda|ndan|na)?(?!\w)")
_rule("my", rf"(?<!\w)(?P<m>{M}){GLOSS}\s+(?P<y>{YEAR}){NA}")
# "Ağustos ayında": a month named as such, its year from the context
_rule("month", rf"(?<!\w)(?P<m>{_TR_MONTH_ALT})\s+ayı(?:ndaki|ndan|nda|nın|na|)(?!\w)")
_rule("y-m-glued", rf"{NB}(?P<y>{YEAR})\s+(?P<m>{_TR_MONTH_ALT}){GLUED}(?!\w)")
_rule("d-dm", rf"{NB}(?P<d1>{DAY}){DASH}(?P<d2>{DAY})\s+(?P<m>{_TR_MONTH_ALT})(?:{GLUED})?(?!\w)")
_rule("dm", rf"{NB}(?P<d>{DAY})\s+(?P<m>{_TR_MONTH_ALT})(?:{GLUED})?(?!\w)")
_rule("century-part",
      rf"(?<!\w)(?:(?P<rn>{ROMAN})|(?P<n>[12]?[0-9]))\.\s+(?:yüzyıl|asır)(?:ın|ının)?\s+(?P<part>{_alt(CENTURY_PARTS)})(?!\w)")
_rule("century", rf"(?<!\w)(?:(?P<rn>{ROMAN})|(?P<n>[12]?[0-9]))\.\s+(?:yüzyıl|asır)(?:da|de|ın|ının|ında|ına|dan)?(?!\w)")
_rule("century-en", r"(?<!\w)(?P<n>[12]?[0-9])(?:st|nd|rd|th)\s+[Cc]entury(?!\w)")
_rule("y-part", rf"{NB}(?P<y>{YEAR})\s+(?:{YIL}\s+)?(?P<part>{_alt(YEAR_PARTS)})(?!\w)")
_rule("decade", rf"{NB}(?P<y>1[0-9]{{2}}0|20[0-9]0)[’']?(?:li|lı|lu|lü)\s+{YILLAR}(?!\w)")
_rule("decade-ler", rf"{NB}(?P<y>1[0-9]{{2}}0|20[0-9]0)[’']?(?:lerdeki|lerde|lerden|lerin|lere|ler)(?!\w)")
_rule("y-y", rf"{NB}(?P<y1>{YEAR}){DASH}(?P<y2>{YEAR})(?:\s+{YILLAR})?{NA}")
# short ranges: "1917-18", "1917/18", "1878-81 yıllarında"
_rule("y-yy", rf"{NB}(?P<y1>{YEAR})(?:{DASH}|/)(?P<y2>[0-9]{{2}})(?:\s+{YILLAR})?(?![\d\w]|\.\d|,\d|/\d)")
_rule("y-yil", rf"{NB}(?P<y>{YEAR})\s+{YIL}(?!\w)")
_rule("y", rf"{NB}(?P<y>{YEAR}){NA}(?!/\d)")

# "s. 1918", "f. 1918" would be page/folio numbers; "N:48", "No. 1918" numbers.
_NOT_YEAR_BEFORE = re.compile(r"(?:\b[sfdSp]\.|\bss\.|\bNo\.?|\bN:|\bSayı|\biş\.|\bpp?\.)\s*$")


# A year of publication is no date of the text's history (the held-out
# conventions, docs/annotate.md): "…, Ankara, 1993, s. 310", "(Suny, 2010)",
# "(Bournoutian 2004: 18)", "; Köse 2014)".
_PUBLISHED_IN = re.compile(r"[A-ZÇĞİÖŞÜ][\w.\-]*\.?,\s*$")
_AFTER_PUBLISHED = re.compile(r"\s*(?:,\s*(?:s|ss|pp?|C|c|Cilt|cilt|Vol|vol|No|no|S)\b\.?|[.;)]|,?\s*$)")
_CITED_BY = re.compile(r"(?:^|[(;]|\bbkz\.?|\bBkz\.?)\s*(?:[A-ZÇĞİÖŞÜ][\w’'\-.]*\s*(?:ve|and|&|–|-)?\s*){1,4},?\s*$")
_AFTER_CITED = re.compile(r"[a-z]?\s*(?::\s*\d|[),;])")


def _publication_year(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 80):start]
    after = text[end:end + 20]
    if _PUBLISHED_IN.search(before) and _AFTER_PUBLISHED.match(after):
        return True
    return bool(_CITED_BY.search(before) and _AFTER_CITED.match(after))


def _part(parts, text: str):
    for pattern, value in parts:
        if re.fullmatch(pattern, text):
            return value
    raise KeyError(text)


def _century_range(m: re.Match, part: tuple[int, int] | None = (1, 100)) -> tuple[int, int]:
    n = roman_to_int(m["rn"]) if m.groupdict().get("rn") else int(m["n"])
    base = (n - 1) * 100
    lo, hi = part or (1, 100)
    return base + lo, base + hi


def _attrs_for(name: str, m: re.Match, ctx: DateContext) -> dict[str, str] | None:
    """ISO attributes for one match, updating ``ctx``; None if the match is no date."""
    g = m.groupdict()
    if name in ("dual-dmy-dmy", "dual-dmy-y", "hijri-dmy", "rumi-dmy", "rumi-my", "sene"):
        return _other_calendar(name, g, ctx)
    if name == "y-m-glued":
        y = int(g["y"])
        ctx.saw(y)
        return {"when": _ymd(y, _month(g["m"]))}
    if name in ("decade", "decade-ler"):
        y = int(g["y"])
        return {"notBefore": f"{y:04d}", "notAfter": f"{y + 9:04d}"}
    if name == "y-yy":
        y1 = int(g["y1"])
        y2 = y1 // 100 * 100 + int(g["y2"])
        if y2 <= y1:
            return None
        ctx.saw(y2)
        return {"from": f"{y1:04d}", "to": f"{y2:04d}"}
    if name == "dmy-dmy":
        y = int(g["y"])
        a = _ymd(y, _month(g["m1"]), int(g["d1"]))
        b = _ymd(y, _month(g["m2"]), int(g["d2"]))
        ctx.saw(y, int(g["d1"]), _month(g["m1"]))
        ctx.saw(y, int(g["d2"]), _month(g["m2"]))
        return {"from": a, "to": b} if a and b else None
    if name == "d-dmy":
        y, mo = int(g["y"]), _month(g["m"])
        a, b = _ymd(y, mo, int(g["d1"])), _ymd(y, mo, int(g["d2"]))
        ctx.saw(y, int(g["d1"]), mo)
        ctx.saw(y, int(g["d2"]), mo)
        return {"from": a, "to": b} if a and b else None
    if name in ("dmy", "mdy-en"):
        y, mo, d = int(g["y"]), _month(g["m"]), int(g["d"])
        ctx.saw(y, d, mo)
        when = _ymd(y, mo, d)
        return {"when": when} if when else None
    if name == "my-my":
        y = int(g["y"])
        ctx.saw(y)
        return {"from": _ymd(y, _month(g["m1"])), "to": _ymd(y, _month(g["m2"]))}
    if name in ("my", "y-month"):
        y = int(g["y"])
        ctx.saw(y)
        return {"when": _ymd(y, _month(g["m"]))}
    if name == "d-dm":
        mo = _month(g["m"])
        y = ctx.year_for(int(g["d1"]), mo)
        if y is None:
            return None
        a, b = _ymd(y, mo, int(g["d1"])), _ymd(y, mo, int(g["d2"]))
        return {"from": a, "to": b, "cert": "medium", "evidence": "conjecture"} if a and b else None
    if name == "month":
        y = ctx.year_for(None, _month(g["m"]))
        if y is None:
            return None
        return {"when": _ymd(y, _month(g["m"])), "cert": "medium", "evidence": "conjecture"}
    if name == "dm":
        mo, d = _month(g["m"]), int(g["d"])
        y = ctx.year_for(d, mo)
        if y is None:
            return None
        when = _ymd(y, mo, d)
        return {"when": when, "cert": "medium", "evidence": "conjecture"} if when else None
    if name in ("century", "century-en", "century-part"):
        n_text = g.get("rn") or g.get("n")
        if not n_text:
            return None
        part = _part(CENTURY_PARTS, g["part"]) if name == "century-part" else None
        lo, hi = _century_range(m, part)
        if not 1 <= (hi + 99) // 100 <= 21:
            return None
        return {"notBefore": f"{lo:04d}", "notAfter": f"{hi:04d}"}
    if name == "y-part":
        y = int(g["y"])
        ctx.saw(y)
        lo, hi = _part(YEAR_PARTS, g["part"])
        return {"notBefore": f"{y:04d}-{lo}", "notAfter": f"{y:04d}-{hi}"}
    if name == "y-y":
        y1, y2 = int(g["y1"]), int(g["y2"])
        if y2 <= y1:
            return None
        ctx.saw(y2)
        return {"from": f"{y1:04d}", "to": f"{y2:04d}"}
    if name in ("y", "y-yil"):
        y = int(g["y"])
        ctx.saw(y)
        return {"when": f"{y:04d}"}
    raise AssertionError(name)


def _calendar_of(month: str) -> str:
    try:
        hijri_month_number(month)
        return "hijri"
    except KeyError:
        return "rumi"


def _convert(cal: str, y: int, month: str, d: int):
    if cal == "hijri":
        return hijri_to_gregorian(y, hijri_month_number(month), d)
    return rumi_to_gregorian(y, rumi_month_number(month), d)


def _other_calendar(name: str, g: dict, ctx: DateContext) -> dict[str, str] | None:
    """A Rumi or Hijri date: the Gregorian value in ``when`` (or a range), the
    calendar in ``calendar``; a tabular Hijri conversion and a bare "sene"
    year (Rumi or Hijri?) are marked as inferred."""
    try:
        if name == "dual-dmy-dmy":
            cal = _calendar_of(g["m1"])
            y, mo, d = int(g["y"]), _month(g["m"]), int(g["d"])
            when = _ymd(y, mo, d)
            ctx.saw(y, d, mo)
            return {"when": when, "calendar": cal} if when else None
        if name in ("dual-dmy-y", "hijri-dmy", "rumi-dmy"):
            month, y, d = (g["m1"], int(g["y1"]), int(g["d1"])) if name == "dual-dmy-y" else (g["m"], int(g["y"]), int(g["d"]))
            cal = "hijri" if name == "hijri-dmy" else _calendar_of(month)
            date = _convert(cal, y, month, d)
            if name == "dual-dmy-y" and abs(date.year - int(g["y"])) > 1:
                return None  # the two years do not belong together
            ctx.saw(date.year, date.day, date.month)
            attrs = {"when": _iso(date), "calendar": cal}
            if cal == "hijri":
                attrs.update(cert="medium", evidence="conjecture")
            return attrs
        if name == "rumi-my":
            first, last = rumi_month_range(int(g["y"]), rumi_month_number(g["m"]))
            ctx.saw(first.year)
            if first.day == 1 and (last + datetime.timedelta(days=1)).day == 1:
                return {"when": first.isoformat()[:7], "calendar": "rumi"}
            return {"notBefore": _iso(first), "notAfter": _iso(last), "calendar": "rumi"}
        if name == "sene":
            y = int(g["y"])
            if y in RUMI_YEARS:
                first, last = rumi_year_range(y)
                ctx.saw(first.year)
                return {"notBefore": _iso(first), "notAfter": _iso(last), "calendar": "rumi",
                        "cert": "medium", "evidence": "conjecture"}
            if y < 1500:
                return None
            ctx.saw(y)
            return {"when": f"{y:04d}"}
    except (KeyError, ValueError):
        return None
    raise AssertionError(name)


# What each rule needs to find anything; a rule whose trigger is absent from
# a text is not run (most text slots have no month name and no century).
_HAS_MONTH = re.compile(rf"{M}|{RUMI_M}|{HIJRI_M}")
_HAS_CENTURY = re.compile(r"yüzyıl|asır|[Cc]entury")
_HAS_YEAR = re.compile(YEAR)
_TRIGGER = {"century-part": _HAS_CENTURY, "century": _HAS_CENTURY, "century-en": _HAS_CENTURY,
            "y-part": _HAS_YEAR, "y-y": _HAS_YEAR, "y-yil": _HAS_YEAR, "y": _HAS_YEAR, "sene": _HAS_YEAR,
            "decade": _HAS_YEAR, "decade-ler": _HAS_YEAR, "y-yy": _HAS_YEAR}


def find_dates(text: str, ctx: DateContext | None = None) -> list[DateMatch]:
    """Every calendar expression in ``text``, left to right, non-overlapping."""
    ctx = ctx if ctx is not None else DateContext()
    found: list[tuple[int, int, str, re.Match]] = []
    present = {trigger: trigger.search(text) is not None for trigger in (_HAS_MONTH, _HAS_CENTURY, _HAS_YEAR)}
    if not any(present.values()):
        return []
    taken = [False] * (len(text) + 1)
    for name, pattern in _RULES:
        if not present[_TRIGGER.get(name, _HAS_MONTH)]:
            continue
        for m in pattern.finditer(text):
            start, end = m.start(), m.end()
            if any(taken[start:end]):
                continue
            if name in ("y", "y-y", "y-yil") and _NOT_YEAR_BEFORE.search(text[max(0, start - 12):start]):
                continue
            if name == "y" and _publication_year(text, start, end):
                continue
            if name == "century" and m["rn"] == "" and not m["n"]:
                continue
            found.append((start, end, name, m))
            for i in range(start, end):
                taken[i] = True
    matches = []
    # attributes are computed in reading order so the context sees earlier years first
    for start, end, name, m in sorted(found, key=lambda f: f[0]):
        attrs = _attrs_for(name, m, ctx)
        if attrs:
            matches.append(DateMatch(start, end, tuple(attrs.items())))
    return matches


def parse_date(text: str, ctx: DateContext | None = None) -> dict[str, str] | None:
    """Attributes for a string that is wholly one date ("4 Ocak 1919", "1951"), else None."""
    text = text.strip()
    found = find_dates(text, ctx)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(text):
        return found[0].attributes
    return None
