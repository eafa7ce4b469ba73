"""Inline stage over flows: quotations.

Balanced quotation marks become ``q`` spans; a paragraph that is one whole
quotation becomes a block ``quote``. Footnote markers are not handled here but
in :mod:`.notes`, before this stage runs.
"""

from __future__ import annotations

import re

from lxml import etree

from ..tei import TEI, el
from .flow import OBJECT_CHARS, Flow, Span

OPEN_CLOSE = {"“": "”", "«": "»"}


def quote_spans(flow: Flow) -> list[Span]:
    """``q`` spans for balanced “…” (and straight "…") quotations in a flow."""
    spans: list[Span] = []
    text = flow.text
    stack: list[tuple[str, int]] = []
    for i, ch in enumerate(text):
        if ch in OPEN_CLOSE:
            stack.append((ch, i))
        elif ch in OPEN_CLOSE.values():
            # Close the innermost matching opener; unmatched closers are left alone.
            for k in range(len(stack) - 1, -1, -1):
                if OPEN_CLOSE[stack[k][0]] == ch:
                    start = stack[k][1]
                    del stack[k:]
                    spans.append(Span(start, i + 1, el("q"), 5))
                    break
    # Straight double quotes pair up left to right.
    straight = [m.start() for m in re.finditer('"', text)]
    for a, b in zip(straight[::2], straight[1::2], strict=False):
        spans.append(Span(a, b + 1, el("q"), 5))
    return spans


def whole_quote(flow: Flow) -> bool:
    """Is the whole block one quotation (a block quote)?"""
    text = OBJECT_CHARS.sub("", flow.text).strip()
    if not text or text[0] not in OPEN_CLOSE:
        return False
    closer = OPEN_CLOSE[text[0]]
    tail = re.sub(r"[\s.,;:\d]+$", "", text)
    if not tail.endswith(closer):
        return False
    # The first opener must close at the very end, not earlier.
    depth = 0
    for i, ch in enumerate(tail):
        if ch == text[0]:
            depth += 1
        elif ch == closer:
            depth -= 1
            if depth == 0 and i != len(tail) - 1:
                return False
    return depth == 0


def unwrap_outer_q(p: etree._Element) -> None:
    """In a block quotation the quotation marks stay in the text: the ``q``
    round the whole paragraph is redundant and is replaced by its content."""
    for q in p.findall(TEI + "q"):
        text_before = (p.text or "").strip()
        if text_before == "" and q is p[0]:
            parent = p
            index = parent.index(q)
            if q.text:
                if index == 0:
                    parent.text = (parent.text or "") + q.text
                else:
                    prev = parent[index - 1]
                    prev.tail = (prev.tail or "") + q.text
            for child in list(q):
                parent.insert(parent.index(q), child)
            last_tail = q.tail
            prev_index = parent.index(q) - 1
            if q.tail:
                if prev_index >= 0:
                    parent[prev_index].tail = (parent[prev_index].tail or "") + last_tail
                else:
                    parent.text = (parent.text or "") + last_tail
            parent.remove(q)
        break


# Inline wrappers that hold nothing once filled (edge cases of the span rules).
DROPPED_WHEN_EMPTY = ("q", "bibl", "title", "author", "date", "biblScope", "publisher", "pubPlace")


def drop_empty_wrappers(root: etree._Element) -> None:
    """Remove empty inline wrappers left by edge cases (never text)."""
    for tag in DROPPED_WHEN_EMPTY:
        for node in list(root.iter(TEI + tag)):
            if not "".join(node.itertext()).strip() and not len(node):
                parent = node.getparent()
                if parent is None:
                    continue
                if node.tail:
                    prev = node.getprevious()
                    if prev is not None:
                        prev.tail = (prev.tail or "") + node.tail
                    else:
                        parent.text = (parent.text or "") + node.tail
                parent.remove(node)
