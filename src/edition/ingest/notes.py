"""Footnotes: how they are printed, and where each one is anchored.

This module is the one place for footnotes. It says what a printed note label
looks like ("(1)", "¹", "1." — :data:`NOTE_LABEL_FORMS`, read by the layout
stage to find note blocks) and what a marker glued to the running text looks
like (:func:`marker_pattern`, which the layout stage also asks whether the
text after a note block still holds the next note's marker). The anchoring
itself is one function, :func:`anchor_notes`: every printed note becomes a
``note place="foot"`` element standing at its marker in the running text.

Markers are matched in document order: note N is anchored at the first glued
"N" after note N-1's marker and before the block where note N is printed, so
real numbers ("1.000", "31 Mart", "48 asker") are never taken for markers. A
note whose marker is not found goes to the end of the last paragraph that
starts before the note, with a warning naming its line.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace

from lxml import etree

from ..errors import Issue
from ..tei import el, sub
from .flow import Fill, Flow, Objects
from .hyphenation import Lexicon
from .lines import Line

NOTE_START = re.compile(r"^\s*\((\d{1,3}|\*{1,3})\)\s*(.*)$")
SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
FROM_SUPERSCRIPT = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")
TO_SUPERSCRIPT = str.maketrans("0123456789", SUPERSCRIPT_DIGITS)
# How footnote labels are printed at the start of a note: "(1)" (our first
# texts), a superscript "¹", or a bare "1", "1." or "1)". A document uses one
# form, chosen by the layout stage; its name goes into the header.
NOTE_LABEL_FORMS = {
    "parenthesised": NOTE_START,
    "superscript": re.compile(r"^\s*([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}|\*{1,3})\s*(.*)$"),
    "bare": re.compile(r"^\s*(\d{1,3}|\*{1,3})[.)]?\s+(.*)$"),
}
# A note marker glued to the word or punctuation before it ("oldu.1", "Litovsk10").
MARKER_BEFORE = r"(?:(?<=[^\W\d_])|(?<=[.,;:!?”’\"»)\]…](?<!\d[.,])))"
# Any glued marker, in digits or superscript digits (see marker_pattern).
GLUED_MARKER = re.compile(MARKER_BEFORE + r"(\d{1,3}(?!\d)(?![.,]\d)|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}(?![⁰¹²³⁴⁵⁶⁷⁸⁹]))")
UNANCHORED_RULE = "ingest-note-unanchored"


@functools.lru_cache(maxsize=4096)  # labels are few (1…999, *): compiled once each
def marker_pattern(label: str) -> re.Pattern[str]:
    """The regex of a glued footnote marker with this label (in digits or
    superscript digits)."""
    if label.startswith("*"):
        return re.compile(r"(?<=[^\W\d_.])" + re.escape(label) + r"(?!\*)")
    superscript = re.escape(label.translate(TO_SUPERSCRIPT))
    return re.compile(MARKER_BEFORE + "(?:" + re.escape(label) + r"(?![\d])(?![.,]\d)|"
                      + superscript + f"(?![{SUPERSCRIPT_DIGITS}]))")


def strip_note_label(text: str) -> str:
    """A note's first line without its printed label, in whatever form."""
    for pattern in NOTE_LABEL_FORMS.values():
        m = pattern.match(text)
        if m:
            return m.group(2)
    return text.lstrip()


@dataclass
class RawNote:
    """A footnote as printed: its label and its lines, grouped in paragraphs."""

    label: str
    line_no: int
    paragraphs: list[list[Line]] = field(default_factory=list)

    @property
    def is_star(self) -> bool:
        """The author's star note "(*)" (an affiliation), not a numbered note."""
        return self.label.startswith("*")


@dataclass(frozen=True)
class PrintedNote:
    """A note and the layout unit index of the note block it is printed in."""

    note: RawNote
    unit: int


@dataclass(frozen=True)
class MarkerHit:
    flow_index: int
    start: int
    end: int


@dataclass
class AnchoredNotes:
    """What anchoring made: the notes' own flows (filled like paragraphs),
    the text of the star note (the authors' affiliation) and the warnings."""

    fills: list[Fill]
    affiliation: str | None
    warnings: list[Issue]


def note_element(note: RawNote, doc_id: str, objects: Objects, lexicon: Lexicon) -> tuple[etree._Element, list[Flow]]:
    """The empty ``note`` element of a printed note and one flow per note paragraph."""
    ident = f"{doc_id}-n0" if note.is_star else f"{doc_id}-n{note.label}"
    element = el("note", place="foot", n=note.label, xml_id=ident)
    flows = []
    for k, para in enumerate(note.paragraphs):
        flow = Flow(objects, lexicon)
        for j, line in enumerate(para):
            if line.blank:
                continue
            if k == 0 and j == 0:
                # The printed label "(N)" is the marker: removed like the body's digits.
                line = replace(line, text=strip_note_label(line.text),
                               printed=None if line.printed is None else strip_note_label(line.printed))
            flow.add_line(line, 0)
        flows.append(flow)
    return element, flows


def find_markers(flows: list[Flow], notes: list[PrintedNote]) -> tuple[dict[str, MarkerHit], list[str]]:
    """Find each note's marker in the flows (in reading order).

    Returns hits by label and the labels whose marker was not found.
    """
    hits: dict[str, MarkerHit] = {}
    missing: list[str] = []
    cursor = (0, 0)
    for printed in notes:
        found = _next_marker(flows, marker_pattern(printed.note.label), printed.unit, cursor)
        if found is None:
            missing.append(printed.note.label)
            continue
        hits[printed.note.label] = found
        cursor = (found.flow_index, found.end)
    return hits, missing


def _next_marker(flows: list[Flow], pattern: re.Pattern[str], block_unit: int,
                 cursor: tuple[int, int]) -> MarkerHit | None:
    """The first match of ``pattern`` from ``cursor`` in text printed before
    the note block at ``block_unit``."""
    fi, pos = cursor
    while fi < len(flows):
        flow = flows[fi]
        for m in pattern.finditer(flow.text, pos):
            if flow.origins and flow.origins[m.start()] > block_unit:
                break
            return MarkerHit(fi, m.start(), m.end())
        if flow.origins and flow.origins[-1] > block_unit:
            return None
        fi, pos = fi + 1, 0
    return None


def anchor_notes(notes: list[PrintedNote], text_fills: list[Fill], objects: Objects, lexicon: Lexicon,
                 doc_id: str, path: str) -> AnchoredNotes:
    """Make every printed note a ``note`` element and stand it at its marker
    in the running text (``text_fills``: the blocks' flows, in build order)."""
    fills: list[Fill] = []
    chars: dict[str, str] = {}
    affiliation = None
    for printed in notes:
        element, flows = note_element(printed.note, doc_id, objects, lexicon)
        if len(flows) == 1:
            fills.append(Fill(element, flows[0], "note"))
        else:
            fills.extend(Fill(sub(element, "p"), flow, "note") for flow in flows)
        chars[printed.note.label] = objects.add(element)
        if printed.note.is_star:
            affiliation = " ".join(f.plain() for f in flows).strip()
    flows = _reading_order(text_fills)
    hits, missing = find_markers(flows, notes)
    for hit, label in sorted(((hit, label) for label, hit in hits.items()),
                             key=lambda pair: (pair[0].flow_index, -pair[0].start)):
        # Right to left within a flow, so earlier offsets stay valid.
        flows[hit.flow_index].replace_span(hit.start, hit.end, chars[label])
    warnings = [_place_unanchored(next(p for p in notes if p.note.label == label), flows, chars[label], path)
                for label in missing]
    return AnchoredNotes(fills, affiliation, warnings)


def _reading_order(fills: list[Fill]) -> list[Flow]:
    """The flows with text, by the first layout unit they hold, then build order."""
    # (enumerate: fills.index() made this quadratic)
    ordered = sorted((f.flow.origins[0], k, f) for k, f in enumerate(fills) if f.flow.origins)
    return [f.flow for _, _, f in ordered]


def _place_unanchored(printed: PrintedNote, flows: list[Flow], char: str, path: str) -> Issue:
    """Put a note without a marker at the end of the last flow starting before
    its note block, and say so."""
    before = [f for f in flows if f.origins and f.origins[0] <= printed.unit]
    target = before[-1] if before else flows[-1]
    target.append_objects(char, printed.unit)
    label = printed.note.label
    return Issue(path, printed.note.line_no, None, "warning",
                 f"no reference point found for note {label}; it is placed at the end of the paragraph before it",
                 UNANCHORED_RULE)
