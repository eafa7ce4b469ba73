"""Project layout and path safety.

A document id comes from a file name and ends up in output paths and URLs, so
it is checked once here: nothing derived from a file name or id may lead
outside the project folders.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from .config import BUILTIN_SCHEMAS, Config, config_file_in
from .config import load as load_config
from .errors import EditionError, InputError, InputTooLargeError, UnsafePathError

DOC_ID = re.compile(r"^[a-z0-9](?:[a-z0-9._-]{0,98}[a-z0-9])?$")


def file_stem(path: str | Path) -> str:
    """The file name of ``path`` without its last suffix: the document id the
    file claims (``tei/<id>.xml``), not yet checked."""
    return Path(path).name.rsplit(".", 1)[0]


def doc_id_from_path(path: str | Path) -> str:
    """The document id of ``raw/<id>.txt`` or ``tei/<id>.xml``, checked."""
    return check_doc_id(file_stem(path), source=str(path))


def check_doc_id(doc_id: str, *, source: str | None = None) -> str:
    """``doc_id`` if it is safe in file names and URLs (:data:`DOC_ID`, no
    ``..``), else an :class:`UnsafePathError` naming ``source``."""
    if not DOC_ID.match(doc_id) or ".." in doc_id:
        raise UnsafePathError(
            f"{doc_id!r} is not a usable document id",
            path=source,
            hint="Use lower-case letters, digits, '-', '_' and '.', e.g. raw/baku-1918.txt.",
        )
    return doc_id


def inside(base: Path, *parts: str) -> Path:
    """``base / parts`` resolved, refusing any result outside ``base``."""
    base_resolved = base.resolve()
    target = base_resolved.joinpath(*parts).resolve()
    if target != base_resolved and base_resolved not in target.parents:
        raise UnsafePathError(f"{'/'.join(parts)!r} leads outside {base}", path=str(base))
    return target


# --- reading inputs: regular files inside the project only -----------------
# Writing already refuses paths that leave the project (:func:`inside`); these
# do the same for reading, so a symlink raw/leak.txt -> /home/me/secret.txt is
# never built and published, and a FIFO or device never blocks a run.


def check_readable(path: str | Path, root: str | Path | None = None) -> Path:
    """``path`` if it may be read as an input, else a one-line error.

    With ``root`` (the project folder), a path that lies in the project but
    whose real location (after symlinks) is outside it is refused. Anything
    that is not a regular file (a folder, FIFO, socket or device) is refused.
    """
    p = Path(path)
    if root is not None:
        real_root = Path(root).resolve()
        lexical = Path(os.path.abspath(p))
        if lexical == real_root or real_root in lexical.parents or Path(os.path.abspath(root)) in lexical.parents:
            # in the project by its name: its real location must be in it too
            real = p.resolve()
            if real != real_root and real_root not in real.parents:
                raise UnsafePathError(
                    f"is a link to {real}, outside the project; refused for reading.",
                    path=str(path),
                    hint="Copy the file into the project instead of linking to it.",
                )
    try:
        info = p.stat()
    except FileNotFoundError:
        raise InputError("no such file.", path=str(path)) from None
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"is not a regular file ({_file_kind(info.st_mode)}); refused for reading.",
                         path=str(path), hint="Name a text file.")
    return p


def _file_kind(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device")):
        if test(mode):
            return name
    return "not a regular file"


def read_regular_file(path: str | Path, *, limit: int | None = None, root: str | Path | None = None) -> bytes:
    """The bytes of a regular file (see :func:`check_readable`), refusing files
    larger than ``limit`` bytes before reading them, with their real size.

    The file is opened non-blocking and checked again through its descriptor,
    so a FIFO swapped in after the check cannot block the read either.
    """
    p = check_readable(path, root)
    fd = os.open(p, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"is not a regular file ({_file_kind(info.st_mode)}); refused for reading.",
                             path=str(path), hint="Name a text file.")
        if limit is not None and info.st_size > limit:
            raise InputTooLargeError(
                f"file is {info.st_size} bytes, larger than the {limit} byte limit.",
                path=str(path),
                hint="Split the document, or check that this is the file you meant.",
            )
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read() if limit is None else fh.read(limit + 1)
    finally:
        os.close(fd)
    if limit is not None and len(data) > limit:  # the file grew while being read
        raise InputTooLargeError(f"file is larger than the {limit} byte limit.", path=str(path),
                         hint="Split the document, or check that this is the file you meant.")
    return data


def input_root(path: str | Path) -> Path | None:
    """The project a file given on the command line belongs to (found like
    git finds a repository, from the file's folder): reading it must not
    lead out of that project."""
    try:
        return Project.find(Path(os.path.abspath(path)).parent).root
    except EditionError:
        return None


@dataclass(frozen=True)
class Project:
    """An edition project: its root folder and its checked configuration.

    The folders come from the config (``[folders]``, relative to the root);
    see docs/config.md.
    """

    root: Path
    config: Config = field(default_factory=Config)

    @property
    def raw(self) -> Path:
        return self.root / self.config.folders.raw

    @property
    def tei(self) -> Path:
        return self.root / self.config.folders.tei

    @property
    def output(self) -> Path:
        return self.root / self.config.folders.output

    @property
    def schema(self) -> Path:
        return self.root / self.config.folders.schema

    @property
    def xslt(self) -> Path:
        return self.root / self.config.folders.xslt

    @property
    def registers(self) -> Path:
        return self.tei / "registers.xml"

    @property
    def cache(self) -> Path:
        return self.root / ".edition-cache"

    def xslt_for(self, fmt: str) -> Path | None:
        """The project's stylesheet folder if it overrides format ``fmt``
        (has ``<fmt>/<fmt>.xsl``), else None: the shipped stylesheets."""
        return self.xslt if (self.xslt / fmt / f"{fmt}.xsl").is_file() else None

    def validate_schemas(self) -> tuple[str, ...]:
        """``[validate] schemas`` as validate takes them from any folder: the
        built-in names as they are, the project's schema files as absolute paths."""
        return tuple(name if name in BUILTIN_SCHEMAS else str(self.root / name)
                     for name in self.config.validate.schemas)

    @classmethod
    def find(cls, start: Path | None = None) -> Project:
        """The project ``start`` (default: the current folder) is in, found like git
        finds a repository: the nearest folder at or above it with ``edition.toml``
        or a ``pyproject.toml`` with ``[tool.edition]``; for projects without a
        config, the nearest with ``raw/`` or ``tei/``. Outside any project, ``start``
        itself with the default config."""
        here = (start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            source = config_file_in(folder)
            if source is not None:
                return cls(folder, load_config(source))
            if (folder / "raw").is_dir() or (folder / "tei").is_dir():
                return cls(folder)
        return cls(here)
