"""TEI namespaces, safe parsing, deterministic serialisation, atomic writes.

Every module that reads or writes XML goes through here, so the security
settings (no entity resolution, no network, no DTD) and the byte-exact
output format are decided once.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from lxml import etree

from .errors import InputError

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
TEI = "{%s}" % TEI_NS
XML_ID = "{%s}id" % XML_NS
XML_LANG = "{%s}lang" % XML_NS
NSMAP = {None: TEI_NS}
NS = {"tei": TEI_NS}

# Documents larger than this are refused before parsing: a TEI article is a few
# hundred KB; anything near this size is a mistake or an attack.
MAX_XML_BYTES = 50 * 1024 * 1024


def safe_parser(*, line_numbers: bool = True) -> etree.XMLParser:
    """A parser that never resolves entities, loads DTDs or touches the network."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
        remove_comments=False,
        collect_ids=False,
    )


def parse_bytes(data: bytes, path: str = "<bytes>") -> etree._ElementTree:
    """Parse XML bytes safely; raise :class:`InputError` with line and column."""
    if len(data) > MAX_XML_BYTES:
        raise InputError(
            f"file is {len(data)} bytes, larger than the {MAX_XML_BYTES} byte limit",
            path=path,
            hint="Split the document, or check that this is the file you meant.",
        )
    if b"<!ENTITY" in data:
        # lxml does not expand entities with resolve_entities=False, but an
        # internal subset that declares entities is never legitimate TEI here.
        line = data[: data.index(b"<!ENTITY")].count(b"\n") + 1
        raise InputError(
            "the document declares entities (<!ENTITY>), which are refused for safety",
            path=path,
            line=line,
            hint="Remove the DOCTYPE internal subset; TEI needs no entity declarations.",
        )
    try:
        root = etree.fromstring(data, safe_parser(), base_url=None)
    except etree.XMLSyntaxError as exc:
        line, col = exc.position if exc.position else (None, None)
        raise InputError(
            f"not well-formed XML: {exc.msg}", path=path, line=line, col=col
        ) from None
    return root.getroottree()


def parse_file(path: str | os.PathLike) -> etree._ElementTree:
    p = Path(path)
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise InputError("no such file", path=str(path)) from None
    if size > MAX_XML_BYTES:
        raise InputError(
            f"file is {size} bytes, larger than the {MAX_XML_BYTES} byte limit",
            path=str(path),
            hint="Split the document, or check that this is the file you meant.",
        )
    return parse_bytes(p.read_bytes(), str(path))


def serialize(tree: etree._ElementTree | etree._Element) -> bytes:
    """Deterministic UTF-8 bytes: XML declaration, pretty-printed, final newline.

    Pretty printing only indents element-only content, so mixed content (the
    text itself) is never changed; re-serialising a parsed document gives the
    same bytes.
    """
    if isinstance(tree, etree._Element):
        tree = tree.getroottree()
    body = etree.tostring(tree, encoding="UTF-8", xml_declaration=False, pretty_print=True)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body


@contextmanager
def atomic_file(path: str | os.PathLike) -> Iterator[Path]:
    """A temporary path beside ``path`` that replaces it, synced, when the
    block ends without an error (and is removed otherwise): readers see the
    old file or the new one, never half of one. For files written by someone
    else (Saxon, SQLite, a copy loop); :func:`write_atomic` for bytes."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
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
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_atomic(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one."""
    with atomic_file(path) as tmp:
        tmp.write_bytes(data)


def el(tag: str, text: str | None = None, /, **attrs: str) -> etree._Element:
    """A TEI element; ``xml_id``/``xml_lang`` keywords map to ``xml:id``/``xml:lang``."""
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


def sub(parent: etree._Element, tag: str, text: str | None = None, /, **attrs: str) -> etree._Element:
    node = el(tag, text, **attrs)
    parent.append(node)
    return node


def local(node: etree._Element) -> str:
    """The local name of a TEI element ('' for comments and PIs)."""
    tag = node.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]
