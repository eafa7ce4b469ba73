"""The steps of edition.validate (and the schema modules it uses), each alone
on small inputs: where tags are, how libxml2's messages are explained, how
refusals become rules, what a project validates against."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from edition import schema_build, schematron, tei
from edition import validate as v
from edition.config import Config, ValidateConfig
from edition.errors import InputError, InputTooLargeError, UnsafeXMLError, UsageError
from edition.paths import Project, file_stem

TEI_NS = "http://www.tei-c.org/ns/1.0"


def doc(text: str, path: str = "x.xml") -> v._Doc:
    return v._Doc(path, tei.parse_bytes(text.encode(), path), text)


# -- where tags are --------------------------------------------------------------


@given(st.text(alphabet="ab\n", min_size=1, max_size=60), st.data())
def test_where_is_just_after_the_character_before_the_offset(text, data):
    offset = data.draw(st.integers(min_value=1, max_value=len(text)))
    positions = v._TagPositions([0] + [m.end() for m in re.finditer("\n", text)], {}, {})
    before = text[:offset - 1]  # a line break ends on its own line, as jing counts
    line_start = before.rfind("\n") + 1
    assert positions.where(offset) == (before.count("\n") + 1, offset - line_start + 1)


def test_positions_are_after_each_tag_whatever_comes_before_it():
    text = ('<?xml version="1.0"?>\n<!-- <p> -->\n<TEI xmlns="' + TEI_NS + '" n="a>b">\n'
            '  <p><![CDATA[<q>]]><hi/></p>\n</TEI>')
    d = doc(text)
    root = d.tree.getroot()
    p, hi = root[0], root[0][0]
    assert d.position(root) == (3, len(f'<TEI xmlns="{TEI_NS}" n="a>b">') + 1)
    assert d.position(p) == (4, 6)
    assert d.position(hi) == (4, 26)
    assert d.position(p, end=True) == (4, 30)
    assert d.position(root, end=True) == (5, 7)


def test_text_position_is_the_end_of_the_first_text():
    d = doc(f'<TEI xmlns="{TEI_NS}">\n<div>  stray words  \n<p/></div></TEI>')
    div = d.tree.getroot()[0]
    assert d.text_position(div) == (2, 19)  # after "stray words", before the blanks


# -- libxml2's messages, explained ---------------------------------------------------


def test_each_message_kind_has_its_sentence():
    d = doc(f'<TEI xmlns="{TEI_NS}"><text when="nope"/></TEI>')
    text = d.tree.getroot()[0]
    cases = {
        "Did not expect element hed there": ("element <hed> is not allowed here inside <TEI>: <hed> is not a TEI "
                                             "element (check the spelling; TEI names are case-sensitive)", "element"),
        "Element div has extra content: text": ("text is not allowed directly inside <div>; wrap it in an element "
                                                "such as <p>", "text"),
        "Expecting an element body, got nothing": ("<text> is incomplete: a required <body> is missing", "missing"),
        "Expecting element body, got front": ("element <front> found where <body> is required inside <TEI>",
                                              "element"),
        "Invalid attribute when for element text": ('attribute @when="nope" on <text> is not allowed or has an '
                                                    "invalid value; it must be an ISO 8601 date such as "
                                                    "1918-03-31, 1918-03 or 1918", "attribute"),
        "Element text failed to validate content": (None, "content"),
        "Expecting element text to be in namespace": (f"<text> is not in the TEI namespace {TEI_NS}", "namespace"),
        "Something new.": ("Something new (schema)", "other"),
    }
    for message, expected in cases.items():
        assert v._explain(message, text, "tei-all") == expected, message


def test_an_element_outside_the_customisation_says_so_only_for_the_edition_schema():
    assert "not part of the edition's customisation" in v._unknown_element_hint("listEvent", "schema")
    assert v._unknown_element_hint("listEvent", "tei-all") == ""


# -- refusals become rules -----------------------------------------------------------


@pytest.mark.parametrize("error,rule", [
    (InputTooLargeError("big"), "xml-size"),
    (UnsafeXMLError("entity"), "xml-unsafe"),
    (InputError("broken"), "xml-syntax"),
])
def test_the_kind_of_refusal_decides_the_rule(error, rule):
    assert v._rule_of(error, "xml-syntax") == rule


def test_the_parser_raises_the_typed_refusals():
    with pytest.raises(UnsafeXMLError):
        tei.parse_bytes(b'<!DOCTYPE TEI [<!ENTITY s SYSTEM "/etc/passwd">]><TEI/>')
    with pytest.raises(InputTooLargeError):
        tei.parse_bytes(b" " * (tei.MAX_XML_BYTES + 1))


# -- the project rules' inputs --------------------------------------------------------


@pytest.mark.parametrize("path,stem", [("tei/baku-1918.xml", "baku-1918"), ("a.b.xml", "a.b"), ("noext", "noext"),
                                       ("/x/Letter 12.XML", "Letter 12")])
def test_file_stem(path, stem):
    assert file_stem(path) == stem


def test_root_id_is_the_file_name():
    text = f'<TEI xmlns="{TEI_NS}" xml:id="{{}}"/>'
    assert v.check_root_id(doc(text.format("letter-1"), "tei/letter-1.xml")) == []
    [issue] = v.check_root_id(doc(text.format("other"), "tei/letter-1.xml"))
    assert (issue.rule, issue.message) == ("doc-id", '<TEI xml:id="other"> does not match the file name; '
                                                     'expected xml:id="letter-1"')


def test_register_index_maps_ids_to_kinds(tmp_path):
    path = tmp_path / "registers.xml"
    path.write_text(f'<TEI xmlns="{TEI_NS}"><person xml:id="p1"/><place xml:id="pl1"/><org/></TEI>')
    index = v.RegisterIndex.load(path)
    assert index is not None and index.kinds == {"p1": "person", "pl1": "place"}
    path.write_text("<broken")
    assert v.RegisterIndex.load(path) is None
    assert v.RegisterIndex.load(tmp_path / "missing.xml") is None


# -- what is validated, against what ----------------------------------------------------


def test_files_to_validate_refuses_what_is_not_there(tmp_path):
    (tmp_path / "a.xml").write_text("<a/>")
    assert v.files_to_validate([tmp_path]) == [tmp_path / "a.xml"]
    with pytest.raises(UsageError, match="does not exist"):
        v.files_to_validate([tmp_path / "nope"])
    (tmp_path / "empty").mkdir()
    with pytest.raises(UsageError, match=r"^no \.xml files in "):
        v.files_to_validate([tmp_path / "empty"])


def test_schema_names(tmp_path):
    v.check_schema_name("tei-all")
    v.check_schema_name("edition")
    (tmp_path / "x.rng").write_text("<grammar/>")
    v.check_schema_name(str(tmp_path / "x.rng"))
    with pytest.raises(UsageError, match="'tei-lite' is neither tei-all nor edition nor a .rng, .xsd or .sch file"):
        v.check_schema_name("tei-lite")
    with pytest.raises(UsageError, match="no/such.sch does not exist"):
        v.check_schema_name("no/such.sch")


def test_options_for_a_project_take_the_command_line_over_the_config(tmp_path):
    project = Project(tmp_path, Config(validate=ValidateConfig(schemas=("edition", "schema/x.sch"),
                                                               profile="edition")))
    options = v.ValidateOptions.for_project(project)
    assert options.schemas == ("edition", str(tmp_path / "schema/x.sch"))
    assert (options.profile, options.cache_dir) == ("edition", project.cache)
    given_ = v.ValidateOptions.for_project(project, schemas=("tei-all",), profile="none",
                                           registers=Path("r.xml"))
    assert (given_.schemas, given_.profile, given_.registers) == (("tei-all",), None, Path("r.xml"))
    bare = v.ValidateOptions.for_project(Project(tmp_path))
    assert (bare.schemas, bare.profile) == (("tei-all",), None)


def test_has_errors_ignores_warnings():
    warning = v.Issue("x", 1, 1, "warning", "w", "schematron")
    assert not v.has_errors([warning])
    assert v.has_errors([warning, v.Issue("x", 1, 1, "error", "e", "tei-all")])


# -- schema_build's simplification, one pattern at a time ----------------------------------


def rng(xml: str) -> etree._Element:
    return etree.fromstring(f'<g xmlns="{schema_build.RNG_NS}">{xml}</g>')[0]


@pytest.mark.parametrize("pattern,expected", [
    ("<ref name='dead'/>", "notAllowed"),
    ("<ref name='live'/>", "ref"),
    ("<group><text/><notAllowed/></group>", "notAllowed"),
    ("<element name='x'><text/></element>", "element"),
    ("<optional><notAllowed/></optional>", "empty"),
    ("<zeroOrMore><group><text/><notAllowed/></group></zeroOrMore>", "empty"),
    ("<choice><notAllowed/><notAllowed/></choice>", "notAllowed"),
    ("<choice><notAllowed/><text/></choice>", "text"),
    ("<choice><text/><empty/><notAllowed/></choice>", "choice"),
])
def test_simplify(pattern, expected):
    result = schema_build._simplify(rng(pattern), {"dead"})
    assert etree.QName(result).localname == expected
    assert not any(etree.QName(n).localname == "notAllowed" for n in result.iter()) or expected == "notAllowed"


def test_abstract_pattern_parameters_are_substituted_longest_first_and_literally():
    params = {"a": "@when", "ab": "tei:date", "c": r"'\1'"}
    names = sorted(params, key=len, reverse=True)
    assert schematron._substitute("$ab[$a] = $c and $a.x", names, params) == r"tei:date[@when] = '\1' and $a.x"
