"""The teiHeader: what the text says about itself plus the raw metadata file.

Facts the raw text does not give come only from ``raw/<id>.toml``; anything
neither gives is left out or said to be unknown, never guessed.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from lxml import etree

from ..config import check_keys
from ..errors import InputError
from ..paths import read_regular_file
from ..tei import XML_LANG, el, sub
from .facts import PageFacts
from .lines import XML_FORBIDDEN, Line
from .repairs import RESP_ID, Repair

LANGUAGE_NAMES = {"tr": "Turkish", "en": "English", "de": "German", "fr": "French", "ru": "Russian",
                  "az": "Azerbaijani"}


# Metadata files are small; a larger one is a mistake and is refused unread.
MAX_METADATA_BYTES = 256 * 1024
# No value is useful beyond this length (a title, a licence statement).
MAX_VALUE_CHARS = 10_000
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")


@dataclass(frozen=True)
class Key:
    """One metadata key: its TOML type, and for strings the allowed values."""

    kind: str  # "text" | "texts" | "bool" | "page" | "choice" | "language-list" | "responsibility"
    choices: tuple[str, ...] = ()


# The schema of raw/<id>.toml; docs/raw-metadata.md describes every key.
# One table per section; a key not listed here is an error with a suggestion.
SCHEMA: dict[str, dict[str, Key]] = {
    "source": {
        "title": Key("text"),
        "authors": Key("texts"),
        "authors_unknown": Key("bool"),
        "description": Key("text"),
        "languages": Key("language-list"),
        "first_page": Key("page"),
        "page_numbers": Key("choice", ("counted", "from-running-head")),
    },
    "edition": {
        "licence": Key("text"),
        "licence_target": Key("text"),
        "publisher": Key("text"),
        "responsibility": Key("responsibility"),
    },
}
RESPONSIBILITY_KEYS = ("resp", "name")


def _suggest(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f" Did you mean {close[0]!r}?" if close else ""


def _type_name(value: object) -> str:
    return {str: "a string", bool: "true/false", int: "an integer", float: "a number", list: "a list",
            dict: "a table"}.get(type(value), type(value).__name__)


class _Checker:
    """Checks the values of raw TOML data against :data:`SCHEMA`; errors name key and line."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()

    def line_of(self, section: str | None, key: str | None) -> int | None:
        """The line of ``key`` inside ``[section]`` (``None``: the top level,
        before any table), or of the table's header when ``key`` is None."""
        in_section = key is None or section is None
        pattern = re.compile(rf"^\s*(?:{re.escape(key)}|\"{re.escape(key)}\")\s*=") if key else None
        for no, line in enumerate(self.lines, 1):
            stripped = line.strip()
            if stripped.startswith("["):
                name = stripped.strip("[] \t")
                if key is None and name == section:
                    return no
                in_section = name == section
                continue
            if pattern and in_section and pattern.match(line):
                return no
        return None

    def fail(self, message: str, section: str | None, key: str | None = None, hint: str | None = None) -> InputError:
        return InputError(message, path=str(self.path), line=self.line_of(section, key), hint=hint)

    def check(self, data: dict[str, object]) -> dict[str, dict[str, object]]:
        """The checked values; unknown keys were refused before (config.check_keys)."""
        out: dict[str, dict[str, object]] = {}
        for section, table in data.items():
            if not isinstance(table, dict):
                raise self.fail(f"{section} must be a table ([{section}]), not {_type_name(table)}.", None, section,
                                hint="See docs/raw-metadata.md for every section and key.")
            out[section] = {key: self.value(section, key, SCHEMA[section][key], value) for key, value in table.items()}
        return out

    def value(self, section: str, key: str, spec: Key, value: object) -> object:
        """The checked value of ``section.key``, by the checker of its kind."""
        checker = self.CHECKERS.get(spec.kind)
        if checker is None:
            raise AssertionError(spec.kind)  # a SCHEMA entry without a checker is a bug
        return checker(self, section, key, spec, value)

    def wrong(self, section: str, key: str, value: object, expected: str) -> InputError:
        return self.fail(f"{section}.{key} must be {expected}, not {_type_name(value)} {_short(value)}.",
                         section, key)

    def boolean(self, section: str, key: str, spec: Key, value: object) -> object:
        if not isinstance(value, bool):
            raise self.wrong(section, key, value, "true or false")
        return value

    def page(self, section: str, key: str, spec: Key, value: object) -> object:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.wrong(section, key, value, "a whole number")
        if not 1 <= value <= 100_000:
            raise self.fail(f"{section}.{key} must be a page number from 1 to 100000, not {value}.", section, key)
        return value

    def choice(self, section: str, key: str, spec: Key, value: object) -> object:
        """A string; with ``spec.choices``, one of them."""
        text = self.text(section, key, value)
        if spec.choices and text not in spec.choices:
            raise self.fail(f"{section}.{key} must be one of {', '.join(map(repr, spec.choices))}, not {text!r}."
                            + _suggest(text, spec.choices), section, key)
        return text

    def texts(self, section: str, key: str, spec: Key, value: object) -> object:
        """A list of strings; for "language-list", of language codes."""
        where = f"{section}.{key}"
        if isinstance(value, str):
            # "Ali Veli" is one author, not eight letters: say how to write it.
            raise self.fail(f"{where} must be a list of strings, e.g. {key} = [{json.dumps(value)}], not a string.",
                            section, key)
        if not isinstance(value, list):
            raise self.wrong(section, key, value, "a list of strings")
        items = tuple(self.text(section, key, item) for item in value)
        if spec.kind == "language-list":
            for code in items:
                if not LANGUAGE_CODE.match(code):
                    raise self.fail(f"{where}: {code!r} is not a language code (BCP 47, e.g. \"tr\", \"en\").",
                                    section, key)
        return items

    def responsibility(self, section: str, key: str, spec: Key, value: object) -> object:
        where = f"{section}.{key}"
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.wrong(section, key, value, 'a list of tables like { resp = "TEI encoding", name = "..." }')
        pairs = []
        for entry in value:
            for name in entry:
                if name not in RESPONSIBILITY_KEYS:
                    raise self.fail(f"unknown key {name!r} in {where}.{_suggest(name, RESPONSIBILITY_KEYS)}",
                                    section, key)
            missing = [k for k in RESPONSIBILITY_KEYS if k not in entry]
            if missing:
                raise self.fail(f"{where}: every entry needs {' and '.join(missing)}.", section, key)
            pairs.append((self.text(section, key, entry["resp"]), self.text(section, key, entry["name"])))
        return tuple(pairs)

    # Key.kind -> its checker (one per kind of SCHEMA).
    CHECKERS: ClassVar[dict[str, Callable[[_Checker, str, str, Key, object], object]]] = {
        "bool": boolean, "page": page, "text": choice, "choice": choice, "texts": texts,
        "language-list": texts, "responsibility": responsibility,
    }

    def text(self, section: str, key: str, value: object) -> str:
        if not isinstance(value, str):
            raise self.fail(f"{section}.{key} must be a string, not {_type_name(value)} {_short(value)}.", section, key)
        if len(value) > MAX_VALUE_CHARS:
            raise self.fail(f"{section}.{key} is {len(value)} characters long, more than the {MAX_VALUE_CHARS} "
                            "allowed.", section, key, hint="Shorten it; see docs/raw-metadata.md (Limits).")
        bad = XML_FORBIDDEN.search(value)
        if bad:
            raise self.fail(f"{section}.{key} holds control character U+{ord(bad.group()):04X}, which XML cannot "
                            "hold.", section, key)
        if not value.strip():
            raise self.fail(f"{section}.{key} is empty; leave the key out instead.", section, key)
        return value


def _short(value: object) -> str:
    text = repr(value)
    return f"({text[:40]}…)" if len(text) > 40 else f"({text})"


# The keys, for the unknown-key check shared with edition.toml (config.check_keys).
SOURCE_KEYS = tuple(SCHEMA["source"])
EDITION_KEYS = tuple(SCHEMA["edition"])


@dataclass(frozen=True)
class Metadata:
    """The contents of ``raw/<id>.toml``, checked against :data:`SCHEMA`
    (see docs/raw-metadata.md for every key)."""

    title: str | None = None
    authors: tuple[str, ...] = ()
    authors_unknown: bool = False
    description: str | None = None
    languages: tuple[str, ...] = ()
    first_page: int = 1
    page_numbers: str = "counted"
    licence: str = "Licence not stated."
    licence_target: str | None = None
    publisher: str = "edition project"
    responsibility: tuple[tuple[str, str], ...] = field(default=(("TEI encoding", "edition project"),))

    @classmethod
    def load(cls, path: Path, *, root: Path | None = None) -> Metadata:
        if not path.exists() and not path.is_symlink():
            return cls()
        raw = read_regular_file(path, limit=MAX_METADATA_BYTES, root=root)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise InputError(f"not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}).", path=str(path),
                             line=line, hint="Save the metadata file as UTF-8.") from None
        try:
            data: dict[str, Any] = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            # tomllib says "Invalid value (at line 3, column 9)"; the position goes first.
            where = re.search(r" \(at line (\d+), column (\d+)\)", str(exc))
            message = str(exc)[: where.start()] if where else str(exc).split(" (at ")[0]
            raise InputError(f"invalid TOML: {message}.", path=str(path),
                             line=int(where.group(1)) if where else None, col=int(where.group(2)) if where else None,
                             hint="See docs/raw-metadata.md for an example.") from None
        # unknown keys: the one check of every TOML file a project keeps; then the values
        check_keys(path, data, {"": (), "source": SOURCE_KEYS, "edition": EDITION_KEYS}, docs="docs/raw-metadata.md")
        checked = _Checker(path, text).check(data)
        source, edition = checked.get("source", {}), checked.get("edition", {})
        # Each value was checked against its Key in SCHEMA, whose kinds match the fields' types.
        values: dict[str, Any] = {**source, **edition}
        return cls(**values)


@dataclass(frozen=True)
class HeaderFacts:
    """What the block stage found in the text itself."""

    doc_id: str
    raw_name: str
    raw_bytes: bytes
    titles: list[str]
    subtitle: str | None
    english_title: str | None
    authors: list[str]
    affiliation: str | None
    keywords: dict[str, list[str]]
    languages: set[str]
    running_heads: list[str]
    page_numbers_from_text: bool
    # Repairs of extraction damage (.repairs.Repair), in text order.
    repairs: list[Repair] = field(default_factory=list)
    # How note labels are printed (.layout.NOTE_LABEL_FORMS key), None without notes.
    note_form: str | None = None
    # Running heads printed at the foot of the page.
    heads_at_foot: bool = False
    # A download site's lines before the title, removed from the text (.facts).
    banner: list[Line] = field(default_factory=list)
    # Journal, volume, issue, year, pages, DOI printed in the text (.facts.PageFacts).
    page_facts: PageFacts | None = None
    # The first and last printed page numbers (pb/@n), when printed.
    printed_pages: tuple[str, str] | None = None


REPAIR_KINDS = {
    "font": "letters of a legacy Turkish font mapping (ý, þ, ð, Ý, Þ, Ð, Đ) read as ı, ş, ğ, İ, Ş, Ğ, İ",
    "ligature": "ligatures spelt out",
    "split": "words split inside a line by the extractor joined (the joined form is written elsewhere in the text)",
}


# The printed "(N)" form is the one the statement on footnotes above assumes.
NOTE_FORM_STATEMENTS = {
    "superscript": "Footnote labels are printed as superscript digits at the start of each note; "
                   "a label is read only in sequence and after its marker.",
    "bare": "Footnote labels are printed as bare digits at the start of each note; a label is read "
            "only in sequence, after its marker, and not on a numbered heading.",
}


def repairs_statement(repairs: list[Repair]) -> str:
    """One sentence naming what was repaired, how often, and the first lines."""
    parts = []
    for kind, what in REPAIR_KINDS.items():
        made = [r for r in repairs if r.kind == kind]
        if made:
            lines = ", ".join(str(n) for n in sorted({r.line_no for r in made})[:5])
            more = ", …" if len({r.line_no for r in made}) > 5 else ""
            parts.append(f"{what}: {len(made)} (raw lines {lines}{more})")
    return ("Extraction damage is repaired visibly as choice/orig/reg (the printed form in orig, "
            "the reading in reg resp=\"#" + RESP_ID + "\"): " + "; ".join(parts) + ".")


def _bibl_struct(page: PageFacts, title: str | None, authors: list[str],
                 printed: tuple[str, str] | None) -> etree._Element:
    """The article as printed: analytic (title, authors, DOI) and monogr
    (journal, volume, issue, year, pages), only with facts the page gives."""
    struct = el("biblStruct")
    analytic = sub(struct, "analytic")
    for name in authors:
        sub(analytic, "author", name)
    sub(analytic, "title", title or "", level="a")
    if page.doi:
        sub(analytic, "idno", page.doi, type="DOI")
    monogr = sub(struct, "monogr")
    sub(monogr, "title", page.journal, level="j")
    imprint = sub(monogr, "imprint")
    if page.volume:
        sub(imprint, "biblScope", page.volume, unit="volume")
    if page.issue:
        sub(imprint, "biblScope", page.issue, unit="issue")
    first, last = (page.first_page, page.last_page) if page.first_page else (printed or (None, None))
    if first and last:
        sub(imprint, "biblScope", f"{first}–{last}", unit="page", **{"from": first, "to": last})
    if page.year:
        sub(imprint, "date", page.year, when=page.year)
    if not len(imprint):
        sub(imprint, "date", "not stated")  # imprint needs one child; nothing is invented
    return struct


def layout_statements(facts: HeaderFacts) -> list[str]:
    """What ingest recognised beyond the first texts' layout, one sentence per
    decision: a p each in editorialDecl, and IngestResult.recognised."""
    out = []
    if facts.heads_at_foot:
        out.append("Running heads and page numbers are printed at the foot of the page: each "
                   "number is that of the page it closes.")
    if facts.banner:
        out.append("Lines of a download site before the title are removed from the text (raw lines "
                   f"{facts.banner[0].no}–{facts.banner[-1].no}): "
                   + "; ".join(f"“{line.stripped}”" for line in facts.banner) + ".")
    page = facts.page_facts
    if page is not None and page.found:
        read = ", ".join(f"{name.replace('_', ' ')} ({where})" for name, where in page.sources.items())
        out.append(f"Bibliographic facts read from the printed page into sourceDesc: {read}.")
    if facts.note_form in NOTE_FORM_STATEMENTS:
        out.append(NOTE_FORM_STATEMENTS[facts.note_form])
    if facts.repairs:
        out.append(repairs_statement(facts.repairs))
    return out


def build_header(facts: HeaderFacts, meta: Metadata) -> etree._Element:
    """The teiHeader: file description (title, publication, source), the
    editorial decisions, the languages and keywords."""
    header = el("teiHeader")
    file_desc = sub(header, "fileDesc")
    main_title = _main_title(facts, meta)
    authors = list(meta.authors) or facts.authors
    _title_stmt(file_desc, facts, meta, main_title, authors)
    _publication_stmt(file_desc, facts, meta)
    _source_desc(file_desc, facts, meta, main_title, authors)
    _encoding_desc(header, facts, meta)
    _profile_desc(header, facts, meta)
    return header


def _main_title(facts: HeaderFacts, meta: Metadata) -> str | None:
    """The metadata's title, else the title printed first, else the running
    head (journals print the article title there)."""
    main_title = meta.title or (facts.titles[0] if facts.titles else None)
    if main_title is None and facts.running_heads:
        main_title = facts.running_heads[0]
    return main_title


def _title_stmt(file_desc: etree._Element, facts: HeaderFacts, meta: Metadata, main_title: str | None,
                authors: list[str]) -> None:
    title_stmt = sub(file_desc, "titleStmt")
    sub(title_stmt, "title", main_title or f"[untitled text {facts.doc_id}]", type="main")
    if facts.subtitle:
        sub(title_stmt, "title", facts.subtitle, type="sub")
    if facts.english_title:
        t = sub(title_stmt, "title", " ".join(facts.english_title.split()), type="alt")
        t.set(XML_LANG, "en")
    for name in authors:
        author = sub(title_stmt, "author")
        sub(author, "persName", name)
        if facts.affiliation:
            sub(author, "affiliation", facts.affiliation)
    if not authors:
        sub(title_stmt, "author", "unknown")
    for resp, name in meta.responsibility:
        rs = sub(title_stmt, "respStmt")
        sub(rs, "resp", resp)
        sub(rs, "name", name)
    if facts.repairs:
        # What the reg elements' @resp points at.
        rs = sub(title_stmt, "respStmt", xml_id=RESP_ID)
        sub(rs, "resp", "repair of text-extraction damage (choice/orig/reg)")
        sub(rs, "name", "edition ingest")


def _publication_stmt(file_desc: etree._Element, facts: HeaderFacts, meta: Metadata) -> None:
    pub = sub(file_desc, "publicationStmt")
    sub(pub, "publisher", meta.publisher)
    sub(pub, "idno", facts.doc_id, type="edition")
    avail = sub(pub, "availability")
    lic = sub(avail, "licence", meta.licence)
    if meta.licence_target:
        lic.set("target", meta.licence_target)


def _source_desc(file_desc: etree._Element, facts: HeaderFacts, meta: Metadata, main_title: str | None,
                 authors: list[str]) -> None:
    source = sub(file_desc, "sourceDesc")
    bibl = sub(source, "bibl")
    if main_title:
        sub(bibl, "title", main_title, level="a")
    for name in authors:
        sub(bibl, "author", name)
    if not authors:
        sub(bibl, "author", "unknown")
    page = facts.page_facts if facts.page_facts is not None and facts.page_facts.found else None
    # An editor's "… not stated in the text" is contradicted by facts the page prints.
    if meta.description and not (page is not None and "not stated in the text" in meta.description):
        sub(bibl, "note", meta.description)
    if page is not None and page.doi and not page.journal:
        sub(bibl, "idno", page.doi, type="DOI")
    sub(bibl, "ref", f"raw/{facts.raw_name}", target=f"../raw/{facts.raw_name}")
    sub(bibl, "idno", hashlib.sha256(facts.raw_bytes).hexdigest(), type="sha256")
    if page is not None and page.journal:
        source.append(_bibl_struct(page, main_title, authors, facts.printed_pages))


def _encoding_desc(header: etree._Element, facts: HeaderFacts, meta: Metadata) -> None:
    """The editorial decisions: what ingest did to the printed text."""
    enc = sub(header, "encodingDesc")
    decl = sub(enc, "editorialDecl")
    hyph = sub(decl, "hyphenation", eol="none")
    sub(hyph, "p", "Line-break hyphenation is undone: words split at a line end, a column "
        "break, a page break or a footnote block are joined; hyphens that belong to the word "
        "(compounds, ranges) are kept.")
    seg = sub(decl, "segmentation")
    sub(seg, "p", "Paragraphs are reflowed from the printed lines; a paragraph interrupted by a "
        "page break or a footnote block continues as one p with a pb inside it.")
    norm = sub(decl, "normalization")
    sub(norm, "p", "Runs of white space are reduced to one space. Spelling, punctuation and "
        "quotation marks are kept as printed.")
    pages = ("Page numbers are those printed in the running heads, counted back and forward from them."
             if facts.page_numbers_from_text else
             f"The text gives no page numbers: pages are counted from {meta.first_page}.")
    sub(decl, "p", "Page breaks of the source are recorded as pb. " + pages)
    sub(decl, "p", "Footnotes are moved to their reference points as note place=\"foot\"; the "
        "marker digits are removed from the text.")
    sub(decl, "p", "Running heads and printed page numbers are removed from the text"
        + (f" (running head: “{facts.running_heads[0]}”)." if facts.running_heads else "."))
    for statement in layout_statements(facts):
        sub(decl, "p", statement)


def _profile_desc(header: etree._Element, facts: HeaderFacts, meta: Metadata) -> None:
    """The languages used (Turkish first) and the printed keywords."""
    prof = sub(header, "profileDesc")
    lang_usage = sub(prof, "langUsage")
    for code in sorted(facts.languages | set(meta.languages), key=lambda c: (c != "tr", c)):
        sub(lang_usage, "language", LANGUAGE_NAMES.get(code, code), ident=code)
    if facts.keywords:
        tc = sub(prof, "textClass")
        for lang in sorted(facts.keywords, key=lambda c: (c != "tr", c)):
            kw = sub(tc, "keywords")
            kw.set(XML_LANG, lang)
            for term in facts.keywords[lang]:
                sub(kw, "term", term)
