"""Where the shipped stylesheets, schemas and data are.

A wheel carries the repository's top-level ``xslt/`` and ``schema/`` folders
as the package data ``edition/xslt`` and ``edition/schema`` (the mapping is in
``pyproject.toml``), so an installed tool needs no source checkout. In an
editable install from a checkout they are not copied: the folders are read
where they stand, at the top of the repository. This module is the one place
that knows both, so no other module builds a path from ``__file__``.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

#: The folders that ship with the package.
SHIPPED = ("xslt", "schema", "data")


def shipped(folder: str) -> Path:
    """The shipped folder ``folder`` (``xslt``, ``schema`` or ``data``) as a real path."""
    if folder not in SHIPPED:
        raise ValueError(f"no shipped folder {folder!r}; one of {', '.join(SHIPPED)}")
    # Wheels are installed unpacked, so the package's files are real paths.
    packaged = Path(str(resources.files("edition"))) / folder
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / folder
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(
        f"the installed edition package has no {folder}/ folder ({packaged}); reinstall it"
    )
