"""edition.pipeline: each stage alone on a small project, then the build as
the list of them (byte-identical for any number of jobs)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from edition import pipeline
from edition.editor_work import EditorWork
from edition.errors import OutputExistsError
from edition.parallel import DocumentPool
from edition.paths import Project
from edition.pipeline import BuildOptions, BuildRun, build
from project_helpers import make_project

TEXT = (
    "Giriş\n\n"
    "General Denikin 12 Mart 1919’da Bakü’ye geldi ve Müsavat Partisi ile görüş-\n"
    "tü.1 Sonra Tiflis’e gitti.\n\n"
    "(1) Firuz Kazemzadeh, The Struggle for Transcaucasia, New York, 1951, s. 215.\n"
)
SECOND = "Giriş\n\nAğustos ayında Denikin Kars’a gitti. Sonra Bakü’ye döndü.\n"


class Ticks:
    """A progress callback that keeps what it was told, per stage."""

    def __init__(self) -> None:
        self.seen: dict[str, list[tuple[int, int]]] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        self.seen.setdefault(stage, []).append((done, total))

    def total(self, stage: str) -> int:
        return self.seen[stage][-1][1] if stage in self.seen else 0


@pytest.fixture
def project(tmp_path: Path) -> Project:
    (tmp_path / "p").mkdir()
    folder = make_project(tmp_path / "p", TEXT, registers=True)
    (folder / "raw" / "ikinci.txt").write_text(SECOND, encoding="utf-8")
    return Project.find(folder)


def new_run(project: Project, pool: DocumentPool, **options: object) -> tuple[BuildRun, Ticks]:
    ticks = Ticks()
    run = pipeline.start(project, BuildOptions(jobs=pool.jobs, **options), pool, ticks)  # type: ignore[arg-type]
    return run, ticks


def run_stages(run: BuildRun, *names: str) -> None:
    """Some stages, then the state saved (as build does at its end)."""
    stages = dict(pipeline.STAGES)
    for name in names:
        stages[name](run)
    run.save()


def tree_bytes(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for sub in ("tei", "output") for p in sorted((folder / sub).rglob("*")) if p.is_file()}


def test_the_build_is_the_list_of_stages_in_flow_order():
    assert [name for name, _stage in pipeline.STAGES] == ["ingest", "annotate", "validate", "count", "render", "review"]
    for _name, stage in pipeline.STAGES:  # each says what it reads, its key and what it writes
        assert all(word in (stage.__doc__ or "") for word in ("Reads:", "Key", "Writes:")), stage.__name__


def test_ingest_writes_missing_tei_and_records_it_then_leaves_it(project):
    with DocumentPool(1) as pool:
        run, ticks = new_run(project, pool)
        run_stages(run, "ingest")
    assert [d.name for d in run.docs] == ["ikinci.xml", "ornek.xml"]
    assert ticks.seen["ingest"][-1] == (2, 2)
    work = EditorWork.from_state(pipeline.load_state(project))
    assert work.is_generated("ornek") and work.is_generated("ikinci")
    with DocumentPool(1) as pool:
        again, ticks = new_run(project, pool)
        assert pipeline.texts_to_ingest(again) == []


def test_reingest_refuses_an_edited_file_it_cannot_merge_before_writing_anything(project):
    with DocumentPool(1) as pool:
        run_stages(new_run(project, pool)[0], "ingest")
    edited = project.tei / "ornek.xml"
    edited.write_text("<TEI/>\n", encoding="utf-8")  # an editor's file, and no kept version to merge from
    (project.root / ".edition-cache" / "generated" / "ornek.xml").unlink()
    other = (project.tei / "ikinci.xml").read_bytes()
    with DocumentPool(1) as pool, pytest.raises(OutputExistsError) as caught:
        run_stages(new_run(project, pool, reingest=True)[0], "ingest")
    assert caught.value.path == str(edited)
    assert "nothing was re-ingested" in caught.value.message and "--reingest" in (caught.value.hint or "")
    assert edited.read_text(encoding="utf-8") == "<TEI/>\n" and (project.tei / "ikinci.xml").read_bytes() == other


def test_annotate_settles_texts_whose_key_is_unchanged(project):
    with DocumentPool(1) as pool:
        first, _ = new_run(project, pool)
        run_stages(first, "ingest", "annotate")
        second, ticks = new_run(project, pool)
        run_stages(second, "ingest", "annotate")
    assert sorted(first.report.built) == ["ikinci", "ornek"]
    assert second.report.built == [] and sorted(second.report.skipped) == ["ikinci", "ornek"]
    assert "annotate" not in ticks.seen
    assert set(second.digests.values()) == {hashlib.sha256(d.read_bytes()).hexdigest() for d in second.docs}


def test_validate_redoes_only_the_text_that_changed(project):
    with DocumentPool(1) as pool:
        first, ticks = new_run(project, pool)
        run_stages(first, "ingest", "annotate", "validate")
        assert ticks.total("validate") == 3  # two texts and the registers
        path = project.tei / "ikinci.xml"
        path.write_text(path.read_text(encoding="utf-8").replace("Sonra", "Daha sonra"), encoding="utf-8")
        second, ticks = new_run(project, pool)
        run_stages(second, "ingest", "annotate", "validate")
    assert ticks.total("validate") == 1  # the edited text; the registers did not change
    assert second.report.failed == [] and len(second.docs) == 2


def test_a_text_with_an_error_leaves_the_build_and_is_validated_again(project):
    with DocumentPool(1) as pool:
        run_stages(new_run(project, pool)[0], "ingest", "annotate", "validate")
        path = project.tei / "ornek.xml"
        path.write_text(path.read_text(encoding="utf-8").replace('n="1"', 'n="1" when="not-a-date"', 1),
                        encoding="utf-8")
        for _attempt in range(2):
            run, ticks = new_run(project, pool)
            run_stages(run, "ingest", "annotate", "validate")
            assert run.report.failed == ["ornek"] and [d.stem for d in run.docs] == ["ikinci"]
            assert ticks.total("validate") == 1


def test_count_reads_only_texts_whose_digest_changed(project):
    with DocumentPool(1) as pool:
        first, ticks = new_run(project, pool)
        run_stages(first, "ingest", "annotate", "validate", "count")
        assert ticks.total("count") == 2 and first.report.entities["placeName"] >= 3
        second, ticks = new_run(project, pool)
        run_stages(second, "ingest", "annotate", "validate", "count")
    assert "count" not in ticks.seen
    assert second.report.entities == first.report.entities and second.report.notes == first.report.notes == 1


def test_render_is_skipped_when_its_key_is_unchanged(project):
    report = build(project, BuildOptions(jobs=1, formats=("text",)))
    assert report.rendered and (project.output / "text" / "ornek.txt").is_file()
    again = build(project, BuildOptions(jobs=1, formats=("text",)))
    assert not again.rendered
    assert set(again.seconds) == set(again.cpu_seconds) == {name for name, _ in pipeline.STAGES}


def test_output_is_byte_identical_for_any_jobs(tmp_path):
    folders = []
    for jobs in (1, 2):
        (tmp_path / f"j{jobs}").mkdir()
        folder = make_project(tmp_path / f"j{jobs}", TEXT, registers=True)
        (folder / "raw" / "ikinci.txt").write_text(SECOND, encoding="utf-8")
        report = build(Project.find(folder), BuildOptions(jobs=jobs))
        assert report.ok, report.issues
        folders.append(folder)
    assert tree_bytes(folders[0]) == tree_bytes(folders[1])


def test_the_review_stage_writes_the_editors_page_once_and_again_when_a_text_changes(project: Project):
    report = build(project, BuildOptions(jobs=1))
    page = project.output / "review" / "index.html"
    assert report.seconds.keys() >= {"review"} and page.is_file()
    first = page.read_bytes()
    assert b"Denikin" in first or b"candidate" in first.lower()
    page.write_bytes(b"stale")  # a second build with nothing changed leaves the page alone
    build(project, BuildOptions(jobs=1))
    assert page.read_bytes() == b"stale"
    tei = project.tei / "ikinci.xml"
    tei.write_bytes(tei.read_bytes().replace("Kars".encode(), "Ardahan".encode()))
    build(project, BuildOptions(jobs=1))
    assert page.read_bytes() != b"stale"


def test_no_review_page_without_the_html_format(project: Project):
    build(project, BuildOptions(jobs=1, formats=("text",)))
    assert not (project.output / "review").exists()
