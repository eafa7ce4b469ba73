"""Flows: reflowed text of one block, with its page breaks and notes as objects.

A flow is a string in which each embedded element (a page break, a note) is a
single private-use character that stands for it. Inline stages (note markers,
quotations, citations) work on that string with plain regular expressions and
return spans; :func:`fill` turns the string and its spans into TEI children.
Each character also remembers the layout unit it came from, so a marker can be
matched to the note block printed after it.

The raw text may itself hold private-use characters (a PDF's Symbol-font
bullet is U+F0B7): every one of them is *escaped* as it enters a flow, i.e.
replaced by an object character that stands for the literal character, so a
private-use character in a flow is always an object and the text's own
characters come back unchanged (:meth:`Objects.plain`, :func:`fill`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lxml import etree

from .hyphenation import Lexicon, keeps_hyphen
from .lines import Line

if TYPE_CHECKING:
    from .repairs import Repairer

# The object characters: the Basic Multilingual Plane's private-use area, then
# the two supplementary private-use planes (137,468 objects per document).
OBJECT_RANGES = ((0xE000, 0xF8FF), (0xF0000, 0xFFFFD), (0x100000, 0x10FFFD))
OBJECT_CLASS = "[\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]"
OBJECT_CHARS = re.compile(OBJECT_CLASS)
SOFT_HYPHEN = "\u00ad"
# A hyphen after a letter (or a repaired word's last letter), or a soft hyphen.
LINE_END_HYPHEN = re.compile(r"[^\W_]-$|\u00ad$")
MAX_OBJECTS = sum(hi - lo + 1 for lo, hi in OBJECT_RANGES)


def _object_char(index: int) -> str:
    for lo, hi in OBJECT_RANGES:
        if index <= hi - lo:
            return chr(lo + index)
        index -= hi - lo + 1
    raise IndexError(index)


def _object_index(char: str) -> int:
    code, base = ord(char), 0
    for lo, hi in OBJECT_RANGES:
        if lo <= code <= hi:
            return base + code - lo
        base += hi - lo + 1
    raise KeyError(char)


class TooManyObjects(Exception):
    """More page breaks, notes and private-use characters than object characters."""


class Objects:
    """What the object characters stand for, shared by all flows of a document:
    an element (page break, note), or a literal private-use character of the
    raw text (a ``str``)."""

    def __init__(self) -> None:
        self._items: list[etree._Element | str] = []
        # Repairs each line entering a flow (.repairs.Repairer), or None.
        self.repairer: Repairer | None = None

    def _add(self, item: etree._Element | str) -> str:
        if len(self._items) >= MAX_OBJECTS:
            raise TooManyObjects(MAX_OBJECTS)
        self._items.append(item)
        return _object_char(len(self._items) - 1)

    def add(self, element: etree._Element) -> str:
        return self._add(element)

    def get(self, char: str) -> etree._Element | str:
        """The element ``char`` stands for, or the literal character."""
        return self._items[_object_index(char)]

    def is_element(self, char: str) -> bool:
        return not isinstance(self.get(char), str)

    def escape(self, text: str) -> str:
        """``text`` with each private-use character replaced by an object
        standing for it (text from the raw file, never from a flow)."""
        if not OBJECT_CHARS.search(text):
            return text
        return OBJECT_CHARS.sub(lambda m: self._add(m.group()), text)

    def plain(self, text: str) -> str:
        """Flow text as the reader sees it: literal characters restored,
        elements (page breaks, notes) dropped."""
        def restore(m: re.Match[str]) -> str:
            item = self.get(m.group())
            return item if isinstance(item, str) else ""
        return OBJECT_CHARS.sub(restore, text)


class Flow:
    """Reflowed text of a block; ``origins[i]`` is the unit index of char i.

    The text grows by appending to a list of parts, joined only when someone
    reads ``text``: a paragraph of 100,000 lines is built in linear time.
    """

    def __init__(self, objects: Objects, lexicon: Lexicon) -> None:
        self.objects = objects
        self.lexicon = lexicon
        # Repairs made in this flow: (start, end, printed form) over ``text``.
        self.repairs: list[tuple[int, int, str]] = []
        self.origins: list[int] = []
        self.first_line = 0
        self.pending_objects: list[str] = []
        self._parts: list[str] = []
        self._last_content = ""  # the last line added: where a line-end hyphen is
        self._ends_with_hyphen = False
        self._has_text = False

    @property
    def text(self) -> str:
        if len(self._parts) > 1:
            self._parts[:] = ["".join(self._parts)]
        return self._parts[0] if self._parts else ""

    @text.setter
    def text(self, value: str) -> None:
        self._parts = [value] if value else []

    def _push(self, text: str, unit: int) -> None:
        if text:
            self._parts.append(text)
            self.origins.extend([unit] * len(text))

    def append_objects(self, chars: str, unit: int) -> None:
        """Append object characters (a page break ending the block, a note
        without a marker) at the end of the text."""
        self._push(chars, unit)

    def add_line(self, line: Line, unit: int) -> None:
        repairs: list[tuple[int, int, str]] = []
        # Only a line the repairs changed (.repairs.Repairer.repair_lines) is
        # repaired again from its printed form, to know where each repair is.
        repairer, source = self.objects.repairer, line.text
        if repairer is not None and line.printed is not None:
            source = line.printed
        else:
            repairer = None
        content = self.objects.escape(" ".join(source.split()))
        if not content:
            return
        if repairer is not None:
            content, repairs = repairer.repair_line(content, line.no)
        if not self.first_line:
            self.first_line = line.no
        if not self._has_text:
            self._push("".join(self.pending_objects), unit)
            self.pending_objects.clear()
            self._push(content, unit)
        elif self._ends_with_hyphen:
            # The hyphen ends the last line added, which is the last part.
            left = self._last_content[:-1]
            # A soft hyphen (U+00AD) at a line end is a line-break hyphen by definition.
            if not self._last_content.endswith(SOFT_HYPHEN) and keeps_hyphen(left, content, self.lexicon):
                self._push("".join(self.pending_objects), unit)
            else:
                # Drop the line-end hyphen; the word continues after any page break.
                self._parts[-1] = self._parts[-1][:-1]
                self.origins.pop()
                self._push("".join(self.pending_objects), unit)
            self.pending_objects.clear()
            self._push(content, unit)
        else:
            self._push(" ", unit)
            self._push("".join(self.pending_objects), unit)
            self.pending_objects.clear()
            self._push(content, unit)
        if repairs:
            at = len(self.origins) - len(content)
            self.repairs.extend((at + start, at + end, printed) for start, end, printed in repairs)
        self._has_text = True
        self._last_content = content
        self._ends_with_hyphen = bool(LINE_END_HYPHEN.search(content))

    def add_page_break(self, pb: etree._Element, unit: int) -> None:
        """A page break inside the block: in-word (break="no") if a word is split."""
        if self._has_text and self._ends_with_hyphen:
            pb.set("break", "no")
        self.pending_objects.append(self.objects.add(pb))

    def add_object(self, element: etree._Element, unit: int) -> None:
        self._push(self.objects.add(element), unit)

    @property
    def empty(self) -> bool:
        return not self._has_text

    def flush_pending(self) -> str:
        """Objects that never got text after them (a page break ending the block)."""
        rest = "".join(self.pending_objects)
        self.pending_objects.clear()
        return rest

    def plain(self) -> str:
        """The text as the reader sees it (see :meth:`Objects.plain`)."""
        return self.objects.plain(self.text)

    def slice(self, start: int, end: int | None = None) -> Flow:
        part = Flow(self.objects, self.lexicon)
        text = self.text
        part.text = text[start:end]
        part.origins = self.origins[start:end]
        part.first_line = self.first_line
        part._has_text = bool(part.text.strip())
        stop = len(text) if end is None else (end if end >= 0 else len(text) + end)
        part.repairs = [(s - start, e - start, p) for s, e, p in self.repairs if start <= s and e <= stop]
        return part

    def strip(self) -> Flow:
        start = len(self.text) - len(self.text.lstrip(" "))
        end = len(self.text.rstrip(" "))
        return self.slice(start, end)

    def replace_span(self, start: int, end: int, replacement: str) -> None:
        unit = self.origins[start] if start < len(self.origins) else (self.origins[-1] if self.origins else 0)
        self.text = self.text[:start] + replacement + self.text[end:]
        delta = len(replacement) - (end - start)
        self.repairs = [(s, e, p) if e <= start else (s + delta, e + delta, p)
                        for s, e, p in self.repairs if e <= start or s >= end]
        self.origins = self.origins[:start] + [unit] * len(replacement) + self.origins[end:]


@dataclass
class Fill:
    """A container element waiting for its flow's text and inline markup."""

    element: etree._Element
    flow: Flow
    kind: str  # "head", "p", "item", "label", "title", "author", "keyword", "keyword-head", "note", "bibl-entry"


@dataclass(frozen=True)
class Span:
    """Markup over ``flow.text[start:end]``: the element to wrap it in."""

    start: int
    end: int
    element: etree._Element  # a template: copied, children ignored
    priority: int = 0


def _nest(spans: list[Span]) -> list[Span]:
    """Drop spans that cross a span of higher priority, keeping proper nesting."""
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (-s.priority, s.start, -s.end)):
        if span.end <= span.start:
            continue
        crosses = any(
            (span.start < k.start < span.end < k.end) or (k.start < span.start < k.end < span.end)
            for k in kept
        )
        duplicate = any(k.start == span.start and k.end == span.end and k.element.tag == span.element.tag for k in kept)
        if not crosses and not duplicate:
            kept.append(span)
    return sorted(kept, key=lambda s: (s.start, -s.end, -s.priority))


def _append_text(parent: etree._Element, text: str) -> None:
    if not text:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _emit(parent: etree._Element, text: str, offset: int, objects: Objects) -> None:
    """Append ``text`` to ``parent``, expanding object characters into elements."""
    pos = 0
    for m in OBJECT_CHARS.finditer(text):
        _append_text(parent, text[pos : m.start()])
        item = objects.get(m.group())
        if isinstance(item, str):
            _append_text(parent, item)
        else:
            parent.append(item)
        pos = m.end()
    _append_text(parent, text[pos:])


def fill(parent: etree._Element, flow: Flow, spans: list[Span], start: int = 0, end: int | None = None) -> None:
    """Append ``flow.text[start:end]`` to ``parent`` with ``spans`` as elements."""
    end = len(flow.text) if end is None else end
    nested = _nest([s for s in spans if start <= s.start and s.end <= end])
    pos = start
    i = 0
    while i < len(nested):
        span = nested[i]
        _emit(parent, flow.text[pos : span.start], pos, flow.objects)
        inner = [s for s in nested[i + 1 :] if s.start >= span.start and s.end <= span.end]
        child = etree.SubElement(parent, span.element.tag, dict(span.element.attrib))
        fill(child, flow, inner, span.start, span.end)
        pos = span.end
        i += 1 + len(inner)
    _emit(parent, flow.text[pos:end], pos, flow.objects)
