"""Project layout and path safety.

A document id comes from a file name and ends up in output paths and URLs, so
it is checked once here: nothing derived from a file name or id may lead
outside the project folders.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import UnsafePathError

DOC_ID = re.compile(r"^[a-z0-9](?:[a-z0-9._-]{0,98}[a-z0-9])?$")


def doc_id_from_path(path: str | Path) -> str:
    """The document id of ``raw/<id>.txt`` or ``tei/<id>.xml``, checked."""
    stem = Path(path).name.rsplit(".", 1)[0]
    return check_doc_id(stem, source=str(path))


def check_doc_id(doc_id: str, *, source: str | None = None) -> str:
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


@dataclass(frozen=True)
class Project:
    """The folders of an edition project (see the README's layout section)."""

    root: Path

    @property
    def raw(self) -> Path:
        return self.root / "raw"

    @property
    def tei(self) -> Path:
        return self.root / "tei"

    @property
    def output(self) -> Path:
        return self.root / "output"

    @property
    def schema(self) -> Path:
        return self.root / "schema"

    @property
    def xslt(self) -> Path:
        return self.root / "xslt"

    @property
    def registers(self) -> Path:
        return self.tei / "registers.xml"

    @classmethod
    def find(cls, start: Path | None = None) -> "Project":
        """The nearest folder at or above ``start`` that has ``raw/`` or ``tei/``."""
        here = (start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            if (folder / "pyproject.toml").exists() and (folder / "tei").is_dir():
                return cls(folder)
            if (folder / "raw").is_dir() or (folder / "tei").is_dir():
                return cls(folder)
        return cls(here)
