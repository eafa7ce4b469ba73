"""The teiHeader: what the text says about itself plus the raw metadata file.

Facts the raw text does not give come only from ``raw/<id>.toml``; anything
neither gives is left out or said to be unknown, never guessed.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..config import check_keys
from ..errors import InputError
from ..tei import XML_LANG, el, sub

LANGUAGE_NAMES = {"tr": "Turkish", "en": "English", "de": "German", "fr": "French", "ru": "Russian", "az": "Azerbaijani"}


SOURCE_KEYS = ("title", "authors", "authors_unknown", "description", "languages", "first_page", "page_numbers")
EDITION_KEYS = ("licence", "licence_target", "publisher", "responsibility")


@dataclass(frozen=True)
class Metadata:
    """The contents of ``raw/<id>.toml`` (see docs/raw-metadata.md)."""

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
    def load(cls, path: Path) -> "Metadata":
        if not path.exists():
            return cls()
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise InputError(f"invalid TOML: {exc}", path=str(path), line=getattr(exc, "lineno", None)) from None
        except UnicodeDecodeError:
            raise InputError("not UTF-8", path=str(path)) from None
        check_keys(path, data, {"": (), "source": SOURCE_KEYS, "edition": EDITION_KEYS}, docs="docs/raw-metadata.md")
        source = data.get("source", {})
        edition = data.get("edition", {})
        try:
            return cls(
                title=source.get("title"),
                authors=tuple(source.get("authors", ())),
                authors_unknown=bool(source.get("authors_unknown", False)),
                description=source.get("description"),
                languages=tuple(source.get("languages", ())),
                first_page=int(source.get("first_page", 1)),
                page_numbers=str(source.get("page_numbers", "counted")),
                licence=edition.get("licence", cls.licence),
                licence_target=edition.get("licence_target"),
                publisher=edition.get("publisher", cls.publisher),
                responsibility=tuple((r["resp"], r["name"]) for r in edition.get("responsibility", ()))
                or cls.responsibility,
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(f"unexpected value in metadata: {exc}", path=str(path)) from None


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


def build_header(facts: HeaderFacts, meta: Metadata) -> etree._Element:
    header = el("teiHeader")
    file_desc = sub(header, "fileDesc")
    title_stmt = sub(file_desc, "titleStmt")
    main_title = meta.title or (facts.titles[0] if facts.titles else None)
    if main_title is None and facts.running_heads:
        # Journals print the article title as the running head.
        main_title = facts.running_heads[0]
    sub(title_stmt, "title", main_title or f"[untitled text {facts.doc_id}]", type="main")
    if facts.subtitle:
        sub(title_stmt, "title", facts.subtitle, type="sub")
    if facts.english_title:
        t = sub(title_stmt, "title", " ".join(facts.english_title.split()), type="alt")
        t.set(XML_LANG, "en")
    authors = list(meta.authors) or facts.authors
    if authors:
        for name in authors:
            author = sub(title_stmt, "author")
            sub(author, "persName", name)
            if facts.affiliation:
                sub(author, "affiliation", facts.affiliation)
    else:
        sub(title_stmt, "author", "unknown")
    for resp, name in meta.responsibility:
        rs = sub(title_stmt, "respStmt")
        sub(rs, "resp", resp)
        sub(rs, "name", name)

    pub = sub(file_desc, "publicationStmt")
    sub(pub, "publisher", meta.publisher)
    sub(pub, "idno", facts.doc_id, type="edition")
    avail = sub(pub, "availability")
    lic = sub(avail, "licence", meta.licence)
    if meta.licence_target:
        lic.set("target", meta.licence_target)

    source = sub(file_desc, "sourceDesc")
    bibl = sub(source, "bibl")
    if main_title:
        sub(bibl, "title", main_title, level="a")
    for name in authors:
        sub(bibl, "author", name)
    if not authors:
        sub(bibl, "author", "unknown")
    if meta.description:
        sub(bibl, "note", meta.description)
    sub(bibl, "ref", f"raw/{facts.raw_name}", target=f"../raw/{facts.raw_name}")
    sub(bibl, "idno", hashlib.sha256(facts.raw_bytes).hexdigest(), type="sha256")

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
    return header
