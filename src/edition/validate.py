"""Validate TEI documents: the TEI schema plus the edition's own rules.

``validate_paths(paths, options)`` returns every :class:`~edition.errors.Issue`
of every file, in file order then document order; it never prints or exits.

Per file:

1. read and parse with the safe parser of :mod:`edition.tei` (no DTD, no
   external entity, internal ones within the expansion limit, no network,
   size limit) -> ``xml-*`` issues, the rule decided by the kind of error;
2. check it is TEI P5: the root is ``<TEI>`` or ``<teiCorpus>`` in the TEI
   namespace (anything else, TEI P4 included, is refused in one line) ->
   ``tei-root``;
3. validate against each schema of ``ValidateOptions.schemas``:
   ``tei-all`` (the default: the official RELAX NG -> ``tei-all``, and TEI's
   embedded Schematron -> ``tei-schematron``), ``edition`` (this project's
   customisation ``schema/edition.rng`` -> ``schema``), or a project's own
   ``.rng`` (lxml), ``.xsd`` (xmlschema) -> ``project-schema``, ``.sch``
   (:mod:`edition.schematron`) -> ``schematron``;
4. with ``profile="edition"``, run the edition's own project rules
   (:data:`PROFILE_RULES`), written in Python because they need the registers
   file, ISO date arithmetic and exact positions. They are a profile: other
   people's TEI (a ``date`` without ``@when``, GND URIs in ``@ref``) is valid
   TEI and is not judged by them unless a project asks.

Positions are those of the end of the element's start tag, as jing reports
them, so the two tools agree on lines and columns.

The full tei_all check: libxml2 needs ~16 s to compile all of tei_all and its
compiled form cannot be saved. But a document can only be matched by element
patterns of elements it contains, so tei_all pruned to the elements present
(every other element pattern -> notAllowed, :func:`edition.schema_build.build`)
accepts exactly the documents tei_all accepts that use only those elements:
the same verdict, compiled in a fraction of a second. That pruned grammar is
cached on disk, keyed on the TEI release's SHA-256, the edition and libxml2
versions and the element set. The cache holds plain XML (never pickles), is
read through the safe parser and is safe to delete.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import hashlib
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from lxml import etree

from . import __version__, schematron, tei
from .config import BUILTIN_SCHEMAS, RULE_PROFILES, SCHEMA_SUFFIXES
from .errors import EditionError, InputError, InputTooLargeError, Issue, UnsafeXMLError, UsageError
from .paths import Project, check_readable, file_stem, input_root, read_regular_file
from .schema_build import EDITION_ELEMENTS, EDITION_RNG, RNG, TEI_ALL_RNG, build
from .tei import TEI, TEI_NS, XML_ID, XML_LANG, XML_NS, local, parse_bytes, parse_file, write_atomic

if TYPE_CHECKING:
    from xmlschema import XMLSchema

#: Built-in schema names; anything else in ``ValidateOptions.schemas`` is a file.
SCHEMAS = BUILTIN_SCHEMAS
#: Profiles: sets of project rules on top of the schemas.
PROFILES = RULE_PROFILES
# SCHEMA_SUFFIXES (from edition.config): schema files a project may name.

# Every rule id and what it checks; docs/validate.md has the same table and a
# test keeps the two in step.
RULES: dict[str, str] = {
    "xml-read": "the file can be read",
    "xml-size": "the file is not larger than the size limit",
    "xml-unsafe": "no entity declarations (XXE, billion laughs) and no unresolved entity references",
    "xml-syntax": "the file is well-formed XML",
    "tei-root": "the root element is <TEI> or <teiCorpus> in the TEI P5 namespace",
    "tei-all": "valid against the official TEI P5 tei_all RELAX NG (schema tei-all, the default)",
    "tei-schematron": "the Schematron constraints embedded in tei_all hold (schema tei-all, the default)",
    "schema": "valid against the edition's TEI customisation (schema edition)",
    "project-schema": "valid against a project RELAX NG (.rng) or W3C XML Schema (.xsd) file",
    "schematron": "the constraints of a project Schematron (.sch) file hold",
    "doc-id": "TEI/@xml:id is the file name without .xml",
    "xml-id-unique": "every xml:id occurs once in the document",
    "ref-resolves": "@ref on persName/placeName/orgName is registers.xml#<id> of a person/place/org",
    "date-iso": "every <date> has @when, @from/@to or @notBefore/@notAfter in ISO 8601 form",
    "date-range": "@from is not after @to, @notBefore is not after @notAfter",
    "note-n-unique": "note numbers (@n) are unique in the document",
    "note-n-order": "note numbers increase in document order; n=\"*\" only before the first numbered note",
    "entity-empty": "persName/placeName/orgName are not empty",
    "entity-nested": "no persName inside a persName (placeName, orgName alike)",
    "pb-order": "every <pb> in the text has a numeric @n, increasing",
    "lang-en": "an abstract or keywords part headed ABSTRACT/EXTENDED ABSTRACT/Keywords is xml:lang=\"en\"",
    "bibl-author-title": "every <bibl> has an <author> or a <title>",
}

#: The project rules of the "edition" profile.
PROFILE_RULES = frozenset({
    "doc-id", "ref-resolves", "date-iso", "date-range", "note-n-unique", "note-n-order",
    "entity-empty", "entity-nested", "pb-order", "lang-en", "bibl-author-title",
})

# Rules whose failures jing on tei_all also reports (used by the cross-check).
SCHEMA_LEVEL_RULES = frozenset({"xml-syntax", "tei-root", "schema", "tei-all", "xml-id-unique"})

ENTITY_ELEMENTS = {"persName": "person", "placeName": "place", "orgName": "org"}
ENGLISH_HEADS = {"abstract", "extended abstract", "keywords"}
REGISTERS_NAME = "registers.xml"
XINCLUDE_NS = "http://www.w3.org/2001/XInclude"


@dataclass(frozen=True)
class ValidateOptions:
    """How to validate.

    ``schemas``: built-in names ("tei-all", "edition") and schema files
    (``.rng``, ``.xsd``, ``.sch``); every one is applied.
    ``profile``: "edition" adds the edition's project rules; None: TEI only.
    ``registers``: the registers file for @ref checks (edition profile);
    default: the ``registers.xml`` in the document's own folder.
    ``cache_dir``: where the pruned tei_all grammars are kept;
    default ``$EDITION_CACHE_DIR`` or ``.edition-cache/`` in the current folder.
    """

    schemas: tuple[str, ...] = ("tei-all",)
    profile: str | None = None
    registers: Path | None = None
    cache_dir: Path | None = None

    def __post_init__(self) -> None:
        if isinstance(self.schemas, str):
            object.__setattr__(self, "schemas", (self.schemas,))
        for name in self.schemas:
            if not _names_a_schema(str(name)):
                raise ValueError(f"unknown schema {name!r}: use {', '.join(SCHEMAS)} or a "
                                 f"{', '.join(SCHEMA_SUFFIXES)} file")
        if self.profile not in (None, *PROFILES):
            raise ValueError(f"unknown profile {self.profile!r}: use {', '.join(PROFILES)} or None")


    @classmethod
    def for_project(cls, project: Project, *, schemas: tuple[str, ...] = (), profile: str | None = None,
                    registers: Path | None = None) -> ValidateOptions:
        """What ``project`` is validated against: ``schemas`` and ``profile``
        (``"none"``: TEI only) where given, else those of its config (without
        one: tei-all, no profile); compiled grammars kept in its cache."""
        if profile is None:
            profile = project.config.validate.profile or "none"
        return cls(schemas=schemas or project.validate_schemas(), profile=None if profile == "none" else profile,
                   registers=registers, cache_dir=project.cache)


def _names_a_schema(name: str) -> bool:
    """Is ``name`` a built-in schema or a schema file's name (which may not exist)?"""
    return name in SCHEMAS or name.endswith(SCHEMA_SUFFIXES)


def check_schema_name(name: str) -> None:
    """Refuse, with a :class:`UsageError`, a schema that is neither built in
    (:data:`SCHEMAS`) nor an existing schema file (:data:`SCHEMA_SUFFIXES`)."""
    if not _names_a_schema(name):
        raise UsageError(f"{name!r} is neither {' nor '.join(SCHEMAS)} nor a .rng, .xsd or .sch file")
    if name not in SCHEMAS and not Path(name).is_file():
        raise UsageError(f"{name} does not exist")


def default_cache_dir() -> Path:
    """Where compiled grammars are kept when the options name no folder."""
    return Path(os.environ.get("EDITION_CACHE_DIR") or ".edition-cache")


# ---------------------------------------------------------------- files


def collect_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The XML files named, folders expanded to their ``*.xml`` (sorted, not recursive)."""
    files: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            files.extend(sorted(q for q in p.glob("*.xml") if q.is_file()))
        else:
            files.append(p)
    return files


def files_to_validate(targets: list[Path]) -> list[Path]:
    """:func:`collect_files` of what a user named, refusing (:class:`UsageError`)
    a target that does not exist and a set of targets with no XML file."""
    for target in targets:
        if not target.exists():
            raise UsageError(f"{target} does not exist")
    files = collect_files(targets)
    if not files:
        raise UsageError(f"no .xml files in {', '.join(map(str, targets))}")
    return files


# Markup that is not a start tag, then a start tag with quoted attribute values
# (which may contain '>'). Used only on documents that parsed, so well-formed.
_MARKUP = re.compile(
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<!DOCTYPE(?:[^\[>]|\[.*?\])*>"
    r"|</[^>]*>|<[^\s/>]+(?:\s+[^\s=>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*\s*/?>",
    re.S,
)

#: A position as jing reports it: (line, column), both from 1.
LineCol = tuple[int, int]
#: A tag of an element: ("start", element) or ("end", element).
Tag = tuple[str, etree._Element]


@dataclass(frozen=True)
class _TagPositions:
    """Where the tags of a document's elements are in its source text.

    ``after_tags``: element -> (position after its start tag, position after
    its end tag), both as jing reports them: a misplaced element at the end of
    its start tag, an incomplete element at the end of its end tag.
    ``tag_offsets``: where each tag starts, as an offset into the text.
    """

    line_starts: list[int]
    after_tags: dict[etree._Element, tuple[LineCol, LineCol]]
    tag_offsets: dict[Tag, int]

    def where(self, offset: int) -> LineCol:
        """The (line, column) just after the character before ``offset``, as
        jing gives the end of a tag (a line break ends on its own line)."""
        line = bisect.bisect_right(self.line_starts, offset - 1)
        return line, offset - self.line_starts[line - 1] + 1

    @classmethod
    def of(cls, tree: etree._ElementTree, source: str) -> _TagPositions:
        """Read the tags of ``source``, the text ``tree`` was parsed from."""
        positions = cls([0] + [m.end() for m in re.finditer("\n", source)], {}, {})
        # The dict holds the element proxies, so each node keeps one identity.
        elements = iter([e for e in tree.getroot().iter() if isinstance(e.tag, str)])
        open_nodes: list[etree._Element] = []
        for match in _MARKUP.finditer(source):
            text = match.group()
            if text.startswith(("<!", "<?")):
                continue
            if text.startswith("</"):
                if open_nodes:
                    positions.end_tag(open_nodes.pop(), match)
                continue
            node = next(elements, None)
            if node is None:
                break
            positions.start_tag(node, match)
            if not text.endswith("/>"):
                open_nodes.append(node)
        return positions

    def start_tag(self, node: etree._Element, match: re.Match[str]) -> None:
        after = self.where(match.end())
        self.after_tags[node] = (after, after)
        self.tag_offsets[("start", node)] = match.start()

    def end_tag(self, node: etree._Element, match: re.Match[str]) -> None:
        self.after_tags[node] = (self.after_tags[node][0], self.where(match.end()))
        self.tag_offsets[("end", node)] = match.start()


@dataclass
class _Doc:
    """A parsed document and the positions of its tags (read when first asked)."""

    path: str
    tree: etree._ElementTree
    source: str
    _positions: _TagPositions | None = field(default=None, repr=False)

    @property
    def positions(self) -> _TagPositions:
        if self._positions is None:
            self._positions = _TagPositions.of(self.tree, self.source)
        return self._positions

    def position(self, node: etree._Element, *, end: bool = False) -> tuple[int | None, int | None]:
        """Where ``node``'s start tag ends (``end``: its end tag), as jing reports it."""
        found = self.positions.after_tags.get(node)
        if found is None:
            line: int | None = node.sourceline
            return line, None
        return found[1] if end else found[0]

    def text_position(self, node: etree._Element) -> tuple[int | None, int | None]:
        """Where the first non-blank text directly inside ``node`` ends (as jing reports it)."""
        offsets = self.positions.tag_offsets
        chunks: list[tuple[str | None, Tag]] = [(node.text, ("start", node[0]) if len(node) else ("end", node))]
        chunks += [(child.tail, ("start", child.getnext()) if child.getnext() is not None else ("end", node))
                   for child in node]
        for text, following in chunks:
            if text and text.strip() and following in offsets:
                offset = offsets[following]
                while offset > 0 and self.source[offset - 1].isspace():
                    offset -= 1
                return self.positions.where(offset)
        return self.position(node)

    def issue(self, node: etree._Element | None, message: str, rule: str, *, end: bool = False) -> Issue:
        line, col = self.position(node, end=end) if node is not None else (None, None)
        return Issue(self.path, line, col, "error", message, rule)


def read_document(path: Path, display: str | None = None) -> tuple[_Doc | None, list[Issue]]:
    """Parse one file safely; on failure the Issue says why and where."""
    shown = display or str(path)
    try:
        # a regular file inside the project (no FIFO, no symlink out of it), size checked unread
        data = read_regular_file(path, limit=tei.MAX_XML_BYTES, root=input_root(path))
    except OSError as exc:
        return None, [Issue(shown, None, None, "error", f"cannot read the file: {exc.strerror}", "xml-read")]
    except EditionError as exc:
        # the file's name as the user gave it, no line: the file as a whole
        issue = exc.as_issue(_rule_of(exc, "xml-read"))
        return None, [Issue(shown, None, None, "error", issue.message, issue.rule)]
    try:
        tree = parse_bytes(data, shown)
    except InputError as exc:
        issue = exc.as_issue(_rule_of(exc, "xml-syntax"), shown)
        return None, [Issue(shown, issue.line, issue.col, "error", _plain_syntax(issue.message), issue.rule)]
    source = data.decode(tree.docinfo.encoding or "utf-8", errors="replace")
    return _Doc(shown, tree, source), []


#: The rule a refused input falls under, by the kind of error.
_RULE_OF_ERROR: dict[type[EditionError], str] = {InputTooLargeError: "xml-size", UnsafeXMLError: "xml-unsafe"}


def _rule_of(exc: EditionError, default: str) -> str:
    return next((rule for kind, rule in _RULE_OF_ERROR.items() if isinstance(exc, kind)), default)


def _plain_syntax(message: str) -> str:
    """libxml2's parser messages, shortened (they repeat line numbers we already give)."""
    message = re.sub(r",? line \d+, column \d+", "", message)
    return message.rstrip(". ") if message.endswith(". ") else message


# -------------------------------------------------------------- schemas


@functools.cache
def _compile(rng_path: str, digest: str, *, self_contained: bool = False) -> etree.RelaxNG:
    """One compiled grammar per file content per process.

    ``self_contained``: refuse (:class:`InputError`) a grammar that would make
    libxml2 open another file (``include``, ``externalRef``): a file in the
    cache folder is not trusted, a repository could have planted it."""
    del digest  # part of the cache key only
    tree = parse_bytes(read_regular_file(rng_path, limit=tei.MAX_XML_BYTES), rng_path)
    if self_contained and next(tree.getroot().iter(RNG + "include", RNG + "externalRef"), None) is not None:
        raise InputError("the grammar refers to other files; refused", path=rng_path)
    return etree.RelaxNG(tree)


def edition_schema() -> etree.RelaxNG:
    data = EDITION_RNG.read_bytes()
    return _compile(str(EDITION_RNG), hashlib.sha256(data).hexdigest())


@functools.lru_cache(maxsize=1)
def _tei_all_bytes_and_digest() -> tuple[bytes, str]:
    data = TEI_ALL_RNG.read_bytes()
    return data, hashlib.sha256(data).hexdigest()


@functools.lru_cache(maxsize=1)
def tei_all_element_names() -> frozenset[str]:
    data, _ = _tei_all_bytes_and_digest()
    return frozenset(m.decode() for m in re.findall(rb'<element name="([^"]+)"', data))


def tei_all_schema(element_names: Iterable[str], cache_dir: Path | None = None) -> etree.RelaxNG:
    """tei_all pruned to ``element_names``: the same verdict as tei_all for
    documents that contain only those elements (see the module docstring)."""
    # Always keep the edition's elements: libxml2's compiler goes exponential
    # (minutes) on some very small prunings of tei_all, never on supersets of
    # the edition's element set. Keeping more elements never changes a verdict.
    names = (frozenset(element_names) | EDITION_ELEMENTS) & tei_all_element_names()
    source, digest = _tei_all_bytes_and_digest()
    key_text = "\n".join([digest, __version__, ".".join(map(str, etree.LIBXML_VERSION)), *sorted(names)])
    key = hashlib.sha256(key_text.encode()).hexdigest()[:32]
    folder = cache_dir or default_cache_dir()
    cached = folder / f"tei-all-{key}.rng"
    if cached.is_file():
        try:
            return _compile(str(cached), key, self_contained=True)
        except (InputError, etree.RelaxNGParseError):
            pass  # a damaged cache file is rebuilt below
    grammar = build(source, frozenset(names), prune_unnamed=False)
    try:
        write_atomic(cached, grammar)
    except OSError:
        # A read-only folder only costs speed.
        return etree.RelaxNG(parse_bytes(grammar, str(cached)))
    return _compile(str(cached), key, self_contained=True)


# -------------------------------------------------- RELAX NG messages


def _schema_issues(doc: _Doc, schema: etree.RelaxNG, rule: str) -> list[Issue]:
    if schema.validate(doc.tree):
        return []
    issues: list[Issue] = []
    done: set[tuple[str, str]] = set()  # (path, kind) already explained
    explained_elsewhere = False
    entries = list(schema.error_log)
    for entry in entries:
        node = _node_at(doc.tree, entry.path)
        if node is None:
            node = _node_on_line(doc.tree, entry)
        message, kind = _explain(entry.message, node, rule)
        if kind == _BY_ID_RULE:
            explained_elsewhere = True
        if message is None:
            continue
        key = (entry.path or "", kind)
        if key in done:
            continue
        done.add(key)
        if node is not None and kind == "text":
            line, col = doc.text_position(node)
            issues.append(Issue(doc.path, line, col, "error", message, rule))
        elif node is not None:
            issues.append(doc.issue(node, message, rule, end=kind == "missing"))
        else:
            issues.append(Issue(doc.path, entry.line or None, None, "error", message, rule))
    if not issues and not explained_elsewhere:
        # Only generic "failed to validate" entries: still say something precise.
        entry = entries[0] if entries else None
        node = _node_at(doc.tree, entry.path) if entry else doc.tree.getroot()
        name = f"<{local(node)}>" if node is not None else "the document"
        issues.append(
            doc.issue(node, f"{name} does not match the schema ({entry.message if entry else 'no detail'})", rule)
        )
    return issues


class _LogEntry(Protocol):
    """What is read of an entry of libxml2's RELAX NG error log."""

    message: str
    line: int
    path: str | None


def _node_on_line(tree: etree._ElementTree, entry: _LogEntry) -> etree._Element | None:
    """The element a message is about when its path does not resolve (libxml2
    writes prefixed paths such as .../xi:include that lxml's XPath cannot read
    without the prefix): the element on the message's line that it names."""
    if not entry.line:
        return None
    on_line = [e for e in tree.getroot().iter() if isinstance(e.tag, str) and e.sourceline == entry.line]
    named = [e for e in on_line if re.search(rf"\b{re.escape(local(e))}\b", entry.message)]
    return (named or [None])[0]


def _node_at(tree: etree._ElementTree, path: str | None) -> etree._Element | None:
    if not path:
        return None
    try:
        found = tree.xpath(path)
    except etree.XPathError:
        return None
    return found[0] if found and isinstance(found[0], etree._Element) else None


_DID_NOT_EXPECT = re.compile(r"Did not expect element (\S+) there")
_EXTRA = re.compile(r"Element (\S+) has extra content: (\S+)")
_EXPECTING_GOT = re.compile(r"Expecting element (\S+), got (\S+)")
_EXPECTING_NOTHING = re.compile(r"Expecting an element (\S*), got nothing")
_INVALID_ATTR = re.compile(r"Invalid attribute (\S+) for element (\S+)")
_FAILED = re.compile(r"Element (\S+) failed to validate (attributes|content)")
_EXPECTING_NS = re.compile(r"Expecting element (\S+) to be in namespace")
_TEXT = re.compile(r"Element (\S+) has extra content: text|Did not expect text in element (\S+) content")
_EMPTY_EXPECTED = re.compile(r"Expecting no namespace for element|Expecting a namespace for element")

# Short hints for attributes whose values beginners most often get wrong.
_ATTRIBUTE_HINTS = {
    "when": "an ISO 8601 date such as 1918-03-31, 1918-03 or 1918",
    "from": "an ISO 8601 date such as 1918-03-31",
    "to": "an ISO 8601 date such as 1918-03-31",
    "notBefore": "an ISO 8601 date such as 1918",
    "notAfter": "an ISO 8601 date such as 1920",
    "n": "a short label without spaces",
    "xml:id": "a name that starts with a letter or '_' and has no spaces or ':'",
    "ref": "one or more URIs separated by spaces, e.g. registers.xml#place-baku",
}


# libxml2 checks xml:id uniqueness as part of RELAX NG (type ID) and calls a
# duplicate an "invalid attribute id"; the xml-id-unique rule says it better.
_BY_ID_RULE = "duplicate-id"


def _element_label(name: str) -> str:
    return f"<{name}>"


def _unknown_element_hint(name: str, rule: str) -> str:
    bare = name.split(":")[-1]
    if bare not in tei_all_element_names():
        return f"<{bare}> is not a TEI element (check the spelling; TEI names are case-sensitive)"
    if rule == "schema" and bare not in EDITION_ELEMENTS:
        return (
            f"<{bare}> is TEI but not part of the edition's customisation "
            "(see docs/validate.md; --schema tei-all checks against all of TEI)"
        )
    return ""


@dataclass(frozen=True)
class _Spot:
    """What an explanation knows of the place a message is about."""

    node: etree._Element | None
    rule: str

    @property
    def where(self) -> str:
        """`` inside <parent>``, `` as the root``, or nothing if the node is unknown."""
        if self.node is None:
            return ""
        parent = self.node.getparent()
        return f" inside {_element_label(local(parent))}" if parent is not None else " as the root"

    @property
    def label(self) -> str:
        return _element_label(local(self.node)) if self.node is not None else "this element"


#: A beginner's sentence (None: say nothing) and the message's kind (used to
#: drop libxml2's follow-up messages about the same spot).
_Explanation = tuple[str | None, str]


def _not_expected(m: re.Match[str], spot: _Spot) -> _Explanation:
    name = m.group(1)
    hint = _unknown_element_hint(name, spot.rule)
    node = spot.node
    if node is not None and etree.QName(node).namespace == XINCLUDE_NS:
        name = f"xi:{local(node)}"
        hint = ("XInclude is not processed (edition never opens other files) and tei_all does not "
                "allow it here; validate the document with its parts included")
    elif node is not None and etree.QName(node).namespace not in (None, TEI_NS):
        hint = f"<{name}> is in the namespace {etree.QName(node).namespace}, which tei_all does not allow here"
    text = f"element <{name}> is not allowed here{spot.where}"
    if hint:
        text += f": {hint}"
    else:
        text += " (it may be in the wrong place, or a required element may be missing before it)"
    return text, "element"


def _extra_content(m: re.Match[str], spot: _Spot) -> _Explanation:
    child = m.group(2)
    if child == "text":
        return _text_not_allowed(m.group(1))
    # Same spot as a "Did not expect" message, which explains it better.
    hint = _unknown_element_hint(child, spot.rule)
    return f"element <{child}> is not allowed here{spot.where}" + (f": {hint}" if hint else ""), "element"


def _text_inside(m: re.Match[str], spot: _Spot) -> _Explanation:
    return _text_not_allowed(m.group(1) or m.group(2))


def _text_not_allowed(element: str) -> _Explanation:
    return f"text is not allowed directly inside <{element}>; wrap it in an element such as <p>", "text"


def _missing_at_end(m: re.Match[str], spot: _Spot) -> _Explanation:
    if m.group(1):
        return f"{spot.label} is incomplete: a required <{m.group(1)}> is missing", "missing"
    return f"{spot.label} is incomplete: required content is missing at its end", "missing"


def _found_instead(m: re.Match[str], spot: _Spot) -> _Explanation:
    return f"element <{m.group(2)}> found where <{m.group(1)}> is required{spot.where}", "element"


def _invalid_attribute(m: re.Match[str], spot: _Spot) -> _Explanation:
    attr, el = m.group(1), m.group(2)
    if attr == "id" and spot.node is not None and spot.node.get(XML_ID) is not None:
        return None, _BY_ID_RULE
    value = _attribute_value(spot.node, attr)
    if value is None:
        return f"attribute @{attr} is not allowed on <{el}>", "attribute"
    hint = _ATTRIBUTE_HINTS.get(attr)
    text = f'attribute @{attr}="{value}" on <{el}> is not allowed or has an invalid value'
    if hint:
        text += f"; it must be {hint}"
    return text, "attribute"


def _failed_to_validate(m: re.Match[str], spot: _Spot) -> _Explanation:
    return None, m.group(2)  # always preceded by a precise message


def _wrong_namespace(m: re.Match[str], spot: _Spot) -> _Explanation:
    return f"{spot.label} is not in the TEI namespace {TEI_NS}", "namespace"


#: libxml2's RELAX NG messages, each with the function that explains it; the
#: first pattern found in a message decides.
_EXPLAINERS: list[tuple[re.Pattern[str], Callable[[re.Match[str], _Spot], _Explanation]]] = [
    (_DID_NOT_EXPECT, _not_expected),
    (_EXTRA, _extra_content),
    (_TEXT, _text_inside),
    (_EXPECTING_NOTHING, _missing_at_end),
    (_EXPECTING_GOT, _found_instead),
    (_INVALID_ATTR, _invalid_attribute),
    (_FAILED, _failed_to_validate),
    (_EXPECTING_NS, _wrong_namespace),
    (_EMPTY_EXPECTED, _wrong_namespace),
]


def _explain(message: str, node: etree._Element | None, rule: str) -> _Explanation:
    """A beginner's sentence for one libxml2 RELAX NG ``message`` about ``node``, and its kind."""
    spot = _Spot(node, rule)
    for pattern, explain in _EXPLAINERS:
        if m := pattern.search(message):
            return explain(m, spot)
    return f"{message.rstrip('.')} (schema)", "other"


def _attribute_value(node: etree._Element | None, attr: str) -> str | None:
    if node is None:
        return None
    value: str | None = node.get(f"{{{XML_NS}}}{attr[4:]}" if attr.startswith("xml:") else attr)
    return value


# ----------------------------------------------------------- the rules


def _tei_elements(root: etree._Element, name: str) -> Iterator[etree._Element]:
    elements: Iterator[etree._Element] = root.iter(TEI + name)
    return elements


def check_root_id(doc: _Doc) -> list[Issue]:
    """The ``doc-id`` rule: the root's xml:id is the file name without ``.xml``."""
    root = doc.tree.getroot()
    expected = file_stem(doc.path)
    actual = root.get(XML_ID)
    if actual == expected:
        return []
    if actual is None:
        return [doc.issue(root, f'<TEI> has no xml:id; give it xml:id="{expected}" (the file name)', "doc-id")]
    return [
        doc.issue(root, f'<TEI xml:id="{actual}"> does not match the file name; expected xml:id="{expected}"', "doc-id")
    ]


def check_unique_ids(doc: _Doc) -> list[Issue]:
    """xml:id is typed ID on TEI elements only: in examples (egXML, the
    Examples namespace) and foreign XML, tei_all matches attributes by a
    wildcard, so jing accepts repeated ids there, and so do we."""
    first: dict[str, etree._Element] = {}
    issues = []
    for node in doc.tree.getroot().iter(TEI + "*"):
        value = node.get(XML_ID)
        if value is None:
            continue
        if value in first:
            line = doc.position(first[value])[0]
            issues.append(doc.issue(node, f'xml:id "{value}" is already used on line {line}; ids must be unique',
                                    "xml-id-unique"))
        else:
            first[value] = node
    return issues


@dataclass(frozen=True)
class RegisterIndex:
    """What the ``ref-resolves`` rule needs of a registers file: the kind of
    entry (its element name: person, place, org, ...) of each xml:id. Not the
    annotator's :class:`edition.annotate.registers.Register`: any XML file
    with xml:ids will do, and nothing else of it is read."""

    path: str
    kinds: dict[str, str]

    @classmethod
    def load(cls, path: Path) -> RegisterIndex | None:
        """The index of ``path``, or None if it cannot be read or parsed."""
        try:
            # a regular file, in the project if it is in one, size checked unread
            tree = parse_file(path)
        except (OSError, EditionError):
            return None
        kinds = {
            node.get(XML_ID): local(node)
            for node in tree.getroot().iter()
            if isinstance(node.tag, str) and node.get(XML_ID)
        }
        return cls(str(path), kinds)


def check_refs(doc: _Doc, register: RegisterIndex | None, register_path: Path) -> list[Issue]:
    issues = []
    for name, kind in ENTITY_ELEMENTS.items():
        for node in _tei_elements(doc.tree.getroot(), name):
            ref = node.get("ref")
            if ref is None:
                continue
            for target in ref.split() or [""]:
                prefix, _, entry = target.partition("#")
                if prefix != REGISTERS_NAME or not entry:
                    issues.append(
                        doc.issue(
                            node,
                            f'<{name} ref="{target}">: a ref must point into the registers as '
                            f'"{REGISTERS_NAME}#<entry-id>"',
                            "ref-resolves",
                        )
                    )
                    continue
                if register is None:
                    issues.append(
                        doc.issue(
                            node,
                            f'<{name} ref="{target}">: the registers file {register_path} is missing or unreadable',
                            "ref-resolves",
                        )
                    )
                    continue
                found = register.kinds.get(entry)
                if found is None:
                    issues.append(
                        doc.issue(
                            node,
                            f'<{name} ref="{target}">: there is no entry "{entry}" in {REGISTERS_NAME}; '
                            f"add a <{kind} xml:id=\"{entry}\"> there or correct the ref",
                            "ref-resolves",
                        )
                    )
                elif found != kind:
                    issues.append(
                        doc.issue(
                            node,
                            f'<{name} ref="{target}"> points to a <{found}> entry; '
                            f"<{name}> must point to a <{kind}> entry",
                            "ref-resolves",
                        )
                    )
    return issues


_ISO = re.compile(r"^(-?\d{4,})(?:-(\d{2})(?:-(\d{2})"
                  r"(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?)?)?$")


def parse_iso(value: str) -> tuple[int, ...] | None:
    """(year[, month[, day[, hour, minute[, second]]]]) of an ISO 8601 date, or None."""
    m = _ISO.match(value)
    if not m:
        return None
    parts = tuple(int(g) for g in m.groups() if g is not None)
    year = parts[0]
    if len(parts) >= 2 and not 1 <= parts[1] <= 12:
        return None
    if len(parts) >= 3:
        try:
            # Leap years repeat every 400 years; this also covers years outside 1..9999.
            dt.date(2000 + year % 400, parts[1], parts[2])
        except ValueError:
            return None
    if len(parts) >= 5 and not (parts[3] <= 24 and parts[4] <= 59):
        return None
    if len(parts) >= 6 and parts[5] > 60:
        return None
    if year == 0:
        return None  # there is no year 0 in xsd:gYear before XSD 1.1; be strict
    return parts


def check_dates(doc: _Doc) -> list[Issue]:
    issues = []
    for node in _tei_elements(doc.tree.getroot(), "date"):
        attrs = {a: node.get(a) for a in ("when", "from", "to", "notBefore", "notAfter") if node.get(a) is not None}
        if not attrs:
            issues.append(
                doc.issue(
                    node,
                    "<date> has no ISO date; add @when (e.g. when=\"1918-03-31\"), @from/@to or @notBefore/@notAfter",
                    "date-iso",
                )
            )
            continue
        parsed = {}
        for attr, value in attrs.items():
            result = parse_iso(value)
            if result is None:
                issues.append(
                    doc.issue(
                        node,
                        f'<date {attr}="{value}">: not an ISO 8601 date; '
                        "write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 1918-03-31",
                        "date-iso",
                    )
                )
            else:
                parsed[attr] = result
        for low, high in (("from", "to"), ("notBefore", "notAfter")):
            if low in parsed and high in parsed:
                k = min(len(parsed[low]), len(parsed[high]))
                if parsed[low][:k] > parsed[high][:k]:
                    issues.append(
                        doc.issue(
                            node,
                            f'<date {low}="{attrs[low]}" {high}="{attrs[high]}">: @{low} is after @{high}',
                            "date-range",
                        )
                    )
    return issues


def check_notes(doc: _Doc) -> list[Issue]:
    text = doc.tree.getroot().find(TEI + "text")
    if text is None:
        return []
    issues = []
    seen: dict[str, etree._Element] = {}
    numbered: list[tuple[etree._Element, int]] = []
    for node in text.iter(TEI + "note"):
        n = node.get("n")
        if n is None:
            continue
        if n in seen:
            line = doc.position(seen[n])[0]
            issues.append(doc.issue(node, f'note n="{n}" is used twice (first on line {line}); '
                                          "note numbers must be unique", "note-n-unique"))
            continue
        seen[n] = node
        if n == "*":
            if numbered:
                issues.append(doc.issue(node, 'the author note n="*" must come before the numbered notes',
                                        "note-n-order"))
            continue
        if not n.isdigit():
            issues.append(doc.issue(node, f'note n="{n}" is not a number (use 1, 2, 3 … or "*" for the author note)',
                                    "note-n-order"))
            continue
        numbered.append((node, int(n)))
    return issues + _not_increasing(doc, numbered,
                                    'note n="{n}" comes after note n="{last}"; note numbers must increase',
                                    "note-n-order")


def _not_increasing(doc: _Doc, numbered: list[tuple[etree._Element, int]], message: str, rule: str) -> list[Issue]:
    """An issue for every number not above all the numbers before it."""
    issues = []
    last: int | None = None
    for node, n in numbered:
        if last is not None and n <= last:
            issues.append(doc.issue(node, message.format(n=n, last=last), rule))
        last = n if last is None else max(last, n)
    return issues


def check_entities(doc: _Doc) -> list[Issue]:
    issues = []
    root = doc.tree.getroot()
    for name in ENTITY_ELEMENTS:
        for node in _tei_elements(root, name):
            if not "".join(node.itertext()).strip() and not len(node):
                issues.append(doc.issue(node, f"<{name}> is empty; remove it or put the name inside", "entity-empty"))
            outer = next(node.iterancestors(TEI + name), None)
            if outer is not None:
                line = doc.position(outer)[0]
                issues.append(
                    doc.issue(node, f"<{name}> inside another <{name}> (line {line}); "
                                    "a name cannot contain a name of the same kind", "entity-nested")
                )
    return issues


def check_page_breaks(doc: _Doc) -> list[Issue]:
    text = doc.tree.getroot().find(TEI + "text")
    if text is None:
        return []
    issues = []
    numbered: list[tuple[etree._Element, int]] = []
    for node in text.iter(TEI + "pb"):
        n = node.get("n")
        if n is None or not n.strip().isdigit():
            shown = "no @n" if n is None else f'n="{n}"'
            issues.append(doc.issue(node, f'<pb> has {shown}; give the page number as a number, e.g. n="12"',
                                    "pb-order"))
            continue
        numbered.append((node, int(n)))
    return issues + _not_increasing(doc, numbered, '<pb n="{n}"> comes after page {last}; page numbers must increase',
                                    "pb-order")


def _language(node: etree._Element) -> str | None:
    for current in (node, *node.iterancestors()):
        value: str | None = current.get(XML_LANG)
        if value is not None:
            return value
    return None


def check_english_parts(doc: _Doc) -> list[Issue]:
    issues = []
    for head in _tei_elements(doc.tree.getroot(), "head"):
        label = " ".join("".join(head.itertext()).split()).rstrip(":").strip().casefold()
        if label not in ENGLISH_HEADS:
            continue
        part = head.getparent()
        lang = _language(part)
        if lang is None or not (lang == "en" or lang.startswith("en-")):
            shown = "no xml:lang" if lang is None else f'xml:lang="{lang}"'
            issues.append(
                doc.issue(part, f'<{local(part)}> headed "{"".join(head.itertext()).strip()}" is English '
                                f'but has {shown}; add xml:lang="en"', "lang-en")
            )
    return issues


def check_bibls(doc: _Doc) -> list[Issue]:
    issues = []
    for node in _tei_elements(doc.tree.getroot(), "bibl"):
        if node.find(TEI + "author") is None and node.find(TEI + "title") is None:
            issues.append(doc.issue(node, "<bibl> has neither <author> nor <title>; mark up at least one of them",
                                    "bibl-author-title"))
    return issues


def check_unresolved_entities(doc: _Doc) -> list[Issue]:
    issues = []
    for node in doc.tree.getroot().iter(etree.Entity):
        parent = node.getparent()
        issues.append(
            Issue(doc.path, node.sourceline or (parent.sourceline if parent is not None else None), None, "error",
                  f"entity reference {node.text} is not resolved (no DTD is read, for safety); "
                  "write the character itself",
                  "xml-unsafe")
        )
    return issues


# ---------------------------------------------------------------- driver


def check_tei_root(doc: _Doc) -> list[Issue]:
    """TEI P5 or a one-line refusal: other XML, unnamespaced TEI, TEI P4."""
    root = doc.tree.getroot()
    if root.tag in (TEI + "TEI", TEI + "teiCorpus"):
        return []
    qname = etree.QName(root)
    if qname.localname in ("TEI.2", "teiCorpus.2"):
        message = (f"not TEI P5: <{qname.localname}> is a TEI P4 document; convert it to P5 "
                   "(the TEI Stylesheets' p4top5.xsl does it) and validate again")
    elif qname.localname in ("TEI", "teiCorpus"):
        ns = f'namespace "{qname.namespace}"' if qname.namespace else "no namespace"
        message = f'not TEI P5: <{qname.localname}> is in {ns}; add xmlns="{TEI_NS}" to the root element'
    else:
        message = (f"not a TEI document: the root element is <{qname.localname}>, not <TEI> or "
                   f"<teiCorpus> in the TEI namespace {TEI_NS}")
    return [doc.issue(root, message, "tei-root")]


# ------------------------------------------------------------- schemas


class SchemaCheck(Protocol):
    """One compiled schema, applied to a document."""

    def check(self, doc: _Doc) -> list[Issue]:
        """Every issue of ``doc`` under this schema."""
        ...


@dataclass(frozen=True)
class RelaxNGCheck:
    """A RELAX NG grammar (libxml2); its messages explained by :func:`_explain`."""

    grammar: etree.RelaxNG
    rule: str

    def check(self, doc: _Doc) -> list[Issue]:
        return _schema_issues(doc, self.grammar, self.rule)


@dataclass(frozen=True)
class SchematronCheck:
    """A Schematron schema run by Saxon (:mod:`edition.schematron`)."""

    compiled: schematron.CompiledSchematron
    rule: str

    def check(self, doc: _Doc) -> list[Issue]:
        root = doc.tree.getroot()
        issues: list[Issue] = []
        for failure in self.compiled.failures(root):
            line, col = doc.position(schematron.node_at_path(root, failure.path))
            issues.append(Issue(doc.path, line, col, failure.severity, failure.message, self.rule))
        return issues


@dataclass(frozen=True)
class XSDCheck:
    """A project's W3C XML Schema (xmlschema)."""

    schema: XMLSchema
    rule: str = "project-schema"

    def check(self, doc: _Doc) -> list[Issue]:
        issues: list[Issue] = []
        import xmlschema

        # An already parsed tree: the resource never loads anything itself.
        for error in self.schema.iter_errors(xmlschema.XMLResource(doc.tree, allow="all", defuse="always")):
            node = error.elem if isinstance(getattr(error, "elem", None), etree._Element) else None
            line, col = doc.position(node) if node is not None else (None, None)
            where = f"<{local(node)}>: " if node is not None else ""
            issues.append(Issue(doc.path, line, col, "error", f"{where}{(error.reason or str(error)).rstrip('.')}",
                                self.rule))
        return issues


def _schema_file(name: str) -> Path:
    """A project's schema file, checked: it exists, and it is no link out of its project."""
    path = Path(name)
    if not path.is_file():
        raise InputError("schema file not found", path=name,
                         hint="Name a .rng, .xsd or .sch file, or one of: " + ", ".join(SCHEMAS) + ".")
    return check_readable(path, input_root(path))


@functools.cache
def _xsd(path: str, digest: str) -> XMLSchema:
    """A project's W3C XML Schema, once per content per process. xmlschema may
    read the schema's own includes and imports from its folder only, never
    the network, and refuses entities (defuse)."""
    del digest
    import xmlschema

    try:
        return xmlschema.XMLSchema(str(Path(path).resolve()), allow="sandbox", defuse="always")
    except (xmlschema.XMLSchemaException, etree.LxmlError, OSError, ValueError) as exc:
        raise InputError(f"the XML Schema cannot be read: {exc}".splitlines()[0], path=path) from None


def _project_rng(path: Path) -> etree.RelaxNG:
    data = path.read_bytes()
    try:
        return _compile(str(path), hashlib.sha256(data).hexdigest())
    except etree.RelaxNGParseError as exc:
        raise InputError(f"the RELAX NG schema does not compile: {exc}", path=str(path)) from None


def _project_rng_check(path: Path, cache: Path) -> SchemaCheck:
    return RelaxNGCheck(_project_rng(path), "project-schema")


def _project_xsd_check(path: Path, cache: Path) -> SchemaCheck:
    return XSDCheck(_xsd(str(path), hashlib.sha256(path.read_bytes()).hexdigest()))


def _project_sch_check(path: Path, cache: Path) -> SchemaCheck:
    return SchematronCheck(schematron.load(path), "schematron")


#: How a project's schema file is checked, by its suffix (config.SCHEMA_SUFFIXES).
_PROJECT_SCHEMA_CHECKS: dict[str, Callable[[Path, Path], SchemaCheck]] = {
    ".rng": _project_rng_check,
    ".xsd": _project_xsd_check,
    ".sch": _project_sch_check,
}


def schema_checks(options: ValidateOptions, element_names: Iterable[str]) -> list[SchemaCheck]:
    """The compiled checks of ``options.schemas``, for documents using ``element_names``."""
    cache = options.cache_dir or default_cache_dir()
    checks: list[SchemaCheck] = []
    for name in options.schemas:
        if name == "tei-all":
            checks.append(RelaxNGCheck(tei_all_schema(element_names, options.cache_dir), "tei-all"))
            checks.append(SchematronCheck(schematron.load(TEI_ALL_RNG), "tei-schematron"))
        elif name == "edition":
            checks.append(RelaxNGCheck(edition_schema(), "schema"))
        else:
            path = _schema_file(name)
            checks.append(_PROJECT_SCHEMA_CHECKS[path.suffix](path, cache))
    return checks


# ---------------------------------------------------------------- driver


def profile_issues(doc: _Doc, options: ValidateOptions) -> list[Issue]:
    """The edition profile's project rules."""
    register_path = options.registers or Path(doc.path).parent / REGISTERS_NAME
    return [
        *check_root_id(doc),
        *check_refs(doc, _register_index(str(register_path)), register_path),
        *check_dates(doc),
        *check_notes(doc),
        *check_entities(doc),
        *check_page_breaks(doc),
        *check_english_parts(doc),
        *check_bibls(doc),
    ]


def validate_document(doc: _Doc, options: ValidateOptions, checks: list[SchemaCheck]) -> list[Issue]:
    """Every issue of one parsed document, in document order."""
    refused = check_tei_root(doc)
    if refused:
        return refused  # one line: nothing else is meaningful on a file that is not TEI
    issues = check_unresolved_entities(doc)
    for check in checks:
        issues.extend(check.check(doc))
    issues.extend(check_unique_ids(doc))
    if options.profile == "edition":
        issues.extend(profile_issues(doc, options))
    return sorted(issues, key=lambda i: (i.line or 0, i.col or 0, i.rule, i.message))


@functools.lru_cache(maxsize=16)
def _register_index(path: str) -> RegisterIndex | None:
    return RegisterIndex.load(Path(path))


def validate_paths(paths: Iterable[str | os.PathLike[str]],
                   options: ValidateOptions = ValidateOptions()) -> list[Issue]:
    """Every issue of every XML file under ``paths`` (files or folders)."""
    _register_index.cache_clear()  # registers may change between calls in one process
    files = collect_files(paths)
    docs: list[_Doc] = []
    issues: list[Issue] = []
    for path in files:
        doc, problems = read_document(path)
        issues.extend(problems)
        if doc is not None:
            docs.append(doc)
    if docs:
        # One pruned tei_all grammar for the whole run: the union of the elements used.
        names = {local(e) for d in docs for e in d.tree.getroot().iter() if isinstance(e.tag, str)}
        checks = schema_checks(options, names)
        for doc in docs:
            issues.extend(validate_document(doc, options, checks))
    order = {str(p): i for i, p in enumerate(files)}
    return sorted(issues, key=lambda i: (order.get(i.path, 0), i.line or 0, i.col or 0, i.rule, i.message))


def has_errors(issues: Iterable[Issue]) -> bool:
    """Do ``issues`` make the files invalid (any error; warnings do not)?"""
    return any(i.severity == "error" for i in issues)


def summary(issues: list[Issue], file_count: int) -> str:
    """``3 files valid`` or ``2 errors in 1 of 3 files``: the last line of a run."""
    errors = sum(1 for i in issues if i.severity == "error")
    bad_files = len({i.path for i in issues if i.severity == "error"})
    if not errors:
        return f"{file_count} file{'s' if file_count != 1 else ''} valid"
    return (
        f"{errors} error{'s' if errors != 1 else ''} in {bad_files} of {file_count} "
        f"file{'s' if file_count != 1 else ''}"
    )
