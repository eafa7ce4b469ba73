"""Hostile input to `edition validate` and the safe parser: limits, encodings,
schemas that try to read or write files, planted caches, links out of the
project. Each refusal is one exact line naming the file and the line; each
acceptance reads nothing it was not asked to read."""

from __future__ import annotations

import codecs
import os

import pytest

from edition import schematron, tei
from edition import validate as v
from edition.errors import InputError

from .conftest import SECRET, invoke

TEI_NS = "http://www.tei-c.org/ns/1.0"
LIMIT_HINT = ("The parser's safety limits refuse elements nested more than 256 deep, a single text or attribute "
              "value over 10 MB and names over 50,000 characters; change the document to stay within them.")
ENCODING_HINT = ('Save the file as UTF-8, or name its real encoding in the XML declaration, e.g. '
                 '<?xml version="1.0" encoding="windows-1254"?>.')


def minimal(body: str = "<p>metin</p>", root_attrs: str = "") -> str:
    return (f'<TEI xmlns="{TEI_NS}"{root_attrs}><teiHeader><fileDesc><titleStmt><title>t</title></titleStmt>'
            "<publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>"
            f"<text><body>{body}</body></text></TEI>")


# (name, bytes, the diagnostic validate prints for tei/bad.xml)
REFUSED = [
    ("deep", (f'<TEI xmlns="{TEI_NS}">\n' + "<div>" * 300 + "</div>" * 300 + "</TEI>").encode(),
     f"tei/bad.xml:2:1280: error: not well-formed XML: Excessive depth in document: 256. {LIMIT_HINT} [xml-syntax]"),
    ("huge-attribute", (f'<TEI xmlns="{TEI_NS}"\n n="' + "x" * 10_500_000 + '"/>').encode(),
     "tei/bad.xml:2:10003951: error: not well-formed XML: Resource limit exceeded: Buffer size limit exceeded. "
     f"{LIMIT_HINT} [xml-syntax]"),
    ("long-name", (f'<TEI xmlns="{TEI_NS}">\n<' + "a" * 60_000 + "/></TEI>").encode(),
     f"tei/bad.xml:2:60002: error: not well-formed XML: Name too long: NCName. {LIMIT_HINT} [xml-syntax]"),
    ("nul", f'<TEI xmlns="{TEI_NS}">\n<text>a\x00b</text></TEI>'.encode(),
     "tei/bad.xml:2:8: error: not well-formed XML: Invalid character: Char 0x0 out of allowed range [xml-syntax]"),
    ("not-utf8",
     b'<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="' + TEI_NS.encode() + b'">\n<p>\xfe\xff</p></TEI>',
     f"tei/bad.xml:3:4: error: not well-formed XML: Invalid bytes in character encoding. {ENCODING_HINT} "
     "[xml-syntax]"),
    ("latin-1-undeclared", f'<TEI xmlns="{TEI_NS}">\n<p>Ça</p></TEI>'.encode("latin-1"),
     f"tei/bad.xml:2:4: error: not well-formed XML: Invalid bytes in character encoding. {ENCODING_HINT} "
     "[xml-syntax]"),
]


@pytest.mark.parametrize("name,data,line", REFUSED, ids=[c[0] for c in REFUSED])
def test_validate_refuses_in_one_exact_line(scratch, name, data, line):
    (scratch.tei / "bad.xml").write_bytes(data)
    scratch.ready()
    result = invoke("validate", "tei/bad.xml")
    assert result.code == 1
    assert result.stderr.splitlines() == [line, "1 error in 1 of 1 file"]


@pytest.mark.parametrize("name,data,line", REFUSED, ids=[c[0] for c in REFUSED])
def test_parser_refusals_are_one_line_with_a_position(name, data, line):
    with pytest.raises(InputError) as caught:
        tei.parse_bytes(data, "x.xml")
    assert "\n" not in str(caught.value)
    assert caught.value.line is not None and caught.value.col is not None
    assert "XML_PARSE_HUGE" not in str(caught.value)  # a parser flag the user cannot pass


ENCODINGS = [
    ("utf-8-bom", codecs.BOM_UTF8, "utf-8", "UTF-8"),
    ("utf-16-le-bom", codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    ("utf-16-be-bom", codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
    ("utf-16-le", b"", "utf-16-le", "UTF-16"),
    ("utf-16-be", b"", "utf-16-be", "UTF-16"),
    ("windows-1254", b"", "cp1254", "windows-1254"),
]


@pytest.mark.parametrize("name,bom,codec,declared", ENCODINGS, ids=[c[0] for c in ENCODINGS])
def test_declared_encodings_and_boms_are_read(scratch, name, bom, codec, declared):
    text = f'<?xml version="1.0" encoding="{declared}"?>\n' + minimal("<p>Şuşa ğ ı İ</p>", ' xml:id="bad"')
    (scratch.tei / "bad.xml").write_bytes(bom + text.encode(codec))
    scratch.ready()
    assert "".join(tei.parse_file(scratch.tei / "bad.xml").getroot().itertext()).endswith("Şuşa ğ ı İ")
    result = invoke("validate", "tei/bad.xml")
    assert (result.code, result.stderr.splitlines()) == (0, ["1 file valid"])


@pytest.mark.parametrize("body,root_attrs,prolog", [
    ('<xi:include href="{secret}" parse="text"/>', ' xmlns:xi="http://www.w3.org/2001/XInclude"', ""),
    ("<p>metin</p>", "", '<?xml-stylesheet type="text/xsl" href="{secret}"?>\n'),
])
def test_xinclude_and_stylesheet_links_are_never_followed(scratch, body, root_attrs, prolog):
    text = prolog + minimal(body, root_attrs)
    (scratch.tei / "bad.xml").write_text(text.format(secret=scratch.secret), encoding="utf-8")
    scratch.ready()
    result = invoke("validate", "tei/bad.xml")
    assert SECRET not in result.output
    assert SECRET not in "".join(tei.parse_file(scratch.tei / "bad.xml").getroot().itertext())


SCH = "http://purl.oclc.org/dsdl/schematron"


def write_schema(scratch, rule: str) -> str:
    (scratch.root / "schema").mkdir(exist_ok=True)
    (scratch.root / "schema" / "rules.sch").write_text(
        f'<schema xmlns="{SCH}" queryBinding="xslt2"><ns prefix="tei" uri="{TEI_NS}"/>'
        f'<pattern><rule context="tei:TEI">{rule}</rule></pattern></schema>', encoding="utf-8")
    (scratch.tei / "ok.xml").write_text(minimal(), encoding="utf-8")
    return "schema/rules.sch"


@pytest.mark.parametrize("function", ["unparsed-text('{uri}')", "string(doc('{uri}'))",
                                      "string-join(unparsed-text-lines('{uri}'))"])
def test_a_schema_cannot_read_files(scratch, function):
    uri = scratch.secret.as_uri()
    schema = write_schema(scratch, f'<report test="true()"><value-of select="{function.format(uri=uri)}"/></report>')
    scratch.ready()
    schematron._COMPILED.clear()
    result = invoke("validate", "tei/ok.xml", "--schema", schema)
    assert SECRET not in result.output
    assert result.code == 1
    assert "has been prohibited [schematron]" in result.stderr


def test_a_schema_cannot_write_files(scratch):
    target = scratch.root / "tei" / "written.txt"
    schema = write_schema(scratch, (
        '<let name="x"><xsl:result-document xmlns:xsl="http://www.w3.org/1999/XSL/Transform" '
        f'href="{target.as_uri()}" method="text">pwned</xsl:result-document></let>'
        '<assert test="true()">never</assert>'))
    scratch.ready()
    schematron._COMPILED.clear()
    result = invoke("validate", "tei/ok.xml", "--schema", schema)
    assert result.code == 1
    assert result.error == ("Error: schema/rules.sch: line 1: sch:let 'x' holds XSLT instructions, which are "
                            "refused (a schema may not write files). Give the variable its value in @value.")
    assert not target.exists()


def test_a_planted_grammar_in_the_cache_is_rebuilt_not_compiled(scratch):
    """A cached tei_all grammar that would make libxml2 open a file (here a FIFO,
    which would block for ever) is treated as damaged."""
    cache = scratch.root / ".edition-cache"
    v.tei_all_schema({"TEI"}, cache)
    [cached] = cache.glob("tei-all-*.rng")
    cached.write_text('<grammar xmlns="http://relaxng.org/ns/structure/1.0">'
                      f'<start><externalRef href="{scratch.fifo}"/></start></grammar>')
    scratch.ready()
    v._compile.cache_clear()
    grammar = v.tei_all_schema({"TEI"}, cache)
    assert b"externalRef" not in cached.read_bytes()
    assert not grammar.validate(tei.parse_bytes(b"<TEI/>"))


def test_registers_linked_out_of_the_project_are_not_read(scratch):
    (scratch.outside / "registers.xml").write_text(
        f'<TEI xmlns="{TEI_NS}"><text><body><listPlace><place xml:id="place-x"><placeName>{SECRET}</placeName>'
        "</place></listPlace></body></text></TEI>", encoding="utf-8")
    (scratch.tei / "registers.xml").unlink()
    os.symlink(scratch.outside / "registers.xml", scratch.tei / "registers.xml")
    (scratch.tei / "doc.xml").write_text(
        minimal('<p><placeName ref="registers.xml#place-x">X</placeName></p>', ' xml:id="doc"'), encoding="utf-8")
    scratch.ready()
    result = invoke("validate", "tei/doc.xml", "--profile", "edition", "--schema", "edition")
    assert result.code == 1
    assert any(line.endswith("the registers file tei/registers.xml is missing or unreadable [ref-resolves]")
               for line in result.stderr.splitlines()), result.stderr


def test_a_schema_linked_out_of_the_project_is_refused(scratch):
    (scratch.outside / "rules.sch").write_text(f'<schema xmlns="{SCH}"/>', encoding="utf-8")
    (scratch.root / "schema").mkdir()
    os.symlink(scratch.outside / "rules.sch", scratch.root / "schema" / "rules.sch")
    (scratch.tei / "ok.xml").write_text(minimal(), encoding="utf-8")
    scratch.ready()
    result = invoke("validate", "tei/ok.xml", "--schema", "schema/rules.sch")
    assert result.code == 1
    assert result.error == (f"Error: schema/rules.sch: is a link to {scratch.outside / 'rules.sch'}, outside the "
                            "project; refused for reading. Copy the file into the project instead of linking to it.")
