"""The registers stay clean (edition.annotate.registers): one id maker, one
entry per authority id, cited authors told from the actors of the history."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from edition.annotate.registers import (
    CITED_AUTHOR,
    Entry,
    Register,
    entry_id,
    mark_cited_authors,
    writers_and_actors,
)
from edition.tei import TEI, parse_bytes, parse_file
from edition.turkish import ascii_slug

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "tei" / "registers.xml"
SHIPPED_TEXTS = sorted(p for p in (ROOT / "tei").glob("*.xml") if p.name != "registers.xml")

REGISTERS = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text><body>
<listPlace>
<place xml:id="place-tiflis" type="city"><placeName type="preferred">Tiflis</placeName>
<idno type="geonames">611717</idno></place>
<place xml:id="place-tbilisi"><placeName type="preferred">Tbilisi</placeName>
<placeName type="variant">Tiflisi</placeName>
<location><geo>41.69 44.83</geo></location><idno type="geonames">611717</idno></place>
</listPlace></body></text></TEI>"""


def text(body: str) -> object:
    return parse_bytes(('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text><body>' + body
                        + "</body></text></TEI>").encode()).getroot()


@given(st.sampled_from(["person", "place", "org"]), st.text(min_size=1, max_size=30),
       st.sets(st.text(max_size=12), max_size=5))
def test_entry_id_is_free_and_made_from_kind_and_name(kind, name, taken_suffixes):
    taken = {f"{kind}-{s}" for s in taken_suffixes}
    made = entry_id(kind, name, taken)
    assert made not in taken
    prefix = {"person": "pers", "place": "place", "org": "org"}[kind]
    assert made.startswith(f"{prefix}-{ascii_slug(name)}")


def test_entry_id_numbers_past_taken_ids_and_register_uses_it():
    assert entry_id("place", "Bakü", {"place-baku", "place-baku-2"}) == "place-baku-3"
    register = Register([Entry("place-baku", "place", "Bakü")])
    assert register.new_id("place", "Baku") == "place-baku-2"
    assert register.add_candidate("place", "Baku").id == "place-baku-2"


def test_entries_sharing_an_authority_id_load_as_one_entry():
    register = Register.from_tree(parse_bytes(REGISTERS.encode()))
    assert list(register.entries) == ["place-tiflis"]
    tiflis = register.entries["place-tiflis"]
    # the second entry's names are variants, its coordinates kept, its id followed
    assert tiflis.names() == ["Tiflis", "Tbilisi", "Tiflisi"]
    assert tiflis.geo == "41.69 44.83" and tiflis.type == "city"
    assert register.merged == {"place-tbilisi": "place-tiflis"}
    assert register.current_id("place-tbilisi") == "place-tiflis"
    assert register.lookup("Tbilisi", "place") is tiflis
    # written back: one entry, one idno
    written = register.to_tree().getroot()
    assert len(written.findall(f".//{TEI}place")) == 1 and len(written.findall(f".//{TEI}idno")) == 1


def test_a_new_spelling_of_a_known_entity_becomes_a_variant():
    register = Register([Entry("place-gence", "place", "Gence", geonames="587084")])
    same = register.add_candidate("place", "Ganja", geonames="587084")
    assert same.id == "place-gence" and len(register) == 1 and "Ganja" in same.names()
    # a different kind is a different entity, even with the same number
    assert register.add_candidate("org", "Gence", geonames="587084").id != "place-gence"


def test_link_to_an_authority_another_entry_has_merges_them():
    register = Register([Entry("place-erivan", "place", "Erivan", geonames="616052"),
                         Entry("place-revan", "place", "Revan", candidate=True)])
    survivor = register.set_authority(register.entries["place-revan"], "616052")
    assert survivor.id == "place-erivan" and "Revan" in survivor.names()
    assert set(register.entries) == {"place-erivan"} and register.merged == {"place-revan": "place-erivan"}
    # linking an entry to an id nobody has sets it
    alone = register.add(Entry("place-x", "place", "X"))
    assert register.set_authority(alone, "1") is alone and register.by_authority("place", "1") is alone


def test_merge_chains_follow_to_the_survivor():
    register = Register([Entry("org-a", "org", "A"), Entry("org-b", "org", "B"), Entry("org-c", "org", "C")])
    register.merge(register.entries["org-a"], register.entries["org-b"])
    register.merge(register.entries["org-b"], register.entries["org-c"])
    assert register.current_id("org-a") == "org-c" and register.entries["org-c"].names() == ["C", "B", "A"]


def test_writers_and_actors_split_by_where_a_person_is_met():
    root = text('<p><persName ref="registers.xml#pers-a">A</persName> geldi '
                '(<bibl><author><persName ref="registers.xml#pers-k">K</persName></author>, 1951</bibl>).'
                '<note><bibl><author><persName ref="registers.xml#pers-a">A</persName></author></bibl></note></p>')
    writers, actors = writers_and_actors([root])
    assert writers == {"pers-k", "pers-a"} and actors == {"pers-a"}


def test_mark_cited_authors_marks_writers_only_and_keeps_an_editors_roles():
    register = Register([Entry("pers-k", "person", "K"), Entry("pers-a", "person", "A", role=CITED_AUTHOR),
                         Entry("pers-e", "person", "E", role="translator"), Entry("pers-n", "person", "N")])
    root = text('<p><persName ref="registers.xml#pers-a">A</persName> '
                '<bibl><author><persName ref="registers.xml#pers-k">K</persName></author></bibl> '
                '<bibl><author><persName ref="registers.xml#pers-a">A</persName></author></bibl> '
                '<bibl><author><persName ref="registers.xml#pers-e">E</persName></author></bibl></p>')
    assert mark_cited_authors(register, [root]) == ["pers-a", "pers-k"]
    roles = {eid: e.role for eid, e in register.entries.items()}
    # K only cited; A also an actor; E's role is the editor's; N not met: untouched
    assert roles == {"pers-k": CITED_AUTHOR, "pers-a": None, "pers-e": "translator", "pers-n": None}
    assert mark_cited_authors(register, [root]) == []  # idempotent


def test_shipped_register_has_one_entry_per_authority_id():
    root = parse_file(SHIPPED).getroot()
    ids = Counter((item.tag, idno.text) for item in root.iter(f"{TEI}person", f"{TEI}place", f"{TEI}org")
                  for idno in item.findall(f"{TEI}idno"))
    assert ids and [key for key, n in ids.items() if n > 1] == []
    # and loading it merges nothing
    assert Register.load(SHIPPED).merged == {}


def test_shipped_register_records_its_cited_authors():
    register = Register.load(SHIPPED)
    # every role follows from the texts: marking again changes nothing
    assert mark_cited_authors(register, [parse_file(p).getroot() for p in SHIPPED_TEXTS]) == []
    authors = {e.id for e in register.entries.values() if e.role == CITED_AUTHOR}
    assert {"pers-firuz-kazemzadeh", "pers-tadeusz-swietochowski", "pers-halil-bal"} <= authors
    # persons of the history who also wrote cited works stay actors
    assert not authors & {"pers-stephan-saumyan", "pers-mehmet-emin-resulzade", "pers-anton-denikin"}
    assert b'role="author"' in SHIPPED.read_bytes()


def test_a_register_without_organisations_writes_no_empty_list_and_validates(tmp_path):
    from edition.annotate.registers import Entry, Register
    from edition.validate import ValidateOptions, validate_paths

    register = Register()
    register.add(Entry("pers-a", "person", "Ahmet"))
    path = tmp_path / "registers.xml"
    register.save(path)
    assert b"listOrg" not in path.read_bytes() and b"listPlace" not in path.read_bytes()
    issues = [i for i in validate_paths([path], ValidateOptions()) if i.severity == "error"]
    assert not issues, issues
    assert Register.load(path).entries.keys() == {"pers-a"}
