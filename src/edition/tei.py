"""TEI namespaces, safe parsing, deterministic serialisation, atomic writes.

Every module that reads or writes XML goes through here, so the security
settings (no entity resolution, no network, no DTD) and the byte-exact
output format are decided once.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from lxml import etree

from .errors import InputError, InputTooLargeError, UnsafeXMLError

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
TEI = f"{{{TEI_NS}}}"
XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"
NSMAP = {None: TEI_NS}
NS = {"tei": TEI_NS}

# Documents larger than this are refused before parsing: a TEI article is a few
# hundred KB; anything near this size is a mistake or an attack.
MAX_XML_BYTES = 50 * 1024 * 1024


class _RefuseExternal(etree.Resolver):  # type: ignore[misc]  # lxml has no types: its Resolver is Any
    """The last line of defence: should libxml2 ever ask for an external
    resource (a DTD, an entity, an XInclude), it gets an empty string and
    nothing is opened. The parser options below mean it never asks."""

    def resolve(self, url: str, pubid: str | None, context: Any) -> Any:
        return self.resolve_string("", context)


def safe_parser(*, line_numbers: bool = True) -> etree.XMLParser:
    """A parser that never opens a file, DTD or URL.

    Internal entities (``<!DOCTYPE TEI [<!ENTITY mdash "&#x2014;">]>``, common
    in real TEI) are expanded; external ones are refused before parsing by
    :func:`parse_bytes`. ``collect_ids=False`` lets validation report a
    duplicate xml:id itself, but lxml implements it with a libxml2 flag that
    also makes libxml2 ask for the external DTD subset (a ``<!DOCTYPE TEI
    SYSTEM "/etc/passwd">`` was opened, a FIFO hung the tool). So
    :func:`parse_bytes` blanks the DOCTYPE's external identifier first, and the
    resolver answers any request with an empty document. ``huge_tree=False``
    keeps libxml2's entity amplification limit (billion laughs).
    """
    parser = etree.XMLParser(
        resolve_entities="internal",
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        attribute_defaults=False,
        huge_tree=False,
        remove_blank_text=False,
        remove_comments=False,
        collect_ids=False,
    )
    parser.resolvers.add(_RefuseExternal())
    return parser


# An entity declared with SYSTEM or PUBLIC names a file or URL. Comments and
# CDATA sections are matched first so that text inside them is never taken
# for a declaration.
_EXTERNAL_ENTITY = re.compile(
    rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<!ENTITY\s+(?:%\s+)?([^\s>]+)\s+(?:SYSTEM|PUBLIC)\b",
    re.DOTALL,
)


# The external identifier of the DOCTYPE (SYSTEM "uri" or PUBLIC "id" "uri").
_QUOTED = rb"(?:\"[^\"]*\"|'[^']*')"
_DOCTYPE_EXTERNAL = re.compile(
    rb"<!--.*?-->|<!DOCTYPE\s+[^\s\[>]+\s+"
    rb"(SYSTEM\s+" + _QUOTED + rb"|PUBLIC\s+" + _QUOTED + rb"(?:\s+" + _QUOTED + rb")?)",
    re.DOTALL,
)


def blank_external_dtd(data: bytes) -> bytes:
    """``data`` with the DOCTYPE's external identifier replaced by spaces (line
    ends kept, so every line and column stays where it was): the external
    DTD is never even requested. The DOCTYPE and its internal subset stay."""
    if b"<!DOCTYPE" not in data:
        return data
    for match in _DOCTYPE_EXTERNAL.finditer(data):
        if match.group(1) is None:
            continue  # a comment
        start, end = match.span(1)
        blank = bytes(b if b in b"\n\r" else 0x20 for b in data[start:end])
        return data[:start] + blank + data[end:]
    return data


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, offset - line_start + 1


def refuse_external_entities(data: bytes, path: str) -> None:
    """Raise :class:`InputError` at the first external entity declaration."""
    if b"<!ENTITY" not in data:
        return
    for match in _EXTERNAL_ENTITY.finditer(data):
        if match.group(1) is None:
            continue  # a comment or CDATA section
        line, col = _line_col(data, match.start())
        name = match.group(1).decode("utf-8", "replace")
        raise UnsafeXMLError(
            f"the document declares the external entity {name!r} (<!ENTITY {name} SYSTEM|PUBLIC ...>), "
            "which is refused for safety: no file or URL is ever opened",
            path=path,
            line=line,
            col=col,
            hint="Replace the entity by its text, or declare it with its value inside the DOCTYPE.",
        )


def size_error(size: int, path: str) -> InputTooLargeError:
    return InputTooLargeError(
        f"file is {size} bytes, larger than the {MAX_XML_BYTES} byte limit",
        path=path,
        hint="Split the document, or check that this is the file you meant.",
    )


def parse_bytes(data: bytes, path: str = "<bytes>") -> etree._ElementTree:
    """Parse XML bytes safely; raise :class:`InputError` with line and column."""
    if len(data) > MAX_XML_BYTES:
        raise size_error(len(data), path)
    refuse_external_entities(data, path)
    try:
        root = etree.fromstring(blank_external_dtd(data), safe_parser(), base_url=None)
    except etree.XMLSyntaxError as exc:
        line, col = exc.position if exc.position else (None, None)
        if any(word in exc.msg.lower() for word in ("amplification", "entity loop", "nesting depth")):
            line, col = _line_col(data, max(0, data.find(b"<!ENTITY")))
            raise UnsafeXMLError(
                "the entities declared in the document (<!ENTITY>) expand beyond the safety limit "
                "(a billion-laughs document), refused",
                path=path, line=line, col=col,
                hint="Declare entities that stand for short texts only.",
            ) from None
        message, hint = _parser_message(exc.msg)
        raise InputError(f"not well-formed XML: {message}", path=path, line=line, col=col, hint=hint) from None
    return root.getroottree()


# libxml2's resource limits (kept: huge_tree=False) name a parser flag the
# user cannot pass; the hint says what to change in the document instead.
_PARSER_LIMIT = re.compile(r",? *(?:use|try) XML_PARSE_HUGE(?: option)?")
_LIMIT_HINT = ("The parser's safety limits refuse elements nested more than 256 deep, a single text or "
               "attribute value over 10 MB and names over 50,000 characters; change the document to stay "
               "within them.")
_ENCODING_HINT = ("Save the file as UTF-8, or name its real encoding in the XML declaration, "
                  'e.g. <?xml version="1.0" encoding="windows-1254"?>.')
#: What to do next, by a phrase of libxml2's message.
_PARSER_HINTS = {
    "XML_PARSE_HUGE": _LIMIT_HINT,
    "Name too long": _LIMIT_HINT,
    "Invalid bytes in character encoding": _ENCODING_HINT,
    "not proper UTF-8": _ENCODING_HINT,
    "Unsupported encoding": _ENCODING_HINT,
}


def _parser_message(message: str) -> tuple[str, str | None]:
    """libxml2's message on one line (some end in a newline before their
    position), without the parser flag it names, and what to do next."""
    text = re.sub(r"\s+,", ",", " ".join(message.split()))
    hint = next((hint for phrase, hint in _PARSER_HINTS.items() if phrase in text), None)
    return _PARSER_LIMIT.sub("", text), hint


def parse_file(path: str | os.PathLike[str]) -> etree._ElementTree:
    """Parse a regular file safely: a FIFO or device is refused, not opened,
    and so is a symlink that leads out of the file's project."""
    from .paths import input_root, read_regular_file

    return parse_bytes(read_regular_file(Path(path), limit=MAX_XML_BYTES, root=input_root(Path(path))), str(path))


def serialize(tree: etree._ElementTree | etree._Element) -> bytes:
    """Deterministic UTF-8 bytes: XML declaration, pretty-printed, final newline.

    Pretty printing only indents element-only content, so mixed content (the
    text itself) is never changed; re-serialising a parsed document gives the
    same bytes.
    """
    if isinstance(tree, etree._Element):
        tree = tree.getroottree()
    body: bytes = etree.tostring(tree, encoding="UTF-8", xml_declaration=False, pretty_print=True)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body


@contextmanager
def atomic_file(path: str | os.PathLike[str]) -> Iterator[Path]:
    """A temporary path beside ``path`` that replaces it, synced, when the
    block ends without an error (and is removed otherwise): readers see the
    old file or the new one, never half of one. For files written by someone
    else (Saxon, SQLite, a copy loop); :func:`write_atomic` for bytes."""
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise _about(exc, target) from None
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        # mkstemp creates 0600; archive files and pages are ordinary readable files.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise _about(exc, target) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _about(exc: OSError, target: Path) -> OSError:
    """The same error about the file being written, not its temporary twin
    (the message names the file the user knows; disk full, read-only...)."""
    if exc.errno is None:
        return exc
    return type(exc)(exc.errno, exc.strerror, str(target))


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one."""
    with atomic_file(path) as tmp:
        tmp.write_bytes(data)


def el(tag: str, text: str | None = None, /, **attrs: str | None) -> etree._Element:
    """A TEI element; ``xml_id``/``xml_lang`` keywords map to ``xml:id``/``xml:lang``,
    a trailing ``_`` is dropped (``type_``), ``__`` is ``-``; None values are left out."""
    node = etree.Element(TEI + tag)
    for key, value in attrs.items():
        if value is None:
            continue
        if key == "xml_id":
            node.set(XML_ID, value)
        elif key == "xml_lang":
            node.set(XML_LANG, value)
        else:
            node.set(key.rstrip("_").replace("__", "-"), value)
    if text:
        node.text = text
    return node


def sub(parent: etree._Element, tag: str, text: str | None = None, /, **attrs: str | None) -> etree._Element:
    """:func:`el`, appended to ``parent``."""
    node = el(tag, text, **attrs)
    parent.append(node)
    return node


def local(node: etree._Element) -> str:
    """The local name of a TEI element ('' for comments and PIs)."""
    tag = node.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]
