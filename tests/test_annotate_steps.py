"""Annotate's steps (edition.annotate.STEPS), each run alone on a small document."""

import pytest
from lxml import etree

from edition.annotate import (
    STEPS,
    AnnotateOptions,
    AnnotateResult,
    _Run,
    collect_slots,
    complete_dates,
    declare_used_calendars,
    find_titles_and_dates,
    refuse_or_skip,
    strip_previous_run,
    wrap_spans,
)
from edition.annotate.registers import Register
from edition.errors import InputError
from edition.tei import TEI, parse_bytes

HEAD = '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="t"><teiHeader/>'


def run_of(body: str, lang: str = ' xml:lang="tr"', **options) -> _Run:
    root = parse_bytes(f'{HEAD}<text{lang}><body>{body}</body></text></TEI>'.encode()).getroot()
    return _Run(root, Register(), AnnotateOptions(**options), AnnotateResult(root.getroottree()))


def test_steps_run_in_the_documented_order():
    assert [step.__name__ for step in STEPS] == [
        "refuse_or_skip", "strip_previous_run", "collect_slots", "find_titles_and_dates", "complete_dates",
        "find_names", "wrap_spans", "declare_used_calendars"]


def test_refuse_or_skip_leaves_another_language_alone():
    run = run_of("<p>The army of the Republic arrived in the city and the people were there.</p>", ' xml:lang="en"')
    refuse_or_skip(run)
    assert run.done and run.result.skipped
    turkish = run_of("<p>Bakü’de 1918 yılında</p>")
    refuse_or_skip(turkish)
    assert not turkish.done and turkish.result.skipped is None


def test_refuse_or_skip_refuses_what_is_not_tei():
    root = etree.fromstring(b"<TEI.2><text/></TEI.2>")
    run = _Run(root, Register(), AnnotateOptions(), AnnotateResult(root.getroottree()))
    with pytest.raises(InputError):
        refuse_or_skip(run)


def test_strip_previous_run_unwraps_own_markup_and_keeps_an_editors_correction():
    run = run_of('<p><date when="1918" resp="#edition-annotate">1918</date> ve '
                 '<date when="1919" resp="#edition-annotate">1918</date></p>')
    strip_previous_run(run)
    p = run.root.find(f"{TEI}text/{TEI}body/{TEI}p")
    (kept,) = p.findall(TEI + "date")
    assert kept.get("when") == "1919" and kept.get("resp") is None
    assert p.text == "1918 ve " and len(run.result.kept_edits) == 1


def test_collect_slots_stops_a_document_without_text():
    root = parse_bytes(f"{HEAD}</TEI>".encode()).getroot()
    run = _Run(root, Register(), AnnotateOptions(), AnnotateResult(root.getroottree()))
    collect_slots(run)
    assert run.done and run.slots == []


def test_collect_slots_skips_titles_and_furniture():
    run = run_of('<p>Bakü <title level="m">Kafkaslarda Türk Katliamı</title> sonra<fw>12</fw> son</p>')
    collect_slots(run)
    assert [s.text for s in run.slots] == ["Bakü ", " sonra", " son"]


def test_find_titles_and_dates_keeps_the_year_of_the_text_out_of_notes():
    run = run_of('<p>31 Mart 1918’de<note place="foot">Ankara, 1993 yılında basıldı.</note> ve 4 Nisan’da</p>')
    collect_slots(run)
    find_titles_and_dates(run)
    found = [[m.attributes.get("when") for m in spans] for spans in run.date_spans]
    assert found == [["1918-03-31"], ["1993"], ["1918-04-04"]]  # the note's year is not the text's


def test_find_titles_and_dates_finds_no_date_inside_a_reference_title():
    run = run_of("<p>Muriel Atkin, Russia and Iran, 1780-1828, Minneapolis, 1980, s. 144.</p>")
    collect_slots(run)
    find_titles_and_dates(run)
    assert run.title_spans[0] and run.date_spans == [[]]


def test_complete_dates_gives_a_value_to_a_date_without_one():
    run = run_of('<p><bibl><date>7 Mart 1334/1918</date></bibl> <date when="1900">1901</date></p>')
    collect_slots(run)
    complete_dates(run)
    first, second = run.root.iter(TEI + "date")
    assert (first.get("when"), first.get("calendar")) == ("1918-03-07", "#rumi")
    assert second.get("when") == "1900"  # a value someone gave is kept
    assert run.calendars_used == {"rumi"}


def test_wrap_spans_writes_dates_with_resp_and_counts_them():
    run = run_of("<p>7 Mart 1334/1918 tarihli</p>")
    collect_slots(run)
    find_titles_and_dates(run)
    run.name_spans = [[] for _ in run.slots]
    wrap_spans(run)
    (date,) = run.root.iter(TEI + "date")
    assert date.text == "7 Mart 1334/1918" and date.tail == " tarihli"
    assert date.get("resp") == "#edition-annotate" and date.get("calendar") == "#rumi"
    assert run.result.counts["date"] == 1


def test_declare_used_calendars_once():
    run = run_of("<p/>")
    run.calendars_used = {"rumi", "hijri"}
    declare_used_calendars(run)
    declare_used_calendars(run)
    ids = [c.get("{http://www.w3.org/XML/1998/namespace}id") for c in run.root.iter(TEI + "calendar")]
    assert ids == ["hijri", "rumi"]
