"""Render TEI documents as an HTML edition site and as plain text.

Python only orchestrates; every presentation decision is in ``xslt/``:

1. each stylesheet (``xslt/html/html.xsl``, ``xslt/text/text.xsl``) is
   compiled once per process by saxonche and the executable reused for every
   document and page;
2. every TEI file, ``tei/registers.xml`` and the vendored map outline are
   parsed by :mod:`edition.tei`'s safe parser (no DTD, no entities, no
   network) and handed to Saxon as nodes, so Saxon never opens them itself;
3. the named templates of the stylesheet produce each page as a string,
   written atomically (:func:`edition.tei.write_atomic`); static assets and
   the TEI files are copied next to the pages.

Messages from ``xsl:message`` are collected as warnings on the result: a
clean render has none (the tests insist).
"""

from __future__ import annotations

import shutil
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from lxml import etree

from . import tei
from .errors import EditionError, InputError
from .paths import check_doc_id, inside

FORMATS = ("html", "text")
NOTE_PLACEMENTS = ("end", "section")
#: Site pages made by ``ed:site-page`` besides one page per text.
SITE_PAGES = ("index", "persons", "places", "organisations", "chronology", "map", "bibliography", "search")
DEFAULT_XSLT_DIR = Path(__file__).resolve().parents[2] / "xslt"
MAP_OUTLINE = Path(__file__).with_name("data") / "map-region.xml"
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
    #: Language of the interface strings (xslt/common/labels.xml).
    ui_lang: str = "tr"
    #: HTML: absolute URL the site is published at, for "Cite this".
    base_url: str = ""

    def __post_init__(self) -> None:
        if self.format not in FORMATS:
            raise EditionError(f"unknown format {self.format!r}", hint=f"Use one of: {', '.join(FORMATS)}.")
        if self.notes not in NOTE_PLACEMENTS:
            raise EditionError(f"unknown note placement {self.notes!r}", hint="Use 'end' or 'section'.")
        if self.width < 0 or 0 < self.width < 20:
            raise EditionError(f"width {self.width} is too narrow", hint="Use 20 or more, or 0 for no wrapping.")
        if self.ui_lang not in ("tr", "en"):
            raise EditionError(f"unknown interface language {self.ui_lang!r}", hint="Use 'tr' or 'en'.")
        if self.base_url and not (self.base_url.startswith(("http://", "https://")) and self.base_url.endswith("/")):
            raise EditionError(f"base URL {self.base_url!r} is not an http(s) URL ending in '/'")


@dataclass
class RenderResult:
    """What a render produced: files written, warnings, seconds per document."""

    written: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Document:
    """A TEI document ready for Saxon."""

    id: str
    path: Path
    node: object  # saxonche.PyXdmNode


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
        self._executables: dict[str, object] = {}
        self._lock = threading.Lock()

    def executable(self, fmt: str):
        with self._lock:
            if fmt not in self._executables:
                entry = self.xslt_dir / fmt / f"{fmt}.xsl"
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


_STYLESHEETS: dict[Path, Stylesheets] = {}
_STYLESHEETS_LOCK = threading.Lock()


def stylesheets(xslt_dir: Path | None = None) -> Stylesheets:
    """The process-wide :class:`Stylesheets` of ``xslt_dir``."""
    key = Path(xslt_dir or DEFAULT_XSLT_DIR).resolve()
    with _STYLESHEETS_LOCK:
        if key not in _STYLESHEETS:
            _STYLESHEETS[key] = Stylesheets(key)
        return _STYLESHEETS[key]


def _safe_bytes(path: Path) -> bytes:
    """The document re-serialised from the safe parse: the root element only,
    so no DOCTYPE (and no external DTD reference) ever reaches Saxon."""
    tree = tei.parse_file(path)
    return etree.tostring(tree.getroot(), encoding="UTF-8")


def load_documents(sheets: Stylesheets, paths: Iterable[Path]) -> list[Document]:
    documents: list[Document] = []
    seen: dict[str, Path] = {}
    for path in paths:
        path = Path(path)
        data = _safe_bytes(path)
        root = etree.fromstring(data, tei.safe_parser())
        if root.tag != tei.TEI + "TEI":
            raise InputError("not a TEI document (the root element is not TEI)", path=str(path),
                             hint="Pass tei/<id>.xml files written by `edition ingest`.")
        doc_id = check_doc_id(root.get(tei.XML_ID) or path.stem, source=str(path))
        if doc_id in seen:
            raise InputError(f"document id {doc_id!r} is also the id of {seen[doc_id]}", path=str(path))
        seen[doc_id] = path
        documents.append(Document(doc_id, path, sheets.node(data)))
    return documents


def _optional_node(sheets: Stylesheets, path: Path | None):
    if path is None or not Path(path).is_file():
        return sheets.array([])
    return sheets.array([sheets.node(_safe_bytes(Path(path)))])


def _messages(executable) -> list[str]:
    messages = executable.get_xsl_messages()
    executable.clear_xsl_messages()
    if messages is None:
        return []
    return [str(messages.item_at(i).string_value) for i in range(messages.size)]


def _call(executable, template: str, params: dict, *, path: Path | None, returning: str = "string") -> str:
    executable.set_initial_template_parameters(False, params)
    try:
        if returning == "value":
            value = executable.call_template_returning_value(template)
            return "" if value is None else str(value.head.string_value)
        return executable.call_template_returning_string(template) or ""
    except Exception as exc:
        raise RenderError(f"rendering failed in {template}: {exc}", path=str(path) if path else None) from None


def render(
    tei_files: Sequence[Path],
    output_dir: Path,
    options: RenderOptions = RenderOptions(),
    *,
    registers: Path | None = None,
    xslt_dir: Path | None = None,
) -> RenderResult:
    """Render ``tei_files`` into ``output_dir/html/`` or ``output_dir/text/``.

    ``registers`` is ``tei/registers.xml`` (default: next to the first TEI
    file); when it does not exist the HTML still renders, without register
    entries and popups.
    """
    if not tei_files:
        raise EditionError("no TEI files to render", hint="Pass tei/<id>.xml files, e.g. tei/*.xml.")
    sheets = stylesheets(xslt_dir)
    tei_files = [Path(p) for p in tei_files if Path(p).name != "registers.xml"]
    if registers is None:
        registers = Path(tei_files[0]).parent / "registers.xml"
    executable = sheets.executable(options.format)
    documents = load_documents(sheets, tei_files)
    executable.set_parameter("documents", sheets.array([d.node for d in documents]))
    executable.set_parameter("registers-document", _optional_node(sheets, registers))
    executable.set_parameter("ui-lang", sheets.processor.make_string_value(options.ui_lang))
    _messages(executable)
    if options.format == "html":
        return _render_html(sheets, executable, documents, Path(output_dir) / "html", options, registers)
    return _render_text(sheets, executable, documents, Path(output_dir) / "text", options)


def _render_text(sheets, executable, documents, out: Path, options: RenderOptions) -> RenderResult:
    p = sheets.processor
    executable.set_parameter("width", p.make_integer_value(options.width))
    executable.set_parameter("page-markers", p.make_boolean_value(options.page_markers))
    executable.set_parameter("notes", p.make_string_value(options.notes))
    result = RenderResult()
    for doc in documents:
        start = time.perf_counter()
        text = _call(executable, "{%s}text-edition" % RENDER_NS, {"doc": doc.node}, path=doc.path, returning="value")
        target = inside(out, f"{doc.id}.txt")
        tei.write_atomic(target, text.encode("utf-8"))
        result.written.append(target)
        result.seconds[doc.id] = time.perf_counter() - start
        result.warnings += [f"{doc.path}: {m}" for m in _messages(executable)]
    return result


def _render_html(sheets, executable, documents, out: Path, options: RenderOptions, registers) -> RenderResult:
    p = sheets.processor
    executable.set_parameter("base-url", p.make_string_value(options.base_url))
    executable.set_parameter("map-outline", _optional_node(sheets, MAP_OUTLINE))
    result = RenderResult()

    def write(name: str, text: str | bytes) -> None:
        target = inside(out, name)
        tei.write_atomic(target, text if isinstance(text, bytes) else text.encode("utf-8"))
        result.written.append(target)

    for doc in documents:
        start = time.perf_counter()
        write(f"{doc.id}.html", _call(executable, "{%s}text-page" % RENDER_NS, {"doc": doc.node}, path=doc.path))
        # The reader downloads the archive file itself, byte for byte.
        write(f"tei/{doc.id}.xml", doc.path.read_bytes())
        result.seconds[doc.id] = time.perf_counter() - start
        result.warnings += [f"{doc.path}: {m}" for m in _messages(executable)]
    for page in SITE_PAGES:
        write(f"{page}.html", _call(executable, "{%s}site-page" % RENDER_NS, {"page": p.make_string_value(page)}, path=None))
    write("search-index.js", _call(executable, "{%s}search-index" % RENDER_NS, {}, path=None, returning="value"))
    result.warnings += _messages(executable)
    if registers is not None and Path(registers).is_file():
        write("tei/registers.xml", Path(registers).read_bytes())
    assets = sheets.xslt_dir / "html" / "assets"
    for asset in sorted(assets.iterdir()):
        if asset.is_file():
            write(f"assets/{asset.name}", asset.read_bytes())
    return result
