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

With ``jobs`` > 1 both stages run in worker processes (documents, then the
site pages in fresh ones), each compiling the stylesheet once. The output does
not depend on ``jobs``: parts are collected in the order the files were
given, whichever process made them.

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

import multiprocessing
import re
import tempfile
import threading
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from lxml import etree

from . import search_index, tei
from .errors import EditionError, InputError, Issue
from .paths import DOC_ID, check_doc_id, inside
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
    #: Seconds per document (its own page, or text edition, and its parts).
    seconds: dict[str, float] = field(default_factory=dict)
    #: Seconds per site page and for "search-index.js".
    pages: dict[str, float] = field(default_factory=dict)
    #: Wall-clock seconds of each stage: "check" (parse and check every
    #: file), "documents" (all per-document work), "site" (the site pages).
    stages: dict[str, float] = field(default_factory=dict)
    #: One error per document that could not be rendered (not TEI, not
    #: well-formed, a stylesheet error on it); the others are rendered.
    failed: list[Issue] = field(default_factory=list)


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
        self._executables: dict[str, object] = {}
        self._lock = threading.Lock()

    def executable(self, fmt: str):
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

    def node(self, data: bytes):
        return self.processor.parse_xml(xml_text=data.decode("utf-8"))

    def array(self, nodes: Sequence[object]):
        return self.processor.make_array(list(nodes))


def entry_stylesheet(xslt_dir: Path, fmt: str) -> Path:
    """The entry stylesheet of ``fmt``: the project's ``<fmt>/<fmt>.xsl``, or
    the shipped one when the project's folder has none."""
    entry = Path(xslt_dir) / fmt / f"{fmt}.xsl"
    return entry if entry.is_file() else DEFAULT_XSLT_DIR / fmt / f"{fmt}.xsl"


_STYLESHEETS: dict[Path, Stylesheets] = {}
_STYLESHEETS_LOCK = threading.Lock()


def stylesheets(xslt_dir: Path | None = None) -> Stylesheets:
    """The process-wide :class:`Stylesheets` of ``xslt_dir``."""
    key = Path(xslt_dir or DEFAULT_XSLT_DIR).resolve()
    with _STYLESHEETS_LOCK:
        if key not in _STYLESHEETS:
            _STYLESHEETS[key] = Stylesheets(key)
        return _STYLESHEETS[key]


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
            failed.append(issue_of(exc, str(path)))
            continue
        seen[doc_id] = path
        sources.append(Source(doc_id, path))
    return sources, failed


def issue_of(exc: EditionError, path: str) -> Issue:
    """A library error as the one-line issue of the document it stopped."""
    message = exc.message + (f" {exc.hint}" if exc.hint else "")
    return Issue(exc.path or path, exc.line, exc.col, "error", message, "render")


def _optional_node(sheets: Stylesheets, path: Path | None):
    if path is None or not Path(path).is_file():
        return sheets.array([])
    return sheets.array([sheets.node(_safe_bytes(Path(path))[0])])


def _messages(executable) -> list[str]:
    messages = executable.get_xsl_messages()
    executable.clear_xsl_messages()
    if messages is None:
        return []
    return [str(messages.item_at(i).string_value) for i in range(messages.size)]


def _call(executable, template: str, params: dict, *, path: Path | None, returning: str | Path = "string"):
    """Call a named template; ``returning``: "string" (the serialised page),
    "value" (the string it returns), "strings" or "map" (of strings), or a
    file to serialise the page into."""
    executable.set_initial_template_parameters(False, params)
    # Raw: the items the template returns, not a document made of them (which
    # would join strings with spaces and cannot hold a map).
    executable.set_result_as_raw_value(returning in ("strings", "map"))
    try:
        if isinstance(returning, Path):
            executable.call_template_returning_file(template, output_file=str(returning))
            return None
        if returning == "string":
            return executable.call_template_returning_string(template) or ""
        value = executable.call_template_returning_value(template)
    except Exception as exc:
        # Saxon's message may span lines; the issue is one line.
        message = " ".join(str(exc).split())
        raise RenderError(f"the stylesheet failed ({template.split('}')[-1]}): {message}",
                          path=str(path) if path else None,
                          hint="The other documents are rendered; fix this one or report the stylesheet error.") from None
    if returning == "value":
        return "" if value is None else str(value.head.string_value)
    if returning == "strings":
        return [str(value.item_at(i).string_value) for i in range(value.size)]
    result = value.head
    return {str(key): str(result.get(str(key)).head.string_value) for key in result.keys()}


def _template(name: str) -> str:
    return "{%s}%s" % (RENDER_NS, name)


@dataclass(frozen=True)
class RenderJob:
    """What every process rendering for one :func:`render` call needs to
    know; picklable, so it is sent once to each worker."""

    xslt_dir: Path
    options: RenderOptions
    registers: Path | None
    out: Path


@dataclass(frozen=True)
class SitePageTask:
    """One site page to render (or "search-index" for search-index.js) and
    the files of the parts it reads."""

    page: str
    parts: Path | None = None
    records: Path | None = None


@dataclass
class SitePageOutput:
    page: str
    written: list[Path]
    seconds: float
    warnings: list[str]


def _configure(sheets: Stylesheets, executable, job: RenderJob) -> None:
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
    else:
        executable.set_parameter("width", p.make_integer_value(options.width))
        executable.set_parameter("page-markers", p.make_boolean_value(options.page_markers))
        executable.set_parameter("notes", p.make_string_value(options.notes))
        executable.set_parameter("variants", p.make_boolean_value(options.variants))
    _messages(executable)


class Renderer:
    """Renders for one :func:`render` call in one process: documents one at a
    time (their pages, written here, and their site parts) and site pages
    from the parts of every document."""

    def __init__(self, job: RenderJob) -> None:
        self.job = job
        self.sheets = stylesheets(job.xslt_dir)
        self.executable = self.sheets.executable(job.options.format)
        self._site_ready = False
        _configure(self.sheets, self.executable, job)

    def document(self, source: Source) -> DocumentOutput:
        """Render one document; a failure (unreadable file, any error from
        Saxon) is the document's error, and nothing of it is written."""
        start = time.perf_counter()
        try:
            data, warnings = _safe_bytes(source.path)
            pages, parts = self._transform(source, data)
        except EditionError as exc:
            _messages(self.executable)
            return DocumentOutput(source.id, [], time.perf_counter() - start, [], {}, issue_of(exc, str(source.path)))
        written = [self._write(name, content) for name, content in pages]
        warnings += [f"{source.path}: {m}" for m in _messages(self.executable)]
        return DocumentOutput(source.id, written, time.perf_counter() - start, warnings, parts)

    def _transform(self, source: Source, data: bytes) -> tuple[list[tuple[str, bytes]], dict[str, bytes]]:
        """The files of one document (name, content) and its site parts,
        all made before any is written."""
        node = self.sheets.node(data)
        # The document is also a global parameter, so that global variables
        # (its language, its labels) can depend on it.
        self.executable.set_parameter("document", self.sheets.array([node]))
        self.executable.set_parameter("document-id", self.sheets.processor.make_string_value(source.id))
        params = {"doc": node}
        if self.job.options.format == "html":
            page = _call(self.executable, _template("text-page"), params, path=source.path)
            site_parts = _call(self.executable, _template("site-parts"), params, path=source.path, returning="map")
            # The reader downloads the archive file itself, byte for byte.
            pages = [(f"{source.id}.html", page.encode("utf-8")), (f"tei/{source.id}.xml", source.path.read_bytes())]
            return pages, {name: text.encode("utf-8") for name, text in site_parts.items()}
        text = _call(self.executable, _template("text-edition"), params, path=source.path, returning="value")
        return [(f"{source.id}.txt", text.encode("utf-8"))], {}

    def site_page(self, task: SitePageTask) -> SitePageOutput:
        start = time.perf_counter()
        if not self._site_ready:
            self.executable.set_parameter("map-outline", _optional_node(self.sheets, MAP_OUTLINE))
            self.executable.set_parameter("document", self.sheets.array([]))
            self.executable.set_parameter("document-id", self.sheets.processor.make_string_value(""))
            self._site_ready = True
        params = {} if task.parts is None else {"parts": self.sheets.processor.parse_xml(xml_file_name=str(task.parts))}
        if task.page == "search-index":
            head, tail = _call(self.executable, _template("search-index"), params, path=None, returning="strings")
            written = search_index.write(self.job.out, head, tail, task.records)
            return SitePageOutput(task.page, written, time.perf_counter() - start, _messages(self.executable))
        else:
            target = inside(self.job.out, f"{task.page}.html")
            params["page"] = self.sheets.processor.make_string_value(task.page)
            # Straight to the file: a register page of a large corpus is tens
            # of megabytes, too much to copy through Python strings.
            with tei.atomic_file(target) as tmp:
                _call(self.executable, _template("site-page"), params, path=None, returning=tmp)
        return SitePageOutput(task.page, [target], time.perf_counter() - start, _messages(self.executable))

    def _write(self, name: str, data: bytes) -> Path:
        return _write(self.job.out, name, data)


#: The renderer of this process while a render runs (see :func:`_workers`),
#: or the error that kept it from starting (a stylesheet that does not
#: compile), raised by every task so that the caller sees it.
_RENDERER: Renderer | EditionError | None = None


def _start_renderer(job: RenderJob) -> None:
    global _RENDERER
    from .lock import die_with_parent

    die_with_parent()  # a killed render leaves no worker writing pages
    try:
        _RENDERER = Renderer(job)
    except EditionError as exc:
        _RENDERER = exc


def _renderer() -> Renderer:
    if isinstance(_RENDERER, EditionError):
        raise _RENDERER
    assert _RENDERER is not None, "renderer not started"
    return _RENDERER


def _render_document(source: Source) -> DocumentOutput:
    return _renderer().document(source)


def _render_site_page(task: SitePageTask) -> SitePageOutput:
    return _renderer().site_page(task)


def _ready() -> None:
    """A task that returns once the worker has started (compiled)."""


class _InProcess:
    """The executor of ``jobs=1``: every task runs here, in order."""

    def map(self, fn, items):
        return map(fn, items)


@contextmanager
def _workers(job: RenderJob, jobs: int):
    """An executor whose processes each hold a :class:`Renderer` of ``job``.

    With ``jobs`` > 1, worker processes. They are spawned, not forked: a fork
    of a process running Saxon (a GraalVM isolate with threads of its own) is
    not safe; so, as with any spawned workers, a script calling
    :func:`render` needs the ``if __name__ == "__main__":`` guard. They start
    (and compile) at once, while this process checks the files.
    """
    global _RENDERER
    if jobs <= 1:
        saved = _RENDERER
        _start_renderer(job)
        try:
            yield _InProcess()
        finally:
            _RENDERER = saved
        return
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_start_renderer, initargs=(job,))
    try:
        for _ in range(jobs):
            pool.submit(_ready)
        yield pool
    finally:
        # On an error, the tasks not yet started are dropped.
        pool.shutdown(wait=True, cancel_futures=True)


class SiteParts:
    """The parts every document gives the site pages (``ed:site-parts``),
    in document order, kept in files in ``folder`` rather than in memory:
    one XML file per part name (the parts inside one ``<parts>`` element),
    and the search records as JSON array members joined by commas."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self._files: dict[str, IO[bytes]] = {}
        self._records_written = False

    def add(self, parts: dict[str, bytes]) -> None:
        for name, data in parts.items():
            if name == SEARCH_RECORDS:
                self._add_records(data)
            else:
                self._file(name).write(data)

    def _add_records(self, data: bytes) -> None:
        if not data:
            return
        out = self._file(SEARCH_RECORDS)
        if self._records_written:
            out.write(b",")
        out.write(data)
        self._records_written = True

    def _file(self, name: str) -> IO[bytes]:
        if name not in self._files:
            self._files[name] = open(self.folder / f"{name}.part", "wb")
            if name != SEARCH_RECORDS:
                self._files[name].write(b"<parts>")
        return self._files[name]

    def path(self, name: str) -> Path:
        """The finished file of ``name``; no more parts can be added to it."""
        out = self._file(name)
        if not out.closed:
            if name != SEARCH_RECORDS:
                out.write(b"</parts>")
            out.close()
        return self.folder / f"{name}.part"

    def tasks(self) -> list[SitePageTask]:
        """Every site page and the search index, biggest parts first, so
        that with several workers the longest pages start first."""
        tasks = [SitePageTask(page, None if page == "search" else self.path(page)) for page in SITE_PAGES]
        tasks.append(SitePageTask("search-index", self.path(SEARCH_TEXTS), self.path(SEARCH_RECORDS)))
        return sorted(tasks, key=lambda t: -(t.parts.stat().st_size if t.parts else 0))

    def close(self) -> None:
        for out in self._files.values():
            out.close()


def render(
    tei_files: Sequence[Path],
    output_dir: Path,
    options: RenderOptions = RenderOptions(),
    *,
    registers: Path | None = None,
    xslt_dir: Path | None = None,
    jobs: int = 1,
) -> RenderResult:
    """Render ``tei_files`` into ``output_dir/html/`` or ``output_dir/text/``.

    ``registers`` is ``tei/registers.xml`` (default: next to the first TEI
    file); when it does not exist the HTML still renders, without register
    entries and popups. ``jobs`` > 1 renders in that many worker processes
    (documents, then site pages); the output is the same.

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
    job = RenderJob(xslt_dir, options, registers, Path(output_dir) / options.format)
    result = RenderResult()
    with tempfile.TemporaryDirectory(prefix="edition-render-") as tmp:
        parts = SiteParts(Path(tmp)) if options.format == "html" else None
        try:
            with _workers(job, min(jobs, len(tei_files))) as workers:
                start = time.perf_counter()
                sources, result.failed = check_sources(tei_files)
                result.stages["check"] = time.perf_counter() - start
                _render_documents(workers, sources, result, parts)
            if parts is not None and result.seconds:
                # Fresh workers: after hundreds of documents a worker's heap
                # is large with garbage its collector has not yet reclaimed,
                # and the biggest site pages would push it past 400 MB.
                with _workers(job, min(jobs, len(SITE_PAGES))) as workers:
                    _render_site(workers, job, parts, result)
        finally:
            if parts is not None:
                parts.close()
    return result


def _render_documents(workers, sources: Sequence[Source], result: RenderResult, parts: SiteParts | None) -> None:
    start = time.perf_counter()
    for output in workers.map(_render_document, sources):
        if output.error is not None:
            result.failed.append(output.error)
            continue
        result.written += output.written
        result.seconds[output.id] = output.seconds
        result.warnings += output.warnings
        if parts is not None:
            parts.add(output.parts)
    result.stages["documents"] = time.perf_counter() - start


def _render_site(workers, job: RenderJob, parts: SiteParts, result: RenderResult) -> None:
    """The site pages and the search index from the parts (in the workers),
    then the register file and the assets."""
    start = time.perf_counter()
    outputs = {output.page: output for output in workers.map(_render_site_page, parts.tasks())}
    for page in (*SITE_PAGES, "search-index"):
        result.written += outputs[page].written
        result.pages[page] = outputs[page].seconds
        result.warnings += outputs[page].warnings

    def write(name: str, data: bytes) -> None:
        result.written.append(_write(job.out, name, data))

    if job.registers is not None and Path(job.registers).is_file():
        write("tei/registers.xml", Path(job.registers).read_bytes())
    # The shipped assets, each replaced by the project's file of that name.
    assets = {a.name: a for a in sorted((DEFAULT_XSLT_DIR / "html" / "assets").iterdir()) if a.is_file()}
    project_assets = job.xslt_dir / "html" / "assets"
    if project_assets.is_dir():
        assets.update({a.name: a for a in sorted(project_assets.iterdir()) if a.is_file()})
    for name in sorted(assets):
        write(f"assets/{name}", assets[name].read_bytes())
    result.stages["site"] = time.perf_counter() - start


def _write(out: Path, name: str, data: bytes) -> Path:
    """``data`` as ``out/name`` (a name that cannot leave ``out``), atomically."""
    target = inside(out, name)
    tei.write_atomic(target, data)
    return target
