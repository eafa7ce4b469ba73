"""`edition build` end to end on a small project, and CLI-wide checks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from project_helpers import make_project
from edition.cli import main

ROOT = Path(__file__).resolve().parents[1]
TEXT = (
    "Giriş\n\n"
    "General Denikin 12 Mart 1919’da Bakü’ye geldi ve Müsavat Partisi ile görüş-\n"
    "tü.1 Sonra Tiflis’e gitti.\n\n"
    "(1) Firuz Kazemzadeh, The Struggle for Transcaucasia, New York, 1951, s. 215.\n"
)


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path, TEXT, registers=True)


def test_build_then_noop_then_broken(project):
    runner = CliRunner()
    first = runner.invoke(main, ["build", "--project-dir", str(project), "-j", "1"])
    assert first.exit_code == 0, first.output
    assert (project / "tei" / "ornek.xml").exists()
    assert (project / "output" / "html" / "ornek.html").exists()
    assert (project / "output" / "text" / "ornek.txt").exists()
    assert "1 built, 0 skipped, 0 failed" in first.output
    second = runner.invoke(main, ["build", "--project-dir", str(project)])
    assert second.exit_code == 0 and "0 built, 1 skipped, 0 failed" in second.output
    check = runner.invoke(main, ["build", "--project-dir", str(project), "--check"])
    assert check.exit_code == 0, check.output
    # An invalid TEI file fails the build with its location; output is kept.
    html = (project / "output" / "html" / "ornek.html").read_bytes()
    tei = project / "tei" / "ornek.xml"
    tei.write_text(tei.read_text(encoding="utf-8").replace('n="1"', 'n="1" when="not-a-date"', 1), encoding="utf-8")
    broken = runner.invoke(main, ["build", "--project-dir", str(project), "-q"])
    assert broken.exit_code == 1
    assert "ornek.xml:" in broken.output and "error" in broken.output
    assert (project / "output" / "html" / "ornek.html").read_bytes() == html


def test_every_command_has_help_and_is_in_readme():
    runner = CliRunner()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert main.commands, "no commands registered"
    for name, command in main.commands.items():
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0
        assert "Example:" in result.output, name
        assert f"edition {name}" in readme, name


def test_parallel_validation_reports_what_one_process_does(tmp_path, monkeypatch):
    from edition import pipeline
    from edition.parallel import DocumentPool
    from edition.pipeline import validate_documents
    from edition.validate import ValidateOptions

    monkeypatch.setattr(pipeline, "VALIDATE_CHUNK", 2)  # five chunks over two workers

    fixtures = ROOT / "tests" / "validate_fixtures" / "tei"
    shutil.copy(fixtures / "registers.xml", tmp_path / "registers.xml")
    sample = (fixtures / "sample-article.xml").read_text(encoding="utf-8")
    docs = []
    for k in range(9):
        doc = tmp_path / f"doc-{k}.xml"
        text = sample.replace('xml:id="sample-article"', f'xml:id="doc-{k}"')
        if k in (2, 7):  # two broken documents, in different workers
            text = text.replace('when="1918-03-31"', 'when="31.03.1918"', 1)
        doc.write_text(text, encoding="utf-8")
        docs.append(doc)
    options = ValidateOptions(schemas=("edition",), profile="edition")
    paths = [*docs, tmp_path / "registers.xml"]
    with DocumentPool(1) as pool:
        one = validate_documents(pool, paths, options)
    with DocumentPool(2) as pool:
        two = validate_documents(pool, paths, options)
    assert [i.format() for i in one] == [i.format() for i in two]
    assert {Path(i.path).name for i in one if i.severity == "error"} == {"doc-2.xml", "doc-7.xml"}
