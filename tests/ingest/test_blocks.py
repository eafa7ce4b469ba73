"""edition.ingest.blocks: blocks, their classes, and the front/body/back skeleton."""

from __future__ import annotations

from edition.ingest.blocks import (
    Builder,
    RawBlock,
    SectionNumbers,
    classify,
    merge_broken_paragraphs,
    split_blocks,
    tag_section_languages,
)
from edition.ingest.hyphenation import Lexicon
from edition.ingest.layout import analyse
from edition.tei import TEI, XML_LANG, el, sub

from .helpers import lines_of


def blocks_of(text: str) -> list[RawBlock]:
    return split_blocks(analyse(lines_of(text)).units)


def texts(blocks: list[RawBlock]) -> list[str]:
    return [b.text for b in blocks]


def test_blank_lines_separate_blocks_and_a_known_heading_stands_alone():
    blocks = blocks_of("Giriş\nMetin bir satır\niki satır.\n\nİkinci paragraf.\n")
    assert texts(blocks) == ["Giriş", "Metin bir satır iki satır.", "İkinci paragraf."]
    assert [b.blank_before for b in blocks] == [True, False, True]


def test_the_next_list_item_starts_a_block():
    assert texts(blocks_of("1. Birinci madde\n2. İkinci madde\n")) == ["1. Birinci madde", "2. İkinci madde"]


def test_page_break_before_a_new_block_moves_with_it():
    blocks = blocks_of("Metin.\nAnahtar Kelimeler: Kafkasya\n")
    assert texts(blocks) == ["Metin.", "Anahtar Kelimeler: Kafkasya"]
    first_unit = blocks[0].items[0].unit
    assert type(first_unit).__name__ == "PageBreak"  # the page starts with the first block
    assert [item.index for b in blocks for item in b.items] == [0, 1, 2]


def test_classify_numbered_heading_list_item_and_paragraph():
    blocks = blocks_of("Giriş\n\nMetin burada.\n\n1. Birinci Bölüm\n\nMetin.\n\n5. madde burada yazılıdır.\n"
                       "\n2. İkinci Bölüm\n\nSon.\n")
    classify(blocks)
    assert [(b.kind, b.role, b.number) for b in blocks] == [
        ("head", "body", None), ("para", None, None), ("head", "body", "1"), ("para", None, None),
        ("item", None, "5"), ("head", "body", "2"), ("para", None, None)]


def test_section_numbers_accept_only_a_continuation():
    numbers = SectionNumbers()
    assert numbers.fits("1") and not numbers.fits("3")
    numbers.take("1")
    assert numbers.fits("1.1") and numbers.fits("2") and not numbers.fits("1.2") and not numbers.fits("4")


def test_paragraph_cut_mid_sentence_is_joined_finished_one_is_not():
    blocks = blocks_of("Giriş\n\nKafkasya'da olaylar\n\ndevam etti.\n\nYeni paragraf.\n")
    classify(blocks)
    merged = merge_broken_paragraphs(blocks)
    assert texts(merged) == ["Giriş", "Kafkasya'da olaylar devam etti.", "Yeni paragraf."]


def test_builder_makes_title_author_and_body():
    blocks = blocks_of("Bakü Olayları Üzerine\n\nAli Veli\n\nGiriş\n\nMetin burada yazılıdır.\n")
    classify(blocks)
    builder = Builder("doc", Lexicon.from_lines([]), "tr")
    builder.build(merge_broken_paragraphs(blocks))
    assert builder.titles == ["Bakü Olayları Üzerine"] and builder.authors == ["Ali Veli"]
    text = builder.text
    assert [child.tag for child in text] == [TEI + "front", TEI + "body"]
    div = text.find(f"{TEI}body/{TEI}div")
    assert div.get("type") == "section" and [c.tag for c in div] == [TEI + "head", TEI + "p"]
    assert [f.kind for f in builder.fills] == ["title", "author", "head", "p"]


def test_builder_puts_the_bibliography_in_the_back():
    blocks = blocks_of("Giriş\n\nMetin.\n\nKaynakça\n\nYazar, Kitap, 1990.\n")
    classify(blocks)
    builder = Builder("doc", Lexicon.from_lines([]), "tr")
    builder.build(blocks)
    div = builder.text.find(f"{TEI}back/{TEI}div")
    assert div.get("type") == "bibliography" and div.find(f"{TEI}listBibl/{TEI}bibl") is not None


def test_an_all_front_text_still_gets_a_body():
    blocks = blocks_of("Özet\n\nBu çalışma Kafkasya'yı ele alır.\n")
    classify(blocks)
    builder = Builder("doc", Lexicon.from_lines([]), "tr")
    builder.build(blocks)
    assert [child.tag for child in builder.text] == [TEI + "front", TEI + "body"]


def test_untagged_english_section_gets_its_language():
    text = el("text")
    english = sub(sub(text, "body"), "div")
    sub(english, "p", "This is the story of the city and the people who were in it for the war.")
    turkish = sub(text[0], "div")
    sub(turkish, "p", "Bu konu ve bir çok olay ile ilgili olarak daha çok şey söylenebilir ki bu da önemlidir.")
    assert tag_section_languages(text, "tr") == {"en"}
    assert english.get(XML_LANG) == "en" and turkish.get(XML_LANG) is None
