"""Project layout and path safety.

A document id comes from a file name and ends up in output paths and URLs, so
it is checked once here: nothing derived from a file name or id may lead
outside the project folders.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .config import BUILTIN_SCHEMAS, Config, config_file_in
from .config import load as load_config
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
