"""Ingest: a raw article text to a structural TEI P5 document.

The stages, in order (each a plain function over the previous one's result):

1. :mod:`.lines`   — bytes to numbered lines (strict UTF-8, CRLF, form feeds);
2. :mod:`.layout`  — page starts, footnote blocks, running heads;
3. :mod:`.blocks`  — blocks, headings, lists, front/body/back, with flows;
4. :mod:`.inline`  — footnote markers anchored, quotations;
   :mod:`.citations` — author-date citations and references in notes;
5. :mod:`.header`  — the teiHeader from the text and ``raw/<id>.toml``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from lxml import etree

from ..errors import InputError, Issue
from ..paths import check_readable, doc_id_from_path, read_regular_file
from ..tei import NSMAP, TEI, XML_ID, XML_LANG, el, sub
from . import blocks as blocks_mod
from .citations import author_date_spans, note_bibl_spans
from .facts import page_facts, split_banner
from .flow import Flow, Span, TooManyObjects, fill
from .header import HeaderFacts, Metadata, build_header, layout_statements
from .hyphenation import Lexicon
from .inline import find_markers, quote_spans, whole_quote
from .layout import LayoutOptions, PageBreak, RawNote, analyse, strip_note_label
from .lines import Line, decode_raw
from .repairs import Repairer, reg_template, wrap_repairs

__all__ = ["IngestOptions", "IngestResult", "ingest_bytes", "ingest_file"]


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


def ingest_file(path: Path, options: IngestOptions = IngestOptions(), *, root: Path | None = None) -> IngestResult:
    """Ingest ``raw/<id>.txt`` (or ``.pdf``) with its ``raw/<id>.toml``; with
    ``root`` (the project folder) both must be regular files inside it."""
    if Path(path).suffix.lower() == ".pdf":  # the PDF route: .pdf extracts, then these same stages
        # pdfminer and the PDF route open them: regular files inside the project
        check_readable(path, root)
        toml = Path(path).with_suffix(".toml")
        if toml.exists() or toml.is_symlink():
            check_readable(toml, root)
        from .pdf import ingest_pdf; return ingest_pdf(Path(path), options)  # noqa: E702
    data = read_regular_file(path, limit=MAX_RAW_BYTES, root=root)
    meta = Metadata.load(Path(path).with_suffix(".toml"), root=root)
    return ingest_bytes(data, Path(path).name, meta, options, display_path=str(path))


def _note_element(note: RawNote, doc_id: str, builder: blocks_mod.Builder) -> tuple[etree._Element, list[Flow]]:
    label = note.label
    ident = f"{doc_id}-n0" if label.startswith("*") else f"{doc_id}-n{label}"
    element = el("note", place="foot", n=label, xml_id=ident)
    flows = []
    for k, para in enumerate(note.paragraphs):
        flow = Flow(builder.objects, builder.lexicon)
        for j, line in enumerate(para):
            if line.blank:
                continue
            if k == 0 and j == 0:
                # The printed label "(N)" is the marker: removed like the body's digits.
                line = replace(line, text=strip_note_label(line.text),
                               printed=None if line.printed is None else strip_note_label(line.printed))
            flow.add_line(line, 0)
        flows.append(flow)
    return element, flows


def ingest_bytes(
    data: bytes,
    raw_name: str,
    meta: Metadata = Metadata(),
    options: IngestOptions = IngestOptions(),
    display_path: str | None = None,
) -> IngestResult:
    path = display_path or raw_name
    doc_id = doc_id_from_path(raw_name)
    try:
        return _ingest(data, raw_name, meta, options, path, doc_id)
    except TooManyObjects as exc:
        raise InputError(
            f"more than {exc.args[0]} page breaks, notes and private-use characters in one text",
            path=path, hint="Split the text into several documents.",
        ) from None


def _ingest(data: bytes, raw_name: str, meta: Metadata, options: IngestOptions, path: str, doc_id: str) -> IngestResult:
    lines = decode_raw(data, path)
    banner, lines = split_banner(lines)
    if not lines:
        raise InputError("the text holds only a download site's banner lines, no article.",
                         path=path, line=banner[0].no, hint="Check that this is the whole article.")
    # Repairs decided on the printed text's evidence; every later stage reads
    # the repaired lines (the printed text rides along on each line).
    lexicon = Lexicon.from_lines([l.text for l in lines])
    repairer = Repairer.for_document([l.text for l in lines], lexicon, options.main_language, options.repairs)
    repaired = repairer.repair_lines(lines)
    if any(line.printed is not None for line in repaired):
        lines, lexicon = repaired, Lexicon.from_lines([l.text for l in repaired])
    layout = analyse(lines, LayoutOptions(first_page=meta.first_page))
    raw_blocks = blocks_mod.split_blocks(layout.units)
    if not any(block.lines for block in raw_blocks):
        first = next((line.no for line in lines if not line.blank), None)
        raise InputError("the text holds only footnotes (lines starting \"(1)\"), no running text to put them in.",
                         path=path, line=first, hint="Check that this is the whole article.")
    blocks_mod.classify(raw_blocks)
    raw_blocks = blocks_mod.merge_broken_paragraphs(raw_blocks)
    main_lang = options.main_language
    builder = blocks_mod.Builder(doc_id, lexicon, main_lang)
    builder.objects.repairer = repairer
    builder.build(raw_blocks)
    warnings: list[Issue] = []

    # Notes: build them, then anchor each at its marker.
    notes = sorted(builder.notes, key=lambda pair: pair[1])
    note_fills: list[blocks_mod.Fill] = []
    note_objects: dict[str, str] = {}
    affiliation = None
    for note, _unit in notes:
        element, flows = _note_element(note, doc_id, builder)  # type: ignore[arg-type]
        if len(flows) == 1:
            note_fills.append(blocks_mod.Fill(element, flows[0], "note"))
        else:
            for flow in flows:
                note_fills.append(blocks_mod.Fill(sub(element, "p"), flow, "note"))
        note_objects[note.label] = builder.objects.add(element)  # type: ignore[attr-defined]
        if note.label.startswith("*"):  # type: ignore[attr-defined]
            affiliation = " ".join(f.plain() for f in flows).strip()

    # by first unit, then build order (enumerate: fills.index() made this quadratic)
    text_fills = [f for _, _, f in sorted(
        (f.flow.origins[0], k, f) for k, f in enumerate(builder.fills) if f.flow.origins)]
    flows = [f.flow for f in text_fills]
    hits, missing = find_markers(flows, [(n.label, u) for n, u in notes])  # type: ignore[attr-defined]
    by_flow: dict[int, list[tuple[int, int, str]]] = {}
    for label, hit in hits.items():
        by_flow.setdefault(hit.flow_index, []).append((hit.start, hit.end, label))
    for index, edits in by_flow.items():
        for start, end, label in sorted(edits, reverse=True):
            flows[index].replace_span(start, end, note_objects[label])
    for label in missing:
        note, unit = next((n, u) for n, u in notes if n.label == label)  # type: ignore[attr-defined]
        before = [f for f in flows if f.origins and f.origins[0] <= unit]
        target = before[-1] if before else flows[-1]
        target._push(note_objects[label], unit)
        warnings.append(Issue(path, note.line_no, None, "warning",  # type: ignore[attr-defined]
                              f"no reference point found for note {label}; it is placed at the end of the paragraph before it",
                              "ingest-note-unanchored"))

    for f in builder.fills + note_fills:
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
        fill(f.element, f.flow, spans)
        if f.kind == "p" and options.quotations and whole_quote(f.flow):
            parent = f.element.getparent()
            quote = el("quote")
            parent.replace(f.element, quote)
            quote.append(f.element)
            # The quotation marks stay in the text; the q inside is redundant.
            _unwrap_outer_q(f.element)

    root = etree.Element(TEI + "TEI", nsmap=NSMAP)
    root.set(XML_ID, doc_id)
    root.set(XML_LANG, main_lang)
    languages = set(builder.languages)
    for div in builder.text.iter(TEI + "div"):
        lang = div.get(XML_LANG)
        if lang is None:
            guess = blocks_mod.language_of("".join(div.itertext()))
            if guess and guess != main_lang and guess in ("en", "ru"):
                div.set(XML_LANG, guess)
                lang = guess
        if lang:
            languages.add(lang)
    facts = HeaderFacts(
        doc_id=doc_id,
        raw_name=raw_name,
        raw_bytes=data,
        titles=builder.titles,
        subtitle=builder.subtitle,
        english_title=builder.english_title,
        authors=[] if meta.authors_unknown else builder.authors,
        affiliation=affiliation,
        keywords=builder.keywords,
        languages=languages,
        running_heads=layout.running_heads,
        repairs=repairer.made,
        note_form=layout.note_form,
        heads_at_foot=layout.heads_at_foot,
        banner=banner,
        page_facts=page_facts(banner, layout.running_heads, lines),
        printed_pages=_printed_pages(layout),
        page_numbers_from_text=meta.page_numbers == "from-running-head" or any(True for _ in layout.running_heads),
    )
    root.append(build_header(facts, meta))
    for line_no, word, reading in repairer.undecided:
        warnings.append(Issue(path, line_no, None, "warning",
                              f"“{word}” holds letters of a legacy Turkish font mapping but is left as printed: "
                              + (f"“{reading}” is not a word of this text." if reading else
                                 "its mapped form has letters Turkish has not.")
                              + " Correct it by hand if it is damaged.", "ingest-repair-undecided"))
    for line_no, message in layout.warnings:
        warnings.append(Issue(path, line_no, None, "warning", message, "ingest-layout-undecided"))
    root.append(builder.text)
    wrap_repairs(root)
    _drop_empty(root)
    return IngestResult(root.getroottree(), warnings, layout_statements(facts))


def _printed_pages(layout) -> tuple[str, str] | None:
    """First and last page number, when the text prints them (running heads)."""
    if not layout.running_heads:
        return None
    numbers = [u.n for u in layout.units if isinstance(u, PageBreak)]
    return (numbers[0], numbers[-1]) if numbers else None


def _unwrap_outer_q(p: etree._Element) -> None:
    for q in p.findall(TEI + "q"):
        text_before = (p.text or "").strip()
        if text_before == "" and q is p[0]:
            # Replace <q> by its content.
            parent = p
            index = parent.index(q)
            if q.text:
                if index == 0:
                    parent.text = (parent.text or "") + q.text
                else:
                    prev = parent[index - 1]
                    prev.tail = (prev.tail or "") + q.text
            for child in list(q):
                parent.insert(parent.index(q), child)
            last_tail = q.tail
            prev_index = parent.index(q) - 1
            if q.tail:
                if prev_index >= 0:
                    parent[prev_index].tail = (parent[prev_index].tail or "") + last_tail
                else:
                    parent.text = (parent.text or "") + last_tail
            parent.remove(q)
        break


def _drop_empty(root: etree._Element) -> None:
    """Remove empty inline wrappers left by edge cases (never text)."""
    for tag in ("q", "bibl", "title", "author", "date", "biblScope", "publisher", "pubPlace"):
        for node in list(root.iter(TEI + tag)):
            if not "".join(node.itertext()).strip() and not len(node):
                parent = node.getparent()
                if parent is None:
                    continue
                if node.tail:
                    prev = node.getprevious()
                    if prev is not None:
                        prev.tail = (prev.tail or "") + node.tail
                    else:
                        parent.text = (parent.text or "") + node.tail
                parent.remove(node)
