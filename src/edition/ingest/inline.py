"""Inline stages over flows: footnote markers, quotations.

Markers are matched in document order: note N is anchored at the first glued
"N" after note N-1's marker and before the block where note N is printed, so
real numbers ("1.000", "31 Mart", "48 asker") are never taken for markers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..tei import el
from .flow import OBJECT_CHARS, Flow, Span
from .layout import marker_pattern

OPEN_CLOSE = {"“": "”", "«": "»"}


@dataclass
class MarkerHit:
    flow_index: int
    start: int
    end: int


def find_markers(
    flows: list[Flow], notes: list[tuple[str, int]], from_flow: int = 0
) -> tuple[dict[str, MarkerHit], list[str]]:
    """Find each note's marker. ``notes`` is (label, unit index of its block).

    Returns hits by label and the labels whose marker was not found.
    """
    hits: dict[str, MarkerHit] = {}
    missing: list[str] = []
    cursor = (from_flow, 0)
    for label, block_unit in notes:
        pattern = marker_pattern(label)
        found = None
        fi, pos = cursor
        while fi < len(flows) and found is None:
            flow = flows[fi]
            for m in pattern.finditer(flow.text, pos):
                if flow.origins and flow.origins[m.start()] > block_unit:
                    break
                found = MarkerHit(fi, m.start(), m.end())
                break
            if found is None and flow.origins and flow.origins[-1] > block_unit:
                break
            fi, pos = fi + 1, 0
        if found is None:
            missing.append(label)
            continue
        hits[label] = found
        cursor = (found.flow_index, found.end)
    return hits, missing


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
    for a, b in zip(straight[::2], straight[1::2]):
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
