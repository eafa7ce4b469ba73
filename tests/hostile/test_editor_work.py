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


@pytest.mark.case_seconds(60)  # seven commands in a row; each one alone is well under 10 s
def test_four_edits_survive_build_and_reingest_refuses_then_backs_up(scratch):
    shutil.copy(ROOT / "raw" / f"{DOC}.txt", scratch.raw)
    shutil.copy(ROOT / "raw" / f"{DOC}.toml", scratch.raw)
    scratch.ready()
    first = invoke("build", "-q", "-j", "1")
    assert first.code == 0, first.output
    tei = scratch.tei / f"{DOC}.xml"
    edits = four_edits(tei)

    again = invoke("build", "-q", "-j", "1")
    assert again.code == 0, again.output
    edits_present(tei, edits)
    edited = tei.read_bytes()

    refused = invoke("build", "--reingest", "-q", "-j", "1")
    assert refused.code == 1
    assert refused.error == (
        f"Error: {tei}: was changed by an editor (or not written by this build) and would be replaced by "
        "--reingest; nothing was re-ingested. Pass --force to replace it (a backup is kept in "
        ".edition-cache/backup/), or leave out --reingest.")
    assert tei.read_bytes() == edited

    # an annotate pass over the edited file does not make it "generated" again
    annotate = invoke("annotate", str(tei), "--registers", str(scratch.tei / "registers.xml"), "-j", "1")
    assert annotate.code == 0, annotate.output
    edits_present(tei, edits)
    assert invoke("build", "--reingest", "-q", "-j", "1").code == 1

    forced = invoke("build", "--reingest", "--force", "-q", "-j", "1")
    assert forced.code == 0, forced.output
    backups = sorted((scratch.root / ".edition-cache" / "backup").glob(f"{DOC}.*.xml"))
    assert len(backups) == 1
    edits_present(backups[0], edits)
    assert f"{tei}: warning: replaced by --reingest --force; the editor's version is kept in {backups[0]} " \
           "[editor-work-backup]" in forced.stderr
    # the fresh TEI is generated again: a plain --reingest is allowed
    assert invoke("build", "--reingest", "-q", "-j", "1").code == 0


def test_reingest_of_an_unedited_file_just_works(scratch):
    shutil.copy(ROOT / "raw" / f"{DOC}.txt", scratch.raw)
    scratch.ready()
    assert invoke("build", "-q", "-j", "1").code == 0
    result = invoke("build", "--reingest", "-q", "-j", "1")
    assert result.code == 0, result.output
    assert not (scratch.root / ".edition-cache" / "backup").exists()


def test_a_tei_file_the_build_never_wrote_is_not_reingested_silently(scratch):
    shutil.copy(ROOT / "raw" / f"{DOC}.txt", scratch.raw)
    shutil.copy(ROOT / "tei" / f"{DOC}.xml", scratch.tei)
    scratch.ready()
    result = invoke("build", "--reingest", "-q", "-j", "1")
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
