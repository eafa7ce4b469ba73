"""Titles inside references written as running text.

Ingest marks the references it recognises as ``bibl`` with ``title``
elements, and annotate never looks inside a ``title``. Many references stay
plain text, though (a footnote that ingest did not take for one, text from
another tool): "Muriel Atkin, Russia and Iran, 1780-1828, Minneapolis, 1980,
s. 144." The title of a book, article, journal or newspaper is a title: no
name or date inside it is tagged ("Kafkaslarda Türk Katliamı", "Russia and
Iran, 1780-1828"). :func:`title_zones` finds those stretches:

* a reference is a stretch that starts a text, a sentence or follows "; ",
  begins with an author (capitalised name words, initials, "ve"/"and" between
  authors) and a comma, and ends with a place and year of publication
  ("…, Ankara, 1993") or with pages ("…, s. 310");
* everything between the author and the place of publication is title,
  volume and series: blocked; the author and the place stay taggable;
* a quoted stretch (“…”, "…") inside such a reference is a title too.
"""

from __future__ import annotations

import functools
import re

from ..turkish import fold
from .given_names import given_names

_AUTHOR = (r"(?:[A-ZÇĞİÖŞÜ][\w’'\-]*\.?|[A-ZÇĞİÖŞÜ]\.|de|van|von|der|el|al|ve|and|&|–|-)"
           r"(?:\s+(?:[A-ZÇĞİÖŞÜ][\w’'\-]*\.?|[A-ZÇĞİÖŞÜ]\.|de|van|von|der|el|al|ve|and|&|–|-)){0,6}")
# where a reference may start: the text's start, after a note number, "; ", a sentence end
_START = re.compile(rf"(?:^\s*|(?<=;\s)|(?<=[.!?]\s)|(?<=^\d\s)|(?<=^\d\d\s)|(?<=^\d\d\d\s))(?P<author>{_AUTHOR}),\s+")
# the end: ", Place, 1993" (then "," / "." / ";" / end), or ", s. 12" / ", pp. 3"
# a place has a lower-case letter ("SPb.", not the volume "IV"); "İstanbul: Publisher" may follow
_PLACE_YEAR = re.compile(r",\s+(?P<place>[A-ZÇĞİÖŞÜ](?=[\w’'.\-]*[a-zçğıöşü])[\w’'.\-]*"
                         r"(?:[\s\-][A-ZÇĞİÖŞÜ][\w’'.\-]*){0,2})"
                         r"(?:\s*:\s*[^,;]{2,40})?,\s+(?:1[5-9]\d\d|20\d\d)(?=\s*(?:[,.;)]|$))")
# a publisher's field ends the title too: "…, Emre Yayınları, İstanbul, 2005"
_PUBLISHER = re.compile(r"(?:^|,\s+)[^,;]{0,60}?\b(?:Yayın(?:ları|evi|cılık)|Yay\.|Neşriyat\w*|Matbaa\w*|Basımevi|"
                        r"Kitabevi|Press|Verlag|Publish\w*)(?=[\s,]|$)")
_PAGES = re.compile(r",\s+(?:s|ss|p|pp|S)\.\s*\d")
_PERSON_FIELD = re.compile(r"([A-ZÇĞİÖŞÜ][a-zçğıöşüâîû’'\-]+)"
                           r"(?:\s+(?:[A-ZÇĞİÖŞÜ][a-zçğıöşüâîû’'\-]+|[A-ZÇĞİÖŞÜ]\.)){1,3},\s+")
# an institution that publishes: the last word of its field ("…, Azerbaycan Türkleri Kültür ve
# Dayanışma Derneği, İstanbul, 1990")
_INSTITUTION = re.compile(r"(?:^|,\s+)[^,;]{0,80}?\b(?:Derneği|Vakfı|Enstitüsü|Kurumu|Üniversitesi|Cemiyeti|Merkezi|"
                          r"Başkanlığı|Bakanlığı)(?=\s*(?:,|$))")
# editors and translators follow the title: "…, Yay. Hazır. Yavuz Akpınar", "Çev. …"
_EDITORS = re.compile(r"[,.]?\s+(?:Yay\.\s*Hazır\.|Hazırlayan|Haz\.|Çev\.|Çeviren|Ed\.|Eds\.|eds?\.|Trans\.)")
_QUOTED = re.compile(r"[“\"]([^“”\"]{3,300})[”\"]")
MAX_REFERENCE = 600


def title_zones(text: str) -> list[tuple[int, int]]:
    return list(_title_zones(text))


@functools.lru_cache(maxsize=4096)  # asked again for the same text in the corpus's next round
def _title_zones(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) offsets of titles in the references of ``text``."""
    zones: list[tuple[int, int]] = []
    pos = 0
    while True:
        m = _START.search(text, pos)
        if m is None:
            break
        title_start = m.end()
        # more authors or editors: "Yavuz Akpınar, İrfan Murat Yıldırım, Sabahattin Çağın, …"
        while True:
            field = _PERSON_FIELD.match(text, title_start)
            if field is None or fold(field.group(1)) not in given_names():
                break
            title_start = field.end()
        window = text[title_start:title_start + MAX_REFERENCE]
        # the reference ends at the next "; " or sentence end that is followed by a capital
        stop = re.search(r";\s|(?<=[a-zçğıöşü]{3})(?<!Hazır)(?<!Çev)\.\s+(?=[A-ZÇĞİÖŞÜ][a-zçğıöşü])|\.$", window)
        segment = window[:stop.start()] if stop else window
        place = _PLACE_YEAR.search(segment)
        pages = _PAGES.search(segment)
        end = place.start() if place else pages.start() if pages else None
        if end is not None:
            for pattern in (_PUBLISHER, _INSTITUTION, _EDITORS):
                publisher = pattern.search(segment[:end])
                if publisher is not None:
                    end = publisher.start()
        if end is not None and end > 0 and _looks_like_author(m.group("author")):
            zones.append((title_start, title_start + end))
            pos = title_start + end
        else:
            pos = m.start() + 1
    for q in _QUOTED.finditer(text):
        if any(s <= q.start() < e for s, e in zones) or _in_reference(text, q.end()):
            zones.append((q.start(), q.end()))
    return tuple(sorted(zones))


def _looks_like_author(author: str) -> bool:
    words = author.split()
    capitals = [w for w in words if w[:1].isupper()]
    return 1 <= len(capitals) <= 6 and words[-1][:1].isupper()


def _in_reference(text: str, pos: int) -> bool:
    """Is a quoted stretch followed by a reference's tail (journal, volume, pages, year)?"""
    tail = text[pos:pos + 200]
    return bool(_PAGES.search(tail) or _PLACE_YEAR.search(tail) or re.match(r",\s+[A-ZÇĞİÖŞÜ]", tail))


__all__ = ["title_zones"]
