"""An editor's four edits of issue 12 survive `build`, and `build --reingest`
refuses to drop them (names the file, exit 1) unless --force, which keeps a
backup first."""

from __future__ import annotations

import shutil

import pytest

from lxml import etree

from edition.editor_work import EditorWork

from .conftest import ROOT, invoke

TEI = "{http://www.tei-c.org/ns/1.0}"
DOC = "baku-katliami-1918"


def four_edits(path) -> dict[str, str]:
    """The issue's edits: a persName retyped as placeName without @resp, a
    rejected name (seg type="not-entity"), an editorial note, a typo fixed."""
    tree = etree.parse(str(path))
    body = tree.getroot().find(f"{TEI}text/{TEI}body")
    person = next(p for p in body.iter(f"{TEI}persName") if p.get("resp"))
    person.tag = f"{TEI}placeName"
    person.set("ref", "registers.xml#place-baku")
    del person.attrib["resp"]
    retyped = "".join(person.itertext())
    place = next(p for p in body.iter(f"{TEI}placeName") if p.get("resp") and not len(p))
    rejected = place.text
    seg = etree.Element(f"{TEI}seg", type="not-entity")
    seg.text, seg.tail = place.text, place.tail
    place.getparent().replace(place, seg)
    paragraph = next(p for p in body.iter(f"{TEI}p") if p.text and len(p.text) > 40)
    note = etree.SubElement(paragraph, f"{TEI}note", type="editorial", resp="#editor")
    note.text = "Editörün notu: kaynakta tarih eksik."
    typo_before = paragraph.text
    paragraph.text = paragraph.text.replace(paragraph.text.split()[0], paragraph.text.split()[0] + "[sic]", 1)
    tree.write(str(path), encoding="UTF-8", xml_declaration=True)
    return {"retyped": retyped, "rejected": rejected, "note": note.text, "typo": paragraph.text.split()[0],
            "typo_before": typo_before}


def edits_present(path, edits) -> None:
    root = etree.parse(str(path)).getroot()
    body = root.find(f"{TEI}text/{TEI}body")
    assert any("".join(p.itertext()) == edits["retyped"] and p.get("resp") is None
               for p in body.iter(f"{TEI}placeName")), "retyped name lost"
    assert any(s.get("type") == "not-entity" and s.text == edits["rejected"] for s in body.iter(f"{TEI}seg"))
    assert any(n.text == edits["note"] for n in body.iter(f"{TEI}note"))
    assert any((p.text or "").startswith(edits["typo"]) for p in body.iter(f"{TEI}p"))


@pytest.mark.case_seconds(90)  # eight commands in a row; each one alone is well under 10 s
def test_four_edits_survive_build_annotate_and_reingest(scratch):
    shutil.copy(ROOT / "raw" / f"{DOC}.txt", scratch.raw)
    shutil.copy(ROOT / "raw" / f"{DOC}.toml", scratch.raw)
    scratch.ready()
    first = invoke("build", "-j", "1")
    assert first.code == 0, first.output
    tei = scratch.tei / f"{DOC}.xml"
    edits = four_edits(tei)

    again = invoke("build", "-j", "1")
    assert again.code == 0, again.output
    edits_present(tei, edits)
    annotate = invoke("annotate", str(tei), "--registers", str(scratch.tei / "registers.xml"), "-j", "1")
    assert annotate.code == 0, annotate.output
    edits_present(tei, edits)

    # re-ingest with a changed ingest result (the metadata): the edits are carried over
    toml = scratch.raw / f"{DOC}.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("Scholarly article", "A scholarly article"),
                    encoding="utf-8")
    scratch.edited(toml)
    merged = invoke("build", "--reingest", "-j", "1")
    assert merged.code == 0, merged.output
    edits_present(tei, edits)
    assert "A scholarly article in Turkish" in tei.read_text(encoding="utf-8")
    backups = sorted((scratch.root / ".edition-cache" / "backup").glob(f"{DOC}.*.xml"))
    assert len(backups) == 1
    edits_present(backups[0], edits)
    assert (f"{tei}: warning: re-ingested with the editor's changes carried over; the editor's version is kept in "
            f"{backups[0]} [editor-work-merged]") in merged.stderr

    # the raw text changes where the editor fixed a typo: a conflict, named, nothing changed
    raw = scratch.raw / f"{DOC}.txt"
    word = edits["typo_before"].split()[1]
    raw.write_text(raw.read_text(encoding="utf-8").replace(word, word + "x", 1), encoding="utf-8")
    scratch.edited(raw)
    before = tei.read_bytes()
    conflict = invoke("build", "--reingest", "-j", "1")
    assert conflict.code == 1
    note_line = next(k for k, text in enumerate(before.decode().splitlines(), 1) if edits["note"] in text)
    errors = [line for line in conflict.stderr.splitlines() if "[editor-work-conflict]" in line]
    assert len(errors) == 1
    line = int(errors[0].split(":")[1])
    assert note_line - 3 <= line <= note_line  # the region the editor and the new ingest both changed
    assert (f"{tei}:{line}: error: the editor's changes here and the new ingest change the same lines (1 place); "
            "not re-ingested, the file is unchanged. Carry the change over by hand, or pass --force (a backup is "
            "kept) [editor-work-conflict]") in conflict.stderr
    assert tei.read_bytes() == before

    forced = invoke("build", "--reingest", "--force", "-j", "1")
    assert forced.code == 0, forced.output
    backups = sorted((scratch.root / ".edition-cache" / "backup").glob(f"{DOC}.*.xml"))
    assert len(backups) == 2 and any(b.read_bytes() == before for b in backups)
    assert "[editor-work-backup]" in forced.stderr
    # the fresh TEI is generated again: a plain --reingest just replaces it
    plain = invoke("build", "--reingest", "-j", "1")
    assert plain.code == 0 and "[editor-work" not in plain.stderr, plain.output


def test_merge3():
    from edition.editor_work import merge3

    base = ["a\n", "b\n", "c\n", "d\n"]
    assert merge3(base, ["a\n", "B\n", "c\n", "d\n"], ["a\n", "b\n", "c\n", "D\n"]) == (
        ["a\n", "B\n", "c\n", "D\n"], [])
    assert merge3(base, ["a\n", "B\n", "c\n", "d\n"], ["a\n", "X\n", "c\n", "d\n"])[1] == [2]
    assert merge3(base, ["a\n", "n\n", "b\n", "c\n", "d\n"], ["a\n", "b\n", "c\n"]) == (
        ["a\n", "n\n", "b\n", "c\n"], [])
    assert merge3(base, base, base) == (base, [])


def test_reingest_of_an_unedited_file_just_works(scratch):
    shutil.copy(ROOT / "raw" / f"{DOC}.txt", scratch.raw)
    scratch.ready()
    assert invoke("build", "-j", "1").code == 0
    result = invoke("build", "--reingest", "-j", "1")
    assert result.code == 0, result.output
    assert not (scratch.root / ".edition-cache" / "backup").exists()


def test_a_tei_file_the_build_never_wrote_is_not_reingested_silently(scratch):
    shutil.copy(ROOT / "raw" / f"{DOC}.txt", scratch.raw)
    shutil.copy(ROOT / "tei" / f"{DOC}.xml", scratch.tei)
    scratch.ready()
    result = invoke("build", "--reingest", "-j", "1")
    assert result.code == 1
    assert "was changed by an editor (or not written by this build)" in result.error


def test_editor_work_record():
    work = EditorWork({}, set())
    work.wrote("a", b"1", ingested=True)
    assert work.is_generated("a")
    work.observe("a", b"1")
    assert work.is_generated("a")
    work.observe("a", b"2")
    assert not work.is_generated("a")
    work.wrote("a", b"3")  # annotate over the edited file: still the editor's
    assert not work.is_generated("a")
    work.wrote("a", b"4", ingested=True)
    assert work.is_generated("a")
    state: dict = {}
    work.save(state)
    assert EditorWork.from_state(state) == work
