"""``edition render`` through Click's CliRunner: outputs, options, errors."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from edition.cli import main

FIXTURES = Path(__file__).resolve().parent / "render_fixtures"
SAMPLE = FIXTURES / "sample.xml"


def run(*args):
    return CliRunner().invoke(main, ["render", *map(str, args)])


def test_help_has_an_example():
    result = run("--help")
    assert result.exit_code == 0
    assert "Example:" in result.output and "edition render tei/*.xml" in result.output


def test_renders_the_html_site(tmp_path):
    result = run(SAMPLE, FIXTURES / "registers.xml", "--output-dir", tmp_path)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "html" / "sample.html").is_file()
    # registers.xml among the files (tei/*.xml) is the register, not a text.
    assert not (tmp_path / "html" / "registers.html").exists()
    assert 'data-entry="place-baku"' in (tmp_path / "html" / "sample.html").read_text(encoding="utf-8")
    assert result.stdout.strip().endswith(f"files written to {tmp_path / 'html'}.")


def test_text_options_reach_the_stylesheet(tmp_path):
    result = run(SAMPLE, "--format", "text", "--no-wrap", "--page-markers", "--notes", "section", "--output-dir", tmp_path)
    assert result.exit_code == 0, result.output
    text = (tmp_path / "text" / "sample.txt").read_text(encoding="utf-8")
    assert "ele [s. 2] geçirilen belgelerle de desteklenir." in text
    assert "\nNotlar\n" not in text


def test_too_narrow_width_is_an_error_with_a_next_step(tmp_path):
    result = run(SAMPLE, "--format", "text", "--width", "5", "--output-dir", tmp_path)
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == "Error: width 5 is too narrow. Use 20 or more, or 0 for no wrapping."


def test_a_file_that_is_not_tei_is_an_error(tmp_path):
    other = tmp_path / "notes.xml"
    other.write_text("<notes/>")
    result = run(other, "--output-dir", tmp_path)
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-2:] == [
        f"{other}: error: not a TEI document (the root element is neither TEI nor teiCorpus). "
        "Pass TEI P5 files (namespace http://www.tei-c.org/ns/1.0). [render]",
        f"Error: 1 of 1 documents not rendered: {other}. The others (0) were; fix these and render again."]


def test_no_files_is_a_usage_error():
    assert run().exit_code == 2
