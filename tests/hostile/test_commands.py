"""Every command that reads TEI, on every kind of bad file: exit 1 (2 for a
usage error), one `Error:` line or diagnostics, no traceback, no hang, nothing
read outside the project, and the other files still processed."""

from __future__ import annotations

import os
import shutil

import pytest

from .conftest import ROOT, SECRET, invoke

GOOD = ROOT / "tei" / "baku-katliami-1918.xml"


def make_bad(scratch, kind: str):
    """A bad tei/bad.xml of the given kind."""
    path = scratch.tei / "bad.xml"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "link-outside":
        shutil.copy(GOOD, scratch.outside / "leak.xml")
        os.symlink(scratch.outside / "leak.xml", path)
    elif kind == "link-secret":
        os.symlink(scratch.secret, path)
    elif kind == "link-fifo":
        os.symlink(scratch.fifo, path)
    elif kind == "dangling":
        os.symlink(scratch.root / "nowhere.xml", path)
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "binary":
        path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    elif kind == "text":
        path.write_text("Bu bir XML değil.\n", encoding="utf-8")
    elif kind == "not-tei":
        path.write_text('<?xml version="1.0"?><article><p>x</p></article>\n')
    elif kind == "huge":
        with open(path, "wb") as fh:
            fh.truncate(53_610_209)
    elif kind == "utf16-bom":
        path.write_bytes(GOOD.read_text(encoding="utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"')
                         .encode("utf-16"))
    elif kind == "control-char":
        path.write_bytes(GOOD.read_bytes().replace(b"<p>", b"<p>\x07", 1))
    elif kind == "xxe":
        head, rest = GOOD.read_bytes().split(b"\n", 1)
        path.write_bytes(head + f'\n<!DOCTYPE TEI [<!ENTITY s SYSTEM "{scratch.secret}">]>\n'.encode() + rest)
    elif kind == "truncated":
        path.write_bytes(GOOD.read_bytes()[:5000])
    return path


KINDS = ["fifo", "link-outside", "link-secret", "link-fifo", "dangling", "empty", "binary", "text", "not-tei",
         "huge", "utf16-bom", "control-char", "xxe", "truncated"]
COMMANDS = {
    "validate": lambda *paths: ("validate", *paths),
    "render": lambda *paths: ("render", *paths, "--output-dir", "output/html"),
    "annotate": lambda *paths: ("annotate", *paths, "--registers", "tei/registers.xml", "-j", "1"),
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("kind", KINDS)
def test_a_bad_tei_file_is_reported_and_reads_nothing_outside(scratch, command, kind):
    shutil.copy(GOOD, scratch.tei / GOOD.name)
    make_bad(scratch, kind)
    scratch.ready()
    result = invoke(*COMMANDS[command]("tei/bad.xml", f"tei/{GOOD.name}"))
    assert SECRET not in result.output
    if kind == "utf16-bom":
        assert result.code in (0, 1)  # a UTF-16 XML file is well-formed XML; its id decides
    elif kind == "dangling":
        assert result.code in (1, 2)
    else:
        assert result.code == 1, result.output
    if result.code:  # a well-formed, valid UTF-16 document passes without a word
        assert "bad.xml" in result.output
    for path in scratch.root.rglob("*"):
        if path.is_file() and not path.is_symlink() and path.suffix in (".html", ".txt", ".js", ".xml"):
            assert SECRET.encode() not in path.read_bytes(), path


@pytest.mark.parametrize("kind,line", [
    ("fifo", "tei/bad.xml: error: is not a regular file (a FIFO); refused for reading. Name a text file. [xml-read]"),
    ("link-secret", "tei/bad.xml: error: is a link to {secret}, outside the project; refused for reading. Copy the "
                    "file into the project instead of linking to it. [xml-read]"),
    ("huge", "tei/bad.xml: error: file is 53610209 bytes, larger than the 52428800 byte limit. Split the document, "
             "or check that this is the file you meant. [xml-size]"),
    ("xxe", "tei/bad.xml:2:16: error: the document declares the external entity 's' (<!ENTITY s SYSTEM|PUBLIC ...>), "
            "which is refused for safety: no file or URL is ever opened. Replace the entity by its text, or declare "
            "it with its value inside the DOCTYPE. [xml-unsafe]"),
])
def test_validate_names_each_refusal_exactly(scratch, kind, line):
    make_bad(scratch, kind)
    scratch.ready()
    result = invoke("validate", "tei/bad.xml")
    assert result.code == 1
    assert line.format(secret=scratch.secret) in result.stderr.splitlines()
