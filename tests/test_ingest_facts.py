"""Facts from the page (.facts): a download site's banner taken off the text
and kept in the header; journal, volume, issue, year, pages and DOI printed
in the text go into a biblStruct; nothing is invented."""

from __future__ import annotations

from ingest_helpers import raw_chars, tei_text_chars
from test_ingest_shapes import assert_valid, tei_all  # noqa: F401 (fixture)

from edition.ingest import ingest_bytes
from edition.ingest.facts import (
    PageFacts,
    citation_facts,
    doi_fact,
    line_facts,
    page_facts,
    page_range_fact,
    split_banner,
)
from edition.ingest.header import Metadata
from edition.ingest.lines import decode_raw
from edition.tei import TEI

BANNER = ("Bu makale dergipark.org.tr adresinden 01.02.2024 tarihinde indirilmiştir.\n\n"
          "Atıf için: Yazar Adı, Bir Başlık, Tarih Dergisi, Cilt 7, Sayı 2, 2015, s. 33-48.\n"
          "DOI: 10.5555/deneme.123.\n\nPowered by TCPDF (www.tcpdf.org)\n\n")
ARTICLE = "Bir Başlık\n\nGiriş\n\nMetin burada başlar ve www.ornek.org adresine değinir.\n"


def test_banner_split_off_only_at_the_start():
    banner, rest = split_banner(decode_raw((BANNER + ARTICLE).encode(), "x.txt"))
    assert [line.no for line in banner] == [1, 3, 4, 6]
    assert rest[0].text == "Bir Başlık"
    # The same words further down are the article's own.
    banner, rest = split_banner(decode_raw(ARTICLE.encode(), "x.txt"))
    assert banner == [] and len(rest) == 5


def test_page_facts_from_the_banner():
    lines = decode_raw((BANNER + ARTICLE).encode(), "x.txt")
    banner, rest = split_banner(lines)
    facts = page_facts(banner, [], rest)
    assert (facts.journal, facts.volume, facts.issue, facts.year) == ("Tarih Dergisi", "7", "2", "2015")
    assert (facts.first_page, facts.last_page, facts.doi) == ("33", "48", "10.5555/deneme.123")
    assert facts.sources["doi"] == "line 4"


def test_page_facts_from_a_running_head_only():
    facts = page_facts([], ["Karadeniz Araştırmaları, Cilt 15, Sayı 58, 2018"], [])
    assert (facts.journal, facts.volume, facts.issue, facts.year) == ("Karadeniz Araştırmaları", "15", "58", "2018")
    assert facts.doi is None and facts.first_page is None


def test_no_facts_no_biblstruct():
    facts = page_facts([], [], decode_raw(ARTICLE.encode(), "x.txt"))
    assert not facts.found
    root = ingest_bytes(ARTICLE.encode(), "x.txt").tree.getroot()
    assert root.find(f".//{TEI}biblStruct") is None


def test_banner_document(tei_all):  # noqa: F811
    meta = Metadata(description="Scholarly article; the journal, volume and page numbers are not stated in the text.")
    result = ingest_bytes((BANNER + ARTICLE).encode(), "b.txt", meta)
    root = result.tree.getroot()
    assert_valid(tei_all, result.tree)
    text = "".join(root.find(TEI + "text").itertext())
    assert "dergipark" not in text and "Powered" not in text and "www.ornek.org" in text
    # The banner's characters are kept in the header.
    decl = " ".join(root.find(f".//{TEI}editorialDecl").itertext())
    assert "raw lines 1–6" in decl and "Powered by TCPDF (www.tcpdf.org)" in decl
    assert tei_text_chars(root) == raw_chars(ARTICLE)
    struct = root.find(f".//{TEI}sourceDesc/{TEI}biblStruct")
    assert struct.findtext(f"{TEI}monogr/{TEI}title[@level='j']") == "Tarih Dergisi"
    assert struct.findtext(f"{TEI}analytic/{TEI}idno[@type='DOI']") == "10.5555/deneme.123"
    scope = {b.get("unit"): b for b in struct.iter(TEI + "biblScope")}
    assert scope["volume"].text == "7" and scope["issue"].text == "2"
    assert (scope["page"].get("from"), scope["page"].get("to")) == ("33", "48")
    assert struct.find(f".//{TEI}date").get("when") == "2015"
    # The editor's "not stated in the text" is contradicted by the page: dropped.
    assert "not stated" not in " ".join(root.find(f".//{TEI}sourceDesc").itertext())


def test_banner_only_is_an_error():
    import pytest

    from edition.errors import InputError
    with pytest.raises(InputError, match="banner"):
        ingest_bytes(BANNER.encode(), "b.txt")


# --- each step of .facts alone -----------------------------------------------------

def test_doi_fact_without_trailing_punctuation():
    assert doi_fact("DOI: 10.5555/deneme.123.") == {"doi": "10.5555/deneme.123"}
    assert doi_fact("(https://doi.org/10.1000/abc-9);") == {"doi": "10.1000/abc-9"}
    assert doi_fact("Sayı 10.12") == {}


def test_citation_facts_need_a_volume_or_an_issue():
    assert citation_facts("Tarih Dergisi, Cilt 7, Sayı 2, 2015") == {
        "volume": "7", "issue": "2", "year": "2015", "journal": "Tarih Dergisi"}
    assert citation_facts("Journal of History, Vol. 3") == {"volume": "3", "journal": "Journal of History"}
    # A year alone is no citation line; nor is a one-letter "journal".
    assert citation_facts("İstanbul, 2015") == {}
    assert citation_facts("X, Sayı 4") == {"issue": "4"}


def test_page_range_fact_in_order_only():
    assert page_range_fact("s. 33-48") == {"first_page": "33", "last_page": "48"}
    assert page_range_fact("pp. 101–99") == {}
    assert page_range_fact("33-48") == {}


def test_line_facts_read_a_page_range_beside_a_volume_or_where_allowed():
    assert "first_page" not in line_facts("Yazar, Kitap, İstanbul 2001, s. 5-9.", page_range=False)
    assert line_facts("Yazar, Kitap, İstanbul 2001, s. 5-9.", page_range=True)["first_page"] == "5"
    assert line_facts("Dergi, Cilt 2, s. 5-9", page_range=False)["last_page"] == "9"


def test_page_facts_take_each_fact_from_its_first_source():
    facts = PageFacts()
    facts.take({"volume": "1", "doi": "10.5555/a"}, "line 2")
    facts.take({"volume": "9", "issue": "3"}, "running head")
    assert (facts.volume, facts.issue, facts.doi) == ("1", "3", "10.5555/a")
    assert facts.sources == {"volume": "line 2", "doi": "line 2", "issue": "running head"}


def test_page_facts_never_read_a_running_heads_page_range():
    facts = page_facts([], ["Dergi, Cilt 2, s. 5-9"], [])
    assert facts.volume == "2" and facts.first_page is None
