"""Hostile raw texts through `edition ingest`: every one is refused with one
exact line (exit 1) or ingested with every character kept."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from edition.ingest import ingest_bytes
from edition.ingest.lines import XML_FORBIDDEN

from .conftest import invoke

HEAD = "Giriş\n\nBu makale Kafkasya tarihini ele almaktadır ve birkaç satırdan oluşur.\n\n"


def ingest_cli(scratch, data: bytes, name: str = "metin.txt"):
    (scratch.raw / name).write_bytes(data)
    scratch.ready()
    return invoke("ingest", f"raw/{name}", "-o", "tei")


# -- control characters XML cannot hold: refused with line and column --------
CONTROLS = [c for c in map(chr, range(0x20)) if XML_FORBIDDEN.match(c) and c != "\0"] + ["\ufffe", "\uffff"]


@pytest.mark.parametrize("where", ["start", "middle"])
@pytest.mark.parametrize("char", CONTROLS, ids=[f"U+{ord(c):04X}" for c in CONTROLS])
def test_control_character_is_refused_with_its_position(scratch, char, where):
    line = char + "Bir satır." if where == "start" else "Bir" + char + " satır."
    result = ingest_cli(scratch, (HEAD + line + "\n").encode("utf-8"))
    col = 1 if where == "start" else 4
    assert result.code == 1
    assert result.error == (
        f"Error: raw/metin.txt: line 5, column {col}: control character U+{ord(char):04X}, which XML cannot "
        "hold. Delete it or replace it by the character it stands for, then ingest again.")
    assert not (scratch.tei / "metin.xml").exists()


# -- bytes that are not UTF-8 -------------------------------------------------
BAD_BYTES = [0x80, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC3, 0xE0, 0xED, 0xF0, 0xF4, 0xF5, 0xF8, 0xFB, 0xFC, 0xFE]


@pytest.mark.parametrize("byte", BAD_BYTES, ids=[f"0x{b:02x}" for b in BAD_BYTES])
def test_invalid_utf8_names_line_column_and_byte(scratch, byte):
    data = HEAD.encode() + b"Bir " + bytes([byte]) + b"x satir.\n"
    result = ingest_cli(scratch, data)
    offset = len(HEAD.encode()) + 4
    assert result.code == 1
    assert result.error == (
        f"Error: raw/metin.txt: line 5, column 5: not UTF-8 (byte 0x{byte:02x} at offset {offset}). "
        "Convert the file to UTF-8 (e.g. iconv -f cp1254 -t utf-8).")


@pytest.mark.parametrize("encoded", [
    "Giriş\n\nŞu satır".encode("cp1254"), "Çağ müzesi".encode("latin-1", "replace") + "é".encode("latin-1"), b"\xed\xa0\x80 surrogate",
])
def test_legacy_encodings_and_encoded_surrogates_are_not_utf8(scratch, encoded):
    result = ingest_cli(scratch, encoded)
    assert result.code == 1
    assert ": not UTF-8 (byte 0x" in result.error and result.error.endswith("(e.g. iconv -f cp1254 -t utf-8).")


# -- empty, blank, binary -----------------------------------------------------
@pytest.mark.parametrize("data", [b"", b" ", b"\n", b"\n\n\n", b" \t \n", b"\xef\xbb\xbf", b"\xef\xbb\xbf\n  \n",
                                  b"\r\n\r\n", b"\t"])
def test_empty_text_is_refused(scratch, data):
    result = ingest_cli(scratch, data)
    assert result.code == 1
    assert result.error == "Error: raw/metin.txt: the file is empty. Nothing to ingest: check the file name."


@pytest.mark.parametrize("prefix_lines", [0, 1, 3, 10])
def test_nul_byte_is_binary_data(scratch, prefix_lines):
    data = b"Bir satir.\n" * prefix_lines + b"PK\x03\x04\x00\x00"
    result = ingest_cli(scratch, data)
    assert result.code == 1
    assert result.error == (
        f"Error: raw/metin.txt: line {prefix_lines + 1}: binary data (NUL byte at offset {11 * prefix_lines + 4}); "
        "this is not a text file. Extract the text first (e.g. pdftotext), then ingest the .txt file.")


# -- UTF-16 and UTF-32 with a byte order mark are read -----------------------
@pytest.mark.parametrize("codec,bom", [
    ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
    ("utf-32-le", codecs.BOM_UTF32_LE), ("utf-32-be", codecs.BOM_UTF32_BE), ("utf-8", codecs.BOM_UTF8),
])
def test_utf16_and_utf32_with_bom_are_read(scratch, codec, bom):
    result = ingest_cli(scratch, bom + (HEAD + "Şimdi ğüşıöç ve 𝔘𝔫𝔦𝔠𝔬𝔡𝔢.\n").encode(codec))
    assert result.code == 0, result.output
    text = (scratch.tei / "metin.xml").read_text(encoding="utf-8")
    assert "Şimdi ğüşıöç ve 𝔘𝔫𝔦𝔠𝔬𝔡𝔢." in text


@pytest.mark.parametrize("data,name", [
    (codecs.BOM_UTF16_LE + "Giriş".encode("utf-16-le") + b"\x00", "UTF-16"),
    (codecs.BOM_UTF16_BE + b"\xd8\x00\x00A", "UTF-16"),
    (codecs.BOM_UTF32_LE + b"\x00\x00\x11\x00", "UTF-32"),
])
def test_broken_utf16_and_utf32_are_named(scratch, data, name):
    result = ingest_cli(scratch, data)
    assert result.code == 1
    assert f"not valid {name} (the file starts with a {name} byte order mark" in result.error


# -- texts that are only notes, only page furniture ---------------------------
@pytest.mark.parametrize("text", [
    "(1) Sadece bir not.\n",
    "(1) Bir not.\n(2) Bir not daha.\n",
    "\n\n(1) Boş satırlardan sonra bir not.\n",
    "(1) Birinci not.\n\n(2) İkinci not.\n\n(3) Üçüncü not.\n",
])
def test_a_text_of_only_notes_is_refused(scratch, text):
    result = ingest_cli(scratch, text.encode())
    assert result.code == 1
    first = next(k for k, line in enumerate(text.split("\n"), 1) if line.strip())
    assert result.error == (
        f"Error: raw/metin.txt: line {first}: the text holds only footnotes (lines starting \"(1)\"), no running "
        "text to put them in. Check that this is the whole article.")


def test_a_50_mb_text_is_refused_fast_with_its_real_size(scratch):
    size = 53_610_209
    with open(scratch.raw / "metin.txt", "wb") as fh:
        fh.truncate(size)  # sparse: the refusal must come before reading
    scratch.ready()
    result = invoke("ingest", "raw/metin.txt", "-o", "tei")
    assert result.code == 1
    assert result.error == (
        f"Error: raw/metin.txt: file is {size} bytes, larger than the {16 * 1024 * 1024} byte limit. "
        "Split the document, or check that this is the file you meant.")


# -- private-use characters (the old placeholders) ---------------------------
PUA_LINES = [
    "MARKER \ue000 then \ue003 end",            # the characters that were lost
    "• Symbol-font bullet \uf0b7 item",          # the one that crashed
    "\ue000\ue001\ue002\ue003\ue004",
    "Sonu \uf8ff ve \U000f0000 ve \U0010fffd.",  # supplementary private-use planes
    "Kelime\ue000-\nbölünmüş",                   # next to a line-end hyphen
]


@pytest.mark.parametrize("line", PUA_LINES)
def test_private_use_characters_are_kept(scratch, line):
    text = "Başlık Satırı\n\n" + line + "\n\nİkinci paragraf burada bitiyor.\n"
    result = ingest_cli(scratch, text.encode())
    assert result.code == 0, result.output
    root = etree.parse(str(scratch.tei / "metin.xml")).getroot()
    body = "".join(root.find("{*}text").itertext())
    for char in line:
        if "\ue000" <= char <= "\uf8ff" or char >= "\U000f0000":
            assert body.count(char) == line.count(char), (hex(ord(char)), body)


def test_private_use_does_not_move_a_page_break(scratch):
    """The reported case: U+E000 stood for the first pb, which moved into the body."""
    text = ("Başlık\n\nMARKER \ue000 then \ue003 end\n\fİkinci sayfa başlıyor ve devam ediyor.\n")
    result = ingest_cli(scratch, text.encode())
    assert result.code == 0, result.output
    root = etree.parse(str(scratch.tei / "metin.xml")).getroot()
    paragraphs = ["".join(p.itertext()) for p in root.iter("{*}p")]
    assert any("MARKER \ue000 then \ue003 end" in p for p in paragraphs), paragraphs


# -- every character of the raw text is kept or reported (hypothesis) --------
def _body_text(tree) -> str:
    return "".join(tree.getroot().find("{http://www.tei-c.org/ns/1.0}text").itertext())


# All of Unicode that UTF-8 can carry: surrogates cannot be encoded (they are
# exercised as bytes above); line ends and form feeds are structure.
ANY_CHAR = st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r\f")
INTERESTING = st.sampled_from(
    ["\ue000", "\uf0b7", "\uf8ff", "\U000f0000", "\u202e", "\u200f", "\u0301", "\u0651", "א", "ب", "\u00a0",
     "\x07", "\x0b", "\x85", "\u2028", "\ufeff", "\ufffe", "\ufffd", "𝔘", "İ", "ı", "\x1b", "(", "-", '"', "«"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(st.text(st.one_of(ANY_CHAR, INTERESTING), min_size=1, max_size=12), min_size=1, max_size=8))
def test_every_character_is_kept_or_reported(words):
    line = " ".join(words)
    data = (HEAD + "Metin: " + line + " son.\n").encode("utf-8")
    try:
        result = ingest_bytes(data, "metin.txt")
    except Exception as exc:  # noqa: BLE001 - the property: only a reported refusal
        from edition.errors import InputError

        assert isinstance(exc, InputError), repr(exc)
        assert exc.line == 5, exc
        if "\0" in line:
            assert exc.message.startswith("binary data (NUL byte at offset ")
        else:
            bad = XML_FORBIDDEN.search(line)
            assert bad and exc.message.startswith(f"control character U+{ord(bad.group()):04X}")
        return
    assert not XML_FORBIDDEN.search(line)
    body = _body_text(result.tree)
    kept = [c for c in line if not c.isspace() and c not in "\ufeff"]
    for char in set(kept):
        assert body.count(char) >= kept.count(char), (hex(ord(char)), line, body)


def test_too_many_lines_are_refused_before_any_work(scratch):
    result = ingest_cli(scratch, b"a\n" * 600_000)
    assert result.code == 1
    assert result.error == ("Error: raw/metin.txt: the text has 600001 lines, more than the 500000 allowed. "
                            "Split it into several texts, or check that this is the file you meant.")
