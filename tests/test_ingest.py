"""Ingest on the shipped texts: structure, notes, hyphenation, nothing lost."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from edition.ingest import ingest_file
from edition.tei import TEI, XML_LANG, serialize

from ingest_helpers import printed_word, raw_chars, spaced_text, tei_text_chars, words

ROOT = Path(__file__).resolve().parents[1]
BAKU = ROOT / "raw" / "baku-katliami-1918.txt"
KAFKASYA = ROOT / "raw" / "kafkasya-sovyetlestirilmesi.txt"


@pytest.fixture(scope="module")
def baku():
    return ingest_file(BAKU).tree.getroot()


@pytest.fixture(scope="module")
def kafkasya():
    return ingest_file(KAFKASYA).tree.getroot()


def text_of(node) -> str:
    return "".join(node.itertext())


def test_deterministic_bytes():
    assert serialize(ingest_file(BAKU).tree) == serialize(ingest_file(BAKU).tree)


@pytest.mark.parametrize("raw", [BAKU, KAFKASYA], ids=lambda p: p.stem)
def test_golden_document(raw, update_golden):
    """The whole document against its reviewed golden file."""
    golden = ROOT / "tests" / "cases" / raw.stem / "ingest.xml"
    produced = serialize(ingest_file(raw).tree)
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(produced)
    if not golden.exists():
        pytest.fail(f"no golden file {golden}; write it with --update-golden and review it")
    assert produced == golden.read_bytes(), f"ingest output differs from {golden}; rerun with --update-golden after review"


@pytest.mark.parametrize("raw", [BAKU, KAFKASYA], ids=lambda p: p.stem)
def test_no_character_lost_or_added(raw):
    result = ingest_file(raw)
    root = result.tree.getroot()
    running = []
    decl = " ".join(root.find(f"{TEI}teiHeader").itertext())
    m = re.search(r"running head: “([^”]+)”", decl)
    if m:
        running.append(m.group(1))
        running.append("31")  # the printed page number in the running head
    assert tei_text_chars(root) == raw_chars(raw.read_text(encoding="utf-8"), running)


@pytest.mark.parametrize("raw", [BAKU, KAFKASYA], ids=lambda p: p.stem)
def test_raw_words_present(raw):
    """Every raw word not split at a line end appears in the TEI (>= 99.9%)."""
    tei_words = Counter(words(spaced_text(ingest_file(raw).tree.getroot().find(TEI + "text"))))
    lines = raw.read_text(encoding="utf-8").split("\n")
    expected = []
    prev_hyphen = False
    for line in lines:
        toks = line.split()
        if not toks:
            continue
        if prev_hyphen:
            toks = toks[1:]
        prev_hyphen = line.rstrip().endswith("-")
        if prev_hyphen and toks:
            toks = toks[:-1]
        expected.extend(words(" ".join(toks)))
    # Glued note markers: "oldu.1" is printed as oldu + marker 1.
    norm = [printed_word(w) for w in expected]
    # A word split around a footnote block is only whole in the TEI: its
    # halves are found inside a TEI word. Note labels "(8)" are not text.
    vocabulary = list(tei_words)
    found = sum(
        1
        for w, n in zip(expected, norm)
        if tei_words[w] or tei_words[n] or not n or n.isdigit() or any(n in t for t in vocabulary)
    )
    assert found / len(expected) >= 0.999


def test_baku_notes_anchored(baku):
    notes = baku.find(TEI + "text").findall(".//" + TEI + "note")
    assert [n.get("n") for n in notes] == ["*"] + [str(i) for i in range(1, 38)]
    expected_before = {
        "1": "uzanmış oldu.",
        "6": "sebep oluyordu.",
        "10": "Brest-Litovsk",
        "22": "durdurulmasında",
        "25": "Soruşturma Komisyonu",
        "36": "anlıyorlardı”.",
    }
    for note in notes:
        prev = note.getprevious()
        before = (prev.tail if prev is not None else note.getparent().text) or ""
        if note.get("n") in expected_before:
            assert before.endswith(expected_before[note.get("n")]), (note.get("n"), before[-40:])
    star = notes[0]
    assert star.getparent().tag == TEI + "docAuthor"
    assert "Şırnak Üniversitesi" in text_of(star)
    # Note 25 keeps its four paragraphs, including the document it quotes.
    n25 = next(n for n in notes if n.get("n") == "25")
    assert len(n25.findall(TEI + "p")) == 4
    assert "Dışişleri Bakanı: M. Hacınski" in text_of(n25)
    # Real numbers are not markers.
    body = text_of(baku.find(f"{TEI}text/{TEI}body"))
    for number in ("1.000’e", "3.000 Türk", "48 asker", "31 Mart"):
        assert number in body


def test_baku_sections(baku):
    body = baku.find(f"{TEI}text/{TEI}body")
    heads = [" ".join(text_of(h).split()) for h in body.iter(TEI + "head")]
    assert heads[0] == "Giriş" and heads[-1] == "Sonuç"
    assert "6.1. Bolşevik Askerlerinin Kafkas Cephesinden Terhisi ve Şamhor Olayları" in heads
    assert "6.3.1. A.Kluge’nin 31 Mart Bakü Katliamı Hakkında Verdiği İfade" in heads
    numbered = [d.get("n") for d in body.iter(TEI + "div") if d.get("n")]
    assert numbered == ["1", "2", "3", "4", "5", "6", "6.1", "6.2", "6.3", "6.3.1", "6.3.2"]
    sub = next(d for d in body.iter(TEI + "div") if d.get("n") == "6.3.1")
    assert sub.getparent().get("n") == "6.3"
    # Numbered items in running text are lists, not headings.
    items = [" ".join(text_of(i).split()) for i in body.iter(TEI + "item")]
    assert any(i.startswith("Hükümet kendi durumunun çok kötü") for i in items)
    assert "Güney Kafkasya Seymi" in items
    assert not any(h.startswith("1. Hükümet") for h in heads)


def test_page_breaks(baku, kafkasya):
    assert [pb.get("n") for pb in baku.iter(TEI + "pb")] == [str(i) for i in range(1, 15)]
    assert [pb.get("n") for pb in kafkasya.iter(TEI + "pb")] == [str(i) for i in range(29, 42)]
    # A word split over a page and a note block is one word with the pb inside.
    assert "Ermeni-Bolşevik Koalisyonu" in text_of(baku.find(TEI + "text"))
    split = [pb for pb in baku.iter(TEI + "pb") if pb.get("break") == "no"]
    assert split, "the word split across page 9 keeps its pb inside the word"
    # The running head and its page number are not text.
    assert "İlişkileri 31" not in text_of(kafkasya.find(TEI + "text"))


def test_hyphenation(baku, kafkasya):
    text = text_of(baku.find(TEI + "text")) + text_of(kafkasya.find(TEI + "text"))
    for joined in ("Azerbaycan’ın başkenti", "Brest-Litovsk", "Kars-Batum-Ardahan", "Avusturya-Macaristan",
                   "Kabartay-Balkar", "(1900-1920)", "s. 202-203", "Türk-Rus", "Bolşevik-Taşnak", "Bakü-Petrovsk"):
        assert joined in text, joined
    for wrong in ("Azerbay-can", "kay-nakları", "Ermeni-Bol-şevik", "Mü-savat"):
        assert wrong not in text, wrong


def test_front_and_back(baku, kafkasya):
    header = baku.find(TEI + "teiHeader")
    assert header.findtext(f".//{TEI}title[@type='main']") == "Bakü Katliamı Gerçeği"
    assert header.findtext(f".//{TEI}title[@type='sub']") == "(31 Mart-1 Nisan 1918)"
    assert header.findtext(f".//{TEI}author/{TEI}persName") == "Elçin Neciyev"
    assert "Şırnak" in header.findtext(f".//{TEI}author/{TEI}affiliation")
    assert header.find(f".//{TEI}idno[@type='sha256']").text == __import__("hashlib").sha256(BAKU.read_bytes()).hexdigest()
    k_header = kafkasya.find(TEI + "teiHeader")
    assert k_header.findtext(f".//{TEI}titleStmt/{TEI}author") == "unknown"
    assert k_header.findtext(f".//{TEI}title[@type='main']") == "Kafkasya’nın Sovyetleştirilmesi ve Türkiye-Kafkasya İlişkileri"
    langs = {l.get("ident") for l in k_header.iter(TEI + "language")}
    assert langs == {"tr", "en"}
    front = kafkasya.find(f"{TEI}text/{TEI}front")
    abstracts = front.findall(f"{TEI}div[@type='abstract']")
    assert [a.get(XML_LANG) for a in abstracts] == ["tr", "en"]
    assert abstracts[1].findtext(f"{TEI}head[@type='title']").startswith("SOVIETIZATION OF THE CAUCASUS")
    back = kafkasya.find(f"{TEI}text/{TEI}back")
    ext = back.find(f"{TEI}div[@subtype='extended']")
    assert ext.get(XML_LANG) == "en" and ext.findtext(TEI + "head") == "EXTENDED ABSTRACT"
    kws = [i.text for i in abstracts[0].iter(TEI + "item")]
    assert kws == ["Kafkasya", "Ruslaştırma Politikası", "Sovyetleştirme", "Baskı"]


def test_author_date_citations(kafkasya):
    bibls = [b for b in kafkasya.find(f"{TEI}text/{TEI}body").iter(TEI + "bibl")]
    assert len(bibls) >= 105
    def fields(b):
        return (b.findtext(TEI + "author") or b.findtext(TEI + "title"),
                (b.find(TEI + "date").get("when") if b.find(TEI + "date") is not None else None),
                (b.find(TEI + "biblScope").get("from") if b.find(TEI + "biblScope") is not None else None))
    got = [fields(b) for b in bibls]
    assert ("Kazemzadeh", "1951", "215") in got
    assert ("Tercüman-ı Hakikat", "1919-01-04", None) in got
    assert ("Atatürk", "1886", "653") in got and ("Yüceer", "2016", "128") in got
    assert ("Liyatoşinskiy", None, "3") in got
    # Every citation has an author or a title; no plain parenthesis is a citation.
    assert all(f[0] for f in got)
    text = text_of(kafkasya.find(TEI + "text"))
    assert "(Kazemzadeh, 1951, s. 215)" in text


def test_note_bibliography(baku):
    n1 = baku.find(f".//{TEI}note[@n='1']/{TEI}bibl")
    assert n1.findtext(TEI + "author") == "Elçin Neciyev"
    assert n1.findtext(TEI + "title") == "Kafkaslarda Türk Katliamı"
    assert n1.findtext(TEI + "publisher") == "Emre Yayınları"
    assert n1.findtext(TEI + "pubPlace") == "İstanbul"
    assert n1.find(TEI + "date").get("when") == "2006"
    scope = n1.find(TEI + "biblScope")
    assert (scope.get("from"), scope.get("to")) == ("17", "19")
    n3 = baku.findall(f".//{TEI}note[@n='3']/{TEI}bibl")
    assert len(n3) == 2  # split at ";"
    ibid = baku.find(f".//{TEI}note[@n='10']/{TEI}bibl")
    assert ibid.findtext(TEI + "author") == "Bal" and "a.g.m" in text_of(ibid)
    for bibl in baku.iter(TEI + "bibl"):
        assert bibl.find(TEI + "author") is not None or bibl.find(TEI + "title") is not None


def test_quotations(baku):
    quotes = baku.findall(f".//{TEI}quote")
    assert quotes, "the witness statement of 6.3.1 is a block quotation"
    assert text_of(quotes[0]).startswith("“Ocak 1918’de Bakü’de")
    qs = [text_of(q) for q in baku.iter(TEI + "q")]
    assert "“Kanlı Pazar”" in qs
