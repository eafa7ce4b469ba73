"""A project's configuration: ``edition.toml``, or ``[tool.edition]`` in ``pyproject.toml``.

The file is read once, checked completely and turned into frozen dataclasses,
so every stage reads settled values and none re-checks them. Every key is
listed in ``docs/config.md``; :data:`KEYS` is the single table of what is
allowed, with each key's default. A mistake stops the command with one line
naming the file, the line and the key, and, for an unknown key, the nearest
key that exists (a typo like ``folders.tie`` should not be silently ignored:
the project would quietly use the default folder).
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from .errors import ConfigError

CONFIG_FILE = "edition.toml"
PYPROJECT_FILE = "pyproject.toml"
PYPROJECT_TABLE = ("tool", "edition")

#: Built-in schema names of ``[validate] schemas`` (and ``--schema``); other
#: entries are project files, by suffix.
BUILTIN_SCHEMAS = ("tei-all", "edition")
SCHEMA_SUFFIXES = (".rng", ".xsd", ".sch")
#: Profiles: sets of project rules on top of the schemas (the edition's own).
RULE_PROFILES = ("edition",)
#: ``[validate] profile`` (and ``--profile``): a profile, or none (TEI only).
PROFILES = (*RULE_PROFILES, "none")
FORMATS = ("html", "text")
LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")


@dataclass(frozen=True)
class Folders:
    """The project's folders, relative to its root."""

    raw: str = "raw"
    tei: str = "tei"
    output: str = "output"
    xslt: str = "xslt"
    schema: str = "schema"


@dataclass(frozen=True)
class ValidateConfig:
    """``schemas``: built-in names or project files (paths from the root);
    ``profile``: ``"edition"`` for the edition's project rules, ``None`` for TEI only."""

    schemas: tuple[str, ...] = ("tei-all",)
    profile: str | None = None


@dataclass(frozen=True)
class RenderConfig:
    formats: tuple[str, ...] = FORMATS
    site_title: str = ""  # the HTML site's name; empty: each text's own title


@dataclass(frozen=True)
class Config:
    """The checked configuration of one project; ``source`` is the file it came from."""

    languages: tuple[str, ...] = ()  # none declared: each document says, or its words are read
    folders: Folders = field(default_factory=Folders)
    validate: ValidateConfig = field(default_factory=ValidateConfig)
    render: RenderConfig = field(default_factory=RenderConfig)
    source: Path | None = None

    @property
    def default_language(self) -> str | None:
        """The language of a document that declares none: the first of
        ``languages``; None if there are none (its words decide)."""
        return self.languages[0] if self.languages else None


#: Every key a config may hold: table → key → what its value must be.
KEYS: dict[str, Collection[str]] = {
    "": {"languages": "list of languages"},
    "folders": {name: "folder" for name in ("raw", "tei", "output", "xslt", "schema")},
    "validate": {"schemas": "list of schemas", "profile": "profile"},
    "render": {"formats": "list of formats", "site_title": "string"},
}


def _dotted(table: str, key: str) -> str:
    return f"{table}.{key}" if table else key


def _all_keys(keys: dict[str, Collection[str]]) -> list[str]:
    return [_dotted(t, k) for t, names in keys.items() for k in names] + [t for t in keys if t]


ALL_KEYS = _all_keys(KEYS)


def config_file_in(folder: Path) -> Path | None:
    """The config file of ``folder`` if it is a project root, else None.

    Both files at once would leave a reader unsure which one counts: refused.
    """
    own = folder / CONFIG_FILE
    pyproject = folder / PYPROJECT_FILE
    has_own = own.is_file()
    has_table = pyproject.is_file() and _has_edition_table(pyproject)
    if has_own and has_table:
        raise ConfigError(
            f"both {CONFIG_FILE} and [tool.edition] in {PYPROJECT_FILE} configure this project",
            path=str(folder),
            hint="Keep one of them (the keys are the same; see docs/config.md).",
        )
    return own if has_own else pyproject if has_table else None


def _has_edition_table(pyproject: Path) -> bool:
    # A text test, not a parse: most pyproject.toml files belong to no
    # edition project and need not be valid TOML for that to be known.
    try:
        text = pyproject.read_text(encoding="utf-8", errors="replace")
    except OSError:  # unreadable: not ours to configure
        return False
    return re.search(r"^\s*\[\s*tool\.edition\s*[\].]", text, re.MULTILINE) is not None


def load(path: Path) -> Config:
    """The checked configuration in ``path`` (``edition.toml`` or ``pyproject.toml``)."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"not UTF-8 (byte {exc.object[exc.start]:#04x})", path=str(path),
                          hint="Save the file as UTF-8.") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc)) or "not valid TOML"
        raise ConfigError(
            f"not valid TOML: {message[0].lower() + message[1:]}",
            path=str(path),
            line=int(where.group(1)) if where else None,
            col=int(where.group(2)) if where else None,
            hint="See https://toml.io for the syntax.",
        ) from None
    prefix: tuple[str, ...] = ()
    if path.name == PYPROJECT_FILE:
        prefix = PYPROJECT_TABLE
        data = data.get("tool", {}).get("edition", {})
    return _Checker(path, text, prefix).config(data)


def check_keys(path: Path, data: dict[str, Any], keys: dict[str, Collection[str]], *, docs: str) -> None:
    """Refuse the first key of ``data`` (parsed from the TOML file ``path``)
    that ``keys`` (table → key names; ``""`` the top level) does not list:
    a :class:`ConfigError` naming its line, the nearest valid key and the
    ``docs`` page that lists them. For the other TOML files a project keeps,
    such as the raw texts' metadata."""
    checker = _Checker(path, path.read_text(encoding="utf-8"), (), keys, docs)
    checker.known_keys("", data)
    for table in keys:
        if table and isinstance(data.get(table), dict):
            checker.known_keys(table, data[table])


class _Checker:
    """Turns the parsed TOML into a :class:`Config`, or stops at the first mistake."""

    def __init__(self, path: Path, text: str, prefix: tuple[str, ...],
                 keys: dict[str, Collection[str]] = KEYS, docs: str = "docs/config.md") -> None:
        self.path = path
        self.lines = text.splitlines()
        self.prefix = prefix
        self.keys = keys
        self.docs = docs

    def error(self, table: str, key: str | None, message: str, hint: str) -> ConfigError:
        return ConfigError(message, path=str(self.path), line=self.line_of(table, key), hint=hint)

    def line_of(self, table: str, key: str | None) -> int | None:
        """The line that sets ``table.key`` (or opens ``[table]``): found by
        reading the text, since tomllib keeps no positions. Good enough for
        the forms people write (``[table]`` then ``key =``, or dotted keys)."""
        full_table = ".".join((*self.prefix, *([table] if table else [])))
        target = ".".join(filter(None, (full_table, key)))
        current = ".".join(self.prefix)
        for number, line in enumerate(self.lines, 1):
            header = re.match(r"^\s*\[\s*([^\[\]]+?)\s*\]", line)
            if header:
                current = re.sub(r"\s*\.\s*", ".", header.group(1))
                if current == target or current.startswith(target + "."):  # the key is a table
                    return number
                continue
            assigned = re.match(r"^\s*([A-Za-z0-9_.\-\" ]+?)\s*=", line)
            if not assigned:
                continue
            name = re.sub(r"\s*\.\s*", ".", assigned.group(1).replace('"', ""))
            if ".".join(filter(None, (current, name))) == target:
                return number
        return None

    def config(self, data: dict[str, Any]) -> Config:
        self.known_keys("", data)
        for table in ("folders", "validate", "render"):
            if table in data and not isinstance(data[table], dict):
                raise self.error("", table, f"'{table}' must be a table, not {_kind(data[table])}",
                                 f"Write it as a [{table}] section.")
            self.known_keys(table, data.get(table, {}))
        folders = data.get("folders", {})
        validate = data.get("validate", {})
        render = data.get("render", {})
        return Config(
            languages=self.languages(data),
            folders=Folders(**{name: self.folder(name, value) for name, value in folders.items()}),
            validate=ValidateConfig(
                schemas=self.schemas(validate) if "schemas" in validate else ValidateConfig.schemas,
                profile=self.profile(validate),
            ),
            render=RenderConfig(formats=self.formats(render) if "formats" in render else FORMATS,
                                site_title=self.site_title(render)),
            source=self.path,
        )

    def known_keys(self, table: str, values: dict[str, Any]) -> None:
        for key in values:
            if key in self.keys[table] or (not table and key in self.keys):
                continue
            name = _dotted(table, key)
            # a key inside a table is compared with keys, a top-level one with tables too
            every = _all_keys(self.keys)
            candidates = [k for k in every if "." in k] if table else [*self.keys[""], *(t for t in self.keys if t)]
            nearest = difflib.get_close_matches(name, candidates, n=1, cutoff=0.6)
            if not nearest and table:
                nearest = [_dotted(table, k) for k in difflib.get_close_matches(key, list(self.keys[table]), n=1,
                                                                                cutoff=0.5)]
            suggestion = f"Did you mean '{nearest[0]}'? " if nearest else ""
            raise self.error(table, key, f"unknown key '{name}'",
                             f"{suggestion}Every key is listed in {self.docs}.")

    def string_list(self, table: str, key: str, value: Any, what: str) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.error(table, key, f"'{_dotted(table, key)}' must be a list of strings, not {_kind(value)}",
                             f'Write it like {key} = ["{what}"].')
        if not value:
            raise self.error(table, key, f"'{_dotted(table, key)}' is empty",
                             f'Name at least one, e.g. {key} = ["{what}"], or leave the key out.')
        return tuple(value)

    def languages(self, data: dict[str, Any]) -> tuple[str, ...]:
        if "languages" not in data:
            return Config.languages
        languages = self.string_list("", "languages", data["languages"], "tr")
        for language in languages:
            if not LANGUAGE.match(language):
                raise self.error("", "languages", f"'{language}' is not a language code",
                                 "Use ISO 639 codes such as \"tr\", \"en\" or \"de\".")
        return languages

    def folder(self, name: str, value: Any) -> str:
        if not isinstance(value, str):
            raise self.error("folders", name, f"'folders.{name}' must be a string, not {_kind(value)}",
                             f'Write it like {name} = "{getattr(Folders, name)}".')
        relative = PurePosixPath(value.replace("\\", "/"))
        if not value.strip() or relative.is_absolute() or ".." in relative.parts or re.match(r"^[A-Za-z]:", value):
            raise self.error("folders", name, f"'folders.{name}' = {value!r} leads outside the project",
                             "Name a folder inside the project, relative to its root.")
        return str(relative)

    def schemas(self, validate: dict[str, Any]) -> tuple[str, ...]:
        schemas = self.string_list("validate", "schemas", validate["schemas"], "tei-all")
        for schema in schemas:
            if schema in BUILTIN_SCHEMAS:
                continue
            relative = PurePosixPath(schema)
            if relative.suffix not in SCHEMA_SUFFIXES:
                raise self.error("validate", "schemas",
                                 f"'{schema}' is neither a built-in schema nor a .rng, .xsd or .sch file",
                                 f"Use {' or '.join(repr(s) for s in BUILTIN_SCHEMAS)}, "
                                 "or a schema file of the project.")
            if relative.is_absolute() or ".." in relative.parts:
                raise self.error("validate", "schemas", f"schema file '{schema}' leads outside the project",
                                 "Name it relative to the project root, e.g. \"schema/my.rng\".")
        return schemas

    def profile(self, validate: dict[str, Any]) -> str | None:
        value = validate.get("profile", "none")
        if not isinstance(value, str) or value not in PROFILES:
            shown = repr(value) if isinstance(value, str) else _kind(value)
            raise self.error("validate", "profile", f"'validate.profile' is {shown}, not one of {', '.join(PROFILES)}",
                             'Write profile = "edition" for the edition\'s project rules, or leave it out.')
        return None if value == "none" else value

    def site_title(self, render: dict[str, Any]) -> str:
        value = render.get("site_title", "")
        if not isinstance(value, str):
            raise self.error("render", "site_title", f"'render.site_title' must be a string, not {_kind(value)}",
                             'Write it like site_title = "Letters of X".')
        return value.strip()

    def formats(self, render: dict[str, Any]) -> tuple[str, ...]:
        formats = self.string_list("render", "formats", render["formats"], "html")
        for fmt in formats:
            if fmt not in FORMATS:
                raise self.error("render", "formats", f"unknown output format '{fmt}'",
                                 f"Use {' and '.join(repr(f) for f in FORMATS)}.")
        return formats


def _kind(value: Any) -> str:
    """What a TOML value is, in words, for messages."""
    kinds = {bool: "true/false", int: "a number", float: "a number", str: "a string",
             list: "a list", dict: "a table"}
    return next((name for kind, name in kinds.items() if isinstance(value, kind)), "a date")
