"""edition.ingest.layout: page starts and numbers, note blocks, running heads."""

from __future__ import annotations

from edition.ingest.layout import (
    BlankUnit,
    LayoutOptions,
    NoteBlock,
    PageBreak,
    TextUnit,
    analyse,
    number_pages,
)

from .helpers import lines_of


def kinds(units) -> list[str]:
    names = {TextUnit: "text", BlankUnit: "blank", PageBreak: "pb", NoteBlock: "notes"}
    return [names[type(u)] for u in units]


def test_pages_counted_from_the_first_page_without_printed_numbers():
    layout = analyse(lines_of("Metin bir.\n\fİkinci sayfa.\n"), LayoutOptions(first_page=5))
    assert kinds(layout.units) == ["pb", "text", "pb", "text"]
    assert [u.n for u in layout.units if isinstance(u, PageBreak)] == ["5", "6"]
    assert layout.printed_pages is None  # counted, not printed


def test_text_resumes_after_a_note_block_when_it_holds_the_next_marker():
    layout = analyse(lines_of("Metin burada bir olay.1\n\n(1) Yazar, Kitap, s. 5.\n"
                              " Sonraki sayfa burada devam eder.2\n\n(2) Başka Yazar, s. 9.\n"))
    assert kinds(layout.units) == ["pb", "text", "blank", "notes", "pb", "text", "blank", "notes"]
    assert [p.note.label for p in layout.notes] == ["1", "2"]
    assert [p.unit for p in layout.notes] == [3, 7]  # the index of each note's block
    assert layout.note_form == "parenthesised"


def test_indented_line_without_the_next_marker_continues_the_note():
    layout = analyse(lines_of("Metin bir.1 Metin iki.2\n\n(1) Not bir.\n devamı burada.\n\n(2) Not iki.\n"))
    assert kinds(layout.units) == ["pb", "text", "blank", "notes"]
    [block] = [u for u in layout.units if isinstance(u, NoteBlock)]
    first, second = block.notes
    assert [[line.text for line in para] for para in first.paragraphs] == [["(1) Not bir.", " devamı burada."]]
    assert (second.label, second.line_no) == ("2", 6)


def test_running_head_and_page_number_are_removed_and_number_the_page():
    text = ("Metin birinci sayfa.\n\nKafkas Dergisi\n\n32\n\n İkinci sayfa metni.\n")
    layout = analyse(lines_of(text))
    assert layout.running_heads == ["Kafkas Dergisi"]
    assert [u.n for u in layout.units if isinstance(u, PageBreak)] == ["31", "32"]  # counted back from 32
    assert all("Kafkas" not in u.line.text for u in layout.units if isinstance(u, TextUnit))
    assert layout.printed_pages == ("31", "32")


def test_number_pages_heads_at_top_number_the_page_they_open():
    assert number_pages([0, 10, 20], {8: ("pageNum", "32")}, False, 1) == ["31", "32", "33"]


def test_number_pages_heads_at_foot_number_the_page_they_close():
    assert number_pages([0, 10, 20], {15: ("pageNum", "40")}, True, 1) == ["39", "40", "41"]


def test_number_pages_without_printed_numbers_counts_from_first_page():
    assert number_pages([0, 10, 20], {5: ("header", None)}, False, 7) == ["7", "8", "9"]


def test_number_pages_never_below_one():
    assert number_pages([0, 10, 20], {8: ("pageNum", "1")}, False, 1) == ["1", "1", "2"]


def test_an_undecided_note_label_form_is_a_warning_with_its_line():
    layout = analyse(lines_of("Giriş metni burada.1\n\n(1) Birinci not.\n\n"
                              "1. Bir not daha burada yazılı olarak durur.\n"))
    assert layout.note_form == "parenthesised"
    [(line_no, message)] = layout.warnings
    assert line_no == 5 and "bare digits" in message and "Check the notes" in message


def test_a_clear_text_has_no_layout_warnings():
    assert analyse(lines_of("Metin burada.1\n\n(1) Not.\n")).warnings == []
