"""What every command shares (edition.cli._common): one set of options, one
error style, a project found from any of its folders."""

from __future__ import annotations

import importlib
import os
import re
import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from edition.cli import _common, main
from edition.errors import EditionError

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
TEXT = (
    "Giriş\n\n"
    "General Denikin 12 Mart 1919’da Bakü’ye geldi ve Müsavat Partisi ile görüş-\n"
    "tü.1 Sonra Tiflis’e gitti.\n\n"
    "(1) Firuz Kazemzadeh, The Struggle for Transcaucasia, New York, 1951, s. 215.\n"
)


def options_of(command: click.Command) -> dict[str, click.Parameter]:
    return {opt: param for param in command.params for opt in param.opts}


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_has_help_an_example_the_common_options_and_a_readme_entry(name):
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output and f"edition {name}" in result.output
    assert f"`edition {name}" in README, f"edition {name} is not in the README's command table"
    options = options_of(main.commands[name])
    for flag in ("-q", "--quiet", "-v", "--verbose"):
        assert flag in options, f"edition {name} lacks {flag}"
    if "--jobs" in options:
        jobs = options["--jobs"]
        assert jobs.opts == ["-j", "--jobs"] and jobs.default is None
        assert "[default: 1 for one file, else the CPU count]" in jobs.help


def test_format_is_only_renders_output_format():
    for name, command in main.commands.items():
        assert ("--format" in options_of(command)) == (name == "render"), name


def test_the_jobs_default_is_one_rule():
    assert _common.resolve_jobs(None, 1) == 1
    assert _common.resolve_jobs(None, 0) == 1
    assert _common.resolve_jobs(None, 5) == max(1, os.cpu_count() or 1)
    assert _common.resolve_jobs(3, 1) == 3


@pytest.mark.parametrize("args", [["ingest", "no/such.txt"], ["annotate", "no/such.xml"],
                                  ["render", "no/such.xml"], ["validate", "no/such.xml"]])
def test_a_missing_file_is_a_usage_error_everywhere(args):
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    assert "no/such" in result.output and "does not exist" in result.output


def test_quiet_and_verbose_exclude_each_other():
    result = CliRunner().invoke(main, ["validate", "-q", "-v", "x"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1] == "Error: --quiet and --verbose exclude each other; pass one."


def test_library_errors_become_sentences():
    assert str(EditionError("no raw texts to build", path="p/raw", hint="Put texts there")) == \
        "p/raw: no raw texts to build. Put texts there."
    assert str(EditionError("bad date", path="a.xml", line=3, col=4)) == \
        "a.xml: line 3, column 4: bad date."
    assert str(EditionError("Is it?")) == "Is it?"


def test_build_in_an_empty_folder_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {tmp_path / 'raw'}: no raw texts to build. Put raw/<id>.txt files there."


def test_the_gazetteer_index_build_is_announced_once(tmp_path, monkeypatch, capsys):
    gazetteer = importlib.import_module("edition.annotate.gazetteer")  # the package exports a function of that name
    built = []
    index = tmp_path / "gazetteer.sqlite"
    monkeypatch.setattr(gazetteer, "index_path", lambda cache=None: index)
    monkeypatch.setattr(gazetteer, "Gazetteer", lambda: built.append(1) or index.write_bytes(b""))
    _common.announce_gazetteer(_common.Reporter())
    assert capsys.readouterr().err == "Building the gazetteer index (once per machine, ~10 s)…\n"
    _common.announce_gazetteer(_common.Reporter())  # now it exists
    assert capsys.readouterr().err == "" and built == [1]
    index.unlink()
    _common.announce_gazetteer(_common.Reporter(quiet=True))
    assert capsys.readouterr().err == "" and built == [1, 1]


def test_progress_announces_each_stage_once_when_not_a_terminal(capsys):
    reporter = _common.Reporter()
    for done in range(4):
        reporter.progress("annotate", done, 3)
    reporter.progress("render", 1, 2)
    reporter.progress("render", 2, 2)
    _common.Reporter(quiet=True).progress("ingest", 1, 1)
    assert capsys.readouterr().err == "Annotating 3 documents…\nRendering 2 formats…\n"


@pytest.fixture
def raw_only(tmp_path):
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "ornek.txt").write_text(TEXT, encoding="utf-8")
    return tmp_path


def test_every_command_works_from_a_subfolder_of_a_project_with_only_raw(raw_only, monkeypatch):
    runner = CliRunner()
    monkeypatch.chdir(raw_only / "raw")
    result = runner.invoke(main, ["build", "-j", "1"])
    assert result.exit_code == 0, result.output
    assert (raw_only / "tei" / "ornek.xml").is_file() and (raw_only / "output" / "html" / "ornek.html").is_file()
    assert not (raw_only / "raw" / "tei").exists()

    monkeypatch.chdir(raw_only / "tei")
    assert runner.invoke(main, ["build", "--check"]).exit_code == 0
    validate = runner.invoke(main, ["validate"])
    assert validate.exit_code == 0 and validate.stderr == "2 files valid\n"
    annotate = runner.invoke(main, ["annotate", "ornek.xml", "-q"])
    assert annotate.exit_code == 0 and annotate.output == ""
    assert (raw_only / "tei" / "registers.xml").is_file() and not (raw_only / "tei" / "tei").exists()
    (raw_only / "tei" / "ornek.xml").unlink()
    ingest = runner.invoke(main, ["ingest", "../raw/ornek.txt"])
    assert ingest.exit_code == 0 and ingest.stdout == "ornek.xml\n"
    assert (raw_only / "tei" / "ornek.xml").is_file()


def test_render_uses_the_projects_stylesheets_like_build(raw_only, monkeypatch):
    shutil.copytree(ROOT / "xslt", raw_only / "xslt")
    labels = raw_only / "xslt" / "common" / "labels.xml"
    labels.write_text(labels.read_text(encoding="utf-8").replace("<tr>Notlar</tr>", "<tr>DİPNOTLAR</tr>"),
                      encoding="utf-8")
    monkeypatch.chdir(raw_only)
    runner = CliRunner()
    assert runner.invoke(main, ["build", "-j", "1", "-q"]).exit_code == 0
    built = (raw_only / "output" / "text" / "ornek.txt").read_text(encoding="utf-8")
    assert "\nDİPNOTLAR\n" in built and "Notlar" not in built
    shutil.rmtree(raw_only / "output")
    monkeypatch.chdir(raw_only / "tei")
    result = runner.invoke(main, ["render", "ornek.xml", "--format", "text"])
    assert result.exit_code == 0, result.output
    assert (raw_only / "output" / "text" / "ornek.txt").read_text(encoding="utf-8") == built


def test_readme_lists_every_command_in_its_table():
    table = re.findall(r"^\| `edition (\w+)", README, re.MULTILINE)
    assert set(table) == set(main.commands)


def test_usage_errors_become_clicks_invalid_value_and_exit_2():
    from edition.errors import UsageError

    @click.command()
    def probe() -> None:
        with _common.usage_errors("--schema"):
            raise UsageError("x.sch does not exist")

    result = CliRunner().invoke(probe, [])
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == "Error: Invalid value for --schema: x.sch does not exist"


def test_an_os_error_without_errno_reads_as_its_message_not_success():
    from edition.cli._common import os_error_message

    assert os_error_message(TimeoutError("the step took too long")) == "the step took too long."
    assert os_error_message(PermissionError(13, "Permission denied", "tei/x.xml")).startswith(
        "tei/x.xml: permission denied.")
