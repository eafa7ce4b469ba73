"""edition.ingest: the named list of steps and the loop that runs them."""

from __future__ import annotations

import pytest

from edition.ingest import STEPS, Document, IngestOptions, ingest_bytes
from edition.ingest.header import Metadata
from edition.tei import TEI

TEXT = "Bakü Olayları\n\nAli Veli\n\nGiriş\n\nMetin burada yazılıdır.1\n\n(1) Yazar, Kitap, s. 5.\n"


def test_steps_in_the_documented_order():
    assert [step.__name__ for step in STEPS] == [
        "read_lines", "remove_banner", "repair_damage", "find_layout", "split_blocks", "build_skeleton",
        "anchor_notes", "mark_inline", "tag_languages", "make_header", "assemble"]


def test_every_step_is_named_in_the_package_docstring():
    import edition.ingest as ingest
    for step in STEPS:
        assert f"``{step.__name__}``" in (ingest.__doc__ or "")


def test_a_step_sees_what_the_steps_before_it_made():
    seen: list[tuple[Document, bool]] = []

    def look(doc: Document) -> None:
        seen.append((doc, doc.root is None))

    steps = [*STEPS]
    steps.insert(steps.index(STEPS[6]) + 1, look)  # after anchor_notes
    result = ingest_bytes(TEXT.encode(), "doc.txt", steps=steps)
    [(doc, no_root_yet)] = seen
    assert doc.layout is not None and doc.notes is not None and no_root_yet
    assert [p.note.label for p in doc.layout.notes] == ["1"]
    assert [n.get("n") for n in result.tree.getroot().iter(TEI + "note")] == ["1"]


def test_a_step_out_of_order_is_a_bug_said_plainly():
    steps = [s for s in STEPS if s.__name__ != "find_layout"]
    with pytest.raises(AssertionError, match="the layout"):
        ingest_bytes(TEXT.encode(), "doc.txt", steps=steps)


def test_options_reach_their_steps():
    quoted = "Giriş\n\n“Bütün paragraf bir alıntıdır ve burada biter.”\n"
    with_quotes = ingest_bytes(quoted.encode(), "q.txt").tree.getroot()
    without = ingest_bytes(quoted.encode(), "q.txt", Metadata(), IngestOptions(quotations=False)).tree.getroot()
    assert with_quotes.find(f".//{TEI}quote") is not None and without.find(f".//{TEI}quote") is None
