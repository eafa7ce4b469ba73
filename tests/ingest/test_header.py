"""edition.ingest.header: the teiHeader from what the text says and raw/<id>.toml."""

from __future__ import annotations

from typing import Any

from edition.ingest.header import HeaderFacts, Metadata, build_header, layout_statements
from edition.tei import TEI, XML_LANG


def facts(**changes: Any) -> HeaderFacts:
    base: dict[str, Any] = dict(
        doc_id="doc", raw_name="doc.txt", raw_bytes=b"x", titles=[], subtitle=None, english_title=None,
        authors=[], affiliation=None, keywords={}, languages={"tr"}, running_heads=[],
        page_numbers_from_text=False)
    base.update(changes)
    return HeaderFacts(**base)


def texts(header, path: str) -> list[str]:
    return ["".join(node.itertext()) for node in header.iterfind(path)]


def test_nothing_known_is_said_to_be_unknown_never_guessed():
    header = build_header(facts(), Metadata())
    assert texts(header, f".//{TEI}titleStmt/{TEI}title") == ["[untitled text doc]"]
    assert texts(header, f".//{TEI}titleStmt/{TEI}author") == ["unknown"]
    assert texts(header, f".//{TEI}sourceDesc/{TEI}bibl/{TEI}author") == ["unknown"]


def test_title_from_metadata_then_text_then_running_head():
    assert texts(build_header(facts(running_heads=["Baş"]), Metadata()), f".//{TEI}titleStmt/{TEI}title") == ["Baş"]
    with_text = facts(titles=["Metindeki Başlık"], running_heads=["Baş"])
    assert texts(build_header(with_text, Metadata()), f".//{TEI}titleStmt/{TEI}title") == ["Metindeki Başlık"]
    assert texts(build_header(with_text, Metadata(title="Künye")), f".//{TEI}titleStmt/{TEI}title") == ["Künye"]


def test_authors_carry_the_affiliation():
    header = build_header(facts(authors=["Ali Veli"], affiliation="Kafkas Üniversitesi"), Metadata())
    author = header.find(f".//{TEI}titleStmt/{TEI}author")
    assert texts(author, f"{TEI}persName") == ["Ali Veli"]
    assert texts(author, f"{TEI}affiliation") == ["Kafkas Üniversitesi"]


def test_page_statement_says_where_numbers_come_from():
    counted = " ".join(texts(build_header(facts(), Metadata(first_page=7)), f".//{TEI}editorialDecl/{TEI}p"))
    assert "pages are counted from 7" in counted
    printed = " ".join(texts(build_header(facts(page_numbers_from_text=True), Metadata()),
                             f".//{TEI}editorialDecl/{TEI}p"))
    assert "printed in the running heads" in printed


def test_languages_turkish_first_and_keywords_by_language():
    header = build_header(facts(languages={"ru", "en", "tr"}, keywords={"en": ["Caucasus"], "tr": ["Kafkasya"]}),
                          Metadata())
    assert [n.get("ident") for n in header.iter(TEI + "language")] == ["tr", "en", "ru"]
    assert [k.get(XML_LANG) for k in header.iter(TEI + "keywords")] == ["tr", "en"]


def test_layout_statements_only_for_what_was_recognised():
    assert layout_statements(facts()) == []
    [statement] = layout_statements(facts(note_form="superscript"))
    assert "superscript digits" in statement
