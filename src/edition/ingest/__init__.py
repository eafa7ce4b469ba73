"""Ingest: a raw article text to a structural TEI P5 document.

Ingest is the named list of steps :data:`STEPS`, run in order by one loop over
a per-document :class:`Document` (after Python-Markdown's processors). Each
step is a small function that reads what the steps before it left on the
document and adds its own result; each lives with its module:

1. ``read_lines``     — :mod:`.lines`: bytes to numbered lines (strict UTF-8, CRLF, form feeds);
2. ``remove_banner``  — :mod:`.facts`: a download site's lines before the title;
3. ``repair_damage``  — :mod:`.repairs`: extraction damage, decided on the whole text;
4. ``find_layout``    — :mod:`.layout`: page starts and numbers, footnote blocks, running heads;
5. ``split_blocks``   — :mod:`.blocks`: blocks between blank lines, classified, broken paragraphs joined;
6. ``build_skeleton`` — :mod:`.blocks`: front/body/back with one flow per block
   (lines joined, line-end hyphens decided by :mod:`.hyphenation`);
7. ``anchor_notes``   — :mod:`.notes`: every footnote at its marker;
8. ``mark_inline``    — :mod:`.inline` (quotations), :mod:`.citations` and
   :mod:`.repairs` spans, and the flows filled into their elements;
9. ``tag_languages``  — :mod:`.blocks`: the language of untagged sections;
10. ``make_header``   — :mod:`.header`: the teiHeader from the text and ``raw/<id>.toml``;
11. ``assemble``      — the TEI root, repairs wrapped, empty wrappers dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from lxml import etree

from ..errors import InputError, Issue
from ..paths import check_readable, doc_id_from_path, read_regular_file
from ..tei import NSMAP, TEI, XML_ID, XML_LANG, el
from . import blocks, notes
from .blocks import Builder, RawBlock
from .citations import author_date_spans, note_bibl_spans
from .facts import page_facts, split_banner
from .flow import Fill, Span, TooManyObjects, fill
from .header import HeaderFacts, Metadata, build_header, layout_statements
from .hyphenation import Lexicon
from .inline import drop_empty_wrappers, quote_spans, unwrap_outer_q, whole_quote
from .layout import Layout, LayoutOptions, analyse
from .lines import Line, decode_raw
from .notes import AnchoredNotes
from .repairs import Repairer, reg_template, wrap_repairs

__all__ = ["STEPS", "Document", "IngestOptions", "IngestResult", "ingest_bytes", "ingest_file"]


@dataclass(frozen=True)
class IngestOptions:
    main_language: str = "tr"
    # Wrap author-date citations "(Author, 1951, s. 215)" in bibl.
    citations: bool = True
    # Wrap balanced quotations in q / whole quoted paragraphs in quote.
    quotations: bool = True
    # Repair extraction damage (legacy font letters, ligatures, words split
    # inside a line) as choice/orig/reg; see .repairs.
    repairs: bool = True


@dataclass
class IngestResult:
    tree: etree._ElementTree
    warnings: list[Issue] = field(default_factory=list)
    # What ingest recognised beyond the first texts' layout (note label form,
    # heads at the foot, banner, facts, repairs): the sentences of editorialDecl.
    recognised: list[str] = field(default_factory=list)


# A raw article is some tens of KB; ingest is linear, but a file this large is
# a mistake (a whole book, a binary dump) and is refused before it is read.
# See docs/raw-metadata.md ("Limits").
MAX_RAW_BYTES = 16 * 1024 * 1024
NO_METADATA = Metadata()


@dataclass
class Document:
    """One text on its way through ingest: its input, then what each step found."""

    data: bytes
    raw_name: str
    path: str  # as diagnostics name it
    meta: Metadata
    options: IngestOptions
    lines: list[Line] = field(default_factory=list)
    banner: list[Line] = field(default_factory=list)
    lexicon: Lexicon | None = None
    repairer: Repairer | None = None
    layout: Layout | None = None
    blocks: list[RawBlock] = field(default_factory=list)
    builder: Builder | None = None
    notes: AnchoredNotes | None = None
    languages: set[str] = field(default_factory=set)
    header: etree._Element | None = None
    recognised: list[str] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    root: etree._Element | None = None

    @property
    def doc_id(self) -> str:
        return doc_id_from_path(self.raw_name)


T = TypeVar("T")


def _made(value: T | None, what: str) -> T:
    """What an earlier step made; None here is a bug in the order of STEPS."""
    if value is None:
        raise AssertionError(f"ingest step run before the step that makes {what}")
    return value


# -- the steps, in order -------------------------------------------------------

def read_lines(doc: Document) -> None:
    doc.lines = decode_raw(doc.data, doc.path)


def remove_banner(doc: Document) -> None:
    doc.banner, doc.lines = split_banner(doc.lines)
    if not doc.lines:
        raise InputError("the text holds only a download site's banner lines, no article.",
                         path=doc.path, line=doc.banner[0].no, hint="Check that this is the whole article.")


def repair_damage(doc: Document) -> None:
    """Repairs are decided on the printed text's evidence; every later step
    reads the repaired lines (the printed text rides along on each line)."""
    lexicon = Lexicon.from_lines([line.text for line in doc.lines])
    doc.repairer = Repairer.for_document([line.text for line in doc.lines], lexicon, doc.options.main_language,
                                         doc.options.repairs)
    repaired = doc.repairer.repair_lines(doc.lines)
    if any(line.printed is not None for line in repaired):
        doc.lines, lexicon = repaired, Lexicon.from_lines([line.text for line in repaired])
    doc.lexicon = lexicon


def find_layout(doc: Document) -> None:
    doc.layout = analyse(doc.lines, LayoutOptions(first_page=doc.meta.first_page))


def split_blocks(doc: Document) -> None:
    raw_blocks = blocks.split_blocks(_made(doc.layout, "the layout").units)
    if not any(block.lines for block in raw_blocks):
        first = next((line.no for line in doc.lines if not line.blank), None)
        raise InputError("the text holds only footnotes (lines starting \"(1)\"), no running text to put them in.",
                         path=doc.path, line=first, hint="Check that this is the whole article.")
    blocks.classify(raw_blocks)
    doc.blocks = blocks.merge_broken_paragraphs(raw_blocks)


def build_skeleton(doc: Document) -> None:
    builder = Builder(doc.doc_id, _made(doc.lexicon, "the lexicon"), doc.options.main_language)
    builder.objects.repairer = doc.repairer
    builder.build(doc.blocks)
    doc.builder = builder


def anchor_notes(doc: Document) -> None:
    builder = _made(doc.builder, "the skeleton")
    doc.notes = notes.anchor_notes(_made(doc.layout, "the layout").notes, builder.fills, builder.objects,
                                   builder.lexicon, doc.doc_id, doc.path)
    doc.warnings.extend(doc.notes.warnings)


def mark_inline(doc: Document) -> None:
    for f in _made(doc.builder, "the skeleton").fills + _made(doc.notes, "the notes").fills:
        fill(f.element, f.flow, _spans(f, doc.options))
        if f.kind == "p" and doc.options.quotations and whole_quote(f.flow):
            quote = el("quote")
            f.element.getparent().replace(f.element, quote)
            quote.append(f.element)
            unwrap_outer_q(f.element)


def _spans(f: Fill, options: IngestOptions) -> list[Span]:
    """The inline markup of one container's flow."""
    # Repairs first and highest: no other span may cut a repaired word.
    spans: list[Span] = [Span(s, e, reg_template(p), priority=100) for s, e, p in f.flow.repairs]
    if options.quotations and f.kind in ("p", "item", "note", "head"):
        spans += quote_spans(f.flow)
    if options.citations and f.kind in ("p", "item", "note"):
        spans += author_date_spans(f.flow)
    if f.kind == "note":
        spans += note_bibl_spans(f.flow)
    if f.kind == "bibl-entry":
        spans += [s for s in note_bibl_spans(f.flow) if etree.QName(s.element).localname != "bibl"]
    return spans


def tag_languages(doc: Document) -> None:
    builder = _made(doc.builder, "the skeleton")
    doc.languages = set(builder.languages) | blocks.tag_section_languages(builder.text, doc.options.main_language)


def make_header(doc: Document) -> None:
    builder, layout = _made(doc.builder, "the skeleton"), _made(doc.layout, "the layout")
    repairer = _made(doc.repairer, "the repairs")
    facts = HeaderFacts(
        doc_id=doc.doc_id,
        raw_name=doc.raw_name,
        raw_bytes=doc.data,
        titles=builder.titles,
        subtitle=builder.subtitle,
        english_title=builder.english_title,
        authors=[] if doc.meta.authors_unknown else builder.authors,
        affiliation=_made(doc.notes, "the notes").affiliation,
        keywords=builder.keywords,
        languages=doc.languages,
        running_heads=layout.running_heads,
        repairs=repairer.made,
        note_form=layout.note_form,
        heads_at_foot=layout.heads_at_foot,
        banner=doc.banner,
        page_facts=page_facts(doc.banner, layout.running_heads, doc.lines),
        printed_pages=layout.printed_pages,
        page_numbers_from_text=doc.meta.page_numbers == "from-running-head" or bool(layout.running_heads),
    )
    doc.header = build_header(facts, doc.meta)
    doc.recognised = layout_statements(facts)
    doc.warnings.extend(_undecided_repairs(repairer, doc.path))
    doc.warnings.extend(Issue(doc.path, line_no, None, "warning", message, "ingest-layout-undecided")
                        for line_no, message in layout.warnings)


def _undecided_repairs(repairer: Repairer, path: str) -> list[Issue]:
    return [Issue(path, line_no, None, "warning",
                  f"“{word}” holds letters of a legacy Turkish font mapping but is left as printed: "
                  + (f"“{reading}” is not a word of this text." if reading else
                     "its mapped form has letters Turkish has not.")
                  + " Correct it by hand if it is damaged.", "ingest-repair-undecided")
            for line_no, word, reading in repairer.undecided]


def assemble(doc: Document) -> None:
    root = etree.Element(TEI + "TEI", nsmap=NSMAP)
    root.set(XML_ID, doc.doc_id)
    root.set(XML_LANG, doc.options.main_language)
    root.append(_made(doc.header, "the header"))
    root.append(_made(doc.builder, "the skeleton").text)
    wrap_repairs(root)
    drop_empty_wrappers(root)
    doc.root = root


Step = Callable[[Document], None]
STEPS: list[Step] = [
    read_lines,
    remove_banner,
    repair_damage,
    find_layout,
    split_blocks,
    build_skeleton,
    anchor_notes,
    mark_inline,
    tag_languages,
    make_header,
    assemble,
]


# -- entry points --------------------------------------------------------------

def ingest_file(path: Path, options: IngestOptions = IngestOptions(), *, root: Path | None = None) -> IngestResult:
    """Ingest ``raw/<id>.txt`` (or ``.pdf``) with its ``raw/<id>.toml``; with
    ``root`` (the project folder) both must be regular files inside it."""
    if Path(path).suffix.lower() == ".pdf":  # the PDF route: .pdf extracts, then these same steps
        # pdfminer and the PDF route open them: regular files inside the project
        check_readable(path, root)
        toml = Path(path).with_suffix(".toml")
        if toml.exists() or toml.is_symlink():
            check_readable(toml, root)
        from .pdf import ingest_pdf
        return ingest_pdf(Path(path), options)
    data = read_regular_file(path, limit=MAX_RAW_BYTES, root=root)
    meta = Metadata.load(Path(path).with_suffix(".toml"), root=root)
    return ingest_bytes(data, Path(path).name, meta, options, display_path=str(path))


def ingest_bytes(
    data: bytes,
    raw_name: str,
    meta: Metadata = NO_METADATA,
    options: IngestOptions = IngestOptions(),
    display_path: str | None = None,
    steps: list[Step] = STEPS,
) -> IngestResult:
    """Run ``steps`` (by default :data:`STEPS`) over one raw text."""
    doc = Document(data, raw_name, display_path or raw_name, meta, options)
    try:
        for step in steps:
            step(doc)
    except TooManyObjects as exc:
        raise InputError(
            f"more than {exc.args[0]} page breaks, notes and private-use characters in one text",
            path=doc.path, hint="Split the text into several documents.",
        ) from None
    return IngestResult(_made(doc.root, "the TEI root").getroottree(), doc.warnings, doc.recognised)
