"""Annotate: persons, places, organisations and dates, linked to the registers.

:func:`annotate` runs on one TEI document (as ingest wrote it) the named
steps of :data:`STEPS`, in order, by one loop:

1. ``refuse_or_skip`` — not TEI P5: refused; not Turkish: left untouched;
2. ``strip_previous_run`` — the markup a previous run added
   (``@resp="#edition-annotate"``) goes, so a re-run starts from the same text
   and gives the same bytes; an editor's corrections of it stay;
3. ``collect_slots`` — the text slots of ``text`` in reading order: every
   ``.text`` and ``.tail`` outside editor markup, ``seg type="not-entity"``,
   page furniture, titles and ingest's own ``date``/``idno``/``biblScope``;
4. ``find_titles_and_dates`` — titles of references written as running text
   (:mod:`.references`, never annotated) and dates (:mod:`edition.dates`);
5. ``complete_dates`` — ``date`` elements ingest wrote without a value get one;
6. ``find_names`` — names (:mod:`.names`) until the registers stop growing (a
   name learnt late in the text is then found early too), adding unknown
   names found on good evidence as candidate entries;
7. ``wrap_spans`` — dates and names become elements, suffixes after a name
   left outside;
8. ``declare_used_calendars`` — the header declares the Rumi and Hijri calendars dates point to.

The text content of the document is never changed: only elements are added.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, cast

from lxml import etree

from ..tei import TEI, el, local
from ..turkish import fold
from .dates import (
    CALENDARS,
    ISO_ATTRIBUTES,
    DateContext,
    DateMatch,
    complete_existing_dates,
    date_attributes,
    declare_calendars,
    find_dates,
    parse_date,
)
from .gazetteer import Gazetteer, gazetteer
from .language import check_tei, document_language_problem, other_language
from .names import HONORIFICS_AFTER, HONORIFICS_BEFORE, KeptRule, NameFinder, _Cand, common_words
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
    """A name or an uncertain date the annotator tagged, with its context.

    A date whose value is the annotator's inference (``@cert``: the year taken
    from the context, a tabular Hijri conversion, a bare "sene" year) is an
    occurrence of kind ``"date"`` with no entry, its ``value`` (the ISO
    attributes as written, "when=1918-03-31") and its ``cert``: the review
    loop lists them with the candidate names (:func:`candidates_report`)."""

    entry_id: str
    kind: str
    name: str
    context: str
    value: str = ""
    cert: str | None = None


@dataclass
class AnnotateResult:
    tree: etree._ElementTree
    counts: Counter[str] = field(default_factory=Counter)  # element name → count
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
        found = {k: node.get(k) for k in ISO_ATTRIBUTES if node.get(k) is not None}
        return found != {k: v for k, v in expected.items() if k in ISO_ATTRIBUTES}
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

    def walk(node: etree._Element, in_bibl: bool, in_note: bool, foreign: bool) -> None:
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


class _Annotator:
    def __init__(self, register: Register, gaz: Gazetteer, options: AnnotateOptions, common: set[str],
                 carried: dict[str, Any] | None = None):
        self.register = register
        self.gaz = gaz
        self.options = options
        # one dict per document: the finder's kept rule answers (bytes keys) beside
        # the "common" key checked in make_annotator
        self.finder = NameFinder(register, gaz, common, cast("dict[bytes, tuple[KeptRule, ...]] | None", carried))

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

    def name_spans(self, slot: _Slot, blocked: list[tuple[int, int]]) -> list[tuple[int, int, _Cand, Entry]]:
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


# A span to wrap in an element: (start, end, tag, attributes) within a slot's text
Span = tuple[int, int, str, dict[str, str]]
NameSpan = tuple[int, int, _Cand, Entry]


@dataclass
class _Run:
    """One document on its way through :data:`STEPS`: what the steps so far found."""

    root: etree._Element
    register: Register
    options: AnnotateOptions
    result: AnnotateResult
    gaz: Gazetteer | None = None
    carried: dict[str, Any] | None = None
    # set by a step that finds nothing left to do: the loop stops there
    done: bool = False
    text_el: etree._Element | None = None
    slots: list[_Slot] = field(default_factory=list)
    dates: DateContext = field(default_factory=DateContext)
    date_spans: list[list[DateMatch]] = field(default_factory=list)
    title_spans: list[list[tuple[int, int]]] = field(default_factory=list)
    name_spans: list[list[NameSpan]] = field(default_factory=list)
    calendars_used: set[str] = field(default_factory=set)


def refuse_or_skip(run: _Run) -> None:
    """Not TEI P5: refused (an error). Not Turkish: left untouched, not even
    the previous run's markup removed, and the reason recorded."""
    check_tei(run.root, run.root.getroottree().docinfo.URL)
    run.result.skipped = document_language_problem(run.root, run.options.assume_language,
                                                    run.options.default_language)
    run.done = run.result.skipped is not None


def strip_previous_run(run: _Run) -> None:
    """A re-run starts from the same text: the previous run's markup goes,
    an editor's corrections of it stay (and are reported)."""
    resp = run.options.resp
    for node in strip_own_markup(run.root, resp):
        run.result.kept_edits.append(
            f"line {node.sourceline}: <{local(node)}>{''.join(node.itertext())[:60]}</{local(node)}> still said "
            f'resp="{resp}" but was edited by hand; kept as the editor\'s (its @resp removed)')


def collect_slots(run: _Run) -> None:
    """The text slots of ``text`` in reading order (none: nothing to do)."""
    run.text_el = run.root.find(TEI + "text")
    if run.text_el is None:
        run.done = True
        return
    run.slots = _slots(run.text_el, run.options.assume_language is None)


def find_titles_and_dates(run: _Run) -> None:
    """Titles inside running references (never annotated) and dates, per slot;
    dates come first, names never overlap them. A note or reference borrows
    the text's year context without changing it."""
    for slot in run.slots:
        ctx = run.dates.copy() if (slot.in_bibl or slot.in_note) else run.dates
        titles = title_zones(slot.text) if not slot.author else []
        found = find_dates(slot.text, ctx) if run.options.dates and not slot.author else []
        run.date_spans.append([d for d in found if not any(s <= d.start < e for s, e in titles)])
        run.title_spans.append(titles)


def complete_dates(run: _Run) -> None:
    """``date`` elements another stage wrote without a value get one."""
    if run.text_el is not None:
        complete_existing_dates(run.text_el, run.dates, run.calendars_used)


def find_names(run: _Run) -> None:
    """Names until the registers stop growing (a name learnt late in the text
    is then found early too), at most four rounds."""
    run.name_spans = [[] for _ in run.slots]
    if not run.options.names:
        return
    annotator = _annotator_for(run)
    for _round in range(4):
        annotator.finder.refresh()
        size = run.register.version
        run.name_spans = [annotator.name_spans(slot, [(d.start, d.end) for d in dates] + titles)
                          for slot, dates, titles in zip(run.slots, run.date_spans, run.title_spans, strict=True)]
        if run.register.version == size:
            break


def _annotator_for(run: _Run) -> _Annotator:
    common = common_words(s.text for s in run.slots)
    # the rules' kept answers were given for this document's lower-case words
    common_key = hashlib.blake2b("\n".join(sorted(common)).encode("utf-8"), digest_size=16).digest()
    if run.carried is not None and run.carried.get("common") != common_key:
        run.carried.clear()
        run.carried["common"] = common_key
    return _Annotator(run.register, run.gaz or gazetteer(), run.options, common, run.carried)


def wrap_spans(run: _Run) -> None:
    """Each slot's dates and names become elements; counted, and each name's
    occurrence kept for the candidates report."""
    for slot, dates, names in zip(run.slots, run.date_spans, run.name_spans, strict=True):
        spans = [_date_span(run, slot.text, d) for d in dates] + [_name_span(run, slot.text, n) for n in names]
        _wrap(slot, sorted(spans))


def _date_span(run: _Run, text: str, found: DateMatch) -> Span:
    run.result.counts["date"] += 1
    attrs = date_attributes(found.attributes, run.calendars_used, run.options.resp)
    if "cert" in attrs:
        value = ";".join(f"{k}={v}" for k, v in attrs.items() if k in ISO_ATTRIBUTES or k == "calendar")
        run.result.occurrences.append(Occurrence("", "date", text[found.start:found.end],
                                                 _context(text, found.start, found.end), value, attrs["cert"]))
    return found.start, found.end, "date", attrs


def _context(text: str, start: int, end: int) -> str:
    return " ".join(text[max(0, start - 40):min(len(text), end + 40)].split())


def _name_span(run: _Run, text: str, name: NameSpan) -> Span:
    start, end, _cand, entry = name
    if entry.kind == "org" and entry.type in PERIODICAL_TYPES:
        tag, attrs = "title", {"level": "j"}
    else:
        tag, attrs = NAME_TAG[entry.kind], {}
    attrs.update(ref=run.options.ref_prefix + entry.id, resp=run.options.resp)
    run.result.counts[tag] += 1
    run.result.occurrences.append(Occurrence(entry.id, entry.kind, text[start:end], _context(text, start, end)))
    return start, end, tag, attrs


def declare_used_calendars(run: _Run) -> None:
    """The header declares each calendar a date points to."""
    declare_calendars(run.root, run.calendars_used)


# Annotate, step by step: each step reads and extends the run; a step that
# finds nothing left to do sets ``run.done``.
STEPS: list[Callable[[_Run], None]] = [
    refuse_or_skip,
    strip_previous_run,
    collect_slots,
    find_titles_and_dates,
    complete_dates,
    find_names,
    wrap_spans,
    declare_used_calendars,
]


def annotate(tree: etree._ElementTree | etree._Element, register: Register,
             options: AnnotateOptions = AnnotateOptions(), gaz: Gazetteer | None = None,
             carried: dict[str, Any] | None = None) -> AnnotateResult:
    """Annotate ``tree`` in place (and return it with counts); ``register`` may grow.

    Runs :data:`STEPS` in order. ``carried``: a dict the caller keeps for this
    document between calls (see NameFinder.carried); the result is the same
    with or without it."""
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    run = _Run(root, register, options, AnnotateResult(root.getroottree()), gaz, carried)
    for step in STEPS:
        step(run)
        if run.done:
            break
    return run.result


def _wrap(slot: _Slot, spans: list[Span]) -> None:
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
    for (_p, _s, before), (_p2, _s2, node) in zip(made, made[1:], strict=False):
        before.addnext(node)


def candidates_report(register: Register, occurrences: list[Occurrence]) -> list[tuple[str, str, int, str, str]]:
    """Rows (kind, name, count, suggested id, contexts) for entries still marked
    candidate, then rows (``"date"``, text, count, value, contexts) for the
    dates whose value was inferred (``@cert``)."""
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
    return sorted(rows, key=lambda r: (r[0], -r[2], r[3])) + uncertain_dates_report(occurrences)


def uncertain_dates_report(occurrences: list[Occurrence]) -> list[tuple[str, str, int, str, str]]:
    """Rows ("date", text, count, value, contexts) for each inferred date value, most frequent first."""
    by_value: dict[tuple[str, str], list[Occurrence]] = defaultdict(list)
    for occ in occurrences:
        if occ.kind == "date" and occ.cert is not None:
            by_value[(occ.name, occ.value)].append(occ)
    rows = [("date", name, len(occs), value, " | ".join(list(dict.fromkeys(o.context for o in occs))[:3]))
            for (name, value), occs in by_value.items()]
    return sorted(rows, key=lambda r: (-r[2], r[1], r[3]))


__all__ = ["annotate", "AnnotateOptions", "AnnotateResult", "Occurrence", "strip_own_markup", "candidates_report",
           "uncertain_dates_report", "declare_calendars", "CALENDARS", "STEPS", "Register", "RESP"]
