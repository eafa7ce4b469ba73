"""A small edition project for CLI tests that build one."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def make_project(folder: Path, raw_text: str, *, registers: bool = False) -> Path:
    """A small edition project: raw/ornek.txt, this repository's stylesheets
    and an empty tei/ (with the shipped registers if asked)."""
    (folder / "raw").mkdir()
    (folder / "raw" / "ornek.txt").write_text(raw_text, encoding="utf-8")
    shutil.copytree(ROOT / "xslt", folder / "xslt")
    (folder / "tei").mkdir()
    if registers:
        shutil.copy(ROOT / "tei" / "registers.xml", folder / "tei" / "registers.xml")
    return folder
