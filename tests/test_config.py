"""edition.config and Project.find: a project's config, found and checked."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from edition.cli import main
from edition.config import ALL_KEYS, KEYS, Config, Folders, RenderConfig, ValidateConfig, load
from edition.errors import ConfigError
from edition.paths import Project

ROOT = Path(__file__).resolve().parents[1]
DOCS = (ROOT / "docs" / "config.md").read_text(encoding="utf-8")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def error_of(path: Path) -> ConfigError:
    with pytest.raises(ConfigError) as caught:
        load(path)
    return caught.value


def test_every_key_is_read_into_frozen_dataclasses(tmp_path):
    config = load(write(tmp_path / "edition.toml", """
languages = ["de", "en"]
[folders]
raw = "texts/raw"
tei = "archive"
output = "site"
xslt = "style"
schema = "schemas"
[validate]
schemas = ["tei-all", "schemas/letters.rng", "schemas/rules.sch"]
profile = "edition"
[render]
formats = ["text"]
"""))
    assert config == Config(
        languages=("de", "en"),
        folders=Folders(raw="texts/raw", tei="archive", output="site", xslt="style", schema="schemas"),
        validate=ValidateConfig(schemas=("tei-all", "schemas/letters.rng", "schemas/rules.sch"), profile="edition"),
        render=RenderConfig(formats=("text",)),
        source=tmp_path / "edition.toml",
    )
    with pytest.raises(AttributeError):
        config.languages = ("tr",)  # type: ignore[misc]


def test_an_empty_file_is_the_defaults(tmp_path):
    config = load(write(tmp_path / "edition.toml", "# nothing set\n"))
    assert config == Config(source=tmp_path / "edition.toml")
    assert config.validate == ValidateConfig(schemas=("tei-all",), profile=None)
    assert config.folders == Folders("raw", "tei", "output", "xslt", "schema")


@pytest.mark.parametrize("text, key, line, nearest", [
    ('languages = ["tr"]\n[folders]\ntie = "tei"\n', "folders.tie", 3, "folders.tei"),
    ('langauges = ["tr"]\n', "langauges", 1, "languages"),
    ('[validate]\nschemas = ["tei-all"]\nprofiles = "edition"\n', "validate.profiles", 3, "validate.profile"),
    ('[render]\n\nformat = ["html"]\n', "render.format", 3, "render.formats"),
    ('[folder]\nraw = "raw"\n', "folder", 1, "folders"),
    ('folders.outptu = "site"\n', "folders.outptu", 1, "folders.output"),
])
def test_unknown_keys_name_the_file_line_and_nearest_key(tmp_path, text, key, line, nearest):
    path = write(tmp_path / "edition.toml", text)
    error = error_of(path)
    assert (error.path, error.line, error.message) == (str(path), line, f"unknown key '{key}'")
    assert error.hint == f"Did you mean '{nearest}'? Every key is listed in docs/config.md."


def test_an_unknown_key_far_from_all_is_named_without_a_guess(tmp_path):
    error = error_of(write(tmp_path / "edition.toml", "[render]\nzzz = 1\n"))
    assert (error.line, error.message, error.hint) == (2, "unknown key 'render.zzz'", "Every key is listed in docs/config.md.")


@pytest.mark.parametrize("text, line, message", [
    ('languages = "tr"\n', 1, "'languages' must be a list of strings, not a string"),
    ('languages = []\n', 1, "'languages' is empty"),
    ('languages = ["Turkish"]\n', 1, "'Turkish' is not a language code"),
    ('[folders]\ntei = 3\n', 2, "'folders.tei' must be a string, not a number"),
    ('[folders]\nraw = "../elsewhere"\n', 2, "'folders.raw' = '../elsewhere' leads outside the project"),
    ('[folders]\nraw = "/srv/raw"\n', 2, "'folders.raw' = '/srv/raw' leads outside the project"),
    ('[validate]\nschemas = ["tei-lite"]\n', 2, "'tei-lite' is neither a built-in schema nor a .rng, .xsd or .sch file"),
    ('[validate]\nschemas = ["../x.rng"]\n', 2, "schema file '../x.rng' leads outside the project"),
    ('[validate]\nprofile = true\n', 2, "'validate.profile' is true/false, not one of edition, none"),
    ('[validate]\nprofile = "strict"\n', 2, "'validate.profile' is 'strict', not one of edition, none"),
    ('[render]\nformats = ["pdf"]\n', 2, "unknown output format 'pdf'"),
    ('folders = "raw"\n', 1, "'folders' must be a table, not a string"),
])
def test_wrong_values_are_one_line_errors_with_their_line(tmp_path, text, line, message):
    error = error_of(write(tmp_path / "edition.toml", text))
    assert (error.line, error.message) == (line, message)
    assert "\n" not in str(error)


def test_invalid_toml_names_its_line(tmp_path):
    error = error_of(write(tmp_path / "edition.toml", 'languages = ["tr"]\n[folders\n'))
    assert error.line == 2 and error.message.startswith("not valid TOML: ")


def test_pyproject_tool_edition_table_with_its_own_line_numbers(tmp_path):
    path = write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.edition]\nlanguages = ["en"]\n'
                                               '\n[tool.edition.folders]\ntie = "t"\n')
    error = error_of(path)
    assert (error.line, error.message) == (8, "unknown key 'folders.tie'")
    path.write_text('[project]\nname = "x"\n[tool.edition]\nlanguages = ["en"]\n[tool.edition.folders]\ntei = "t"\n')
    assert Project.find(tmp_path) == Project(tmp_path, Config(languages=("en",), folders=Folders(tei="t"), source=path))


def test_find_walks_up_like_git(tmp_path):
    write(tmp_path / "ed" / "edition.toml", '[folders]\ntei = "archive"\n')
    deep = tmp_path / "ed" / "archive" / "drafts"
    deep.mkdir(parents=True)
    for start in (tmp_path / "ed", tmp_path / "ed" / "archive", deep):
        project = Project.find(start)
        assert project.root == tmp_path / "ed"
        assert project.tei == tmp_path / "ed" / "archive"


def test_a_pyproject_without_tool_edition_is_no_project(tmp_path):
    write(tmp_path / "pyproject.toml", "[project]\nname = 'other'\n")
    write(tmp_path / "sub" / "edition.toml", "")
    assert Project.find(tmp_path / "sub").root == tmp_path / "sub"
    (tmp_path / "lone").mkdir()
    assert Project.find(tmp_path / "lone").config == Config()


def test_without_a_config_the_nearest_folder_with_raw_or_tei_is_the_root(tmp_path):
    (tmp_path / "p" / "raw").mkdir(parents=True)
    assert Project.find(tmp_path / "p" / "raw").root == tmp_path / "p"
    assert Project.find(tmp_path / "p").config == Config()


def test_a_nested_project_is_its_own(tmp_path):
    write(tmp_path / "edition.toml", "")
    write(tmp_path / "inner" / "edition.toml", 'languages = ["en"]\n')
    assert Project.find(tmp_path / "inner").config.languages == ("en",)


def test_both_config_files_in_one_folder_are_refused(tmp_path):
    write(tmp_path / "edition.toml", "")
    write(tmp_path / "pyproject.toml", "[tool.edition]\n")
    with pytest.raises(ConfigError, match="both edition.toml and \\[tool.edition\\]"):
        Project.find(tmp_path)


def test_a_config_mistake_stops_every_command_with_exit_1(tmp_path, monkeypatch):
    write(tmp_path / "edition.toml", "[folders]\ntie = 'x'\n")
    (tmp_path / "tei").mkdir()
    monkeypatch.chdir(tmp_path / "tei")
    for args in (["build"], ["validate"]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 1, result.output
        assert result.output.strip().splitlines()[-1] == (
            f"Error: {tmp_path / 'edition.toml'}: line 2: unknown key 'folders.tie'. "
            "Did you mean 'folders.tei'? Every key is listed in docs/config.md.")


def test_this_repository_is_a_project_that_keeps_its_own_behaviour():
    project = Project.find(ROOT / "tei")
    assert project.root == ROOT
    assert project.config.validate == ValidateConfig(schemas=("edition",), profile="edition")
    assert project.config.source == ROOT / "edition.toml"


def test_docs_list_every_key():
    for key in ALL_KEYS:
        assert (f"`{key}`" in DOCS) or (f"`[{key}]`" in DOCS), key


def test_raw_metadata_keys_are_checked_the_same_way(tmp_path):
    from edition.ingest.header import EDITION_KEYS, SOURCE_KEYS, Metadata

    path = write(tmp_path / "baku.toml", '[source]\ndescription = "x"\n\nautors = ["A. B."]\n')
    with pytest.raises(ConfigError) as caught:
        Metadata.load(path)
    assert str(caught.value) == (f"{path}: line 4: unknown key 'source.autors'. "
                                 "Did you mean 'source.authors'? Every key is listed in docs/raw-metadata.md.")
    path.write_text('[edition]\nlicense = "CC BY"\n')
    with pytest.raises(ConfigError, match="unknown key 'edition.license'.*'edition.licence'"):
        Metadata.load(path)
    docs = (ROOT / "docs" / "raw-metadata.md").read_text(encoding="utf-8")
    for key in [f"source.{k}" for k in SOURCE_KEYS] + [f"edition.{k}" for k in EDITION_KEYS]:
        assert f"`{key}`" in docs, key
    for raw in (ROOT / "raw").glob("*.toml"):
        Metadata.load(raw)  # the shipped metadata uses only listed keys


def test_project_schema_files_resolve_from_the_root(tmp_path):
    write(tmp_path / "edition.toml", '[validate]\nschemas = ["tei-all", "schema/letters.xsd"]\nprofile = "edition"\n')
    project = Project.find(tmp_path / "tei")
    assert project.validate_schemas() == ("tei-all", str(tmp_path / "schema" / "letters.xsd"))
    assert project.config.validate.profile == "edition"


@given(table=st.sampled_from(["", "folders", "validate", "render"]),
       key=st.from_regex(r"[a-z][a-z_]{0,12}", fullmatch=True),
       blank_lines=st.integers(0, 3))
@settings(max_examples=60, deadline=None)
def test_any_unknown_key_is_refused_at_its_line(tmp_path_factory, table, key, blank_lines):
    assume(key not in KEYS[table] and not (table == "" and key in KEYS))
    header = f"[{table}]\n" if table else ""
    text = 'languages = ["tr"]\n' + "\n" * blank_lines + header + f'{key} = "x"\n'
    path = write(tmp_path_factory.mktemp("cfg") / "edition.toml", text)
    error = error_of(path)
    assert error.message == f"unknown key '{key if not table else table + '.' + key}'"
    assert error.line == text.count("\n")


@pytest.mark.parametrize("languages,expected", [((), None), (("tr",), "tr"), (("az", "tr"), "az")])
def test_default_language_is_the_first_declared(languages, expected):
    assert Config(languages=languages).default_language == expected
