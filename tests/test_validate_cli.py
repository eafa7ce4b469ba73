"""`edition validate` through Click's CliRunner: exact lines and exit codes."""

from __future__ import annotations

import pytest

import json
from pathlib import Path

from click.testing import CliRunner
from lxml import etree

from edition.cli import main

HERE = Path(__file__).resolve().parent
INVALID = HERE / "invalid"
FIXTURES = HERE / "validate_fixtures" / "tei"


CONFORMANCE = HERE / "validate_fixtures" / "conformance"
EDITION = ("--schema", "edition", "--profile", "edition")


@pytest.fixture(autouse=True)
def outside_any_project(tmp_path, monkeypatch):
    """The defaults outside a project: this repository's edition.toml sets its own."""
    monkeypatch.chdir(tmp_path)


def run(*args: str):
    return CliRunner().invoke(main, ["validate", *args])


def assert_all_valid(result, files: int) -> None:
    assert result.exit_code == 0, result.output
    assert result.stderr == f"{files} file{'s' if files != 1 else ''} valid\n"


def test_valid_folder_exits_0_with_summary():
    result = run(str(FIXTURES))
    assert_all_valid(result, 2)
    assert result.stdout == ""


def test_invalid_file_prints_issue_and_summary_on_stderr():
    path = str(INVALID / "bad-when.xml")
    result = run(*EDITION, path)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f'{path}:70:35: error: <date when="31.03.1918">: not an ISO 8601 date; write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 1918-03-31 [date-iso]',
        f'{path}:70:35: error: attribute @when="31.03.1918" on <date> is not allowed or has an invalid value; it must be an ISO 8601 date such as 1918-03-31, 1918-03 or 1918 [schema]',
        "2 errors in 1 of 1 file",
    ]


def test_all_errors_in_all_files_are_reported():
    result = run(*EDITION, str(INVALID / "dangling-ref.xml"), str(INVALID / "not-well-formed.xml"), str(FIXTURES))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert [line.rsplit(" ", 1)[-1] for line in lines[:-1]] == ["[ref-resolves]", "[xml-syntax]"]
    assert lines[-1] == "2 errors in 2 of 4 files"


def test_json_goes_to_stdout():
    result = run("--report", "json", str(INVALID / "duplicate-id.xml"))
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["valid"] is False
    assert [(i["line"], i["col"], i["rule"]) for i in data["issues"]] == [(73, 49, "xml-id-unique")]


def test_junit_is_well_formed_with_one_failure():
    result = run(*EDITION, "--report", "junit", str(INVALID / "pb-out-of-order.xml"), str(FIXTURES / "sample-article.xml"))
    assert result.exit_code == 1
    suite = etree.fromstring(result.stdout.encode())
    assert suite.get("tests") == "2" and suite.get("failures") == "1"
    assert [f.get("type") for f in suite.iter("failure")] == ["pb-order"]


def test_tei_all_accepts_tei_outside_the_customisation(tmp_path, monkeypatch):
    monkeypatch.setenv("EDITION_CACHE_DIR", str(tmp_path))
    path = str(INVALID / "element-not-in-edition.xml")
    assert run("--schema", "edition", path).exit_code == 1
    assert_all_valid(run("--schema", "tei-all", path), 1)
    assert_all_valid(run(path), 1)  # tei-all is the default


def test_missing_path_is_a_usage_error():
    result = run("no/such/folder")
    assert result.exit_code == 2
    assert "Error: Invalid value for PATHS: no/such/folder does not exist" in result.stderr


def test_unknown_schema_is_a_usage_error():
    result = run("--schema", "tei-lite", str(FIXTURES))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for --schema: 'tei-lite' is neither tei-all nor edition nor a .rng, .xsd or .sch file"
    )


def test_missing_schema_file_is_a_usage_error():
    result = run("--schema", "no/such.sch", str(FIXTURES))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "Error: Invalid value for --schema: no/such.sch does not exist"


def test_github_annotations_on_stdout():
    path = str(CONFORMANCE / "date-from-notbefore.xml")
    result = run("--report", "github", path)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"::error file={path.replace(':', '%3A')},line=12,col=58,title=tei-schematron::"
        "The @from and @notBefore attributes cannot be used together. [tei-schematron]"
    ]
    assert result.stderr == "1 error in 1 of 1 file\n"


def test_profile_edition_adds_the_project_rules():
    path = str(CONFORMANCE / "date-without-when.xml")
    assert_all_valid(run(path), 1)
    result = run("--profile", "edition", path)
    assert result.exit_code == 1
    assert [line.rsplit(" ", 1)[-1] for line in result.stderr.splitlines()[:-1]] == ["[doc-id]", "[date-iso]"]


def test_several_schemas_at_once():
    schemas = HERE / "validate_fixtures" / "schemas"
    path = str(CONFORMANCE / "date-from-notbefore.xml")
    result = run("--schema", "tei-all", "--schema", str(schemas / "has-author.sch"), path)
    assert result.exit_code == 1
    assert [line.rsplit(" ", 1)[-1] for line in result.stderr.splitlines()[:-1]] == ["[schematron]", "[tei-schematron]"]


def test_not_tei_is_refused_in_one_line(tmp_path):
    other = tmp_path / "page.xml"
    other.write_text("<html><body/></html>")
    result = run(str(other))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{other}:1:7: error: not a TEI document: the root element is <html>, not <TEI> or <teiCorpus> "
        "in the TEI namespace http://www.tei-c.org/ns/1.0 [tei-root]",
        "1 error in 1 of 1 file",
    ]


def test_default_is_the_tei_folder(tmp_path, monkeypatch):
    (tmp_path / "tei").mkdir()
    for f in FIXTURES.glob("*.xml"):
        (tmp_path / "tei" / f.name).write_bytes(f.read_bytes())
    monkeypatch.chdir(tmp_path)
    assert_all_valid(run(), 2)


def test_help_has_an_example():
    result = run("--help")
    assert result.exit_code == 0
    assert "Example:" in result.output
