"""Texts unlike the shipped two: no notes, no headings, CRLF, form feeds, one
paragraph; and the hypothesis property that no character is lost."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from edition.ingest import ingest_bytes
from edition.tei import TEI, serialize

from ingest_helpers import raw_chars, tei_text_chars


@pytest.fixture(scope="session")
def tei_all():
    from pathlib import Path

    rng = Path(__file__).resolve().parents[2] / "shared" / "schema" / "tei_all" / "tei_all.rng"
    local = Path(__file__).resolve().parents[1] / "schema" / "tei_all" / "tei_all.rng"
    path = local if local.exists() else rng
    return etree.RelaxNG(etree.parse(str(path)))


def assert_valid(tei_all, tree):
    doc = etree.fromstring(serialize(tree))
    assert tei_all.validate(doc), tei_all.error_log


SHAPES = {
    "one-paragraph": "Tek paragraflık bir metin, başlığı ve notu yok; yine de geçerli TEI olmalıdır.\n",
    "no-headings": "Birinci paragraf burada bitiyor.\n\nİkinci paragraf ise iki sa-\ntıra bölünmüş bir kelime içerir.\n",
    "crlf": "Giriş\r\n\r\nBir paragraf CRLF satır\r\nsonlarıyla yazılmış.\r\n",
    "form-feed": "Birinci sayfanın metni burada sürü-\n\fyor ve ikinci sayfada biter.\n\fÜçüncü sayfa yeni bir paragrafla başlar.\n",
    "notes-only-numbered": "Giriş\n\nBir cümle burada biter.1 Başka bir cümle.\n\n(1) Yazar Adı, Kitap, İstanbul, 2001, s. 5.\n",
}


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_unusual_shapes_are_valid_tei(tei_all, name):
    data = SHAPES[name].encode("utf-8")
    result = ingest_bytes(data, f"{name}.txt")
    assert_valid(tei_all, result.tree)
    assert tei_text_chars(result.tree.getroot()) == raw_chars(SHAPES[name])


def test_form_feed_is_a_page_break_inside_the_word():
    root = ingest_bytes(SHAPES["form-feed"].encode(), "ff.txt").tree.getroot()
    pbs = [pb for pb in root.iter(TEI + "pb")]
    assert [pb.get("n") for pb in pbs] == ["1", "2", "3"]
    assert pbs[1].get("break") == "no"
    assert "sürüyor" in "".join(root.find(TEI + "text").itertext())


def test_crlf_same_as_lf():
    lf = ingest_bytes(SHAPES["crlf"].replace("\r\n", "\n").encode(), "x.txt").tree
    crlf = ingest_bytes(SHAPES["crlf"].encode(), "x.txt").tree
    strip = lambda t: etree.tostring(t.getroot().find(TEI + "text"))
    assert strip(lf) == strip(crlf)


WORD = st.text(alphabet="abcçdefgğhıijklmnoöprsştuüvyz", min_size=2, max_size=10)
SENTENCE = st.lists(WORD, min_size=3, max_size=14).map(lambda ws: " ".join(ws).capitalize() + ".")


@st.composite
def articles(draw):
    """Random articles: paragraphs of wrapped lines with line-end hyphens,
    footnote markers with their note blocks, and page starts after them."""
    paragraphs = draw(st.lists(st.lists(SENTENCE, min_size=1, max_size=5), min_size=1, max_size=6))
    lines: list[str] = ["Giriş", ""]
    note_no = 0
    for para in paragraphs:
        text = " ".join(para)
        if draw(st.booleans()):
            note_no += 1
            text = text[:-1] + "." + str(note_no)
        words = text.split()
        width = draw(st.integers(min_value=20, max_value=60))
        line = ""
        for word in words:
            if len(line) + len(word) > width and line:
                if len(word) > 5 and draw(st.booleans()) and word.isalpha():
                    cut = draw(st.integers(min_value=2, max_value=len(word) - 2))
                    lines.append(line + " " + word[:cut] + "-")
                    line = word[cut:]
                    continue
                lines.append(line)
                line = word
            else:
                line = (line + " " + word).strip()
        lines.append(line)
        lines.append("")
        if note_no and text.endswith(str(note_no)) and draw(st.booleans()):
            lines.append(f"({note_no}) Not metni {note_no}, Yayınları, İstanbul, 2001, s. {note_no}.")
            lines.append(" " + draw(SENTENCE))
            lines.append("")
    return "\n".join(lines) + "\n"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles())
def test_property_no_character_lost(text):
    result = ingest_bytes(text.encode("utf-8"), "gen.txt")
    root = result.tree.getroot()
    assert tei_text_chars(root) == raw_chars(text)
    # Re-serialising the parsed output gives the same bytes (stable archive).
    again = etree.fromstring(serialize(result.tree)).getroottree()
    assert serialize(again) == serialize(result.tree)
