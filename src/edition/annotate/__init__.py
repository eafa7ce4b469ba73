"""Annotate: persons, places, organisations and dates, linked to the registers.

:func:`annotate` runs on one TEI document (as ingest wrote it) in four steps:

1. strip the markup a previous run added (``@resp="#edition-annotate"``), so a
   re-run starts from the same text and gives the same bytes;
2. collect the text slots of ``text`` in reading order — every ``.text`` and
   ``.tail`` outside editor markup, ``seg type="not-entity"``, page furniture
   and ingest's own ``date``/``idno``/``biblScope`` elements;
3. find names (:mod:`.names`) until the registers stop growing (a name learnt
   late in the text is then found early too), adding unknown names found on
   good evidence as candidate entries;
4. wrap dates (:mod:`.dates`) and names, suffixes after the name left outside.

The text content of the document is never changed: only elements are added.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from lxml import etree

from ..tei import TEI, el, local
from ..turkish import fold
from .dates import DateContext, find_dates, parse_date
from .gazetteer import Gazetteer, gazetteer
from .language import check_tei, document_language_problem, other_language
from .names import HONORIFICS_AFTER, HONORIFICS_BEFORE, NameFinder, _Cand, common_words
from .references import title_zones
from .registers import KINDS, Entry, Register

RESP = "#edition-annotate"
OWN_TAGS = {"persName", "placeName", "orgName", "date", "roleName", "title"}
# newspapers and journals are titles, not organisations: their mentions are
# tagged <title level="j" ref="…"> (the register keeps them, with their type)
PERIODICAL_TYPES = {"newspaper", "periodical", "journal"}
# evidence that a person is the author of a cited work (names.py, name_spans)
AUTHOR_EVIDENCE = {"bibl-author", "citation"}
NAME_TAG = {kind: spec[2] for kind, spec in KINDS.items()}
# Elements whose content is never annotated: editor/ingest markup of the same
# kind, page furniture, identifiers and references.
SKIP = {"persName", "placeName", "orgName", "roleName", "date", "rs", "name", "fw", "idno",
        "ref", "biblScope", "pb", "lb", "num", "measure", "ptr", "label",
        # a title is a title: no name or date inside it is tagged ("Kafkaslarda Türk Katliamı")
        "title"}
BIBL_AUTHOR_NOT_A_NAME = re.compile(r"^\W*(a\.\s?g\.\s?[a-zçşü]\.?|age|agm|ibid\.?|aynı yazar)\W*$", re.I)


@dataclass(frozen=True)
class AnnotateOptions:
    resp: str = RESP
    ref_prefix: str = "registers.xml#"
    # add unknown names found on evidence to the registers as candidates; when
    # False they are left untagged
    add_candidates: bool = True
    dates: bool = True
    names: bool = True
    # treat every document and passage as this language ("--lang tr"); None:
    # go by what the document declares, then default_language, then a guess
    assume_language: str | None = None
    # the language of documents that declare none (the project's ``languages``)
    default_language: str | None = None
    # folded names an editor rejected (review/decisions.tsv): never tagged
    rejected: frozenset[str] = frozenset()


@dataclass
class Occurrence:
    entry_id: str
    kind: str
    name: str
    context: str


@dataclass
class AnnotateResult:
    tree: etree._ElementTree
    counts: Counter = field(default_factory=Counter)  # element name → count
    occurrences: list[Occurrence] = field(default_factory=list)
    # why the document was left alone (not Turkish), else None
    skipped: str | None = None
    # automatic tags an editor corrected without deleting @resp: kept (messages)
    kept_edits: list[str] = field(default_factory=list)


@dataclass
class _Slot:
    node: etree._Element
    where: str  # "text" | "tail"
    in_bibl: bool
    in_note: bool
    author: bool  # the whole text of a bibl/author
    # a page or line break inside a word (break="no") cuts the word between
    # two slots; its halves are no names ("Ermeni-Bol<pb break="no"/>şevik")
    starts_mid_word: bool = False
    # inside a passage in another language: only names the registers know
    foreign: bool = False
    ends_mid_word: bool = False

    @property
    def text(self) -> str:
        return (self.node.text if self.where == "text" else self.node.tail) or ""


def strip_own_markup(root: etree._Element, resp: str = RESP) -> list[etree._Element]:
    """Unwrap every element an earlier run added, merging its text back.

    An element that still says ``resp="#edition-annotate"`` but that the
    annotator cannot have written — an editor retyped it, corrected a date's
    value, added an attribute or markup inside, and forgot to delete the
    ``@resp`` — is the editor's: it loses its ``@resp`` and is kept (and
    returned, so the caller can say so) instead of being silently undone."""
    kept = []
    for node in list(root.iter(*(TEI + t for t in OWN_TAGS))):
        if node.get("resp") != resp:
            continue
        if _edited_by_hand(node):
            del node.attrib["resp"]
            kept.append(node)
        else:
            _unwrap(node)
    return kept


# what the annotator writes on its own elements
_OWN_ATTRIBUTES = {"ref", "resp", "when", "from", "to", "notBefore", "notAfter", "cert", "evidence",
                   "calendar", "level"}
_ISO_ATTRIBUTES = ("when", "from", "to", "notBefore", "notAfter")
# register id prefixes (KINDS) → the element the annotator writes for them
_TAG_OF_PREFIX = {spec[3]: spec[2] for spec in KINDS.values()}


def _edited_by_hand(node: etree._Element) -> bool:
    tag = local(node)
    if len(node) or set(node.attrib) - _OWN_ATTRIBUTES:
        return True
    ref = node.get("ref") or ""
    prefix = ref.rsplit("#", 1)[-1].split("-", 1)[0]
    if tag != "title" and prefix in _TAG_OF_PREFIX and _TAG_OF_PREFIX[prefix] != tag:
        return True  # a persName pointing at a place: retyped
    if tag == "date" and node.get("cert") is None:
        expected = parse_date("".join(node.itertext())) or {}
        found = {k: node.get(k) for k in _ISO_ATTRIBUTES if node.get(k) is not None}
        return found != {k: v for k, v in expected.items() if k in _ISO_ATTRIBUTES}
    return False


def _unwrap(node: etree._Element) -> None:
    parent = node.getparent()
    idx = parent.index(node)
    prev = node.getprevious()
    lead = (node.text or "")
    if prev is None:
        parent.text = (parent.text or "") + lead
    else:
        prev.tail = (prev.tail or "") + lead
    children = list(node)
    for offset, child in enumerate(children):
        parent.insert(idx + offset, child)
    last = children[-1] if children else node.getprevious()
    tail = node.tail or ""
    if last is None:
        parent.text = (parent.text or "") + tail
    else:
        last.tail = (last.tail or "") + tail
    parent.remove(node)


def _slots(text_el: etree._Element, skip_other_languages: bool = True) -> list[_Slot]:
    slots: list[_Slot] = []

    def walk(node, in_bibl: bool, in_note: bool, foreign: bool) -> None:
        name = local(node)
        if name in SKIP and not (name == "title" and _archive_title(node)) \
                or (name == "seg" and node.get("type") == "not-entity"):
            return
        # a passage in another language: the Turkish rules would guess, so only
        # the registers' names (and dates) are tagged there
        foreign = foreign or skip_other_languages and other_language(node)
        in_bibl = in_bibl or name == "bibl"
        in_note = in_note or name == "note"
        is_author = name == "author" and in_bibl and len(node) == 0
        if node.text:
            slots.append(_Slot(node, "text", in_bibl, in_note, is_author, foreign=foreign))
        for child in node:
            if not isinstance(child.tag, str):
                if child.tail:
                    slots.append(_Slot(child, "tail", in_bibl, in_note, False, foreign=foreign))
                continue
            walk(child, in_bibl, in_note, foreign)
            if child.tail:
                slots.append(_Slot(child, "tail", in_bibl, in_note, False, foreign=foreign))

    walk(text_el, False, False, False)
    for slot in slots:
        after = (slot.node[0] if len(slot.node) else None) if slot.where == "text" else slot.node.getnext()
        slot.ends_mid_word = _breaks_word(after)
        slot.starts_mid_word = slot.where == "tail" and _breaks_word(slot.node)
    return slots


_ARCHIVE_TITLE = re.compile(r"^\W*[A-ZÇĞİÖŞÜ]{3,}\b|\bAr[şs]iv|\bArchiv")


def _archive_title(node: etree._Element) -> bool:
    """A ``title`` that cites an archive ("ACSPİHDA (… Devlet Arşivi), f. 1"):
    an archive is an organisation, whatever ingest took it for."""
    return local(node) == "title" and node.get("level") is None and len(node) == 0 \
        and _ARCHIVE_TITLE.search(node.text or "") is not None


def _breaks_word(node: etree._Element | None) -> bool:
    return node is not None and isinstance(node.tag, str) and local(node) in ("pb", "lb", "cb") \
        and node.get("break") == "no"


def _fill_existing_dates(text_el: etree._Element, ctx: DateContext, used: set[str]) -> None:
    """Ingest's ``date`` elements (in bibl) get ISO attributes if they lack them."""
    for node in text_el.iter(TEI + "date"):
        if node.get("resp") or any(node.get(a) for a in ("when", "from", "to", "notBefore", "notAfter")):
            continue
        attrs = parse_date("".join(node.itertext()), ctx.copy())
        if attrs:
            for k, v in attrs.items():
                node.set(k, "#" + v if k == "calendar" else v)
            if "calendar" in attrs:
                used.add(attrs["calendar"])


class _Annotator:
    def __init__(self, register: Register, gaz: Gazetteer, options: AnnotateOptions, common: set[str],
                 carried: dict | None = None):
        self.register = register
        self.gaz = gaz
        self.options = options
        self.finder = NameFinder(register, gaz, common, carried)

    def resolve(self, c: _Cand) -> Entry | None:
        """The register entry of a candidate, creating a candidate entry if needed."""
        if c.entry is not None:
            return c.entry
        reg = self.register
        entry = reg.lookup(c.name, c.kind)
        if entry is not None:
            return entry
        if not self.options.add_candidates:
            return None
        if c.kind == "person":
            words = [w for w in c.name.split() if fold(w) not in HONORIFICS_AFTER | HONORIFICS_BEFORE]
            if words:
                same = reg.persons_by_surname(words[-1])
                if len(same) == 1:
                    reg.add_variant(same[0], c.name)
                    return same[0]
            # a person met as the author of a cited work is recorded as an author
            return reg.add_candidate("person", c.name,
                                     role="author" if c.evidence in AUTHOR_EVIDENCE else None)
        if c.kind == "place":
            place = self.gaz.lookup(c.name) if c.evidence == "gazetteer" else None
            if place is not None:
                return reg.add_candidate("place", c.name, type=place.kind, geonames=place.geonames, geo=place.geo)
            return reg.add_candidate("place", c.name, type=c.type)
        return reg.add_candidate("org", c.name, type=c.type)

    def name_spans(self, slot: _Slot, blocked) -> list[tuple[int, int, _Cand, Entry]]:
        text = slot.text
        if slot.author:
            stripped = text.strip()
            if not stripped or not any(ch.isupper() for ch in stripped) or BIBL_AUTHOR_NOT_A_NAME.match(stripped) \
                    or fold(stripped) in self.options.rejected:
                return []
            start = text.index(stripped)
            inner = self.finder.find(stripped)
            if len(inner) == 1 and inner[0].start == 0 and inner[0].end == len(stripped) and inner[0].kind != "place":
                c = inner[0]
            else:
                e = self.register.lookup(stripped, "person")
                c = _Cand(0, len(stripped), "person", stripped, "bibl-author", None, 5, e)
            c = _Cand(start, start + len(stripped), c.kind, c.name, "bibl-author" if c.kind == "person" else c.evidence,
                      c.type, c.priority, c.entry)
            entry = self.resolve(c)
            return [(c.start, c.end, c, entry)] if entry else []
        out = []
        for c in self.finder.find(text, blocked, register_only=slot.foreign):
            if self.options.rejected and fold(c.name) in self.options.rejected:
                continue  # the editor said: not an entity
            if slot.ends_mid_word and c.end == len(text.rstrip()) or slot.starts_mid_word and c.start == 0:
                continue
            entry = self.resolve(c)
            if entry is not None:
                out.append((c.start, c.end, c, entry))
        return out


def annotate(tree: etree._ElementTree, register: Register, options: AnnotateOptions = AnnotateOptions(),
             gaz: Gazetteer | None = None, carried: dict | None = None) -> AnnotateResult:
    """Annotate ``tree`` in place (and return it with counts); ``register`` may grow.

    ``carried``: a dict the caller keeps for this document between calls (see
    NameFinder.carried); the result is the same with or without it."""
    root = tree.getroot() if hasattr(tree, "getroot") else tree
    check_tei(root, root.getroottree().docinfo.URL)
    result = AnnotateResult(root.getroottree())
    result.skipped = document_language_problem(root, options.assume_language, options.default_language)
    if result.skipped:
        return result  # untouched: not even the previous run's markup is removed
    gaz = gaz or gazetteer()
    for node in strip_own_markup(root, options.resp):
        result.kept_edits.append(
            f"line {node.sourceline}: <{local(node)}>{''.join(node.itertext())[:60]}</{local(node)}> still said "
            f'resp="{options.resp}" but was edited by hand; kept as the editor\'s (its @resp removed)')
    text_el = root.find(TEI + "text")
    if text_el is None:
        return result
    slots = _slots(text_el, options.assume_language is None)
    common = common_words(s.text for s in slots)
    # the rules' kept answers were given for this document's lower-case words
    common_key = hashlib.blake2b("\n".join(sorted(common)).encode("utf-8"), digest_size=16).digest()
    if carried is not None and carried.get("common") != common_key:
        carried.clear()
        carried["common"] = common_key
    ann = _Annotator(register, gaz, options, common, carried)

    # dates first: names never overlap a date
    ctx = DateContext()
    date_spans: list[list] = []
    title_spans: list[list[tuple[int, int]]] = []
    for slot in slots:
        local_ctx = ctx.copy() if (slot.in_bibl or slot.in_note) else ctx
        titles = title_zones(slot.text) if not slot.author else []
        found = find_dates(slot.text, local_ctx) if options.dates and not slot.author else []
        date_spans.append([d for d in found if not any(s <= d.start < e for s, e in titles)])
        title_spans.append(titles)
    calendars_used: set[str] = set()
    _fill_existing_dates(text_el, ctx, calendars_used)

    name_spans: list[list] = [[] for _ in slots]
    if options.names:
        for _round in range(4):
            ann.finder.refresh()
            size = register.version
            name_spans = [ann.name_spans(slot, [(d.start, d.end) for d in dates] + titles)
                          for slot, dates, titles in zip(slots, date_spans, title_spans)]
            if register.version == size:
                break

    for slot, dates, names in zip(slots, date_spans, name_spans):
        text = slot.text
        spans = []
        for d in dates:
            attrs = dict(d.attrs)
            if "calendar" in attrs:
                calendars_used.add(attrs["calendar"])
                attrs["calendar"] = "#" + attrs["calendar"]
            attrs["resp"] = options.resp
            spans.append((d.start, d.end, "date", attrs))
            result.counts["date"] += 1
        for start, end, c, entry in names:
            if entry.kind == "org" and entry.type in PERIODICAL_TYPES:
                tag, attrs = "title", {"level": "j"}
            else:
                tag, attrs = NAME_TAG[entry.kind], {}
            attrs.update(ref=options.ref_prefix + entry.id, resp=options.resp)
            spans.append((start, end, tag, attrs))
            result.counts[tag] += 1
            result.occurrences.append(Occurrence(
                entry.id, entry.kind, text[start:end],
                " ".join(text[max(0, start - 40):min(len(text), end + 40)].split())))
        _wrap(slot, sorted(spans))
    declare_calendars(root, calendars_used)
    return result


# The calendars a ``date/@calendar`` may point to, declared in the header
# (TEI: profileDesc/calendarDesc/calendar, the pointer is "#rumi").
CALENDARS = {
    "rumi": "Rumi (Ottoman fiscal) calendar: Julian months, years from 1 March, 584 behind the "
            "Gregorian; Gregorian days from 1 Mart 1333 (1917). @when gives the Gregorian date.",
    "hijri": "Hijri (Islamic lunar) calendar, converted by the tabular calendar (may differ by a day). "
             "@when gives the Gregorian date.",
}


def declare_calendars(root: etree._Element, used: set[str]) -> None:
    """Add a ``calendar`` to the header's ``calendarDesc`` for each calendar a
    date points to and the header does not yet declare (an editor's own
    declaration is kept as it is)."""
    header = root.find(TEI + "teiHeader")
    if not used or header is None:
        return
    declared = {c.get("{http://www.w3.org/XML/1998/namespace}id") for c in root.iter(TEI + "calendar")}
    missing = sorted(used - declared)
    if not missing:
        return
    profile = header.find(TEI + "profileDesc")
    if profile is None:
        profile = el("profileDesc")
        # profileDesc follows fileDesc and encodingDesc, precedes revisionDesc
        before = header.find(TEI + "revisionDesc")
        header.insert(header.index(before), profile) if before is not None else header.append(profile)
    desc = profile.find(TEI + "calendarDesc")
    if desc is None:
        desc = el("calendarDesc")
        # calendarDesc's place among profileDesc's children is free in TEI P5
        profile.append(desc)
    for name in missing:
        cal = el("calendar")
        cal.set("{http://www.w3.org/XML/1998/namespace}id", name)
        p = el("p", CALENDARS[name])
        cal.append(p)
        desc.append(cal)


def _wrap(slot: _Slot, spans: list[tuple[int, int, str, dict]]) -> None:
    if not spans:
        return
    text = slot.text
    made = []
    pos = 0
    for start, end, tag, attrs in spans:
        node = el(tag, text[start:end])
        for k, v in attrs.items():
            node.set(k, v)
        made.append((pos, start, node))
        pos = end
    lead = text[: spans[0][0]]
    for i, (_p, _s, node) in enumerate(made):
        nxt = spans[i + 1][0] if i + 1 < len(spans) else len(text)
        node.tail = text[spans[i][1]:nxt] or None
    # each new element goes right after the one before it (addnext is O(1);
    # insert at an index walks the children, quadratic in a dense paragraph)
    if slot.where == "text":
        slot.node.text = lead or None
        slot.node.insert(0, made[0][2])
    else:
        slot.node.tail = lead or None
        slot.node.addnext(made[0][2])
    for (_p, _s, before), (_p2, _s2, node) in zip(made, made[1:]):
        before.addnext(node)


def candidates_report(register: Register, occurrences: list[Occurrence]) -> list[tuple[str, str, int, str, str]]:
    """Rows (kind, name, count, suggested id, contexts) for entries still marked candidate."""
    by_entry: dict[str, list[Occurrence]] = defaultdict(list)
    for occ in occurrences:
        by_entry[occ.entry_id].append(occ)
    rows = []
    for eid, occs in by_entry.items():
        entry = register.entries.get(eid)
        if entry is None or not entry.candidate:
            continue
        contexts = " | ".join(list(dict.fromkeys(o.context for o in occs))[:3])
        rows.append((entry.kind, entry.preferred, len(occs), entry.id, contexts))
    return sorted(rows, key=lambda r: (r[0], -r[2], r[3]))


__all__ = ["annotate", "AnnotateOptions", "AnnotateResult", "strip_own_markup", "candidates_report",
           "Register", "RESP"]
