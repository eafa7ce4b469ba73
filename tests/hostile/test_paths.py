"""Inputs are regular files inside the project: symlinks out of it, FIFOs,
devices and folders are refused for reading, with one line, in every command
that reads raw or TEI files; one bad file never blocks the others."""

from __future__ import annotations

import os

import pytest

from edition.errors import InputError, UnsafePathError
from edition.paths import check_readable, read_regular_file

from .conftest import SECRET, invoke

TEXT = "Başlık Satırı\n\nGiriş\n\nBu makale Kafkasya tarihini ele almaktadır ve kısa bir metindir.\n"


def link_kinds(scratch):
    """How a raw/<id>.txt can lead out of the project."""
    return {
        "absolute": str(scratch.secret),
        "relative": os.path.relpath(scratch.secret, scratch.raw),
        "dotdot-in-project": "../../outside/secret.txt",
        "chain": None,  # raw/x.txt -> raw/hop.txt -> outside
    }


def make_link(scratch, kind: str, name: str = "leak.txt"):
    target = link_kinds(scratch)[kind]
    if kind == "chain":
        os.symlink(scratch.secret, scratch.raw / "hop.bin")
        target = "hop.bin"
    os.symlink(target, scratch.raw / name)


@pytest.mark.parametrize("kind", ["absolute", "relative", "dotdot-in-project", "chain"])
def test_ingest_refuses_a_symlink_out_of_the_project(scratch, kind):
    make_link(scratch, kind)
    scratch.ready()
    result = invoke("ingest", "raw/leak.txt", "-o", "tei")
    assert result.code == 1
    assert result.error == (f"Error: raw/leak.txt: is a link to {scratch.secret}, outside the project; refused for "
                            "reading. Copy the file into the project instead of linking to it.")
    assert not (scratch.tei / "leak.xml").exists()


@pytest.mark.parametrize("kind", ["absolute", "relative", "dotdot-in-project", "chain"])
def test_build_refuses_a_symlink_and_builds_the_others(scratch, kind):
    make_link(scratch, kind)
    (scratch.raw / "iyi.txt").write_text(TEXT, encoding="utf-8")
    scratch.ready()
    result = invoke("build", "-j", "1")
    assert result.code == 1
    assert (f"{scratch.raw}/leak.txt: error: is a link to {scratch.secret}, outside the project; refused for reading. "
            "Copy the file into the project instead of linking to it. [ingest]") in result.stderr
    assert "1 built, 0 skipped, 1 failed" in result.stderr
    assert not (scratch.tei / "leak.xml").exists()
    for path in scratch.root.rglob("*"):
        if path.is_file() and not path.is_symlink():
            assert SECRET.encode() not in path.read_bytes(), path


def test_a_symlink_to_metadata_outside_is_refused(scratch):
    (scratch.raw / "metin.txt").write_text(TEXT, encoding="utf-8")
    os.symlink(scratch.secret, scratch.raw / "metin.toml")
    scratch.ready()
    result = invoke("ingest", "raw/metin.txt", "-o", "tei")
    assert result.code == 1
    assert result.error == (f"Error: raw/metin.toml: is a link to {scratch.secret}, outside the project; refused for "
                            "reading. Copy the file into the project instead of linking to it.")


def test_a_symlink_inside_the_project_is_read(scratch):
    (scratch.root / "kaynak").mkdir()
    (scratch.root / "kaynak" / "metin.txt").write_text(TEXT, encoding="utf-8")
    os.symlink("../kaynak/metin.txt", scratch.raw / "metin.txt")
    scratch.ready()
    result = invoke("ingest", "raw/metin.txt", "-o", "tei")
    assert result.code == 0, result.output
    assert "Kafkasya" in (scratch.tei / "metin.xml").read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", ["fifo-in-raw", "fifo-link", "dev-null-link", "dev-zero-link", "folder"])
def test_ingest_refuses_what_is_not_a_regular_file(scratch, kind):
    path = scratch.raw / "ozel.txt"
    if kind == "fifo-in-raw":
        os.mkfifo(path)
    elif kind == "fifo-link":
        (scratch.root / "boru").mkdir()
        os.mkfifo(scratch.root / "boru" / "f")
        os.symlink("../boru/f", path)
    elif kind == "folder":
        path.mkdir()
    else:
        os.symlink("/dev/null" if kind == "dev-null-link" else "/dev/zero", path)
    scratch.ready()
    result = invoke("ingest", "raw/ozel.txt", "-o", "tei")
    if kind == "folder":  # Click refuses it as a usage error before ingest runs
        assert result.code == 2 and "is a directory" in result.output
        return
    assert result.code == 1
    if kind.startswith("dev"):
        assert result.error == ("Error: raw/ozel.txt: is a link to /dev/null, outside the project; refused for "
                                "reading. Copy the file into the project instead of linking to it."
                                if kind == "dev-null-link" else
                                "Error: raw/ozel.txt: is a link to /dev/zero, outside the project; refused for "
                                "reading. Copy the file into the project instead of linking to it.")
    else:
        assert result.error == ("Error: raw/ozel.txt: is not a regular file (a FIFO); refused for reading. "
                                "Name a text file.")


def test_build_skips_a_fifo_and_builds_the_others(scratch):
    os.mkfifo(scratch.raw / "boru.txt")
    (scratch.raw / "iyi.txt").write_text(TEXT, encoding="utf-8")
    scratch.ready()
    result = invoke("build", "-j", "1")
    assert result.code == 1
    assert (f"{scratch.raw}/boru.txt: error: is not a regular file (a FIFO); refused for reading. Name a text file. [ingest]"
            in result.stderr)
    assert "1 built, 0 skipped, 1 failed" in result.stderr


def test_build_refuses_a_tei_symlink_out_of_the_project(scratch):
    (scratch.raw / "metin.txt").write_text(TEXT, encoding="utf-8")
    (scratch.outside / "metin.xml").write_bytes(b"<TEI/>")
    os.symlink(scratch.outside / "metin.xml", scratch.tei / "metin.xml")
    (scratch.raw / "iyi.txt").write_text(TEXT, encoding="utf-8")
    scratch.ready()
    result = invoke("build", "-j", "1")
    assert result.code == 1
    assert (f"{scratch.tei}/metin.xml: error: is a link to {scratch.outside / 'metin.xml'}, outside the project; "
            "refused for reading. Copy the file into the project instead of linking to it. [input]") in result.stderr
    assert "1 built" in result.stderr


BAD_NAMES = ["Foo Bar.txt", "Büyük.txt", "-x.txt", "a..b.txt", ".hidden.txt", "x" * 120 + ".txt",
             "UPPER.txt", "semi;colon.txt", "new\nline.txt", "tab\t.txt"]


@pytest.mark.parametrize("name", BAD_NAMES, ids=range(len(BAD_NAMES)))
def test_a_badly_named_raw_file_does_not_block_building_another(scratch, name):
    (scratch.raw / name).write_text(TEXT, encoding="utf-8")
    (scratch.raw / "iyi.txt").write_text(TEXT, encoding="utf-8")
    scratch.ready()
    named = invoke("build", "iyi", "-j", "1")
    assert named.code == 0, named.output
    assert "1 built, 0 skipped, 0 failed" in named.stderr


@pytest.mark.parametrize("name", BAD_NAMES[:4], ids=range(4))
def test_a_badly_named_raw_file_fails_alone_in_a_full_build(scratch, name):
    (scratch.raw / name).write_text(TEXT, encoding="utf-8")
    (scratch.raw / "iyi.txt").write_text(TEXT, encoding="utf-8")
    scratch.ready()
    full = invoke("build", "-j", "1")
    assert full.code == 1
    stem = name.rsplit(".", 1)[0]
    assert (f"{scratch.raw / name}: error: {stem!r} is not a usable document id; not built. Use lower-case letters, "
            "digits, '-', '_' and '.', e.g. raw/baku-1918.txt. [raw-name]") in full.stderr
    assert "1 built, 0 skipped, 1 failed" in full.stderr


def test_check_readable_library(tmp_path):
    root = tmp_path / "p"
    (root / "raw").mkdir(parents=True)
    (tmp_path / "s.txt").write_text("s")
    os.symlink(tmp_path / "s.txt", root / "raw" / "l.txt")
    with pytest.raises(UnsafePathError):
        check_readable(root / "raw" / "l.txt", root)
    with pytest.raises(InputError):
        read_regular_file(root / "raw" / "missing.txt", root=root)
    assert read_regular_file(root / "raw" / "l.txt") == b"s"  # no root: the caller named it
