"""What a render keeps between runs, so that a change to one text re-renders
that text and not the whole site.

Per document, an *entry*: the files its render wrote (its page and the copy
of its TEI, or its text edition) and the *parts* it gave the site pages
(register mentions, chronology rows, map places, citations, search records).
An entry is found by the document's *key*, a digest of everything its render
reads: the TEI file's bytes, its id and path, the register file, every
stylesheet (the project's and the shipped ones, and the map outline), the
render options and the tool's version. A render looks each document's key
up; only documents without an entry are rendered, and the site pages are put
together again from the parts of every entry, in file order, exactly as a
full render would. So the output is byte for byte that of a full render.

Per site page, the *site record* (``site.json``): the key of the parts the
page was made from and the digest of each file written. A page whose parts
did not change and whose files are still on disk as written is not made
again (a new text's name in one register changes that register's page, not
the map's).

An entry is one file, ``<key>.entry``: a line of JSON (names, lengths and
digests) followed by the page and part bytes, so nothing from the cache is
ever unpickled or evaluated. A file that does not read as an entry is a miss.
Entries no render used are removed after a render (:meth:`DocumentCache.prune`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__, tei
from .paths import inside

#: The cache's own folder inside the project's cache folder.
FOLDER = "render"
#: Bumped when the entry format changes; part of every key.
ENTRY_FORMAT = "1"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_digest(path: Path | None) -> str:
    """The digest of a file's bytes; "" when there is no such file."""
    if path is None or not Path(path).is_file():
        return ""
    return digest(Path(path).read_bytes())


def tree_digest(folders: Iterable[Path]) -> str:
    """One digest of every file under ``folders`` (names and bytes), in a
    fixed order: a stylesheet edited, added or removed changes it."""
    hasher = hashlib.sha256()
    for folder in folders:
        folder = Path(folder)
        files = sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else [folder]
        for path in files:
            if not path.is_file():
                continue
            name = path.relative_to(folder).as_posix() if folder.is_dir() else path.name
            hasher.update(f"{folder}\0{name}\0".encode())
            hasher.update(digest(path.read_bytes()).encode())
    return hasher.hexdigest()


def shared_key(*, registers: Path | None, stylesheet_folders: Sequence[Path], options: Mapping[str, object]) -> str:
    """The part of every document's key that all documents of a render share
    (``options``: the render options as a dict)."""
    description = {
        "format": ENTRY_FORMAT,
        "version": __version__,
        "registers": file_digest(registers),
        "stylesheets": tree_digest(stylesheet_folders),
        "options": dict(options),
    }
    return digest(json.dumps(description, sort_keys=True, ensure_ascii=False).encode())


def document_key(shared: str, doc_id: str, path: Path, data: bytes) -> str:
    """The key of one document: the shared key, its id, its path, its bytes."""
    return digest(f"{shared}\0{doc_id}\0{path}\0{digest(data)}".encode())


@dataclass(frozen=True)
class CachedFile:
    """A file an entry holds: its name in the output folder, digest, size."""

    name: str
    sha256: str
    size: int


@dataclass(frozen=True)
class Entry:
    """One document's entry, without its page bytes (read on demand)."""

    key: str
    pages: list[CachedFile]
    parts: dict[str, bytes]
    warnings: list[str]
    #: Where the page bytes begin in the entry file.
    offset: int


class DocumentCache:
    """Entries in ``folder`` (``<project cache>/render/<format>/``)."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.entry"

    def store(self, key: str, pages: Sequence[tuple[str, bytes]], parts: Mapping[str, bytes],
              warnings: Sequence[str]) -> None:
        header = {
            "pages": [[name, digest(data), len(data)] for name, data in pages],
            "parts": [[name, len(data)] for name, data in parts.items()],
            "warnings": list(warnings),
        }
        line = json.dumps(header, ensure_ascii=False).encode() + b"\n"
        self.folder.mkdir(parents=True, exist_ok=True)
        body = b"".join([line, *(parts[name] for name in parts), *(data for _, data in pages)])
        tei.write_atomic(self._path(key), body)

    def load(self, key: str) -> Entry | None:
        """The entry of ``key``, or None (none, or not readable as one)."""
        path = self._path(key)
        try:
            with open(path, "rb") as stream:
                header = json.loads(stream.readline())
                parts = {str(name): stream.read(int(size)) for name, size in header["parts"]}
                pages = [CachedFile(str(name), str(sha), int(size)) for name, sha, size in header["pages"]]
                offset = stream.tell()
            warnings = [str(w) for w in header["warnings"]]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if offset + sum(page.size for page in pages) != path.stat().st_size:
            return None  # cut short: not an entry
        return Entry(key, pages, parts, warnings, offset)

    def page_bytes(self, entry: Entry, name: str) -> bytes:
        start = entry.offset
        for page in entry.pages:
            if page.name == name:
                with open(self._path(entry.key), "rb") as stream:
                    stream.seek(start)
                    data = stream.read(page.size)
                if digest(data) != page.sha256:
                    raise OSError(f"cache entry {entry.key} changed on disk")
                return data
            start += page.size
        raise KeyError(name)

    def restore(self, entry: Entry, out: Path) -> list[Path]:
        """The entry's files in ``out``: each rewritten from the entry unless
        it is there already as the render wrote it."""
        written = []
        for page in entry.pages:
            target = inside(out, page.name)
            if not _same(target, page.sha256, page.size):
                tei.write_atomic(target, self.page_bytes(entry, page.name))
            written.append(target)
        return written

    def prune(self, keep: set[str]) -> None:
        """Remove the entries whose key is not in ``keep``."""
        if not self.folder.is_dir():
            return
        for path in self.folder.glob("*.entry"):
            if path.stem not in keep:
                path.unlink(missing_ok=True)


def _same(path: Path, sha256: str, size: int) -> bool:
    try:
        return path.stat().st_size == size and digest(path.read_bytes()) == sha256
    except OSError:
        return False


@dataclass
class SiteRecord:
    """Which parts each site page was last made from, and what it wrote
    (``site.json`` in the cache folder)."""

    path: Path
    pages: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> SiteRecord:
        try:
            pages = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pages = {}
        return cls(Path(path), pages if isinstance(pages, dict) else {})

    def fresh(self, page: str, key: str, out: Path) -> list[Path] | None:
        """The files of ``page`` when it was made from ``key`` and they are
        all still in ``out`` as written; else None (make it again)."""
        record = self.pages.get(page)
        if not isinstance(record, dict) or record.get("key") != key:
            return None
        files = record.get("files")
        if not isinstance(files, list):
            return None
        paths = []
        for name, sha256, size in files:
            target = inside(out, str(name))
            if not _same(target, str(sha256), int(size)):
                return None
            paths.append(target)
        return paths

    def record(self, page: str, key: str, out: Path, written: Sequence[Path]) -> None:
        files = []
        for path in written:
            data = Path(path).read_bytes()
            files.append([Path(path).relative_to(out.resolve()).as_posix(), digest(data), len(data)])
        self.pages[page] = {"key": key, "files": files}

    def forget(self, page: str) -> None:
        self.pages.pop(page, None)

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps(self.pages, ensure_ascii=False, sort_keys=True, indent=1) + "\n"
        tei.write_atomic(self.path, data.encode("utf-8"))


def cache_folder(cache_dir: Path, fmt: str) -> Path:
    """The render cache of one format inside a project's cache folder."""
    return Path(cache_dir) / FOLDER / fmt


__all__ = ["CachedFile", "DocumentCache", "Entry", "SiteRecord", "cache_folder", "document_key",
           "file_digest", "shared_key", "tree_digest"]
