"""Shared checks for ingest tests: the character-level 'nothing lost' invariant."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from lxml import etree

from edition.tei import TEI

ALNUM = re.compile(r"[^\W_]", re.UNICODE)


def alnum(text: str) -> Counter:
    return Counter(ALNUM.findall(unicodedata.normalize("NFC", text)))


def tei_text_chars(root: etree._Element) -> Counter:
    """Letters and digits of <text> as printed (a repair's orig, not its reg),
    plus each note's printed label twice (once as the marker in the text, once
    as "(N)" before the note)."""
    text = printed_text(root.find(TEI + "text"))
    counts = alnum("".join(text.itertext()))
    for note in text.iter(TEI + "note"):
        counts += alnum(note.get("n", "")) + alnum(note.get("n", ""))
    return counts


def printed_text(text: etree._Element) -> etree._Element:
    """A copy of ``text`` with the readings of ingest's repairs removed: the
    printed form (orig) stays."""
    text = etree.fromstring(etree.tostring(text))
    for reg in list(text.iter(TEI + "reg")):
        if reg.getparent().tag == TEI + "choice" and reg.get("resp") == "#edition-ingest":
            assert not (reg.tail or "").strip()
            reg.getparent().remove(reg)
    return text


def raw_chars(raw: str, running_heads: list[str] = ()) -> Counter:
    counts = alnum(raw)
    for head in running_heads:
        counts -= alnum(head)
    return counts


def words(text: str) -> list[str]:
    return [w for w in (t.strip(".,;:!?()[]“”\"«»…*’'") for t in text.split()) if w]


INLINE = {"q", "bibl", "author", "title", "date", "biblScope", "pubPlace", "publisher", "hi",
          "persName", "placeName", "orgName", "roleName", "rs", "seg", "term", "foreign", "num"}


def spaced_text(node: etree._Element) -> str:
    """The text of ``node`` with a space at every block or note boundary, so
    that words of neighbouring blocks are not glued together."""
    out: list[str] = []

    def walk(el: etree._Element) -> None:
        name = etree.QName(el).localname if isinstance(el.tag, str) else ""
        glue = name in INLINE or (name == "pb" and el.get("break") == "no")
        if not glue:
            out.append(" ")
        if el.text:
            out.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                out.append(child.tail)
        if not glue:
            out.append(" ")

    walk(node)
    return "".join(out)


def printed_word(word: str) -> str:
    """A raw word without its glued note marker ("oldu.1" -> "oldu")."""
    core = re.sub(r"(?<=[^\d\s])\d{1,2}$", "", word)
    return core.strip(".,;:!?()[]“”\"«»…*’'")
