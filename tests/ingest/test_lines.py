"""edition.ingest.lines: bytes to numbered lines."""

from __future__ import annotations

import codecs

import pytest

from edition.errors import InputError
from edition.ingest.lines import decode_raw


def test_line_numbers_survive_crlf_and_cr():
    lines = decode_raw(b"one\r\ntwo\rthree\n", "x.txt")
    assert [(line.no, line.text) for line in lines] == [(1, "one"), (2, "two"), (3, "three")]


def test_form_feed_starts_a_page_on_the_next_text_line():
    lines = decode_raw(b"end of page\n\fstart of page\nmore\n", "x.txt")
    assert [line.after_form_feed for line in lines] == [False, True, False]
    assert lines[1].text == "start of page" and lines[1].no == 2


def test_trailing_blank_lines_dropped_inner_kept():
    lines = decode_raw(b"a\n\nb\n\n\n", "x.txt")
    assert [line.text for line in lines] == ["a", "", "b"]


def test_not_utf8_names_line_and_column():
    with pytest.raises(InputError) as err:
        decode_raw(b"ok\nab\xfe\n", "x.txt")
    assert (err.value.line, err.value.col) == (2, 3)


def test_utf16_with_bom_is_read():
    data = codecs.BOM_UTF16_LE + "Kafkasya\nçağ".encode("utf-16-le")
    assert [line.text for line in decode_raw(data, "x.txt")] == ["Kafkasya", "çağ"]


def test_indented_and_blank():
    first, second, third = decode_raw(b" page start\n \nx", "x.txt")
    assert first.indented and not first.blank
    assert second.blank and not second.indented
    assert not third.indented
