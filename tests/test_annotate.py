"""Annotating TEI trees: markup, registers, idempotency, editor markup, CLI."""

import string

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from edition.annotate import annotate, candidates_report
from edition.annotate.registers import Register
import copy
import functools

from edition.annotate.seed import build as _build


@functools.lru_cache(maxsize=1)
def _seed():
    return _build()


def build():
    return copy.deepcopy(_seed())
from edition.cli import main
from edition.tei import NS, TEI, parse_bytes, serialize

DOC = """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="t"><teiHeader/><text><body>
<div type="section"><head>6. 31 Mart 1918 Bakü Katliamı</head>
<p>Rusya ile Osmanlı Devleti arasında imzalanan Brest-Litovsk<note place="foot" n="1" xml:id="t-n1"><bibl><author>Halil Bal</author>, <title>Makale</title>, <date>2004</date>, <biblScope unit="page">s. 35</biblScope>.</bibl></note> Antlaşması’na kadar Bakü Sovyeti’nin başında S. Şaumyan vardı. 31 Mart’ta halk <pb n="2"/>sokaklara döküldü; Miralay Petrosyan’ın birlikleri geldi.</p>
<p>Editör: <persName ref="registers.xml#pers-x">Rauf Bey</persName> ve <seg type="not-entity">Kars</seg> burada.</p>
</div></body></text></TEI>"""


@pytest.fixture()
def register():
    return build()


def text_of(tree):
    return "".join(tree.getroot().find(TEI + "text").itertext())


def run(data: bytes, register):
    tree = parse_bytes(data)
    result = annotate(tree, register)
    return tree, result


def test_markup_refs_and_suffixes(register):
    tree, result = run(DOC.encode(), register)
    out = serialize(tree).decode()
    assert '<orgName ref="registers.xml#org-baku-sovyeti" resp="#edition-annotate">Bakü Sovyeti</orgName>’nin' in out
    assert '<persName ref="registers.xml#pers-stephan-saumyan" resp="#edition-annotate">S. Şaumyan</persName>' in out
    assert '>Brest-Litovsk</placeName><note' in out
    assert '<date when="1918-03-31" cert="medium" evidence="conjecture" resp="#edition-annotate">31 Mart</date>’ta' in out
    # bibl: author wrapped as a person, ingest's date filled, not duplicated
    assert '<author><persName ref="registers.xml#pers-halil-bal" resp="#edition-annotate">Halil Bal</persName></author>' in out
    assert '<date when="2004">2004</date>' in out
    assert result.counts["date"] == 2  # "31 Mart 1918" in the head, "31 Mart’ta"; ingest's bibl date is filled, not counted


def test_every_ref_resolves_and_candidates_are_flagged(register):
    tree, result = run(DOC.encode(), register)
    for node in tree.getroot().iterfind(".//*[@ref]"):
        if node.get("resp") == "#edition-annotate":
            assert node.get("ref").split("#")[1] in register.entries
    new = register.lookup("Petrosyan", "person")
    assert new is not None and new.candidate
    rows = candidates_report(register, result.occurrences)
    assert ("person", "Petrosyan", 1, new.id) == rows[0][:4]
    # the dates whose year was inferred follow, for review: text, count, value, context
    assert ("date", "31 Mart", 1, "when=1918-03-31") == rows[-1][:4]
    assert "31 Mart’ta halk" in rows[-1][4]
    reg_xml = serialize(register.to_tree()).decode()
    assert f'<person xml:id="{new.id}" cert="low">' in reg_xml


def test_editor_markup_and_rejections_survive(register):
    tree, _ = run(DOC.encode(), register)
    root = tree.getroot()
    editor = root.find(".//tei:persName[@ref='registers.xml#pers-x']", NS)
    assert editor is not None and editor.get("resp") is None and editor.text == "Rauf Bey"
    seg = root.find(".//tei:seg[@type='not-entity']", NS)
    assert seg.text == "Kars" and len(seg) == 0


def test_idempotent_and_text_unchanged(register):
    before = parse_bytes(DOC.encode())
    once, _ = run(DOC.encode(), register)
    first = serialize(once)
    twice, _ = run(first, register)
    assert serialize(twice) == first
    assert text_of(once) == text_of(before)
    # structure kept: note, pb, bibl still where they were
    root = once.getroot()
    assert root.find(".//tei:pb", NS).get("n") == "2"
    assert root.find(".//tei:note/tei:bibl/tei:biblScope", NS) is not None


def test_register_round_trip(register, tmp_path):
    path = tmp_path / "registers.xml"
    register.save(path)
    again = Register.load(path)
    assert serialize(again.to_tree()) == path.read_bytes()
    baku = again.lookup("Bakü", "place")
    assert baku.geonames and baku.geo and again.lookup("Baku") is baku


words = st.sampled_from(["Bakü’de", "Şaumyan", "31 Mart", "1918", "Ermeniler", "Müsavat Partisi",
                         "General", "Kars-Batum", "ve", "Paşa", "Tiflis", "XX.", "yüzyıl", "’nin", "-"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(words, st.text(alphabet=string.ascii_letters + " .,’İıŞş", max_size=8)), max_size=14))
def test_property_text_unchanged_and_idempotent(parts):
    register = build()
    body = " ".join(parts)
    p = etree.Element(TEI + "p")
    p.text = body
    doc = f'<TEI xmlns="{NS["tei"]}"><text><body>{etree.tostring(p, encoding="unicode")}</body></text></TEI>'
    tree, _ = run(doc.encode(), register)
    assert text_of(tree) == body
    first = serialize(tree)
    tree2, _ = run(first, register)
    assert serialize(tree2) == first


def test_cli_annotate_and_report(tmp_path, register):
    doc = tmp_path / "t.xml"
    doc.write_text(DOC, encoding="utf-8")
    reg = tmp_path / "registers.xml"
    register.save(reg)
    report = tmp_path / "c.tsv"
    result = CliRunner().invoke(main, ["annotate", str(doc), "--registers", str(reg), "--report", str(report)])
    assert result.exit_code == 0, result.output
    assert "resp=\"#edition-annotate\"" in doc.read_text(encoding="utf-8")
    lines = report.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "kind\tname\tcount\tsuggested_id\tcontexts"
    assert any(line.startswith("person\tPetrosyan\t1\tpers-petrosyan\t") for line in lines)
    assert "Petrosyan" in reg.read_text(encoding="utf-8")
    before = doc.read_bytes()
    again = CliRunner().invoke(main, ["annotate", str(doc), "--registers", str(reg)])
    assert again.exit_code == 0 and doc.read_bytes() == before


def test_cli_bad_xml(tmp_path):
    bad, good = tmp_path / "bad.xml", tmp_path / "good.xml"
    bad.write_text("<TEI>", encoding="utf-8")
    good.write_text(DOC, encoding="utf-8")
    registers = tmp_path / "r.xml"
    result = CliRunner().invoke(main, ["annotate", str(bad), str(good), "--registers", str(registers), "-j", "1"])
    assert result.exit_code == 1
    assert f"{bad}:1:" in result.output and "not well-formed XML" in result.output
    assert "Error: 1 of 2 file(s) could not be annotated" in result.output
    assert bad.read_text(encoding="utf-8") == "<TEI>"
    # the good file is annotated, and every register entry it refers to is saved
    refs = {r.split("#")[1] for r in parse_bytes(good.read_bytes()).getroot().xpath("//@ref")}
    saved = Register.load(registers)
    assert refs and all(r in saved.entries for r in refs if r != "pers-x")


def test_halves_of_a_word_cut_by_a_page_break_are_no_names(register):
    doc = ('<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="t"><teiHeader/><text><body><p>Nitekim '
           'Ermeni-Bol<pb n="9" break="no"/>şevik Koalisyonu Bakü’de hazırlandı.</p></body></text></TEI>')
    tree = parse_bytes(doc.encode())
    annotate(tree, register)
    names = [("".join(e.itertext()), e.tag.split("}")[1]) for e in tree.getroot().iter(
        TEI + "placeName", TEI + "persName", TEI + "orgName")]
    assert names == [("Bakü", "placeName")]


def test_an_edited_automatic_tag_whose_resp_was_left_is_kept(register):
    """Retyped, re-dated or extended by hand with @resp forgotten: kept as the
    editor's, with a warning, never silently undone."""
    tree = parse_bytes(DOC.encode())
    annotate(tree, register)
    root = tree.getroot()
    place = next(root.iter(f"{TEI}placeName"))
    place.tag = f"{TEI}persName"  # retyped, @ref and @resp left as they were
    date = next(d for d in root.iter(f"{TEI}date") if d.get("resp") and d.get("when") and not d.get("cert"))
    date.set("when", "1917-01-01")  # a corrected value
    retyped_text, date_text = place.text, date.text
    result = annotate(tree, register)
    assert len(result.kept_edits) == 2 and all("kept as the editor's" in m for m in result.kept_edits)
    kept = [n for n in root.iter(f"{TEI}persName", f"{TEI}date") if n.get("resp") is None
            and n.text in (retyped_text, date_text)]
    assert {(n.tag.split("}")[1], n.text) for n in kept} >= {("persName", retyped_text), ("date", date_text)}
    assert next(n for n in kept if n.tag == f"{TEI}date").get("when") == "1917-01-01"
    # unedited automatic markup is still redone, and a third run changes nothing
    again = annotate(tree, register)
    assert again.kept_edits == []
