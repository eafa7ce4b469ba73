"""Repairs of extraction damage (.repairs): legacy font letters, ligatures,
soft hyphens at line ends and words split inside a line, each kept visible as
choice/orig/reg; the printed form is never lost."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ingest_helpers import printed_text, raw_chars, tei_text_chars
from lxml import etree
from test_ingest_shapes import assert_valid, tei_all  # noqa: F401 (fixture)

from edition.ingest import IngestOptions, ingest_bytes, ingest_file
from edition.ingest.hyphenation import Lexicon
from edition.ingest.repairs import (
    FONT_DAMAGE,
    Edit,
    Repairer,
    apply_edits,
    font_mapped,
    font_view,
    ligature_edits,
    reg_template,
    wrap_repairs,
)
from edition.tei import TEI

ROOT = Path(__file__).resolve().parents[1]


def choices(root) -> list[tuple[str, str]]:
    return [(c.findtext(TEI + "orig"), c.findtext(TEI + "reg")) for c in root.iter(TEI + "choice")]


def body_text(root) -> str:
    """The text as the editions show it: the reg readings, not the origs."""
    text = etree.fromstring(etree.tostring(root.find(TEI + "text")))
    for orig in list(text.iter(TEI + "orig")):
        orig.getparent().remove(orig)
    return " ".join("".join(text.itertext()).split())


def repairer_for(text: str) -> Repairer:
    lines = text.split("\n")
    return Repairer.for_document(lines, Lexicon.from_lines(lines))


def test_split_word_joined_when_attested_in_the_document():
    text = "Fakat görüşme yapıldı.\nFa kat bu sefer olmadı.\n"
    out, spans = repairer_for(text).repair_line("Fa kat bu sefer olmadı.", 2)
    assert out == "Fakat bu sefer olmadı."
    assert spans == [(0, 5, "Fa kat")]


@pytest.mark.parametrize("pair", ["zaman da", "için de", "söz konusu", "bir araya"])
def test_split_not_joined_for_clitics_and_common_words(pair):
    left, right = pair.split()
    # Both parts are common words of the document; the joined form occurs once.
    text = "\n".join([f"{left} bir {right} iki"] * 5 + [f"{left}{right} bir kez", pair])
    out, spans = repairer_for(text).repair_line(pair, 7)
    assert (out, spans) == (pair, [])


def test_split_not_joined_when_unattested():
    out, spans = repairer_for("Gö rüşme yeri.\n").repair_line("Gö rüşme yeri.", 1)
    assert spans == []


def test_font_damage_repaired_when_the_word_is_attested():
    text = "Kafkasya ordusu ilerledi.\nKafkasya’da ýlýk bir hava.\nılık bir gün\n"
    out, spans = repairer_for(text).repair_line("ýlýk bir hava.", 2)
    assert out == "ılık bir hava."
    assert spans == [(0, 4, "ýlýk")]


def test_systematic_font_damage_repaired_without_attestation():
    text = "Kafkasya’nýn Sovyetleþtirilmesi ve Türkiye’nin daðlarý\nÝstanbul\n"
    repairer = repairer_for(text)
    assert repairer.systematic_font_damage
    out, _ = repairer.repair_line("Kafkasya’nýn Sovyetleþtirilmesi ve daðlarý Ýstanbul", 1)
    assert out == "Kafkasya’nın Sovyetleştirilmesi ve dağları İstanbul"


def test_foreign_words_with_those_letters_are_left_alone():
    # Icelandic and Czech words: the mapped form holds letters Turkish has not.
    text = "Þórr ve Dvořáký ve Nový\n" * 3
    repairer = repairer_for(text)
    out, spans = repairer.repair_line("Þórr ve Dvořáký", 1)
    assert spans == [] and out == "Þórr ve Dvořáký"
    # A lone ý in an otherwise sound Turkish text is not evidence of damage.
    sound = "Kafkasya’nın ılık dağları Nový ışık şiş\n"
    assert repairer_for(sound).repair_line("Nový", 1) == ("Nový", [])


def test_ligatures_spelt_out():
    out, spans = repairer_for("ﬁkir\n").repair_line("ﬁkir ve ﬂüt", 1)
    assert out == "fikir ve flüt"
    assert [s[2] for s in spans] == ["ﬁkir", "ﬂüt"]


def test_repairs_off_by_option():
    data = "Giriş\n\nFakat bu.\nFa kat şu.\n".encode()
    root = ingest_bytes(data, "x.txt", options=IngestOptions(repairs=False)).tree.getroot()
    assert choices(root) == []


ARTICLE = ("Giriş\n\nKafkasya’da görüşme yapıldı. Fakat sonuç alınamadı ve ﬁkir\n"
           "değişti. Gö rüşme yeniden yapıldı.1 Fa kat bu kez de sonuç yok; bu ge\u00ad\n"
           "lişme önemlidir. ılık bir gün ýlýk geçti.\n\n"
           "(1) Yazar Adı, Kitap, İstanbul, 2001, s. 5.\n")


def test_document_repairs_are_choices_and_valid_tei(tei_all):  # noqa: F811
    result = ingest_bytes(ARTICLE.encode(), "rep.txt")
    root = result.tree.getroot()
    assert_valid(tei_all, result.tree)
    assert choices(root) == [("ﬁkir", "fikir"), ("Gö rüşme", "Görüşme"), ("Fa kat", "Fakat"), ("ýlýk", "ılık")]
    for reg in root.iter(TEI + "reg"):
        assert reg.get("resp") == "#edition-ingest"
    assert root.find(f".//{TEI}respStmt[@{{http://www.w3.org/XML/1998/namespace}}id='edition-ingest']") is not None
    decl = " ".join(root.find(f".//{TEI}editorialDecl").itertext())
    assert "words split inside a line by the extractor joined" in decl and "raw lines 4" in decl
    shown = body_text(root)
    # The soft hyphen at the line end joins the word; the note is still anchored.
    assert "Görüşme yeniden yapıldı." in shown and "gelişme önemlidir" in shown
    assert root.find(f".//{TEI}note[@n='1']") is not None
    assert tei_text_chars(root) == raw_chars(ARTICLE)


def test_shipped_text_repairs_are_the_three_split_words_of_page_5():
    """The only change ingest's repairs make to the shipped texts (reviewed)."""
    baku = ingest_file(ROOT / "raw" / "baku-katliami-1918.txt").tree.getroot()
    assert choices(baku) == [("Gö rüşme", "Görüşme"), ("Fa kat", "Fakat"), ("Rus ya", "Rusya")]
    kafkasya = ingest_file(ROOT / "raw" / "kafkasya-sovyetlestirilmesi.txt").tree.getroot()
    assert choices(kafkasya) == []


TURKISH = st.text(alphabet="abcçdefgğhıijklmnoöprsştuüvyz", min_size=2, max_size=9)
DAMAGE = {v: k for k, v in FONT_DAMAGE.items() if k != "Đ"}


@settings(max_examples=40, deadline=None)
@given(st.lists(TURKISH, min_size=6, max_size=40))
def test_property_damaged_text_repairs_back_and_keeps_the_print(words):
    sentence = " ".join(words)
    text = "Giriş\n\n" + sentence + ".\n"
    damaged = "".join(DAMAGE.get(ch, ch) for ch in text)
    root = ingest_bytes(damaged.encode(), "d.txt").tree.getroot()
    assert tei_text_chars(root) == raw_chars(damaged)
    reading = body_text(root)
    if any(ch in DAMAGE for ch in sentence) and sum(damaged.count(c) for c in FONT_DAMAGE) >= 3:
        assert " ".join(sentence.split()) in reading
    assert "".join(printed_text(root.find(TEI + "text")).itertext()).count(".") >= 1


def test_split_word_with_font_damage_is_one_repair():
    text = "Kafkasya’nýn sýnýrý görüþmeleri görüþme yapýldý\nGö rüþme yeri\n"
    out, spans = repairer_for(text).repair_line("Gö rüþme yeri", 2)
    assert out == "Görüşme yeri"
    assert spans == [(0, 7, "Gö rüþme")]


def test_layout_stages_read_repaired_lines(tei_all):  # noqa: F811
    """A damaged all-capitals heading is still a heading (layout reads the
    repaired line), and its printed form stays in orig."""
    text = "GÝRÝÞ\n\nKafkasya’nýn daðlarý ve ýlýk sýnýrlarý burada anlatýlýr.\n"
    root = ingest_bytes(text.encode(), "h.txt").tree.getroot()
    assert_valid(tei_all, root.getroottree())
    head = root.find(f".//{TEI}head")
    assert head is not None and head.findtext(f"{TEI}choice/{TEI}orig") == "GÝRÝÞ"
    assert tei_text_chars(root) == raw_chars(text)


def test_undecided_font_letters_are_warnings_with_their_line():
    text = "Giriş\n\nKafkasya’nın ılık dağları şöyle anlatılır.\nPrag’da Nový Svět ile Þórr adları geçer.\n"
    result = ingest_bytes(text.encode(), "u.txt")
    undecided = [(w.line, w.message.split("”")[0].lstrip("“")) for w in result.warnings
                 if w.rule == "ingest-repair-undecided"]
    assert undecided == [(4, "Nový"), (4, "Þórr")]
    assert choices(result.tree.getroot()) == []


# --- each step of .repairs alone --------------------------------------------------

def test_ligature_edits_spell_out_whole_words():
    assert ligature_edits("ﬁkir ve eﬄuvium, ﬂ") == [
        Edit(0, 4, "ﬁkir", "fikir", "ligature"), Edit(8, 15, "eﬄuvium", "effluvium", "ligature"),
        Edit(17, 18, "ﬂ", "fl", "ligature")]
    assert ligature_edits("fikir") == []


@given(st.text(alphabet="aýþðÝÞÐĐıi ", max_size=30))
def test_font_mapped_keeps_length_and_leaves_no_damaged_letter(word):
    mapped = font_mapped(word)
    assert len(mapped) == len(word) and not set(mapped) & set(FONT_DAMAGE)


def test_font_view_applies_font_edits_only():
    text = "Gö rüþme ﬁkir"
    edits = [Edit(3, 8, "rüþme", "rüşme", "font"), Edit(9, 13, "ﬁkir", "fikir", "ligature")]
    assert font_view(text, edits) == "Gö rüşme ﬁkir"


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="abc ", max_size=40), st.data())
def test_apply_edits_spans_give_back_the_printed_text(text, data):
    """Every repair span over the reading holds its reading, and putting the
    printed forms back at the spans gives the printed line."""
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=6, unique=True)))
    pairs = list(zip(cuts[::2], cuts[1::2], strict=False))
    readings = data.draw(st.lists(st.text(alphabet="xyzğ", max_size=4), min_size=len(pairs), max_size=len(pairs)))
    edits = [Edit(a, b, text[a:b], r, "font") for (a, b), r in zip(pairs, readings, strict=True)]
    reading, spans = apply_edits(text, list(reversed(edits)))
    assert [reading[a:b] for a, b, _ in spans] == readings
    back, cursor = [], 0
    for a, b, printed in spans:
        back += [reading[cursor:a], printed]
        cursor = b
    assert "".join(back) + reading[cursor:] == text


def test_font_edits_report_each_undecided_word_once():
    repairer = repairer_for("Kafkasya’nın ılık dağları Nový ışık\n")
    assert repairer.font_edits("Nový ve Nový", [], undecided_line=3) == []
    assert repairer.font_edits("Nový", [], undecided_line=4) == []
    # The mapped form, when it has Turkish letters only (unattested: left as printed).
    assert repairer.undecided == [(3, "Nový", "Novı")]
    assert repairer.font_edits("Þórr", [], undecided_line=5) == []
    assert repairer.undecided[-1] == (5, "Þórr", None)
    # Without a line nothing is reported; a word inside a taken edit is skipped.
    assert repairer.font_edits("Þórri", []) == [] and len(repairer.undecided) == 2
    attested = repairer_for("ılık\n")
    assert attested.font_edits("ýlýk", []) == [Edit(0, 4, "ýlýk", "ılık", "font")]
    assert attested.font_edits("ýlýk", [Edit(0, 4, "ýlýk", "x", "ligature")]) == []


def test_split_edits_take_in_font_edits_but_not_ligatures():
    repairer = repairer_for("görüşme ve görüşmeler ﬁkirler fikirler\n")
    font = Edit(3, 8, "rüþme", "rüşme", "font")
    assert repairer.split_edits("Gö rüþme", [font]) == [Edit(0, 8, "Gö rüþme", "Görüşme", "split")]
    ligature = Edit(3, 8, "ﬁkir", "fikir", "ligature")
    assert repairer.split_edits("ﬁk ﬁkir", [ligature]) == [ligature]


def test_repair_line_records_each_repair_in_text_order():
    repairer = repairer_for("Fakat ılık görüşme\n")
    repairer.repair_line("ﬁkir Fa kat ýlýk", 9)
    assert [(r.line_no, r.kind, r.printed, r.reading) for r in repairer.made] == [
        (9, "ligature", "ﬁkir", "fikir"), (9, "split", "Fa kat", "Fakat"), (9, "font", "ýlýk", "ılık")]
    assert repairer.counts() == {"ligature": 1, "split": 1, "font": 1}
    repairer.repair_line("Fa kat", 10, record=False)
    assert len(repairer.made) == 3


def test_wrap_repairs_turns_filled_regs_into_choices():
    p = etree.Element(TEI + "p")
    p.text = "önce "
    reg = reg_template("Fa kat")
    reg.text, reg.tail = "Fakat", " sonra"
    p.append(reg)
    p.append(etree.Element(TEI + "reg"))  # a reg of someone else's: left alone
    assert wrap_repairs(p) == 1
    choice = p[0]
    assert choice.tag == TEI + "choice" and choice.tail == " sonra"
    assert [(c.tag, c.text) for c in choice] == [(TEI + "orig", "Fa kat"), (TEI + "reg", "Fakat")]
    assert choice[1].attrib == {"resp": "#edition-ingest"}


def test_markup_holding_the_whole_reading_goes_around_the_choice():
    """A citation's author that is exactly a repaired word: the author holds
    the choice (a reg may not hold an author; the TEI stays valid)."""
    bibl = etree.Element(TEI + "bibl")
    reg = reg_template("Ýstanbul")
    author = etree.SubElement(reg, TEI + "pubPlace")
    author.text = "İstanbul"
    reg.tail = ", 1988"
    bibl.append(reg)
    assert wrap_repairs(bibl) == 1
    place = bibl[0]
    assert place.tag == TEI + "pubPlace" and place.tail == ", 1988" and place.text is None
    [choice] = place
    assert [(c.tag, c.text, len(c)) for c in choice] == [(TEI + "orig", "Ýstanbul", 0), (TEI + "reg", "İstanbul", 0)]
    # Markup over part of the reading stays inside the reg.
    reg = reg_template("Fa kat")
    reg.text = "Fa"
    etree.SubElement(reg, TEI + "hi").text = "kat"
    p = etree.Element(TEI + "p")
    p.append(reg)
    wrap_repairs(p)
    assert p[0].tag == TEI + "choice" and p[0][1][0].tag == TEI + "hi"


def test_font_damaged_citation_is_valid_tei(tei_all):  # noqa: F811
    text = ("Giriş\n\nKafkasya’nýn daðlarý burada anlatýlýr.1\n\n"
            "(1) Liyatoþinskiy, s. 3; Tadeusz Swietochowski, Kitap, Ýstanbul, 1988, s. 21.\n")
    result = ingest_bytes(text.encode(), "c.txt")
    assert_valid(tei_all, result.tree)
    assert all(len(reg) == 0 for reg in result.tree.getroot().iter(TEI + "reg"))
    assert tei_text_chars(result.tree.getroot()) == raw_chars(text)
