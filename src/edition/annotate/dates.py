"""Annotate's dates: the one date normaliser (:mod:`edition.dates`) applied to a TEI document.

Finding and normalising dates is :mod:`edition.dates`'s (ingest's references
use it too). This module decides only how annotate writes them:

* :func:`date_attributes` — a found date's attributes as written on ``date``
  (``@calendar`` a pointer to the header's declaration, ``@resp``);
* :func:`complete_existing_dates` — ``date`` elements annotate did not write
  (ingest's, another tool's) that carry no value get one from the normaliser;
* :func:`declare_calendars` — each calendar a date points to is declared in
  the header's ``calendarDesc``.
"""

from __future__ import annotations

from lxml import etree

from ..dates import Attributes, DateContext, DateMatch, find_dates, parse_date
from ..tei import TEI, XML_ID, el

ISO_ATTRIBUTES = ("when", "from", "to", "notBefore", "notAfter")

# The calendars a ``date/@calendar`` may point to, declared in the header
# (TEI: profileDesc/calendarDesc/calendar, the pointer is "#rumi").
CALENDARS = {
    "rumi": "Rumi (Ottoman fiscal) calendar: Julian months, years from 1 March, 584 behind the "
            "Gregorian; Gregorian days from 1 Mart 1333 (1917). @when gives the Gregorian date.",
    "hijri": "Hijri (Islamic lunar) calendar, converted by the tabular calendar (may differ by a day). "
             "@when gives the Gregorian date.",
}


def date_attributes(found: Attributes, used: set[str], resp: str | None = None) -> Attributes:
    """The attributes of a ``date`` element for a normalised date; its calendar is noted in ``used``."""
    attrs = dict(found)
    if "calendar" in attrs:
        used.add(attrs["calendar"])
        attrs["calendar"] = "#" + attrs["calendar"]
    if resp is not None:
        attrs["resp"] = resp
    return attrs


def complete_existing_dates(text_el: etree._Element, ctx: DateContext, used: set[str]) -> None:
    """``date`` elements without a value and not annotate's own (ingest's in a
    ``bibl``, another tool's) get the normaliser's value, if their text is one date."""
    for node in text_el.iter(TEI + "date"):
        if node.get("resp") or any(node.get(a) for a in ISO_ATTRIBUTES):
            continue
        found = parse_date("".join(node.itertext()), ctx.copy())
        if found:
            for key, value in date_attributes(found, used).items():
                node.set(key, value)


def declare_calendars(root: etree._Element, used: set[str]) -> None:
    """Add a ``calendar`` to the header's ``calendarDesc`` for each calendar a
    date points to and the header does not yet declare (an editor's own
    declaration is kept as it is)."""
    header = root.find(TEI + "teiHeader")
    if not used or header is None:
        return
    declared = {c.get(XML_ID) for c in root.iter(TEI + "calendar")}
    missing = sorted(used - declared)
    if not missing:
        return
    desc = _calendar_desc(header)
    for name in missing:
        cal = el("calendar")
        cal.set(XML_ID, name)
        cal.append(el("p", CALENDARS[name]))
        desc.append(cal)


def _calendar_desc(header: etree._Element) -> etree._Element:
    profile = header.find(TEI + "profileDesc")
    if profile is None:
        profile = el("profileDesc")
        # profileDesc follows fileDesc and encodingDesc, precedes revisionDesc
        before = header.find(TEI + "revisionDesc")
        if before is not None:
            header.insert(header.index(before), profile)
        else:
            header.append(profile)
    desc = profile.find(TEI + "calendarDesc")
    if desc is None:
        desc = el("calendarDesc")
        # calendarDesc's place among profileDesc's children is free in TEI P5
        profile.append(desc)
    return desc


__all__ = ["CALENDARS", "ISO_ATTRIBUTES", "DateContext", "DateMatch", "find_dates", "parse_date", "date_attributes",
           "complete_existing_dates", "declare_calendars"]
