"""edition.ingest.notes: note labels, markers, and anchoring each note at its marker."""

from __future__ import annotations

from edition.ingest.flow import Fill, Flow, Objects
from edition.ingest.hyphenation import Lexicon
from edition.ingest.lines import Line
from edition.ingest.notes import (
    PrintedNote,
    RawNote,
    anchor_notes,
    find_markers,
    marker_pattern,
    strip_note_label,
)
from edition.tei import TEI, XML_ID, el

LEXICON = Lexicon.from_lines([])


def test_marker_glued_to_a_word_or_full_stop():
    assert marker_pattern("1").search("oldu.1 Sonra")
    assert marker_pattern("10").search("Brest-Litovsk10 antlaşması")
    assert marker_pattern("2").search("oldu² Sonra")


def test_numbers_are_not_markers():
    assert not marker_pattern("1").search("1.000 asker")
    assert not marker_pattern("1").search("31 Mart")
    assert not marker_pattern("1").search("s. 12")
    assert not marker_pattern("1").search("oldu.10")


def test_star_marker():
    assert marker_pattern("*").search("Yazar Adı* Giriş")
    assert not marker_pattern("*").search("Yazar** Giriş")


def test_strip_note_label_every_form():
    assert [strip_note_label(t) for t in ("(3) Metin", "³ Metin", "3. Metin", "3) Metin")] == ["Metin"] * 4


def flow_of(objects: Objects, text: str, unit: int, line_no: int = 1) -> Flow:
    flow = Flow(objects, LEXICON)
    flow.add_line(Line(line_no, text), unit)
    return flow


def note(label: str, text: str, line_no: int) -> RawNote:
    return RawNote(label, line_no, [[Line(line_no, f"({label}) {text}")]])


def test_find_markers_in_order_and_before_the_note_block():
    objects = Objects()
    flows = [flow_of(objects, "Birinci cümle.1 İkinci cümle.2", 0), flow_of(objects, "Üçüncü.3", 5)]
    notes = [PrintedNote(note("1", "a", 3), 2), PrintedNote(note("2", "b", 4), 2), PrintedNote(note("3", "c", 9), 6)]
    hits, missing = find_markers(flows, notes)
    assert missing == []
    assert {label: (h.flow_index, flows[h.flow_index].text[h.start:h.end]) for label, h in hits.items()} == {
        "1": (0, "1"), "2": (0, "2"), "3": (1, "3")}


def test_a_marker_printed_after_its_note_block_is_not_taken():
    objects = Objects()
    flows = [flow_of(objects, "Metin burada", 0), flow_of(objects, "Sonraki sayfa.1", 4)]
    hits, missing = find_markers(flows, [PrintedNote(note("1", "a", 2), 2)])
    assert hits == {} and missing == ["1"]


def test_anchor_notes_puts_each_note_at_its_marker():
    objects = Objects()
    p = el("p")
    text = Fill(p, flow_of(objects, "Bakü olayları.1 Sonra", 0), "p")
    anchored = anchor_notes([PrintedNote(note("1", "Yazar, Kitap, s. 5.", 3), 1)], [text], objects, LEXICON,
                            "doc", "doc.txt")
    assert anchored.warnings == [] and anchored.affiliation is None
    marker_at = text.flow.text.index("olayları.") + len("olayları.")
    element = objects.get(text.flow.text[marker_at])
    assert not isinstance(element, str)
    assert element.tag == TEI + "note" and element.get("n") == "1" and element.get(XML_ID) == "doc-n1"
    assert objects.plain(text.flow.text) == "Bakü olayları. Sonra"  # the marker digit is gone
    assert [f.flow.plain() for f in anchored.fills] == ["Yazar, Kitap, s. 5."]  # the label too


def test_unanchored_note_is_placed_at_the_end_of_the_paragraph_before_it_with_a_warning():
    objects = Objects()
    before = Fill(el("p"), flow_of(objects, "Marker yok burada", 0), "p")
    after = Fill(el("p"), flow_of(objects, "Sonraki paragraf", 5), "p")
    anchored = anchor_notes([PrintedNote(note("1", "Not.", 7), 2)], [before, after], objects, LEXICON,
                            "doc", "doc.txt")
    [warning] = anchored.warnings
    assert (warning.path, warning.line, warning.rule) == ("doc.txt", 7, "ingest-note-unanchored")
    assert objects.is_element(before.flow.text[-1]) and before.flow.plain() == "Marker yok burada"
    assert after.flow.text == "Sonraki paragraf"


def test_star_note_is_the_affiliation():
    objects = Objects()
    text = Fill(el("p"), flow_of(objects, "Ali Veli* yazdı", 0), "p")
    star = RawNote("*", 2, [[Line(2, "(*) Yrd. Doç., Kafkas Üniversitesi")]])
    anchored = anchor_notes([PrintedNote(star, 1)], [text], objects, LEXICON, "doc", "doc.txt")
    assert anchored.affiliation == "Yrd. Doç., Kafkas Üniversitesi"
    assert objects.plain(text.flow.text) == "Ali Veli yazdı"
    note_element = objects.get(text.flow.text[len("Ali Veli")])
    assert not isinstance(note_element, str) and note_element.get(XML_ID) == "doc-n0"


def test_note_paragraphs_become_p_children():
    objects = Objects()
    text = Fill(el("p"), flow_of(objects, "Metin.1", 0), "p")
    two = RawNote("1", 3, [[Line(3, "(1) Birinci paragraf.")], [Line(4, " İkinci paragraf.")]])
    anchored = anchor_notes([PrintedNote(two, 1)], [text], objects, LEXICON, "doc", "doc.txt")
    assert [f.element.tag for f in anchored.fills] == [TEI + "p", TEI + "p"]
    assert anchored.fills[0].element.getparent().tag == TEI + "note"
