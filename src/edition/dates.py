"""Dates: calendar expressions in Turkish and English text, normalised to ISO 8601.

The one place where dates are read. Ingest's references (:mod:`edition.ingest.citations`)
and annotate's running text (:mod:`edition.annotate`) both call it:

* :func:`parse_date` — the date normaliser: the ISO attributes (``when``,
  ``from``/``to``, ``notBefore``/``notAfter``, ``calendar``, ``cert``,
  ``evidence``) of a string that is wholly one date ("4 Ocak 1919", "1951");
* :func:`find_dates` — every date in a running text, left to right.

Both run the same table of :class:`DateRule` (a pattern and the handler that
turns its match into attributes), in order: longer, more specific expressions
first; a later rule never takes text an earlier one matched.

A day and month without a year ("31 Mart’ta") take their year from a
:class:`DateContext` that the caller carries through the document in reading
order: first the year of the same day and month written out earlier ("31 Mart
1918" → later "31 Mart" is 1918), else the nearest preceding explicit year;
such dates get ``cert="medium"`` and ``evidence="conjecture"`` (TEI
att.global.responsibility: the value is the encoder's inference, :data:`INFERRED`).
So do every value the text does not fix by itself: a Hijri date or year
converted by the tabular calendar, a bare "sene" year read as Rumi, a bare year
in an Ottoman archive reference read as Hijri, "1918 kışında" read as the
winter that begins in December 1918.

Kinds of expression (one :class:`DateRule` each, see :data:`RULES`): a day,
month and year, in Turkish, Azerbaijani or English; ranges of days, months and
years, abbreviated ("1917-18", "1917/18", "3-4 Nisanda"), over two years
("Haziran 1908-Nisan 1909") or with "ve"/"and" ("June and November 1918");
double dating ("7 Mart 1334/1918", "12 Nisan 1293/24 Nisan 1877",
"1334/1918"), Rumi and Hijri dates, months and years (``@calendar``, the
Gregorian value in the ISO attributes); seasons, parts of years, months,
decades and centuries (``notBefore``/``notAfter``); numeric dates ("30.10.1918").

Spans end before an apostrophe: ``<date when="1918-03-31">31 Mart 1918</date>’de``.
Numbers that are not years are left alone: "1.000", "48 asker", page ranges
("s. 17-19"), archive references ("f. 176").
"""

from __future__ import annotations

import calendar
import datetime
import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from .calendars import (
    HIJRI_MONTHS,
    RUMI_ONLY_MONTHS,
    RUMI_YEARS,
    hijri_month_number,
    hijri_to_gregorian,
    hijri_year_range,
    month_number,
    rumi_month_number,
    rumi_month_range,
    rumi_to_gregorian,
    rumi_year_range,
)

Attributes = dict[str, str]
_T = TypeVar("_T")

_TR_MONTH_ALT = "Ocak|Şubat|Mart|Nisan|Aprel|Mayıs|Haziran|Temmuz|Ağustos|Eylül|Ekim|Kasım|Aralık"
_EN_MONTH_ALT = "|".join(name for name in calendar.month_name if name)
M = rf"(?:{_TR_MONTH_ALT}|{_EN_MONTH_ALT})"


def _names_alt(names: Mapping[str, int]) -> str:
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
YILLAR = (r"(?:yıllarındaki|yıllarından|yıllarında|yıllarına|yıllarının|yılların|yılları|yıllardaki|yıllardan"
          r"|yıllarda|yıllara|yıllar)")
# "Temmuz-Ağustos 1920 aylarında": the months' own word is part of the date
AYLAR = r"(?:\s+(?:aylarındaki|aylarından|aylarında|aylarına|aylarının|ayları))?"
# "3 ve 4 Nisan", "June and November 1918": two days or months written as one date
AND = r"(?:\s+(?:ve|ile|and)\s+)"
SENE = r"(?:senesindeki|senesinde|senesinden|senesine|senesi|sene)"
# A month gloss in parentheses, as in "2 Aprel (Nisan) 2004".
GLOSS = rf"(?:\s*\({M}\))?"
DAY = r"(?:[12][0-9]|3[01]|0?[1-9])"
YEAR = r"(?:1[0-9]{3}|20[0-9]{2})"
# a Roman century number ("XIX"), never empty
ROMAN_CENTURY = r"(?=[IVX])(?:X{0,2}(?:IX|IV|V?I{0,3}))"
# "yüzyıl", "asır"/"asrın", "yy." with a case ending
CENTURY_WORD = r"(?:yüzyıl|asır|asr(?=ın|ı|a|da))"
# the number of a century: "XIX.", "XIX", "19.", "19." without the space
CENTURY_NUMBER = rf"(?:(?P<rn>{ROMAN_CENTURY})\.?|(?P<n>[12]?[0-9])\.)\s*"
# a digit, dot-digit or letter right before/after means the number is part of something else
NB = r"(?<![\d.,/:])(?<!\w)"
NA = r"(?![\d]|\.\d|,\d|\w)"
DASH = r"\s*[-–—]\s*"
ROMAN = r"(?:X{0,2}(?:IX|IV|V?I{0,3}))"
# the year of a Rumi or Hijri date written before its Gregorian one ("7 Mart 1334/1918")
OTHER_YEAR = r"(?:1[12][0-9]{2}|13[0-4][0-9])"
RUMI_YEAR = r"(?:12[5-9][0-9]|13[0-4][0-9])"

ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}

# the value of a date that is the encoder's inference, not what the text says (TEI att.global.responsibility)
INFERRED = {"cert": "medium", "evidence": "conjecture"}


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
# Parts of a month as (first day, last day; 0 = the month's last day): the
# first, middle and last ten days, a convention like the seasons'.
MONTH_PARTS = [
    (r"başlarından|başlarındaki|başlarında|başlarına|başları|başından|başında|başına|başı", (1, 10)),
    (r"ortalarından|ortalarındaki|ortalarında|ortalarına|ortaları|ortasından|ortasında|ortasına|ortası", (11, 20)),
    (r"sonlarından|sonlarındaki|sonlarında|sonlarına doğru|sonlarına|sonları|sonundan|sonunda|sonuna doğru|sonuna"
     r"|sonu", (21, 0)),
]
# Parts of a decade ("1990’lı yılların başında") as year offsets.
DECADE_PARTS = [
    (r"başlarından|başlarında|başlarına|başları|başından|başında|başı", (0, 3)),
    (r"ortalarından|ortalarında|ortalarına|ortaları|ortasında|ortası", (3, 6)),
    (r"sonlarından|sonlarında|sonlarına doğru|sonlarına|sonları|sonundan|sonunda|sonuna|sonu", (6, 9)),
]
# Winter crosses the year (meteorological: 1 December to the end of February).
KIS = r"kış(?:ındaki|ından|ında|ına|ı)"
SEASONS_EN = {"spring": ("03-01", "05-31"), "summer": ("06-01", "08-31"), "autumn": ("09-01", "11-30"),
              "fall": ("09-01", "11-30")}


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
    def attributes(self) -> Attributes:
        return dict(self.attrs)


def iso_value(year: int, month: int | None = None, day: int | None = None) -> str | None:
    """The ISO 8601 value of a Gregorian date to the precision written; None for a day the month lacks."""
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    if day > calendar.monthrange(year, month)[1]:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _alt(parts: list[tuple[str, tuple[str, str]]] | list[tuple[str, tuple[int, int]]]) -> str:
    return "|".join(f"(?:{p})" for p, _ in parts)


# --- the handlers: one match → its attributes ------------------------------------------------

Match = re.Match[str]
Handler = Callable[[Match, DateContext], Attributes | None]


def _range(a: str | None, b: str | None, **extra: str) -> Attributes | None:
    return {"from": a, "to": b, **extra} if a and b else None


def _when(value: str | None, **extra: str) -> Attributes | None:
    return {"when": value, **extra} if value else None


def _year_month(m: Match, ctx: DateContext) -> Attributes | None:
    """"Ocak 1918", "1921 yılı Ocak ayında", "1797 Haziranında"."""
    y = int(m["y"])
    ctx.saw(y)
    return _when(iso_value(y, month_number(m["m"])))


def _decade(m: Match, ctx: DateContext) -> Attributes | None:
    y = int(m["y"])
    return {"notBefore": f"{y:04d}", "notAfter": f"{y + 9:04d}"}


def _short_year_range(m: Match, ctx: DateContext) -> Attributes | None:
    """"1917-18", "1917/18": the second year takes the first one's century."""
    y1 = int(m["y1"])
    y2 = y1 // 100 * 100 + int(m["y2"])
    if y2 <= y1:
        return None
    ctx.saw(y2)
    return {"from": f"{y1:04d}", "to": f"{y2:04d}"}


def _day_month_range(m: Match, ctx: DateContext) -> Attributes | None:
    """"31 Mart-1 Nisan 1918"."""
    y = int(m["y"])
    m1, m2 = month_number(m["m1"]), month_number(m["m2"])
    ctx.saw(y, int(m["d1"]), m1)
    ctx.saw(y, int(m["d2"]), m2)
    return _range(iso_value(y, m1, int(m["d1"])), iso_value(y, m2, int(m["d2"])))


def _day_range(m: Match, ctx: DateContext) -> Attributes | None:
    """"28-29 Kasım 1920"."""
    y, mo = int(m["y"]), month_number(m["m"])
    ctx.saw(y, int(m["d1"]), mo)
    ctx.saw(y, int(m["d2"]), mo)
    return _range(iso_value(y, mo, int(m["d1"])), iso_value(y, mo, int(m["d2"])))


def _day_month_year(m: Match, ctx: DateContext) -> Attributes | None:
    """"31 Mart 1918", "March 3, 1918"."""
    y, mo, d = int(m["y"]), month_number(m["m"]), int(m["d"])
    ctx.saw(y, d, mo)
    return _when(iso_value(y, mo, d))


def _month_range(m: Match, ctx: DateContext) -> Attributes | None:
    """"Temmuz-Ağustos 1914"."""
    y = int(m["y"])
    ctx.saw(y)
    return _range(iso_value(y, month_number(m["m1"])), iso_value(y, month_number(m["m2"])))


def _day_range_no_year(m: Match, ctx: DateContext) -> Attributes | None:
    """"3-4 Nisanda": the year from the context, inferred."""
    mo = month_number(m["m"])
    y = ctx.year_for(int(m["d1"]), mo)
    if y is None:
        return None
    return _range(iso_value(y, mo, int(m["d1"])), iso_value(y, mo, int(m["d2"])), **INFERRED)


def _month_no_year(m: Match, ctx: DateContext) -> Attributes | None:
    """"Ağustos ayında": the year from the context, inferred."""
    mo = month_number(m["m"])
    y = ctx.year_for(None, mo)
    if y is None:
        return None
    return _when(iso_value(y, mo), **INFERRED)


def _day_month_no_year(m: Match, ctx: DateContext) -> Attributes | None:
    """"31 Mart’ta": the year from the context, inferred."""
    mo, d = month_number(m["m"]), int(m["d"])
    y = ctx.year_for(d, mo)
    if y is None:
        return None
    return _when(iso_value(y, mo, d), **INFERRED)


def _century(m: Match, ctx: DateContext) -> Attributes | None:
    """"XX. yüzyıl", "19. yüzyılda", "19th century", "XIX. yüzyılın başlarında"."""
    groups = m.groupdict()
    n_text = groups.get("rn") or groups.get("n")
    if not n_text:
        return None
    n = roman_to_int(n_text) if groups.get("rn") else int(n_text)
    lo, hi = _part(CENTURY_PARTS, groups["part"]) if groups.get("part") else (1, 100)
    base = (n - 1) * 100
    if not 1 <= n <= 21:
        return None
    return {"notBefore": f"{base + lo:04d}", "notAfter": f"{base + hi:04d}"}


def _century_range(m: Match, ctx: DateContext) -> Attributes | None:
    """"XVII-XVIII. yüzyıllarda", "18 ve 19. yüzyıllarda": the first century's start to the second's end."""
    first = roman_to_int(m["rn1"]) if m["rn1"] else int(m["n1"])
    last = roman_to_int(m["rn"]) if m["rn"] else int(m["n"])
    if not 1 <= first < last <= 21:
        return None
    return {"notBefore": f"{(first - 1) * 100 + 1:04d}", "notAfter": f"{last * 100:04d}"}


def _year_part(m: Match, ctx: DateContext) -> Attributes | None:
    """"1920 baharında", "1917 sonlarında"."""
    y = int(m["y"])
    ctx.saw(y)
    lo, hi = _part(YEAR_PARTS, m["part"])
    return {"notBefore": f"{y:04d}-{lo}", "notAfter": f"{y:04d}-{hi}"}


def _year_range(m: Match, ctx: DateContext) -> Attributes | None:
    """"1800-1825", "1918-1920 yıllarında"."""
    y1, y2 = int(m["y1"]), int(m["y2"])
    if y2 <= y1:
        return None
    ctx.saw(y2)
    return {"from": f"{y1:04d}", "to": f"{y2:04d}"}


def _cross_year_range(m: Match, ctx: DateContext) -> Attributes | None:
    """"Haziran 1908-Nisan 1909", "31 Aralık 1917-1 Ocak 1918": a range over two years."""
    groups = m.groupdict()
    y1, y2 = int(m["y1"]), int(m["y2"])
    m1, m2 = month_number(m["m1"]), month_number(m["m2"])
    d1 = int(groups["d1"]) if groups.get("d1") else None
    d2 = int(groups["d2"]) if groups.get("d2") else None
    a, b = iso_value(y1, m1, d1), iso_value(y2, m2, d2)
    if a is None or b is None or b <= a:
        return None
    ctx.saw(y2)
    return {"from": a, "to": b}


def _winter_end(year: int) -> str:
    return f"{year:04d}-02-{calendar.monthrange(year, 2)[1]:02d}"


def _winter_of_years(m: Match, ctx: DateContext) -> Attributes | None:
    """"1919-1920 kışında", "1917-18 kışı": December of the first year to February of the second."""
    y1 = int(m["y1"])
    y2 = int(m["y2"]) if len(m["y2"]) == 4 else y1 // 100 * 100 + int(m["y2"])
    if y2 != y1 + 1:
        return None
    ctx.saw(y2)
    return {"notBefore": f"{y1:04d}-12-01", "notAfter": _winter_end(y2)}


def _winter_of_year(m: Match, ctx: DateContext) -> Attributes | None:
    """"1918 kışında": which winter is the reader's inference (the one that begins in December)."""
    y = int(m["y"])
    ctx.saw(y)
    return {"notBefore": f"{y:04d}-12-01", "notAfter": _winter_end(y + 1), **INFERRED}


def _season_en(m: Match, ctx: DateContext) -> Attributes | None:
    """"spring of 1917", "the autumn of 1918"."""
    y = int(m["y"])
    season = m["season"].lower()
    ctx.saw(y)
    if season == "winter":
        return {"notBefore": f"{y:04d}-12-01", "notAfter": _winter_end(y + 1), **INFERRED}
    lo, hi = SEASONS_EN[season]
    return {"notBefore": f"{y:04d}-{lo}", "notAfter": f"{y:04d}-{hi}"}


def _month_part_value(y: int, mo: int, part: str, **extra: str) -> Attributes:
    first, last = _part(MONTH_PARTS, part)
    last = last or calendar.monthrange(y, mo)[1]
    return {"notBefore": f"{y:04d}-{mo:02d}-{first:02d}", "notAfter": f"{y:04d}-{mo:02d}-{last:02d}", **extra}


def _month_part(m: Match, ctx: DateContext) -> Attributes | None:
    """"Nisan 1920 sonunda", "1918 yılı Eylül ayının ortalarında"; without a year
    ("Eylül ayının sonlarında", "Mayıs başında") the year is the context's, inferred."""
    mo = month_number(m["m"])
    if m.groupdict().get("y"):
        y = int(m["y"])
        ctx.saw(y)
        return _month_part_value(y, mo, m["part"])
    known = ctx.year_for(None, mo)
    return None if known is None else _month_part_value(known, mo, m["part"], **INFERRED)


def _decade_part(m: Match, ctx: DateContext) -> Attributes | None:
    """"1990’lı yılların başında"."""
    y = int(m["y"])
    lo, hi = _part(DECADE_PARTS, m["part"])
    return {"notBefore": f"{y + lo:04d}", "notAfter": f"{y + hi:04d}"}


def _numeric_date(m: Match, ctx: DateContext) -> Attributes | None:
    """"30.10.1918", "30/10/1918" (day first, as Turkish writes it)."""
    y, mo, d = int(m["y"]), int(m["mo"]), int(m["d"])
    ctx.saw(y, d, mo)
    return _when(iso_value(y, mo, d))


def _year_pair(m: Match, ctx: DateContext) -> Attributes | None:
    """"1905/1906": two consecutive years (a fiscal or school year)."""
    y1, y2 = int(m["y1"]), int(m["y2"])
    if y2 != y1 + 1:
        return None
    ctx.saw(y2)
    return {"from": f"{y1:04d}", "to": f"{y2:04d}"}


def _year(m: Match, ctx: DateContext) -> Attributes | None:
    y = int(m["y"])
    ctx.saw(y)
    return {"when": f"{y:04d}"}


def _part(parts: list[tuple[str, tuple[_T, _T]]], text: str) -> tuple[_T, _T]:
    for pattern, value in parts:
        if re.fullmatch(pattern, text):
            return value
    raise KeyError(text)


# --- Rumi and Hijri: the Gregorian value in @when, the calendar in @calendar ------------------


def _calendar_of(month: str) -> str:
    try:
        hijri_month_number(month)
        return "hijri"
    except KeyError:
        return "rumi"


def _convert(cal: str, y: int, month: str, d: int) -> datetime.date:
    if cal == "hijri":
        return hijri_to_gregorian(y, hijri_month_number(month), d)
    return rumi_to_gregorian(y, rumi_month_number(month), d)


def _other_calendar(handler: Handler) -> Handler:
    """A handler whose month or day the calendar may not have: no date then."""

    @functools.wraps(handler)
    def guarded(m: Match, ctx: DateContext) -> Attributes | None:
        try:
            return handler(m, ctx)
        except (KeyError, ValueError):
            return None

    return guarded


def _converted(cal: str, date: datetime.date, ctx: DateContext) -> Attributes:
    ctx.saw(date.year, date.day, date.month)
    attrs = {"when": date.isoformat(), "calendar": cal}
    if cal == "hijri":
        attrs.update(INFERRED)  # the tabular calendar may be a day off the observed month
    return attrs


@_other_calendar
def _dual_both_days(m: Match, ctx: DateContext) -> Attributes | None:
    """"12 Nisan 1293/24 Nisan 1877": the Gregorian half as written."""
    y, mo, d = int(m["y"]), month_number(m["m"]), int(m["d"])
    when = iso_value(y, mo, d)
    ctx.saw(y, d, mo)
    return _when(when, calendar=_calendar_of(m["m1"]))


@_other_calendar
def _dual_gregorian_year(m: Match, ctx: DateContext) -> Attributes | None:
    """"7 Mart 1334/1918": converted, and the Gregorian year must agree."""
    cal = _calendar_of(m["m1"])
    date = _convert(cal, int(m["y1"]), m["m1"], int(m["d1"]))
    if abs(date.year - int(m["y"])) > 1:
        return None  # the two years do not belong together
    return _converted(cal, date, ctx)


@_other_calendar
def _hijri_date(m: Match, ctx: DateContext) -> Attributes | None:
    return _converted("hijri", _convert("hijri", int(m["y"]), m["m"], int(m["d"])), ctx)


@_other_calendar
def _rumi_date(m: Match, ctx: DateContext) -> Attributes | None:
    cal = _calendar_of(m["m"])
    return _converted(cal, _convert(cal, int(m["y"]), m["m"], int(m["d"])), ctx)


@_other_calendar
def _rumi_month(m: Match, ctx: DateContext) -> Attributes | None:
    """"Mart 1334" is March 1918; before the reform a Rumi month straddles two Gregorian ones."""
    first, last = rumi_month_range(int(m["y"]), rumi_month_number(m["m"]))
    ctx.saw(first.year)
    if first.day == 1 and (last + datetime.timedelta(days=1)).day == 1:
        return {"when": first.isoformat()[:7], "calendar": "rumi"}
    return {"notBefore": first.isoformat(), "notAfter": last.isoformat(), "calendar": "rumi"}


@_other_calendar
def _rumi_month_range(m: Match, ctx: DateContext) -> Attributes | None:
    """"Mart-Nisan 1334": from the first day of one Rumi month to the last of the other."""
    y = int(m["y"])
    first, _ = rumi_month_range(y, rumi_month_number(m["m1"]))
    _, last = rumi_month_range(y, rumi_month_number(m["m2"]))
    if last <= first:
        return None
    ctx.saw(last.year)
    return {"notBefore": first.isoformat(), "notAfter": last.isoformat(), "calendar": "rumi"}


def _other_year_range(y: int, gregorian: int | None) -> Attributes | None:
    """The Gregorian span of a Rumi or Hijri year, checked against the Gregorian year written with it."""
    if gregorian is not None and y in RUMI_YEARS and gregorian - y in (584, 585):
        first, last = rumi_year_range(y)
        return {"notBefore": first.isoformat(), "notAfter": last.isoformat(), "calendar": "rumi"}
    first, last = hijri_year_range(y)
    if gregorian is not None and not first.year <= gregorian <= last.year:
        return None
    # the tabular calendar may be a day off the observed months
    return {"notBefore": first.isoformat(), "notAfter": last.isoformat(), "calendar": "hijri", **INFERRED}


@_other_calendar
def _dual_year(m: Match, ctx: DateContext) -> Attributes | None:
    """"1334/1918", "1244/1828": a Rumi (or else Hijri) year and the Gregorian year it falls in."""
    attrs = _other_year_range(int(m["y1"]), int(m["y"]))
    if attrs is not None:
        ctx.saw(int(m["y"]))
    return attrs


@_other_calendar
def _hijri_year(m: Match, ctx: DateContext) -> Attributes | None:
    """"H. 1228", "hicri 1228", or a year in an Ottoman archive reference ("BOA, C.HR, 12/580, 1228"):
    the Hijri year (inferred: by the tabular calendar, and without the "H." by the reference's kind)."""
    return _other_year_range(int(m["y"]), None)


@_other_calendar
def _sene(m: Match, ctx: DateContext) -> Attributes | None:
    """"1294 senesinde": a year in the Rumi range is read as Rumi (inferred), a later one as Gregorian."""
    y = int(m["y"])
    if y in RUMI_YEARS:
        first, last = rumi_year_range(y)
        ctx.saw(first.year)
        return {"notBefore": first.isoformat(), "notAfter": last.isoformat(), "calendar": "rumi", **INFERRED}
    if y < 1500:
        return None
    ctx.saw(y)
    return {"when": f"{y:04d}"}


# --- when a match is no date -------------------------------------------------------------------

Veto = Callable[[str, Match], bool]

# "s. 1918", "f. 1918" would be page/folio numbers; "N:48", "No. 1918" numbers.
# Archive shelfmarks likewise: "Dos. 2061", "Kls. 528", "Gömlek 12"; and the end of a page range ("s. 1008-1015").
_NOT_YEAR_BEFORE = re.compile(r"(?:\b[sfdSpF]\.|\bss\.|\bNo\.?|\b[Nn]r\.?|\bN:|\bSayı|\biş\.|\bpp?\.|\bDos\.|\bDosya|"
                              r"\bKls\.|"
                              r"\bKlasör|\bGöm\.|\bGömlek|\bvr\.|\bVarak|\bDefter|\bBelge|\bop\.|\bdelo)"
                              r"\s*(?:\d+\s*[-–]\s*)?$")

# A year of publication is no date of the text's history (the held-out
# conventions, docs/annotate.md): "…, Ankara, 1993, s. 310", "(Suny, 2010)",
# "(Bournoutian 2004: 18)", "; Köse 2014)".
_PUBLISHED_IN = re.compile(r"[A-ZÇĞİÖŞÜ][\w.\-]*\.?,\s*$")
_AFTER_PUBLISHED = re.compile(r"\s*(?:,\s*(?:s|ss|pp?|C|c|Cilt|cilt|Vol|vol|No|no|S)\b\.?|[.;)]|,?\s*$)")
# an author's name may start with a particle ("de Waal 2003: 169")
_CITED_BY = re.compile(r"(?:^|[(;]|\bbkz\.?|\bBkz\.?)\s*(?:(?:de|van|von|der|du|le|la|al|el|di|da)\s+)?"
                       r"(?:[A-ZÇĞİÖŞÜ][\w’'\-.]*\s*(?:ve|and|&|–|-)?\s*){1,4},?\s*$")
_AFTER_CITED = re.compile(r"[a-z]?\s*(?::\s*\d|[),;])")
# "Swietochowski (1985: 21)", "…’e göre … (1951: 122)": the year of a work cited, with its page
# "Altstadt (1992, s. 45)", "Sayı 12 (1998), s. 33": likewise
_AUTHOR_PAREN = re.compile(r"\(\s*$")
_PAGE_AFTER = re.compile(r"[a-z]?\s*(?::\s*|,\s*(?:s|ss|pp?)\.\s*)\d+\s*(?:[-–]\s*\d+\s*)?[),;]"
                         r"|[a-z]?\)\s*,\s*(?:s|ss|pp?)\.\s*\d")
# "London 1994, p. 150", "İstanbul 1928." (the reference's end): a place of publication without its comma
_PLACE_BEFORE = re.compile(r"(?<![\w.])[A-ZÇĞİÖŞÜ][a-zçğıöşüé]+\s+$")
_AFTER_PLACE_YEAR = re.compile(r"\s*(?:,\s*(?:s|ss|pp?|C|Cilt|Vol|No|S)\.\s*\d|\.?\s*$)")
# "Voprosı istorii, 1991, No. 4": a journal's year before its issue
_ISSUE_AFTER = re.compile(r"\s*,\s*(?:No|no|Nr|nr|Sayı|S|C|Cilt|Vol|vol|T)\.?\s*\d")


def page_or_number(text: str, m: Match) -> bool:
    """A year-like number after "s.", "f.", "No." is a page, folio or number."""
    return _NOT_YEAR_BEFORE.search(text[max(0, m.start() - 20):m.start()]) is not None


def publication_year(text: str, m: Match) -> bool:
    """A year that dates a cited work, not the history told."""
    if page_or_number(text, m):
        return True
    start, end = m.start(), m.end()
    before = text[max(0, start - 80):start]
    after = text[end:end + 20]
    if _PUBLISHED_IN.search(before) and _AFTER_PUBLISHED.match(after):
        return True
    if _AUTHOR_PAREN.search(before) and _PAGE_AFTER.match(after):
        return True
    if _PLACE_BEFORE.search(before) and _AFTER_PLACE_YEAR.match(after) and before.rstrip()[-1:] != ")":
        return True
    if _ISSUE_AFTER.match(after):
        return True
    return bool(_CITED_BY.search(before) and _AFTER_CITED.match(after))


# "15 Temmuz Şehitler Köprüsü", "29 Ekim Cumhuriyet Bayramı": a day and month that name a bridge, a
# square, a holiday are part of a name, not a date
_NAMED_AFTER = re.compile(r"\s+(?:[A-ZÇĞİÖŞÜ][\w’'\-]*\s+){0,3}(?:Köprüsü|Bayramı|Caddesi|Cad\.|Meydanı|Bulvarı|"
                          r"Stadyumu|Stadı|Üniversitesi|Mahallesi|Parkı|Anıtı|Marşı|Vakfı|Derneği|Lisesi|Okulu)(?!\w)")


def part_of_a_name(text: str, m: Match) -> bool:
    return _NAMED_AFTER.match(text, m.end()) is not None


# an Ottoman archive reference: the archive's name or a shelfmark ("12/580") earlier in the same part
_ARCHIVE_BEFORE = re.compile(r"(?:\bBOA\b|\bBBA\b|\bATASE\b|\bTSMA\b|\b[A-Z]{1,4}\.[A-Z]{1,5}\b|\d+/\d+)[^;()]*$")


def not_in_archive_reference(text: str, m: Match) -> bool:
    return _ARCHIVE_BEFORE.search(text[max(0, m.start() - 80):m.start()]) is None


# --- the rules -----------------------------------------------------------------------------------

# What each rule needs to find anything; a rule whose trigger is absent from
# a text is not run (most text slots have no month name and no century).
HAS_MONTH = re.compile(rf"{M}|{RUMI_M}|{HIJRI_M}")
HAS_CENTURY = re.compile(r"yüzyıl|asır|asr|[Cc]entury|yy")
HAS_YEAR = re.compile(YEAR)
# rarer kinds: the word or sign without which the rule finds nothing
HAS_WINTER = re.compile(r"kış")
HAS_SEASON_EN = re.compile(r" of ")
HAS_SLASH = re.compile(r"\d\s*/\s*\d")
HAS_NUMERIC_DATE = re.compile(r"\d[./]\d{1,2}[./]\d")
HAS_HIJRI_MARK = re.compile(r"H\.|[Hh]icri")
HAS_ARCHIVE = re.compile(r"BOA|BBA|ATASE|TSMA|\d/\d|[A-Z]\.[A-Z]")


@dataclass(frozen=True)
class DateRule:
    """One kind of date expression: its pattern, what it needs in the text to
    be worth running, the checks that veto a match, and its handler."""

    name: str
    pattern: str
    read: Handler
    trigger: re.Pattern[str] = HAS_MONTH
    vetoes: tuple[Veto, ...] = ()

    @functools.cached_property
    def compiled(self) -> re.Pattern[str]:
        return re.compile(self.pattern)

    @functools.cached_property
    def compiled_any_case(self) -> re.Pattern[str]:
        # a string known to be a date (a reference's date field) may write its month in any case
        return re.compile(self.pattern, re.IGNORECASE)


_DUAL_HEAD = rf"{NB}(?P<d1>{DAY})\s+(?P<m1>{ANY_RUMI_M}|{HIJRI_M})\s+(?P<y1>{OTHER_YEAR})\s*/\s*"

# Order matters: longer, more specific expressions first; a later rule never
# takes text an earlier one matched.
RULES: tuple[DateRule, ...] = (
    # double dating, the whole expression one date: "12 Nisan 1293/24 Nisan 1877", "7 Mart 1334/1918",
    # "15 Muharrem 1244/1828"
    DateRule("dual-dmy-dmy", rf"{_DUAL_HEAD}(?P<d>{DAY})\s+(?P<m>{M})\s+(?P<y>{YEAR}){NA}", _dual_both_days),
    DateRule("dual-dmy-y", rf"{_DUAL_HEAD}(?P<y>{YEAR}){NA}", _dual_gregorian_year),
    # a Rumi or Hijri date alone: "20 Teşrinievvel 1275", "3 Rebiülahir 1276", "7 Mart 1334"
    DateRule("hijri-dmy", rf"{NB}(?P<d>{DAY})\s+(?P<m>{HIJRI_M})\s+(?P<y>1[0-4][0-9]{{2}}){NA}", _hijri_date),
    DateRule("rumi-dmy", rf"{NB}(?P<d>{DAY})\s+(?P<m>{ANY_RUMI_M})\s+(?P<y>{RUMI_YEAR}){NA}", _rumi_date),
    DateRule("rumi-my-my", rf"(?<!\w)(?P<m1>{ANY_RUMI_M}){DASH}(?P<m2>{ANY_RUMI_M})\s+(?P<y>{RUMI_YEAR}){NA}",
             _rumi_month_range),
    DateRule("rumi-my", rf"(?<!\w)(?P<m>{ANY_RUMI_M})\s+(?P<y>{RUMI_YEAR}){NA}", _rumi_month),
    # a Rumi or Hijri year with its Gregorian one: "1334/1918"
    DateRule("dual-y-y", rf"{NB}(?P<y1>{OTHER_YEAR})\s*/\s*(?P<y>{YEAR}){NA}", _dual_year, HAS_SLASH),
    DateRule("hijri-y", rf"(?<!\w)(?P<marker>H\.\s?|[Hh]icri\s+)(?P<y>1[0-3][0-9]{{2}}){NA}", _hijri_year,
             HAS_HIJRI_MARK),
    DateRule("numeric-dmy", rf"{NB}(?P<d>{DAY})(?P<sep>[./])(?P<mo>1[0-2]|0?[1-9])(?P=sep)(?P<y>{YEAR}){NA}",
             _numeric_date, HAS_NUMERIC_DATE),
    DateRule("sene", rf"{NB}(?P<y>1[2-9][0-9]{{2}})\s+{SENE}(?!\w)", _sene, HAS_YEAR),
    DateRule("dmy-dmy-y", rf"{NB}(?P<d1>{DAY})\s+(?P<m1>{M})\s+(?P<y1>{YEAR}){DASH}(?P<d2>{DAY})\s+(?P<m2>{M})\s+"
             rf"(?P<y2>{YEAR}){NA}", _cross_year_range),
    DateRule("my-my-y", rf"(?<!\w)(?P<m1>{M})\s+(?P<y1>{YEAR}){DASH}(?P<m2>{M})\s+(?P<y2>{YEAR}){NA}",
             _cross_year_range),
    DateRule("dmy-dmy", rf"{NB}(?P<d1>{DAY})\s+(?P<m1>{M}){DASH}(?P<d2>{DAY})\s+(?P<m2>{M}){GLOSS}\s*"
             rf"(?P<y>{YEAR}){NA}", _day_month_range),
    DateRule("d-dmy", rf"{NB}(?P<d1>{DAY})(?:{DASH}|{AND})(?P<d2>{DAY})\s+(?P<m>{M}){GLOSS}\s*(?P<y>{YEAR}){NA}",
             _day_range),
    DateRule("dmy", rf"{NB}(?P<d>{DAY})\s+(?P<m>{M}){GLOSS}\s*,?\s*(?P<y>{YEAR}){NA}", _day_month_year),
    DateRule("mdy-en", rf"(?<!\w)(?P<m>{_EN_MONTH_ALT})\s+(?P<d>{DAY}),\s*(?P<y>{YEAR}){NA}", _day_month_year),
    DateRule("my-my", rf"(?<!\w)(?P<m1>{M})(?:{DASH}|{AND})(?P<m2>{M})\s+(?P<y>{YEAR}){AYLAR}{NA}", _month_range),
    DateRule("my-part", rf"(?<!\w)(?P<m>{_TR_MONTH_ALT})\s+(?P<y>{YEAR})\s+(?P<part>{_alt(MONTH_PARTS)})(?!\w)",
             _month_part),
    DateRule("y-month-part", rf"{NB}(?P<y>{YEAR})\s+(?:yılı(?:nın)?\s+)?(?P<m>{_TR_MONTH_ALT})\s+ayının\s+"
             rf"(?P<part>{_alt(MONTH_PARTS)})(?!\w)", _month_part),
    DateRule("y-month", rf"{NB}(?P<y>{YEAR})\s+(?:yılı(?:nın)?\s+)?(?P<m>{M})\s+ayı(?:nda|ndan|na)?(?!\w)",
             _year_month),
    DateRule("y-mm", rf"{NB}(?P<y>{YEAR})\s+(?P<m1>{_TR_MONTH_ALT}){DASH}(?P<m2>{_TR_MONTH_ALT}){AYLAR}(?!\w)",
             _month_range),
    DateRule("my", rf"(?<!\w)(?P<m>{M}){GLOSS}\s+(?P<y>{YEAR}){NA}", _year_month),
    # "Ağustos ayında": a month named as such, its year from the context
    DateRule("month-part", rf"(?<!\w)(?P<m>{_TR_MONTH_ALT})(?:\s+ayının)?\s+(?P<part>{_alt(MONTH_PARTS)})(?!\w)",
             _month_part),
    DateRule("month", rf"(?<!\w)(?P<m>{_TR_MONTH_ALT})\s+ayı(?:ndaki|ndan|nda|nın|na|)(?!\w)", _month_no_year),
    # "1797 Haziranında", "1918 Mayıs’ında" (the suffix after the apostrophe left out)
    DateRule("y-m-glued", rf"{NB}(?P<y>{YEAR})\s+(?P<m>{_TR_MONTH_ALT})(?:{GLUED})?(?!\w)", _year_month),
    DateRule("d-dm", rf"{NB}(?P<d1>{DAY}){DASH}(?P<d2>{DAY})\s+(?P<m>{_TR_MONTH_ALT})(?:{GLUED})?(?!\w)",
             _day_range_no_year),
    DateRule("dm", rf"{NB}(?P<d>{DAY})\s+(?P<m>{_TR_MONTH_ALT})(?:{GLUED})?(?!\w)", _day_month_no_year, HAS_MONTH,
             (part_of_a_name,)),
    DateRule("century-range", rf"(?<!\w)(?:(?P<rn1>{ROMAN_CENTURY})\.?|(?P<n1>[12]?[0-9])\.?)\s*"
             rf"(?:[-–]|\s+ve\s+|\s+ile\s+)"
             rf"{CENTURY_NUMBER}yüzyıl(?:lar|ları)(?:da|dan|ın|ında|ına|a|ı)?(?!\w)", _century_range, HAS_CENTURY),
    DateRule("century-part", rf"(?<!\w){CENTURY_NUMBER}{CENTURY_WORD}(?:ın|ının)?\s+"
             rf"(?P<part>{_alt(CENTURY_PARTS)})(?!\w)", _century, HAS_CENTURY),
    DateRule("century", rf"(?<!\w){CENTURY_NUMBER}{CENTURY_WORD}"
             rf"(?:da|de|ın|ının|ında|ına|dan|ından|ı|a)?(?!\w)", _century, HAS_CENTURY),
    DateRule("century-yy", rf"(?<!\w){CENTURY_NUMBER}yy\.?(?=[’'\s,;.)]|$)", _century, HAS_CENTURY),
    DateRule("century-en", r"(?<!\w)(?P<n>[12]?[0-9])(?:st|nd|rd|th)\s+[Cc]entury(?!\w)", _century, HAS_CENTURY),
    DateRule("season-en", rf"(?<!\w)(?P<season>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)\s+of\s+"
             rf"(?P<y>{YEAR}){NA}", _season_en, HAS_SEASON_EN),
    DateRule("y-y-winter", rf"{NB}(?P<y1>{YEAR})(?:{DASH}|/)(?P<y2>{YEAR}|[0-9]{{2}})\s+(?:{YIL}\s+)?{KIS}(?!\w)",
             _winter_of_years, HAS_WINTER),
    DateRule("y-winter", rf"{NB}(?P<y>{YEAR})\s+(?:{YIL}\s+)?{KIS}(?!\w)", _winter_of_year, HAS_WINTER),
    DateRule("y-part", rf"{NB}(?P<y>{YEAR})\s+(?:{YIL}\s+)?(?P<part>{_alt(YEAR_PARTS)})(?!\w)", _year_part,
             HAS_YEAR),
    DateRule("decade-part", rf"{NB}(?P<y>1[0-9]{{2}}0|20[0-9]0)[’']?(?:li|lı|lu|lü)\s+yılların\s+"
             rf"(?P<part>{_alt(DECADE_PARTS)})(?!\w)", _decade_part, HAS_YEAR),
    DateRule("decade", rf"{NB}(?P<y>1[0-9]{{2}}0|20[0-9]0)[’']?(?:li|lı|lu|lü)\s+{YILLAR}(?!\w)", _decade, HAS_YEAR),
    DateRule("decade-ler", rf"{NB}(?P<y>1[0-9]{{2}}0|20[0-9]0)[’']?(?:ler|lar)"
             rf"(?:deki|daki|de|da|den|dan|in|ın|e|a)?(?!\w)",
             _decade, HAS_YEAR),
    DateRule("y-y", rf"{NB}(?P<y1>{YEAR}){DASH}(?P<y2>{YEAR})(?:\s+{YILLAR})?{NA}", _year_range, HAS_YEAR,
             (page_or_number,)),
    # short ranges: "1917-18", "1917/18", "1878-81 yıllarında"
    DateRule("y-yy", rf"{NB}(?P<y1>{YEAR})(?:{DASH}|/)(?P<y2>[0-9]{{2}})(?:\s+{YILLAR})?(?![\d\w]|\.\d|,\d|/\d)",
             _short_year_range, HAS_YEAR),
    DateRule("y/y", rf"{NB}(?P<y1>{YEAR})/(?P<y2>{YEAR}){NA}", _year_pair, HAS_SLASH),
    # a bare year in an Ottoman archive reference is Hijri ("BOA, C.HR, 12/580, 1228")
    DateRule("archive-hijri-y", rf"{NB}(?P<y>1[12][0-9]{{2}}|13[0-3][0-9]){NA}(?!/\d)", _hijri_year, HAS_ARCHIVE,
             (not_in_archive_reference,)),
    DateRule("y-yil", rf"{NB}(?P<y>{YEAR})\s+{YIL}(?!\w)", _year, HAS_YEAR, (page_or_number,)),
    DateRule("y", rf"{NB}(?P<y>{YEAR}){NA}(?!/\d)", _year, HAS_YEAR, (publication_year,)),
)


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    rule: DateRule
    match: Match


def _matches(text: str, any_case: bool) -> list[_Found]:
    """Each rule's matches on text no earlier rule took, vetoes applied."""
    present = {trigger: trigger.search(text) is not None for trigger in (HAS_MONTH, HAS_CENTURY, HAS_YEAR)}
    if not any(present.values()):
        return []
    if not any_case:
        for trigger in {rule.trigger for rule in RULES} - present.keys():
            present[trigger] = present[HAS_YEAR] and trigger.search(text) is not None
    found: list[_Found] = []
    taken = [False] * (len(text) + 1)
    for rule in RULES:
        if not any_case and not present[rule.trigger]:
            continue
        pattern = rule.compiled_any_case if any_case else rule.compiled
        for m in pattern.finditer(text):
            start, end = m.start(), m.end()
            if any(taken[start:end]) or any(veto(text, m) for veto in rule.vetoes):
                continue
            found.append(_Found(start, end, rule, m))
            for i in range(start, end):
                taken[i] = True
    return sorted(found, key=lambda f: f.start)


def _read(found: list[_Found], ctx: DateContext) -> list[DateMatch]:
    # attributes are computed in reading order so the context sees earlier years first
    matches = []
    for f in found:
        try:
            attrs = f.rule.read(f.match, ctx)
        except KeyError:
            continue  # a month name matched in any case that is none ("Mayis")
        if attrs:
            matches.append(DateMatch(f.start, f.end, tuple(attrs.items())))
    return matches


def find_dates(text: str, ctx: DateContext | None = None) -> list[DateMatch]:
    """Every calendar expression in ``text``, left to right, non-overlapping."""
    return _read(_matches(text, any_case=False), ctx if ctx is not None else DateContext())


def parse_date(text: str, ctx: DateContext | None = None) -> Attributes | None:
    """The date normaliser: the ISO attributes of a string that is wholly one
    date ("4 Ocak 1919", "1951", "7 Mart 1334/1918"), else None."""
    text = text.strip()
    for any_case in (False, True):
        found = _read(_matches(text, any_case), ctx if ctx is not None else DateContext())
        if len(found) == 1 and found[0].start == 0 and found[0].end == len(text):
            return found[0].attributes
    return None


__all__ = ["DateContext", "DateMatch", "DateRule", "RULES", "find_dates", "parse_date", "iso_value",
           "INFERRED"]
