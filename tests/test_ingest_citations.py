"""References in notes and author-date citations (edition.ingest.citations), each reader alone."""

from types import SimpleNamespace

import pytest

from edition.ingest import citations
from edition.ingest.citations import (
    FIELD_READERS,
    _Field,
    _note_bibl,
    _Reference,
    author_date_spans,
    date_element,
)
from edition.tei import local


def marked(text: str, spans) -> list[tuple[str, str, dict]]:
    return [(local(s.element), text[s.start:s.end], dict(s.element.attrib)) for s in spans]


def field(text: str, index: int = 1, following: str = "", next_is_year: bool = False) -> _Field:
    return _Field(index, text, 0, following, next_is_year)


def read_with(reader, f: _Field, have_author=False, have_title=False):
    ref = _Reference([], have_author, have_title)
    return reader(f, ref), marked(f.text, ref.spans), ref


def test_date_element_takes_its_value_from_the_one_normaliser():
    assert date_element("4 Ocak 1919").get("when") == "1919-01-04"
    assert date_element("4 OCAK 1919").get("when") == "1919-01-04"
    assert date_element("1951").get("when") == "1951"
    # no such day: a date without a value, never an invalid one
    assert date_element("31 Şubat 1919").get("when") is None


@pytest.mark.parametrize("reader, text, expected", [
    (citations._read_pages, "s. 17-19.", [("biblScope", "s. 17-19", {"unit": "page", "from": "17", "to": "19"})]),
    (citations._read_year, "1993.", [("date", "1993", {"when": "1993"})]),
    (citations._read_full_date, "4 Ocak 1919", [("date", "4 Ocak 1919", {"when": "1919-01-04"})]),
    (citations._read_quoted_title, "“Bakü Olayları” başlıklı", [("title", "“Bakü Olayları”", {"level": "a"})]),
    (citations._read_periodical, "Azerbaycan Gazetesi", [("title", "Azerbaycan Gazetesi", {"level": "j"})]),
    (citations._read_publisher, "Emre Yayınları", [("publisher", "Emre Yayınları", {})]),
])
def test_each_reader_marks_its_kind_of_field(reader, text, expected):
    took, found, _ref = read_with(reader, field(text))
    assert took and found == expected


@pytest.mark.parametrize("reader", FIELD_READERS, ids=lambda r: r.__name__)
def test_no_reader_takes_a_lower_case_phrase(reader):
    took, found, _ref = read_with(reader, field("ve diğerleri"))
    assert not took and found == []


def test_ibid_stands_for_the_title_and_keeps_its_pages():
    took, found, ref = read_with(citations._read_ibid, field("a.g.e., s. 5", index=0))
    assert took and ref.have_title
    assert found == [("title", "a.g.e.", {"type": "ibid"}),
                     ("biblScope", "s. 5", {"unit": "page", "from": "5", "to": "5"})]


def test_author_only_first_and_before_a_title():
    took, found, ref = read_with(citations._read_author, field("Halil Bal", index=0, following="Makale"))
    assert took and ref.have_author and found == [("author", "Halil Bal", {})]
    assert not read_with(citations._read_author, field("Halil Bal", index=1, following="Makale"))[0]
    assert not read_with(citations._read_author, field("Halil Bal", index=0, following="s. 3"))[0]


def test_first_title_is_a_monograph_after_an_author():
    _took, found, _ref = read_with(citations._read_first_title, field("Kafkaslarda Türk Katliamı"), have_author=True)
    assert found == [("title", "Kafkaslarda Türk Katliamı", {"level": "m"})]
    assert not read_with(citations._read_first_title, field("Başka Kitap"), have_title=True)[0]


def test_pub_place_is_one_word_before_a_year():
    f = field("İstanbul", next_is_year=True)
    assert read_with(citations._read_pub_place, f, have_title=True)[1] == [("pubPlace", "İstanbul", {})]
    assert not read_with(citations._read_pub_place, field("İstanbul"), have_title=True)[0]


def test_a_whole_reference():
    text = "Elçin Neciyev, Kafkaslarda Türk Katliamı, Emre Yayınları, İstanbul, 2005, s. 17-19."
    assert [(tag, words) for tag, words, _a in marked(text, _note_bibl(text, 0))] == [
        ("bibl", text), ("author", "Elçin Neciyev"), ("title", "Kafkaslarda Türk Katliamı"),
        ("publisher", "Emre Yayınları"), ("pubPlace", "İstanbul"), ("date", "2005"), ("biblScope", "s. 17-19")]


def test_a_reference_without_author_or_title_is_named_by_its_first_field():
    text = "ve bir belge, 1918"
    assert marked(text, _note_bibl(text, 0))[-1][:2] == ("title", "ve bir belge")
    assert _note_bibl("12, 1918", 0) == []


def test_author_date_citation_of_a_periodical():
    text = "metin (Tercüman-ı Hakikat, 4 Ocak 1919, s. 2) sonra"
    found = marked(text, author_date_spans(SimpleNamespace(text=text)))
    assert ("title", "Tercüman-ı Hakikat", {"level": "j"}) in found
    assert ("date", "4 Ocak 1919", {"when": "1919-01-04"}) in found
    assert author_date_spans(SimpleNamespace(text="(Mart, 1918)")) == []  # a month is no author
