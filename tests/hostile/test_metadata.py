"""Hostile raw/<id>.toml metadata: checked against the schema in
edition.ingest.header (docs/raw-metadata.md), one exact line each."""

from __future__ import annotations

import pytest
from lxml import etree

from edition.ingest.header import SCHEMA

from .conftest import invoke

TEXT = "Başlık Satırı\n\nGiriş\n\nBu makale Kafkasya tarihini ele almaktadır ve kısa bir metindir.\n"


def ingest_with(scratch, toml: str | bytes):
    (scratch.raw / "metin.txt").write_text(TEXT, encoding="utf-8")
    data = toml.encode("utf-8") if isinstance(toml, str) else toml
    (scratch.raw / "metin.toml").write_bytes(data)
    scratch.ready()
    return invoke("ingest", "raw/metin.txt", "-o", "tei")


P = "Error: raw/metin.toml"

# (toml, the exact error line)
WRONG = [
    ('[source]\nauthors = "Ali Veli"\n',
     f'{P}: line 2: source.authors must be a list of strings, e.g. authors = ["Ali Veli"], not a string.'),
    ('[source]\nlanguages = "tr"\n',
     f'{P}: line 2: source.languages must be a list of strings, e.g. languages = ["tr"], not a string.'),
    ('[source]\nfirst_page = -5\n', f"{P}: line 2: source.first_page must be a page number from 1 to 100000, not -5."),
    ('[source]\nfirst_page = 0\n', f"{P}: line 2: source.first_page must be a page number from 1 to 100000, not 0."),
    ('[source]\nfirst_page = 1000001\n',
     f"{P}: line 2: source.first_page must be a page number from 1 to 100000, not 1000001."),
    ('[source]\nfirst_page = "12"\n', f"{P}: line 2: source.first_page must be a whole number, not a string ('12')."),
    ('[source]\nfirst_page = 1.5\n', f"{P}: line 2: source.first_page must be a whole number, not a number (1.5)."),
    ('[source]\nfirst_page = true\n', f"{P}: line 2: source.first_page must be a whole number, not true/false (True)."),
    ('[source]\ntitle = 42\n', f"{P}: line 2: source.title must be a string, not an integer (42)."),
    ('[source]\ntitle = ["a", "b"]\n', f"{P}: line 2: source.title must be a string, not a list (['a', 'b'])."),
    ('[source]\ntitle = { x = 1 }\n', f"{P}: line 2: source.title must be a string, not a table ({{'x': 1}})."),
    ('[source]\ntitle = ""\n', f"{P}: line 2: source.title is empty; leave the key out instead."),
    ('[source]\ntitle = "   "\n', f"{P}: line 2: source.title is empty; leave the key out instead."),
    ('[source]\ntitle = "a\\u0007b"\n', f"{P}: line 2: source.title holds control character U+0007, which XML cannot hold."),
    ('[source]\ndescription = 1979-05-27\n',
     f"{P}: line 2: source.description must be a string, not date (datetime.date(1979, 5, 27))."),
    ('[source]\nauthors = ["Ali", 3]\n', f"{P}: line 2: source.authors must be a string, not an integer (3)."),
    ('[source]\nauthors = [["Ali"]]\n', f"{P}: line 2: source.authors must be a string, not a list (['Ali'])."),
    ('[source]\nauthors = 7\n', f"{P}: line 2: source.authors must be a list of strings, not an integer (7)."),
    ('[source]\nauthors_unknown = "yes"\n', f"{P}: line 2: source.authors_unknown must be true or false, not a string ('yes')."),
    ('[source]\nauthors_unknown = 1\n', f"{P}: line 2: source.authors_unknown must be true or false, not an integer (1)."),
    ('[source]\nlanguages = ["tr", "Turkish"]\n',
     f'{P}: line 2: source.languages: \'Turkish\' is not a language code (BCP 47, e.g. "tr", "en").'),
    ('[source]\nlanguages = ["t r"]\n', f'{P}: line 2: source.languages: \'t r\' is not a language code (BCP 47, e.g. "tr", "en").'),
    ('[source]\nlanguages = [1]\n', f"{P}: line 2: source.languages must be a string, not an integer (1)."),
    ('[source]\npage_numbers = "roman"\n',
     f"{P}: line 2: source.page_numbers must be one of 'counted', 'from-running-head', not 'roman'."),
    ('[source]\npage_numbers = "count"\n',
     f"{P}: line 2: source.page_numbers must be one of 'counted', 'from-running-head', not 'count'. Did you mean 'counted'?"),
    ('[source]\npage_numbers = 3\n', f"{P}: line 2: source.page_numbers must be a string, not an integer (3)."),
    ('[source]\nautor = ["Ali"]\n', f"{P}: line 2: unknown key 'source.autor'. Did you mean 'source.authors'? Every key is listed in docs/raw-metadata.md."),
    ('[source]\n\n# c\nfirstpage = 3\n', f"{P}: line 4: unknown key 'source.firstpage'. Did you mean 'source.first_page'? Every key is listed in docs/raw-metadata.md."),
    ('[source]\nlanguage = ["tr"]\n', f"{P}: line 2: unknown key 'source.language'. Did you mean 'source.languages'? Every key is listed in docs/raw-metadata.md."),
    ('[source]\nzzz = 1\n', f"{P}: line 2: unknown key 'source.zzz'. Did you mean 'source.title'? Every key is listed in docs/raw-metadata.md."),
    ('[edition]\nlicense = "CC BY"\n', f"{P}: line 2: unknown key 'edition.license'. Did you mean 'edition.licence'? Every key is listed in docs/raw-metadata.md."),
    ('[editon]\nlicence = "CC BY"\n', f"{P}: line 1: unknown key 'editon'. Did you mean 'edition'? Every key is listed in docs/raw-metadata.md."),
    ('title = "top level"\n', f"{P}: line 1: unknown key 'title'. Every key is listed in docs/raw-metadata.md."),
    ('oops = 1\n[source]\n', f"{P}: line 1: unknown key 'oops'. Every key is listed in docs/raw-metadata.md."),
    ('source = "x"\n', f"{P}: line 1: source must be a table ([source]), not a string. "
                         "See docs/raw-metadata.md for every section and key."),
    ('[edition]\nlicence = 4\n', f"{P}: line 2: edition.licence must be a string, not an integer (4)."),
    ('[edition]\npublisher = false\n', f"{P}: line 2: edition.publisher must be a string, not true/false (False)."),
    ('[edition]\nresponsibility = "me"\n',
     f'{P}: line 2: edition.responsibility must be a list of tables like {{ resp = "TEI encoding", name = "..." }}, not a string (\'me\').'),
    ('[edition]\nresponsibility = [{ resp = "x" }]\n', f"{P}: line 2: edition.responsibility: every entry needs name."),
    ('[edition]\nresponsibility = [{ role = "x", name = "y" }]\n',
     f"{P}: line 2: unknown key 'role' in edition.responsibility."),
    ('[edition]\nresponsibility = [{ resp = 1, name = "y" }]\n',
     f"{P}: line 2: edition.responsibility must be a string, not an integer (1)."),
    ('[source\n', f"{P}: line 1, column 8: invalid TOML: Expected ']' at the end of a table declaration. See docs/raw-metadata.md for an example."),
    ('[source]\ntitle = \n', f"{P}: line 2, column 9: invalid TOML: Invalid value. See docs/raw-metadata.md for an example."),
    ('[source]\ntitle = "a"\ntitle = "b"\n', f"{P}: line 3, column 12: invalid TOML: Cannot overwrite a value. See docs/raw-metadata.md for an example."),
    ('[source]\ntitle = "unterminated\n', f"{P}: line 2, column 22: invalid TOML: Illegal character '\\n'. See docs/raw-metadata.md for an example."),
    (b'[source]\ntitle = "\xfe"\n', f"{P}: line 2: not UTF-8 (byte 0xfe at offset 18). Save the metadata file as UTF-8."),
    ("[source]\ntitle = \"" + "x" * 10_001 + "\"\n",
     f"{P}: line 2: source.title is 10001 characters long, more than the 10000 allowed. Shorten it; see docs/raw-metadata.md (Limits)."),
]


@pytest.mark.parametrize("toml,expected", WRONG, ids=[f"{k:02d}" for k in range(len(WRONG))])
def test_wrong_metadata_is_one_exact_line(scratch, toml, expected):
    result = ingest_with(scratch, toml)
    assert result.code == 1, result.output
    assert result.error == expected
    assert not (scratch.tei / "metin.xml").exists()


def test_a_huge_metadata_file_is_refused_unread(scratch):
    result = ingest_with(scratch, "[source]\ntitle = \"" + "x" * 1_100_000 + "\"\n")
    assert result.code == 1
    assert result.error == (f"{P}: file is 1100020 bytes, larger than the 262144 byte limit. "
                            "Split the document, or check that this is the file you meant.")


GOOD = [
    ('[source]\nauthors = ["Ali Veli"]\n', "author", ["Ali Veli"]),
    ('[source]\nauthors = ["Ali Veli", "Ayşe Fatma"]\n', "author", ["Ali Veli", "Ayşe Fatma"]),
    ('[source]\nlanguages = ["tr", "en", "ota-Arab"]\n', "language", ["Turkish", "English", "ota-Arab"]),
    ('[source]\ntitle = "Bir \\u202eters\\u202c başlık"\n', "title", ["Bir \u202eters\u202c başlık"]),
]


@pytest.mark.parametrize("toml,tag,expected", GOOD)
def test_good_metadata_is_taken_whole(scratch, toml, tag, expected):
    result = ingest_with(scratch, toml)
    assert result.code == 0, result.output
    root = etree.parse(str(scratch.tei / "metin.xml")).getroot()
    found = ["".join(e.itertext()).strip() for e in root.find("{*}teiHeader").iter("{*}" + tag)]
    if tag == "language":
        assert found == expected
    else:
        assert found[: len(expected)] == expected


def test_every_schema_key_is_documented():
    doc = (__import__("pathlib").Path(__file__).parents[2] / "docs" / "raw-metadata.md").read_text(encoding="utf-8")
    for section, keys in SCHEMA.items():
        assert f"[{section}]" in doc
        for key in keys:
            assert f"`{section}.{key}`" in doc, key
