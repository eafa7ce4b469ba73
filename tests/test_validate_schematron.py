"""edition.schematron: the Schematron -> XSLT 3.0 compiler, run by saxonche."""

from __future__ import annotations

import pytest
from lxml import etree

from edition import schematron
from edition.schema_build import TEI_ALL_RNG
from edition.tei import parse_bytes

NS = 'xmlns="http://purl.oclc.org/dsdl/schematron"'


def run(schema: str, document: str) -> list[tuple[str, str, str]]:
    """(element, severity, message) of every failure of ``document``."""
    tree = parse_bytes(schema.encode(), "test.sch")
    compiled = schematron.CompiledSchematron(schematron.compile_to_xslt(schematron.schematron_of(tree)), "test.sch")
    root = etree.fromstring(document.encode())
    return [(etree.QName(schematron.node_at_path(root, f.path)).localname, f.severity, f.message)
            for f in compiled.failures(root)]


def test_assert_report_let_value_of_and_name():
    schema = f"""<schema {NS}><pattern id="p">
      <rule context="item"><let name="n" value="count(*)"/>
        <assert test="$n ge 1"><name/> has <value-of select="$n"/> children.</assert>
        <report test="@bad" role="warning">@bad on <name/>.</report>
      </rule></pattern></schema>"""
    assert run(schema, "<list><item/><item bad='1'><x/></item></list>") == [
        ("item", "error", "item has 0 children."),
        ("item", "warning", "@bad on item."),
    ]


def test_only_the_first_matching_rule_of_a_pattern_fires():
    schema = f"""<schema {NS}>
      <pattern><rule context="item[@n]"><report test="true()">first</report></rule>
               <rule context="item"><report test="true()">second</report></rule></pattern>
      <pattern><rule context="item"><report test="true()">other pattern</report></rule></pattern>
    </schema>"""
    assert run(schema, "<list><item n='1'/><item/></list>") == [
        ("item", "error", "first"), ("item", "error", "other pattern"),
        ("item", "error", "second"), ("item", "error", "other pattern"),
    ]


def test_rules_on_attributes_report_their_element_and_namespaces_come_from_ns():
    schema = f"""<schema {NS}><ns prefix="t" uri="urn:t"/>
      <pattern><rule context="t:a/@href"><assert test="starts-with(., '#')">local links only</assert></rule></pattern>
    </schema>"""
    document = "<t:doc xmlns:t='urn:t'><t:p/><t:p><t:a href='#x'/><t:a href='http://x'/></t:p></t:doc>"
    assert run(schema, document) == [("a", "error", "local links only")]


def test_abstract_rules_and_patterns_are_expanded():
    schema = f"""<schema {NS}>
      <pattern><rule abstract="true" id="named"><assert test="@name">needs a name</assert></rule>
               <rule context="person"><extends rule="named"/></rule></pattern>
      <pattern abstract="true" id="required"><rule context="$el"><assert test="$child">missing $child</assert></rule></pattern>
      <pattern is-a="required" id="place-has-geo"><param name="el" value="place"/><param name="child" value="geo"/></pattern>
    </schema>"""
    assert run(schema, "<r><person/><place/><place><geo/></place></r>") == [
        ("person", "error", "needs a name"), ("place", "error", "missing $child"),
    ]


def test_a_test_that_raises_is_a_failure_not_a_crash():
    schema = f"""<schema {NS}><pattern id="num"><rule context="n">
      <let name="v" value="xs:integer(.)"/><assert test="$v gt 0">positive</assert></rule></pattern></schema>"""
    [(element, severity, message)] = run(schema, "<r><n>5</n><n>five</n></r>")
    assert (element, severity) == ("n", "error")
    assert message.startswith("the rule n cannot be evaluated here:")


def test_include_is_refused():
    with pytest.raises(schematron.SchematronError, match="sch:include is not supported"):
        run(f'<schema {NS}><include href="/etc/passwd"/></schema>', "<r/>")


def test_tei_all_embedded_schematron_is_gathered():
    schema = schematron.schematron_of(parse_bytes(TEI_ALL_RNG.read_bytes(), "tei_all.rng"))
    assert len(schema.findall(schematron.SCH + "pattern")) == 93
    assert len(list(schema.iter(schematron.SCH + "assert", schematron.SCH + "report"))) == 103


def test_node_at_path_maps_back_to_the_element():
    root = etree.fromstring(b"<a xmlns='urn:x'><b/><b><c/></b></a>")
    assert schematron.node_at_path(root, "/Q{urn:x}a[1]/Q{urn:x}b[2]/Q{urn:x}c[1]") is root[1][0]
    assert schematron.node_at_path(root, "/Q{urn:x}a[1]/Q{urn:x}b[2]/@n") is root[1]
    assert schematron.node_at_path(root, "/Q{urn:x}a[1]/text()[1]") is root
