"""Render TEI documents as an HTML edition site and as plain text.

Python only orchestrates; every presentation decision is in ``xslt/``:

1. each stylesheet (``xslt/html/html.xsl``, ``xslt/text/text.xsl``) is
   compiled once per process by saxonche and the executable reused for every
   document and page;
2. every TEI file, ``tei/registers.xml`` and the vendored map outline are
   parsed by :mod:`edition.tei`'s safe parser (no DTD, no entities, no
   network) and handed to Saxon as nodes, so Saxon never opens them itself;
3. the named templates of the stylesheet produce each page, written
   atomically (:func:`edition.tei.write_atomic`, or by Saxon into a
   temporary file for the big site pages); static assets and the TEI files
   are copied next to the pages.

The work is split so that it scales with the corpus (a thousand articles):

* per document (``ed:text-page`` and ``ed:site-parts``, or
  ``ed:text-edition``): only that document is parsed and held;
* per site page (``ed:site-page``, ``ed:search-index``): the page is put
  together from the *parts* every document gave (cards, mentions,
  chronology rows, citations, search records, with their sort keys), which
  wait in files (:class:`SiteParts`) rather than in memory. No process ever
  holds the whole corpus, and no template walks more than one document.

Both stages are steps run by :class:`edition.parallel.DocumentPool`
(:func:`render_document_step`, :func:`render_site_page_step`): in the build's
pool when it passes one, else in the render's own (fresh workers for the
site pages). Each process compiles the stylesheet once
(:func:`edition.parallel.worker_cached`). The output does not depend on
``jobs``: parts are collected in the order the files were given, whichever
process made them.

With a cache folder the render is incremental (:mod:`edition.render_cache`):
a document whose key (its bytes, the registers, the stylesheets, the options,
the tool's version) has an entry is not rendered again, and a site page whose
parts did not change is not made again; the output is that of a full render.

Messages from ``xsl:message`` are collected as warnings on the result: a
clean render has none (the tests insist).

Any TEI P5, not only what ingest writes: a document that cannot be rendered
(not well-formed, not TEI, an error in the stylesheet on it) is one issue in
``RenderResult.failed`` and the others are rendered; elements nested deeper
than Saxon's parser reads are unwrapped first (their text kept). A project's
stylesheets import the shipped ones through the static parameter
``shipped-xslt`` (see ``xslt/common/params.xsl``).
"""

from __future__ import annotations

import re
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

from lxml import etree

from . import render_cache, search_index, tei
from .errors import EditionError, InputError, Issue
from .parallel import DocumentPool, Failed, worker_cached
from .paths import DOC_ID, check_doc_id, inside
from .render_cache import DocumentCache, Entry, SiteRecord
from .resources import shipped

FORMATS = ("html", "text")
NOTE_PLACEMENTS = ("end", "section")
#: Which reading of a choice/app/subst the editions show: "edited" (corr,
#: expan, reg, lem, add) or "diplomatic" (sic, abbr, orig, lem, del and add).
CHOICE_READINGS = ("edited", "diplomatic")
#: Saxon's XML parser refuses elements nested deeper than 100 levels
#: (jdk.xml.maxElementDepth); deeper elements are unwrapped before Saxon
#: sees the document, their text kept (see :func:`_flatten_deep`).
MAX_DEPTH = 90
#: Site pages made by ``ed:site-page`` besides one page per text.
SITE_PAGES = ("index", "persons", "places", "organisations", "chronology", "map", "bibliography", "search")
#: The part ``ed:site-parts`` gives as JSON (search records), not XML.
SEARCH_RECORDS = "search-records"
#: The folded words of each search record, made with the records (in the
#: worker that renders the text, and kept in its cache entry), as JSON.
SEARCH_WORDS = "search-words"
#: The parts that are JSON array members, joined by commas, not XML.
JSON_PARTS = (SEARCH_RECORDS, SEARCH_WORDS)
#: The parts ``ed:search-index`` reads: one <text> per document.
SEARCH_TEXTS = "search-texts"
DEFAULT_XSLT_DIR = shipped("xslt")
#: The shipped folder as a URI ending in "/": the static parameter
#: ``shipped-xslt`` every stylesheet is compiled with.
SHIPPED_XSLT_URI = DEFAULT_XSLT_DIR.resolve().as_uri().rstrip("/") + "/"
MAP_OUTLINE = shipped("data") / "map-region.xml"
RENDER_NS = "urn:x-edition:render"


class RenderError(EditionError):
    """A stylesheet failed on a document."""


@dataclass(frozen=True)
class RenderOptions:
    """How to render; the defaults are what ``edition render`` does."""

    format: str = "html"
    #: Text edition: wrap paragraphs at this many characters; 0 = no wrapping.
    width: int = 72
    #: Text edition: "[s. 5]" where page 5 of the source begins.
    page_markers: bool = False
    #: Text edition: notes after the whole text ("end") or after each top-level section.
    notes: str = "end"
    #: Language of the interface strings of the site pages (index,
    #: registers…); a text's own page and text edition use the text's
    #: language when labels.xml has it, else English.
    ui_lang: str = "tr"
    #: HTML: absolute URL the site is published at, for "Cite this".
    base_url: str = ""
    #: Which reading of choice/app/subst is the running text (the other one
    #: stays reachable: a tooltip in HTML, brackets in the text edition when
    #: ``variants`` is on).
    choice_reading: str = "edited"
    #: Text edition: the readings not shown follow in brackets ("Doctor [Dr.]").
    variants: bool = False
    #: app: show the readings of this witness (its siglum, without '#')
    #: instead of the lemmas; empty: the lemmas.
    witness: str = ""
    #: Name of the site (header, page titles, index); empty: the text's own
    #: title on its page, and "TEI edition" in the interface language elsewhere.
    site_title: str = ""

    def __post_init__(self) -> None:
        if self.format not in FORMATS:
            raise EditionError(f"unknown format {self.format!r}", hint=f"Use one of: {', '.join(FORMATS)}.")
        if self.notes not in NOTE_PLACEMENTS:
            raise EditionError(f"unknown note placement {self.notes!r}", hint="Use 'end' or 'section'.")
        if self.width < 0 or 0 < self.width < 20:
            raise EditionError(f"width {self.width} is too narrow", hint="Use 20 or more, or 0 for no wrapping.")
        if self.choice_reading not in CHOICE_READINGS:
            raise EditionError(f"unknown reading {self.choice_reading!r}", hint="Use 'edited' or 'diplomatic'.")
        if self.ui_lang not in ("tr", "en"):
            raise EditionError(f"unknown interface language {self.ui_lang!r}", hint="Use 'tr' or 'en'.")
        if self.base_url and not (self.base_url.startswith(("http://", "https://")) and self.base_url.endswith("/")):
            raise EditionError(f"base URL {self.base_url!r} is not an http(s) URL ending in '/'")


@dataclass
class RenderResult:
    """What a render produced: files written, warnings, seconds per document."""

    written: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: Seconds per document rendered (its own page, or text edition, and its parts).
    seconds: dict[str, float] = field(default_factory=dict)
    #: CPU seconds of the rendering process per document rendered.
    cpu_seconds: dict[str, float] = field(default_factory=dict)
    #: Seconds per site page and for "search-index.js".
    pages: dict[str, float] = field(default_factory=dict)
    #: Wall-clock seconds of each stage: "check" (parse and check every
    #: file), "documents" (all per-document work), "site" (the site pages).
    stages: dict[str, float] = field(default_factory=dict)
    #: One error per document that could not be rendered (not TEI, not
    #: well-formed, a stylesheet error on it); the others are rendered.
    failed: list[Issue] = field(default_factory=list)
    #: Documents taken from the render cache (not rendered again), in file order.
    cached: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Source:
    """A TEI file that passed :func:`check_sources`: its document id and path."""

    id: str
    path: Path


@dataclass
class DocumentOutput:
    """What rendering one document produced (in whichever process did it)."""

    id: str
    written: list[Path]
    seconds: float
    warnings: list[str]
    #: ``ed:site-parts`` as UTF-8, by part name (HTML only).
    parts: dict[str, bytes]
    #: Why the document could not be rendered (then nothing was written).
    error: Issue | None = None
    #: CPU seconds of the process that rendered it.
    cpu_seconds: float = 0.0


class Stylesheets:
    """The Saxon processor and the compiled stylesheets of one ``xslt/`` folder.

    Compiling is the slow part (about a second per format), so a process
    keeps one instance per folder (:func:`stylesheets`) and every render
    reuses the executables.
    """

    def __init__(self, xslt_dir: Path) -> None:
        from saxonche import PySaxonProcessor

        self.xslt_dir = Path(xslt_dir).resolve()
        self.processor = PySaxonProcessor(license=False)
        self._compiler = self.processor.new_xslt30_processor()
        # A project stylesheet imports the shipped one through this static
        # parameter: <xsl:import _href="{$shipped-xslt}html/html.xsl"/>.
        self._compiler.set_parameter("shipped-xslt", self.processor.make_string_value(SHIPPED_XSLT_URI))
        self._executables: dict[str, Any] = {}
        self._lock = threading.Lock()
        #: Per format, the job whose parameters the executable holds (see :class:`Renderer`).
        self.configured: dict[str, RenderJob] = {}

    def executable(self, fmt: str) -> Any:
        with self._lock:
            if fmt not in self._executables:
                entry = entry_stylesheet(self.xslt_dir, fmt)
                if not entry.is_file():
                    raise RenderError("stylesheet not found", path=str(entry))
                try:
                    executable = self._compiler.compile_stylesheet(stylesheet_file=str(entry))
                except Exception as exc:  # saxonche raises PySaxonApiError with the position
                    raise RenderError(f"stylesheet does not compile: {exc}", path=str(entry)) from None
                executable.set_save_xsl_message(True, None)
                self._executables[fmt] = executable
            return self._executables[fmt]

    def node(self, data: bytes) -> Any:
        return self.processor.parse_xml(xml_text=data.decode("utf-8"))

    def array(self, nodes: Sequence[object]) -> Any:
        return self.processor.make_array(list(nodes))


def entry_stylesheet(xslt_dir: Path, fmt: str) -> Path:
    """The entry stylesheet of ``fmt``: the project's ``<fmt>/<fmt>.xsl``, or
    the shipped one when the project's folder has none."""
    entry = Path(xslt_dir) / fmt / f"{fmt}.xsl"
    return entry if entry.is_file() else DEFAULT_XSLT_DIR / fmt / f"{fmt}.xsl"


def stylesheets(xslt_dir: Path | None = None) -> Stylesheets:
    """This process's :class:`Stylesheets` of ``xslt_dir`` (made once per
    process: :func:`edition.parallel.worker_cached`)."""
    key = Path(xslt_dir or DEFAULT_XSLT_DIR).resolve()
    return worker_cached(f"stylesheets:{key}", lambda: Stylesheets(key))


def _safe_bytes(path: Path) -> tuple[bytes, list[str]]:
    """The document re-serialised from the safe parse: the root element only,
    so no DOCTYPE (and no external DTD reference) ever reaches Saxon; and
    warnings about what had to change for Saxon to read it."""
    root = tei.parse_file(path).getroot()
    warnings = []
    flattened = _flatten_deep(root)
    if flattened:
        warnings.append(f"{path}: {flattened} elements nested deeper than {MAX_DEPTH} levels were unwrapped "
                        "(their text is kept) because Saxon reads no deeper than 100 levels.")
    return etree.tostring(root, encoding="UTF-8"), warnings


def _flatten_deep(root: etree._Element) -> int:
    """Unwrap every element deeper than :data:`MAX_DEPTH`, keeping its text
    and tail in place; the number unwrapped. Iterative: the depth that needs
    this is the depth at which recursion is unsafe."""
    deep = []
    stack = [(root, 0)]
    while stack:
        element, depth = stack.pop()
        for child in element:
            if not isinstance(child.tag, str):
                continue
            if depth + 1 > MAX_DEPTH:
                deep.append(child)
            else:
                stack.append((child, depth + 1))
    for element in deep:  # each is the top of a too-deep subtree
        text = str(element.xpath("string()"))  # text nodes only, no comments
        parent = element.getparent()
        previous = element.getprevious()
        joined = text + (element.tail or "")
        if previous is not None:
            previous.tail = (previous.tail or "") + joined
        else:
            parent.text = (parent.text or "") + joined
        parent.remove(element)
    return len(deep)


#: Root elements render accepts: a TEI document or a corpus of them.
ROOTS = (tei.TEI + "TEI", tei.TEI + "teiCorpus")


def document_id(root: etree._Element, path: Path) -> str:
    """The name of a document's pages: its ``xml:id`` when that is a usable
    file name, else the file name's stem, else the stem made usable (lower
    case, anything but letters, digits, '.', '_', '-' a '-'): TEI from other
    projects has camelCase names and ids like "d1e5" or none at all."""
    for candidate in (root.get(tei.XML_ID) or "", path.stem):
        if DOC_ID.match(candidate) and ".." not in candidate:
            return candidate
    slug = re.sub(r"[^a-z0-9._-]+", "-", path.stem.lower()).strip("-._").replace("..", ".")
    return check_doc_id(slug[:100].strip("-._") or "document", source=str(path))


def check_sources(paths: Iterable[Path]) -> tuple[list[Source], list[Issue]]:
    """Parse every file safely and check it is TEI with a usable, unique id,
    before anything is written (the workers parse each file again). A file
    that fails is one error; the others are still rendered."""
    sources: list[Source] = []
    failed: list[Issue] = []
    seen: dict[str, Path] = {}
    for path in paths:
        path = Path(path)
        try:
            root = tei.parse_file(path).getroot()
            if root.tag not in ROOTS:
                raise InputError("not a TEI document (the root element is neither TEI nor teiCorpus)",
                                 path=str(path), hint="Pass TEI P5 files (namespace http://www.tei-c.org/ns/1.0).")
            doc_id = document_id(root, path)
            if doc_id in seen:
                raise InputError(f"document id {doc_id!r} is also the id of {seen[doc_id]}", path=str(path),
                                 hint="Give one of them another xml:id or file name.")
        except EditionError as exc:
            failed.append(exc.as_issue("render", str(path)))
            continue
        seen[doc_id] = path
        sources.append(Source(doc_id, path))
    return sources, failed


def _optional_node(sheets: Stylesheets, path: Path | None) -> Any:
    if path is None or not Path(path).is_file():
        return sheets.array([])
    return sheets.array([sheets.node(_safe_bytes(Path(path))[0])])


def _messages(executable: Any) -> list[str]:
    messages = executable.get_xsl_messages()
    executable.clear_xsl_messages()
    if messages is None:
        return []
    return [str(messages.item_at(i).string_value) for i in range(messages.size)]


def _invoke(executable: Any, template: str, params: dict[str, Any], path: Path | None, *, raw: bool,
            call: Callable[[str], Any]) -> Any:
    """Call a named template through ``call``; a Saxon error is a
    :class:`RenderError` of the document (one line)."""
    executable.set_initial_template_parameters(False, params)
    # Raw: the items the template returns, not a document made of them (which
    # would join strings with spaces and cannot hold a map).
    executable.set_result_as_raw_value(raw)
    try:
        return call(template)
    except Exception as exc:
        message = " ".join(str(exc).split())  # Saxon's message may span lines
        hint = "The other documents are rendered; fix this one or report the stylesheet error."
        raise RenderError(f"the stylesheet failed ({template.split('}')[-1]}): {message}",
                          path=str(path) if path else None, hint=hint) from None


def _call_page(executable: Any, template: str, params: dict[str, Any], path: Path | None) -> str:
    """The serialised page a template makes."""
    page = _invoke(executable, template, params, path, raw=False, call=executable.call_template_returning_string)
    return str(page or "")


def _call_into_file(executable: Any, template: str, params: dict[str, Any], target: Path) -> None:
    """The page a template makes, serialised by Saxon into ``target``."""
    _invoke(executable, template, params, None, raw=False,
            call=lambda name: executable.call_template_returning_file(name, output_file=str(target)))


def _call_value(executable: Any, template: str, params: dict[str, Any], path: Path | None) -> str:
    """The string a template returns."""
    value = _invoke(executable, template, params, path, raw=False, call=executable.call_template_returning_value)
    return "" if value is None else str(value.head.string_value)


def _call_strings(executable: Any, template: str, params: dict[str, Any]) -> list[str]:
    """The strings a template returns, as items."""
    value = _invoke(executable, template, params, None, raw=True, call=executable.call_template_returning_value)
    return [str(value.item_at(i).string_value) for i in range(value.size)]


def _call_map(executable: Any, template: str, params: dict[str, Any], path: Path | None) -> dict[str, str]:
    """The map of strings a template returns."""
    value = _invoke(executable, template, params, path, raw=True, call=executable.call_template_returning_value)
    result = value.head
    return {str(key): str(result.get(str(key)).head.string_value) for key in result.keys()}


def _template(name: str) -> str:
    return f"{{{RENDER_NS}}}{name}"


@dataclass(frozen=True)
class RenderJob:
    """What every process rendering for one :func:`render` call needs to
    know; picklable, so it is sent once to each worker."""

    xslt_dir: Path
    options: RenderOptions
    registers: Path | None
    out: Path
    #: Where documents' entries are kept (:class:`~edition.render_cache.DocumentCache`), or None.
    cache: Path | None = None


@dataclass(frozen=True)
class DocumentTask:
    """One document to render, and the key its entry is stored under."""

    source: Source
    key: str = ""


@dataclass(frozen=True)
class SitePageTask:
    """One site page to render (or "search-index" for search-index.js) and
    the files of the parts it reads."""

    page: str
    parts: Path | None = None
    records: Path | None = None
    words: Path | None = None


@dataclass
class SitePageOutput:
    page: str
    written: list[Path]
    seconds: float
    warnings: list[str]


def _configure(sheets: Stylesheets, executable: Any, job: RenderJob) -> None:
    """Set the stylesheet parameters of a run (they outlive it on the shared
    executable, so every run sets all of them)."""
    p = sheets.processor
    options = job.options
    executable.set_parameter("registers-document", _optional_node(sheets, job.registers))
    executable.set_parameter("ui-lang", p.make_string_value(options.ui_lang))
    executable.set_parameter("site-title", p.make_string_value(options.site_title))
    executable.set_parameter("choice-reading", p.make_string_value(options.choice_reading))
    executable.set_parameter("witness", p.make_string_value(options.witness.lstrip("#")))
    if options.format == "html":
        executable.set_parameter("base-url", p.make_string_value(options.base_url))
        executable.set_parameter("map-outline", _optional_node(sheets, MAP_OUTLINE))
    else:
        executable.set_parameter("width", p.make_integer_value(options.width))
        executable.set_parameter("page-markers", p.make_boolean_value(options.page_markers))
        executable.set_parameter("notes", p.make_string_value(options.notes))
        executable.set_parameter("variants", p.make_boolean_value(options.variants))
    _messages(executable)


class Renderer:
    """Renders for one :func:`render` call in one process: documents one at a
    time (their pages, written here, and their site parts) and site pages
    from the parts of every document. A worker keeps one per call
    (:func:`renderer`); the parameters of the shared executable are set
    again whenever another call's renderer used it last."""

    def __init__(self, job: RenderJob) -> None:
        self.job = job
        self.sheets = stylesheets(job.xslt_dir)
        self.executable = self.sheets.executable(job.options.format)
        self.cache = DocumentCache(job.cache) if job.cache is not None else None

    def _ready(self) -> None:
        if self.sheets.configured.get(self.job.options.format) != self.job:
            _configure(self.sheets, self.executable, self.job)
            self.sheets.configured[self.job.options.format] = self.job

    def document(self, task: DocumentTask) -> DocumentOutput:
        """Render one document; a failure (unreadable file, any error from
        Saxon) is the document's error, and nothing of it is written."""
        self._ready()
        source = task.source
        start, cpu = time.perf_counter(), time.process_time()
        try:
            data, warnings = _safe_bytes(source.path)
            pages, parts = self._transform(source, data)
        except EditionError as exc:
            _messages(self.executable)
            failure = exc.as_issue("render", str(source.path))
            return DocumentOutput(source.id, [], time.perf_counter() - start, [], {}, failure)
        written = [self._write(name, content) for name, content in pages]
        warnings += [f"{source.path}: {m}" for m in _messages(self.executable)]
        if self.cache is not None and task.key:
            self.cache.store(task.key, pages, parts, warnings)
        return DocumentOutput(source.id, written, time.perf_counter() - start, warnings, parts,
                              cpu_seconds=time.process_time() - cpu)

    def _transform(self, source: Source, data: bytes) -> tuple[list[tuple[str, bytes]], dict[str, bytes]]:
        """The files of one document (name, content) and its site parts,
        all made from one parse, before any is written."""
        node = self.sheets.node(data)
        # The document is also a global parameter, so that global variables
        # (its language, its labels) can depend on it.
        self.executable.set_parameter("document", self.sheets.array([node]))
        self.executable.set_parameter("document-id", self.sheets.processor.make_string_value(source.id))
        params = {"doc": node}
        if self.job.options.format == "html":
            page = _call_page(self.executable, _template("text-page"), params, source.path)
            site_parts = _call_map(self.executable, _template("site-parts"), params, source.path)
            # The reader downloads the archive file itself, byte for byte.
            pages = [(f"{source.id}.html", page.encode("utf-8")), (f"tei/{source.id}.xml", source.path.read_bytes())]
            site_parts[SEARCH_WORDS] = search_index.record_words(site_parts.get(SEARCH_RECORDS, ""))
            return pages, {name: text.encode("utf-8") for name, text in site_parts.items()}
        text = _call_value(self.executable, _template("text-edition"), params, source.path)
        return [(f"{source.id}.txt", text.encode("utf-8"))], {}

    def site_page(self, task: SitePageTask) -> SitePageOutput:
        self._ready()
        start = time.perf_counter()
        self.executable.set_parameter("document", self.sheets.array([]))
        self.executable.set_parameter("document-id", self.sheets.processor.make_string_value(""))
        params = {} if task.parts is None else {"parts": self.sheets.processor.parse_xml(xml_file_name=str(task.parts))}
        if task.page == "search-index":
            assert task.records is not None, "the search index reads the search records"
            head, tail = _call_strings(self.executable, _template("search-index"), params)
            written = search_index.write(self.job.out, head, tail, task.records, task.words)
            return SitePageOutput(task.page, written, time.perf_counter() - start, _messages(self.executable))
        target = inside(self.job.out, f"{task.page}.html")
        params["page"] = self.sheets.processor.make_string_value(task.page)
        # Straight to the file: a register page of a large corpus is tens
        # of megabytes, too much to copy through Python strings.
        with tei.atomic_file(target) as tmp:
            _call_into_file(self.executable, _template("site-page"), params, tmp)
        return SitePageOutput(task.page, [target], time.perf_counter() - start, _messages(self.executable))

    def _write(self, name: str, data: bytes) -> Path:
        return _write(self.job.out, name, data)


def renderer(job: RenderJob) -> Renderer:
    """This process's :class:`Renderer` of ``job``, made once (compiling the
    stylesheet). A stylesheet that does not compile is remembered too, so
    that every task of the call raises it at once instead of compiling again."""
    made: Renderer | EditionError = worker_cached(f"renderer:{job!r}", lambda: _make_renderer(job))
    if isinstance(made, EditionError):
        raise made
    return made


def _make_renderer(job: RenderJob) -> Renderer | EditionError:
    try:
        return Renderer(job)
    except EditionError as exc:
        return exc


def render_document_step(job: RenderJob, task: DocumentTask) -> DocumentOutput:
    """The per-document step (:meth:`DocumentPool.map`): page, site parts or
    text edition of one document, from one parse, in one worker."""
    return renderer(job).document(task)


def render_site_page_step(job: RenderJob, task: SitePageTask) -> SitePageOutput:
    """The per-site-page step: one page (or the search index) from the parts."""
    return renderer(job).site_page(task)


class SiteParts:
    """The parts every document gives the site pages (``ed:site-parts``),
    in document order, kept in files in ``folder`` rather than in memory:
    one XML file per part name (the parts inside one ``<parts>`` element),
    and the search records and their words as JSON array members joined by
    commas."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self._files: dict[str, IO[bytes]] = {}
        self._json_written: set[str] = set()

    def add(self, parts: dict[str, bytes]) -> None:
        for name, data in parts.items():
            if name in JSON_PARTS:
                self._add_members(name, data)
            else:
                self._file(name).write(data)

    def _add_members(self, name: str, data: bytes) -> None:
        if not data:
            return
        out = self._file(name)
        if name in self._json_written:
            out.write(b",")
        out.write(data)
        self._json_written.add(name)

    def _file(self, name: str) -> IO[bytes]:
        if name not in self._files:
            self._files[name] = open(self.folder / f"{name}.part", "wb")  # noqa: SIM115 - closed by path()/close()
            if name not in JSON_PARTS:
                self._files[name].write(b"<parts>")
        return self._files[name]

    def path(self, name: str) -> Path:
        """The finished file of ``name``; no more parts can be added to it."""
        out = self._file(name)
        if not out.closed:
            if name not in JSON_PARTS:
                out.write(b"</parts>")
            out.close()
        return self.folder / f"{name}.part"

    def tasks(self) -> list[SitePageTask]:
        """Every site page and the search index, biggest parts first, so
        that with several workers the longest pages start first."""
        tasks = [SitePageTask(page, None if page == "search" else self.path(page)) for page in SITE_PAGES]
        tasks.append(SitePageTask("search-index", self.path(SEARCH_TEXTS), self.path(SEARCH_RECORDS),
                                  self.path(SEARCH_WORDS)))
        return sorted(tasks, key=lambda t: -(t.parts.stat().st_size if t.parts else 0))

    def close(self) -> None:
        for out in self._files.values():
            out.close()


def site_page_key(shared: str, task: SitePageTask) -> str:
    """What a site page is made from: the shared key and its parts' bytes."""
    return render_cache.digest(f"{shared}\0{task.page}\0{render_cache.file_digest(task.parts)}"
                               f"\0{render_cache.file_digest(task.records)}".encode())


@contextmanager
def _pool(given: DocumentPool | None, jobs: int) -> Iterator[DocumentPool]:
    """The build's pool when given, else one of this render's own."""
    if given is not None:
        yield given
        return
    with DocumentPool(jobs) as own:
        yield own


@dataclass
class Plan:
    """Which documents a render must render and which it takes from the
    cache: the tasks in file order, and the entry of each cached one."""

    tasks: list[DocumentTask]
    cached: dict[str, Entry]
    shared: str = ""

    @property
    def todo(self) -> list[DocumentTask]:
        return [task for task in self.tasks if task.source.id not in self.cached]


def plan(job: RenderJob, sources: Sequence[Source]) -> Plan:
    """Each document's key, and its entry where the cache has one. Without a
    cache every document is rendered."""
    if job.cache is None:
        return Plan([DocumentTask(source) for source in sources], {})
    shared = render_cache.shared_key(registers=job.registers, options=asdict(job.options),
                                     stylesheet_folders=[job.xslt_dir, DEFAULT_XSLT_DIR, MAP_OUTLINE])
    cache = DocumentCache(job.cache)
    tasks, cached = [], {}
    for source in sources:
        task = DocumentTask(source, render_cache.document_key(shared, source.id, source.path, source.path.read_bytes()))
        tasks.append(task)
        entry = cache.load(task.key)
        if entry is not None:
            cached[source.id] = entry
    return Plan(tasks, cached, shared)


def render(
    tei_files: Sequence[Path],
    output_dir: Path,
    options: RenderOptions = RenderOptions(),
    *,
    registers: Path | None = None,
    xslt_dir: Path | None = None,
    jobs: int = 1,
    pool: DocumentPool | None = None,
    cache_dir: Path | None = None,
) -> RenderResult:
    """Render ``tei_files`` into ``output_dir/html/`` or ``output_dir/text/``.

    ``registers`` is ``tei/registers.xml`` (default: next to the first TEI
    file); when it does not exist the HTML still renders, without register
    entries and popups. ``jobs`` > 1 renders in that many worker processes
    (documents, then site pages); ``pool`` is the build's
    :class:`~edition.parallel.DocumentPool`, used instead of a pool of the
    render's own (``jobs`` is then ignored). The output is the same either way.

    ``cache_dir`` (the project's cache folder) makes the render incremental:
    a document whose inputs did not change since a render that kept it is
    not rendered again; its parts come from the cache, and the site pages
    are put together from them (:mod:`edition.render_cache`). The output is
    byte for byte that of a full render.

    A document that cannot be rendered (not TEI, not well-formed, an error
    in the stylesheet on it) is one issue in ``result.failed``; the others
    are rendered, and the site pages list them. ``xslt_dir`` is a project's
    stylesheet folder: its ``html/html.xsl`` or ``text/text.xsl`` (each
    optional) imports the shipped one through the static parameter
    ``shipped-xslt`` and overrides templates.
    """
    tei_files = [Path(p) for p in tei_files if Path(p).name != "registers.xml"]
    if not tei_files:  # after the registers are set aside: they are no text
        raise EditionError("no TEI files to render", hint="Pass tei/<id>.xml files, e.g. tei/*.xml.")
    if registers is None:
        registers = Path(tei_files[0]).parent / "registers.xml"
    xslt_dir = Path(xslt_dir or DEFAULT_XSLT_DIR).resolve()
    cache = render_cache.cache_folder(cache_dir, options.format) if cache_dir is not None else None
    job = RenderJob(xslt_dir, options, registers, Path(output_dir) / options.format, cache)
    result = RenderResult()
    with tempfile.TemporaryDirectory(prefix="edition-render-") as tmp:
        parts = SiteParts(Path(tmp)) if options.format == "html" else None
        try:
            with _pool(pool, min(jobs, len(tei_files))) as documents_pool:
                start = time.perf_counter()
                sources, result.failed = check_sources(tei_files)
                work = plan(job, sources)
                result.stages["check"] = time.perf_counter() - start
                _render_documents(documents_pool, job, work, result, parts)
            if parts is not None and (result.seconds or result.cached):
                # A pool of its own gets fresh workers: after hundreds of
                # documents a worker's heap is large with garbage its
                # collector has not yet reclaimed, and the biggest site pages
                # would push it past 400 MB.
                with _pool(pool, min(jobs, len(SITE_PAGES))) as site_pool:
                    _render_site(site_pool, job, work.shared, parts, result)
        finally:
            if parts is not None:
                parts.close()
    if cache is not None and not result.failed:
        DocumentCache(cache).prune({task.key for task in work.tasks})
    return result


def _render_documents(pool: DocumentPool, job: RenderJob, work: Plan, result: RenderResult,
                      parts: SiteParts | None) -> None:
    """Render the documents the plan has no entry for (in the pool), then
    gather every document's files and parts in file order."""
    start = time.perf_counter()
    rendered = {}
    for output in pool.map(render_document_step, work.todo, job):
        if isinstance(output, Failed):
            raise output.error  # not one document's error: the stylesheet did not compile
        rendered[output.id] = output
    cache = DocumentCache(job.cache) if job.cache is not None else None
    for task in work.tasks:
        doc_id = task.source.id
        if doc_id in work.cached and cache is not None:
            entry = work.cached[doc_id]
            output = DocumentOutput(doc_id, cache.restore(entry, job.out), 0.0, list(entry.warnings), entry.parts)
            result.cached.append(doc_id)
        else:
            output = rendered[doc_id]
            if output.error is not None:
                result.failed.append(output.error)
                continue
            result.seconds[doc_id] = output.seconds
            result.cpu_seconds[doc_id] = output.cpu_seconds
        result.written += output.written
        result.warnings += output.warnings
        if parts is not None:
            parts.add(output.parts)
    result.stages["documents"] = time.perf_counter() - start


def _render_site(pool: DocumentPool, job: RenderJob, shared: str, parts: SiteParts, result: RenderResult) -> None:
    """The site pages and the search index from the parts (in the pool;
    with a cache, only those whose parts changed), then the register file
    and the assets."""
    start = time.perf_counter()
    record = SiteRecord.load(job.cache / "site.json") if job.cache is not None else None
    tasks = parts.tasks()
    keys = {task.page: site_page_key(shared, task) for task in tasks}
    outputs: dict[str, SitePageOutput] = {}
    if record is not None:
        for task in tasks:
            fresh = record.fresh(task.page, keys[task.page], job.out)
            if fresh is not None:
                outputs[task.page] = SitePageOutput(task.page, fresh, 0.0, [])
    todo = [task for task in tasks if task.page not in outputs]
    for output in pool.map(render_site_page_step, todo, job):
        if isinstance(output, Failed):
            raise output.error
        outputs[output.page] = output
        if record is not None and output.warnings:
            record.forget(output.page)  # made again next time, so that its warnings are seen again
        elif record is not None:
            record.record(output.page, keys[output.page], job.out, output.written)
    for page in (*SITE_PAGES, "search-index"):
        result.written += outputs[page].written
        result.pages[page] = outputs[page].seconds
        result.warnings += outputs[page].warnings
    if record is not None:
        record.save()
    result.written += _copy_site_files(job)
    result.stages["site"] = time.perf_counter() - start


def _copy_site_files(job: RenderJob) -> list[Path]:
    """The register file, and the shipped assets, each replaced by the
    project's file of that name."""
    written = []
    if job.registers is not None and Path(job.registers).is_file():
        written.append(_write(job.out, "tei/registers.xml", Path(job.registers).read_bytes()))
    assets = {a.name: a for a in sorted((DEFAULT_XSLT_DIR / "html" / "assets").iterdir()) if a.is_file()}
    project_assets = job.xslt_dir / "html" / "assets"
    if project_assets.is_dir():
        assets.update({a.name: a for a in sorted(project_assets.iterdir()) if a.is_file()})
    for name in sorted(assets):
        written.append(_write(job.out, f"assets/{name}", assets[name].read_bytes()))
    return written


def _write(out: Path, name: str, data: bytes) -> Path:
    """``data`` as ``out/name`` (a name that cannot leave ``out``), atomically."""
    target = inside(out, name)
    tei.write_atomic(target, data)
    return target
