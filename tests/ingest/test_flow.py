"""edition.ingest.flow: a block's reflowed text with page breaks and notes as objects."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from edition.ingest.flow import Flow, Objects, Span, fill
from edition.ingest.hyphenation import Lexicon
from edition.ingest.lines import Line
from edition.tei import TEI, el

LEXICON = Lexicon.from_lines([])


def flow_of(*texts: str) -> Flow:
    flow = Flow(Objects(), LEXICON)
    for no, text in enumerate(texts, 1):
        flow.add_line(Line(no, text), no)
    return flow


def test_lines_joined_by_one_space():
    assert flow_of("Bakü  olayları", "  1918 yılında.").text == "Bakü olayları 1918 yılında."


def test_line_end_hyphen_of_a_split_word_is_removed():
    assert flow_of("Bolşevikler şehre gir-", "diler.").text == "Bolşevikler şehre girdiler."


def test_hyphen_of_a_compound_is_kept():
    assert flow_of("Brest-", "Litovsk antlaşması").text == "Brest-Litovsk antlaşması"


def test_page_break_inside_a_split_word_is_break_no():
    flow = Flow(Objects(), LEXICON)
    flow.add_line(Line(1, "gir-"), 0)
    pb = el("pb", n="2")
    flow.add_page_break(pb, 1)
    flow.add_line(Line(2, "diler."), 2)
    assert pb.get("break") == "no"
    assert flow.plain() == "girdiler."
    assert flow.objects.get(flow.text[3]) is pb  # between the halves, the hyphen gone


def test_private_use_characters_of_the_text_come_back_unchanged():
    flow = flow_of("madde \uf0b7 işareti")
    assert flow.plain() == "madde \uf0b7 işareti"
    p = el("p")
    fill(p, flow, [])
    assert p.text == "madde \uf0b7 işareti"


def test_fill_nests_spans_and_drops_crossing_ones():
    flow = flow_of("a “b c” d")
    p = el("p")
    q = Span(2, 7, el("q"), 5)
    crossing = Span(5, 9, el("bibl"), 0)
    fill(p, flow, [q, crossing])
    assert [child.tag for child in p] == [TEI + "q"]
    assert "".join(p.itertext()) == "a “b c” d"


def test_page_break_at_block_end_is_appended():
    flow = flow_of("son satır")
    flow.add_page_break(el("pb", n="3"), 2)
    rest = flow.flush_pending()
    flow.append_objects(rest, 2)
    assert flow.objects.is_element(flow.text[-1]) and len(flow.origins) == len(flow.text)


@settings(deadline=None)  # a loaded machine is no failure
@given(st.lists(st.text(alphabet="abc çğ-\uf0b7", min_size=0, max_size=12), max_size=6),
       st.integers(0, 20), st.integers(0, 20))
def test_origins_follow_the_text_through_slices_and_replacements(texts, start, end):
    flow = flow_of(*texts)
    assert len(flow.origins) == len(flow.text)
    part = flow.slice(min(start, len(flow.text)), min(max(start, end), len(flow.text)))
    assert len(part.origins) == len(part.text)
    if flow.text:
        flow.replace_span(0, min(1, len(flow.text)), "XY")
        assert len(flow.origins) == len(flow.text)
