"""Small builders shared by the ingest unit tests."""

from __future__ import annotations

from edition.ingest.lines import Line, decode_raw


def lines_of(text: str) -> list[Line]:
    """The numbered lines of a small raw text."""
    return decode_raw(text.encode("utf-8"), "test.txt")
