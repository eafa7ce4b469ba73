"""Shared fixtures: the project root, its raw texts and TEI documents."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def pytest_addoption(parser):
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite golden files under tests/cases and tests/invalid instead of comparing",
    )


@pytest.fixture(scope="session")
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


@pytest.fixture(scope="session")
def project_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def raw_files() -> list[Path]:
    return sorted((ROOT / "raw").glob("*.txt"))


@pytest.fixture(scope="session")
def tei_files() -> list[Path]:
    return sorted(p for p in (ROOT / "tei").glob("*.xml") if p.name != "registers.xml")

