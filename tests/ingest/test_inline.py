"""edition.ingest.inline: quotations."""

from __future__ import annotations

from edition.ingest.flow import Flow, Objects, fill
from edition.ingest.hyphenation import Lexicon
from edition.ingest.inline import drop_empty_wrappers, quote_spans, unwrap_outer_q, whole_quote
from edition.ingest.lines import Line
from edition.tei import TEI, el, sub


def flow_of(text: str) -> Flow:
    flow = Flow(Objects(), Lexicon.from_lines([]))
    flow.add_line(Line(1, text), 0)
    return flow


def spans(text: str) -> list[str]:
    return [text[s.start:s.end] for s in sorted(quote_spans(flow_of(text)), key=lambda s: s.start)]


def test_balanced_curly_quotes_nested():
    assert spans("O “bir «iki» üç” dedi") == ["“bir «iki» üç”", "«iki»"]


def test_unmatched_closer_is_left_alone():
    assert spans("bir” iki") == []


def test_straight_quotes_pair_left_to_right():
    assert spans('a "b" c "d') == ['"b"']


def test_whole_quote():
    assert whole_quote(flow_of("“Bütün paragraf bir alıntıdır.” 12"))
    assert not whole_quote(flow_of("“Bir” ve “iki” alıntı."))
    assert not whole_quote(flow_of("Alıntı değil."))


def test_unwrap_outer_q_keeps_every_character():
    p = el("p")
    flow = flow_of("“Alıntı metni.”")
    fill(p, flow, quote_spans(flow))
    assert p[0].tag == TEI + "q"
    unwrap_outer_q(p)
    assert len(p) == 0 and p.text == "“Alıntı metni.”"


def test_drop_empty_wrappers_keeps_the_tail():
    p = el("p", "a ")
    q = sub(p, "q")
    q.tail = "b"
    drop_empty_wrappers(p)
    assert len(p) == 0 and p.text == "a b"
