"""Other journals' layouts (.layout): footnote labels printed as superscript or
bare digits, markers as superscripts; numbered headings and lists are not
notes; the form is recorded in the header."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from ingest_helpers import raw_chars, tei_text_chars
from test_ingest_shapes import assert_valid, tei_all  # noqa: F401 (fixture)

from edition.ingest import ingest_bytes, ingest_file
from edition.ingest.header import Metadata
from edition.ingest.layout import strip_note_label
from edition.tei import TEI

ROOT = Path(__file__).resolve().parents[1]


def article(marker1: str, marker2: str, label1: str, label2: str) -> str:
    return ("1. Giriş\n\nKafkasya meselesi uzun bir tarihe sahiptir." + marker1 + " Bu konu ayrıca\n"
            "ele alınmıştır ve tartışılmıştır." + marker2 + "\n\n"
            + label1 + " Yazar Adı, Kitap, İstanbul, 2001, s. 5.\n"
            + label2 + " Başka Yazar, Makale, Ankara, 1999, s. 12-14.\n\n"
            " Sonuç paragrafı burada, yeni sayfada yer alır.\n")


@pytest.mark.parametrize("form, text", [
    ("superscript", article("¹", "²", "¹", "²")),
    ("bare", article("1", "2", "1", "2")),
    ("bare", article("1", "2", "1.", "2.")),
    (None, article("1", "2", "(1)", "(2)")),
])
def test_note_label_forms(tei_all, form, text):  # noqa: F811
    result = ingest_bytes(text.encode(), "forms.txt")
    root = result.tree.getroot()
    assert_valid(tei_all, result.tree)
    notes = list(root.iter(TEI + "note"))
    assert [n.get("n") for n in notes] == ["1", "2"]
    # Anchored after the sentence, note text without its label.
    assert notes[0].getprevious() is None and (notes[0].getparent().text or "").endswith("sahiptir.")
    assert "".join(notes[0].itertext()).startswith("Yazar Adı")
    assert [pb.get("n") for pb in root.iter(TEI + "pb")] == ["1", "2"]
    decl = " ".join(root.find(f".//{TEI}editorialDecl").itertext())
    if form == "superscript":
        assert "superscript digits" in decl
    elif form == "bare":
        assert "bare digits" in decl
    else:
        assert "superscript digits" not in decl and "bare digits" not in decl
    assert result.warnings == []
    if form != "superscript":  # superscripts are not \w letters-or-digits of the same kind
        assert tei_text_chars(root) == raw_chars(text)


def test_numbered_list_without_markers_is_not_notes():
    text = "Giriş\n\nMaddeler şunlardır:\n\n1 Birinci madde burada.\n2 İkinci madde burada.\n"
    root = ingest_bytes(text.encode(), "list.txt").tree.getroot()
    assert list(root.iter(TEI + "note")) == []
    assert "Birinci madde" in "".join(root.find(TEI + "text").itertext())


def test_strip_note_label_forms():
    assert strip_note_label("(12) Yazar") == "Yazar"
    assert strip_note_label("¹² Yazar") == "Yazar"
    assert strip_note_label("12. Yazar") == "Yazar"
    assert strip_note_label("(*) Yrd. Doç.") == "Yrd. Doç."


FIXTURES = ROOT / "tests" / "layout_variants"
VARIANT_FIXTURES = sorted(FIXTURES.glob("*--*.txt"))


@pytest.fixture(scope="module")
def bench():
    """benchmarks/layouts.py and make_layout_variants.py: the tests score the
    fixtures with the benchmark's own measures, not a copy of them."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import layouts
    import make_layout_variants

    return layouts, make_layout_variants


def test_there_are_fixtures_of_every_variant():
    variants = {p.stem.split("--", 1)[1] for p in VARIANT_FIXTURES}
    assert variants == {"heads-top", "heads-bottom", "superscript-markers", "bare-labels", "font-damage",
                        "soft-hyphens", "banner", "split-words"}
    assert all(p.with_suffix(".toml").is_file() for p in VARIANT_FIXTURES)
    assert sum(p.stat().st_size for p in FIXTURES.iterdir()) < 650_000


@pytest.mark.parametrize("path", VARIANT_FIXTURES, ids=lambda p: p.stem)
def test_layout_variant_reads_as_the_clean_text(tei_all, bench, path):  # noqa: F811
    """Our texts laid out as other journals and extractors do (fixtures in
    tests/layout_variants) ingest to valid TEI with every note anchored after
    the same word as in the clean text, the pages and headings of the clean
    text, running heads, page numbers and banner lines gone from the text,
    and every other character kept, as printed or visibly repaired."""
    layouts, _ = bench
    doc, variant = path.stem.split("--", 1)
    result = ingest_file(path)  # with its metadata, path.with_suffix(".toml")
    assert_valid(tei_all, result.tree)
    clean_raw = (FIXTURES / f"{doc}.txt").read_text(encoding="utf-8")
    meta = Metadata.load(path.with_suffix(".toml"))
    row = layouts.score_case(doc, variant, path.read_text(encoding="utf-8"), clean_raw, meta, result=result)
    assert layouts.shortfalls(row) == [], row
    root = result.tree.getroot()
    if variant.startswith("heads-"):
        # The printed numbers (from 101), whether the heads are at the top or
        # the foot of the page (where a number belongs to the page it closes).
        numbers = [pb.get("n") for pb in root.iter(TEI + "pb")]
        assert numbers == [str(101 + k) for k in range(len(numbers))]
    if variant in ("font-damage", "split-words"):
        # The damage is repaired visibly: the printed form in orig, the reading in reg.
        assert row["repairs"] > row["damaged"] // 2 and row["wrong"] == 0
    if variant == "banner":
        decl = " ".join(root.find(f".//{TEI}editorialDecl").itertext())
        assert "dergipark.org.tr" in decl  # the banner is kept in the header, verbatim


def test_fixtures_are_what_the_generator_makes(bench, tmp_path):
    """The committed fixtures are, byte for byte, what PROVENANCE.md says made
    them from raw/<id>.txt (and from the public-domain text laid out from its
    package, committed beside them); the clean excerpts are the raw texts'
    first lines."""
    import shutil

    _, make = bench
    for doc in make.PUBLIC_DOMAIN:
        for suffix in (".txt", ".toml"):
            shutil.copy(FIXTURES / f"{doc}{suffix}", tmp_path)
    make.write_fixtures(tmp_path, "(test)")
    made = {p.name for p in tmp_path.iterdir() if p.suffix in (".txt", ".toml")}
    committed = {p.name for p in FIXTURES.iterdir() if p.suffix in (".txt", ".toml")}
    assert made == committed
    for name in made:
        assert (tmp_path / name).read_bytes() == (FIXTURES / name).read_bytes(), name
    for doc in make.FIXTURE_PAGES:
        excerpt = (FIXTURES / f"{doc}.txt").read_text(encoding="utf-8")
        assert (ROOT / "raw" / f"{doc}.txt").read_text(encoding="utf-8").startswith(excerpt)


TRILINGUAL = """Kafkasya’da Sınırlar

Özet

Bu çalışmada Kafkasya’daki sınırların nasıl çizildiği ve bu sürecin bölge halkları
üzerindeki etkileri ele alınmaktadır. Arşiv belgeleri ve hatıratlar birlikte incelenmiştir.

Anahtar Kelimeler: Kafkasya, sınır, antlaşma

Abstract

This study examines how the borders in the Caucasus were drawn and what effects this
process had on the peoples of the region. Archival documents and memoirs are read together.

Keywords: Caucasus, border, treaty

Аннотация

В статье рассматривается, как были проведены границы на Кавказе и какое влияние этот
процесс оказал на народы региона. Архивные документы и мемуары изучаются вместе.

Ключевые слова: Кавказ, граница, договор

Giriş

Sınırlar meselesi uzun bir geçmişe sahiptir ve burada kısaca anlatılmaktadır.
"""


def test_trilingual_abstracts_have_their_languages(tei_all):  # noqa: F811
    result = ingest_bytes(TRILINGUAL.encode(), "uc-dil.txt")
    root = result.tree.getroot()
    assert_valid(tei_all, result.tree)
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    abstracts = [d.get(xml_lang) for d in root.iter(TEI + "div") if d.get("type") == "abstract"]
    assert abstracts == ["tr", "en", "ru"]
    keywords = {k.get(xml_lang) for k in root.iter(TEI + "keywords")}
    assert {"tr", "en", "ru"} <= keywords
    idents = [lang.get("ident") for lang in root.iter(TEI + "language")]
    assert "ru" in idents
    assert tei_text_chars(root) == raw_chars(TRILINGUAL)


def test_close_call_between_label_forms_is_a_warning_with_its_line():
    # Two superscript-labelled notes and two bare-labelled ones: read as one
    # form, and the editor is told where the other begins.
    text = ("Giriş\n\nBirinci cümle burada biter.¹ İkinci cümle de biter.²\n\n"
            "¹ Yazar Adı, Kitap, İstanbul, 2001, s. 5.\n² Yazar Adı, Kitap, İstanbul, 2001, s. 6.\n\n"
            " Yeni sayfada üçüncü cümle.1 Dördüncü cümle.2\n\n"
            "1 Başka Yazar, Makale, Ankara, 1999, s. 1.\n2 Başka Yazar, Makale, Ankara, 1999, s. 2.\n")
    result = ingest_bytes(text.encode(), "iki.txt")
    undecided = [w for w in result.warnings if w.rule == "ingest-layout-undecided"]
    assert len(undecided) == 1
    assert undecided[0].line == 10 and "read as superscript" in undecided[0].message


def test_recognised_is_what_the_header_says():
    result = ingest_bytes(article("¹", "²", "¹", "²").encode(), "forms.txt")
    decl = [p.text for p in result.tree.getroot().find(f".//{TEI}editorialDecl").findall(TEI + "p")]
    assert result.recognised and all(s in decl for s in result.recognised)
