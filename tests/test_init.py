"""`edition init` and edition.scaffold: a new project that works as it stands."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from click.testing import CliRunner
from lxml import etree

from edition import __version__
from edition.cli import main
from edition.config import Config, load
from edition.paths import Project
from edition.scaffold import files

SCAFFOLD = [".github/workflows/edition.yml", ".gitignore", ".pre-commit-config.yaml", "README.md",
            "edition.toml", "raw/README.md", "xslt/README.md"]


def init(*args: str):
    return CliRunner().invoke(main, ["init", *args])


def written(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_init_writes_a_project_that_find_recognises(tmp_path):
    project = tmp_path / "letters"
    result = init(str(project))
    assert result.exit_code == 0, result.output
    assert written(project) == sorted(SCAFFOLD)
    assert (project / "raw").is_dir() and (project / "tei").is_dir()
    assert result.output.endswith("put raw texts in raw/<id>.txt and run `edition build`.\n")
    # The commented config says what the defaults are, so it loads to them.
    assert load(project / "edition.toml") == Config(source=project / "edition.toml")
    found = Project.find(project / "raw")
    assert found.root == project and found.config.source == project / "edition.toml"
    assert (project / "README.md").read_text(encoding="utf-8").startswith("# letters\n")


def test_init_in_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert init().exit_code == 0
    assert written(tmp_path) == sorted(SCAFFOLD)


def test_init_refuses_to_overwrite_and_writes_nothing(tmp_path):
    (tmp_path / "README.md").write_text("my notes")
    result = init(str(tmp_path))
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"Error: {tmp_path}: README.md already exists; nothing was written. "
        "Pass --force to replace them (your edits to them are lost).")
    assert written(tmp_path) == ["README.md"] and not (tmp_path / "raw").exists()
    assert (tmp_path / "README.md").read_text() == "my notes"


def test_init_force_replaces(tmp_path):
    (tmp_path / "README.md").write_text("my notes")
    assert init(str(tmp_path), "--force").exit_code == 0
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == files(tmp_path.name)["README.md"]


def edition_command_lines(text: str) -> list[list[str]]:
    return [shlex.split(m) for m in re.findall(r"(?:run|entry): (edition [^\n]*)", text)]


def test_the_workflow_and_hook_call_real_commands_and_options():
    scaffold = files("x")
    workflow = scaffold[".github/workflows/edition.yml"]
    assert f'EDITION: "edition=={__version__}"' in workflow
    assert 'pip install "$EDITION"' in workflow
    calls = edition_command_lines(workflow) + edition_command_lines(scaffold[".pre-commit-config.yaml"])
    assert [c[:2] for c in calls] == [["edition", "build"], ["edition", "validate"], ["edition", "validate"]]
    assert calls[0][2:] == ["--check"] and calls[1][2:] == ["--report", "github"]
    for call in calls:
        command = main.commands[call[1]]
        options = {opt for param in command.params for opt in param.opts}
        assert {arg for arg in call[2:] if arg.startswith("-")} <= options, call
    assert "id: edition-validate" in scaffold[".pre-commit-config.yaml"]
    assert "files: ^tei/.*\\.xml$" in scaffold[".pre-commit-config.yaml"]


def test_the_override_example_is_a_stylesheet_importing_the_shipped_one():
    readme = files("x")["xslt/README.md"]
    example = re.search(r"```xml\n(.*?)```", readme, re.DOTALL).group(1)
    sheet = etree.fromstring(example.encode())
    xsl = "{http://www.w3.org/1999/XSL/Transform}"
    param = sheet.find(f"{xsl}param")
    assert (param.get("name"), param.get("static"), param.get("as")) == ("shipped-xslt", "yes", "xs:string")
    assert sheet.find(f"{xsl}import").get("_href") == "{$shipped-xslt}html/html.xsl"


def test_init_does_not_write_through_a_folder_linked_out_of_the_project(tmp_path):
    project, elsewhere = tmp_path / "proj", tmp_path / "elsewhere"
    project.mkdir()
    elsewhere.mkdir()
    (project / ".github").symlink_to(elsewhere)
    result = init(str(project), "--force")
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {project}: '.github/workflows/edition.yml' leads outside {project}."
    assert list(elsewhere.iterdir()) == [] and written(project) == []
