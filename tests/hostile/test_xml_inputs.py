"""Hostile XML: no parser opens an external DTD, entity or file; internal
entities are expanded; every refusal is one exact line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from edition import tei
from edition.errors import InputError

from .conftest import ROOT, SECRET, invoke

TEI_NS = "http://www.tei-c.org/ns/1.0"
BODY = f'<TEI xmlns="{TEI_NS}"><text><body><p>{{}}</p></body></text></TEI>'
DOCUMENT = (ROOT / "tei" / "baku-katliami-1918.xml").read_bytes()


def with_doctype(doctype: str, text: str = "metin") -> bytes:
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{doctype}\n{BODY.format(text)}\n'.encode()


def external_dtds(target: str) -> list[str]:
    return [
        f'<!DOCTYPE TEI SYSTEM "{target}">',
        f"<!DOCTYPE TEI SYSTEM '{target}'>",
        f'<!DOCTYPE TEI PUBLIC "-//TEI//DTD TEI P5//EN" "{target}">',
        f'<!DOCTYPE TEI PUBLIC \'-//X//\'\n   "{target}">',
        f'<!DOCTYPE TEI SYSTEM "{target}" [<!ENTITY mdash "&#x2014;">]>',
        f'<!DOCTYPE TEI SYSTEM "file://{target}">',
        f'<!--c--><!DOCTYPE TEI SYSTEM "{target}">',
        f'<!DOCTYPE\tTEI\nSYSTEM\n"{target}"\n>',
    ]


@pytest.mark.parametrize("kind", ["secret", "fifo"])
@pytest.mark.parametrize("index", range(8))
def test_external_dtd_is_never_opened(scratch, kind, index):
    """A FIFO would block an open for ever: returning at all proves it was not opened."""
    target = str(scratch.secret if kind == "secret" else scratch.fifo)
    scratch.ready()
    tree = tei.parse_bytes(with_doctype(external_dtds(target)[index]), "x.xml")
    assert tree.getroot().tag == f"{{{TEI_NS}}}TEI"
    assert SECRET not in tei.serialize(tree).decode()


EXTERNAL_ENTITIES = [
    ('<!ENTITY secret SYSTEM "{t}">', "secret"),
    ("<!ENTITY secret SYSTEM '{t}'>", "secret"),
    ('<!ENTITY secret PUBLIC "-//X//" "{t}">', "secret"),
    ('<!ENTITY % pe SYSTEM "{t}"> %pe;', "%"),
    ('<!ENTITY   spaced\n  SYSTEM\n "{t}">', "spaced"),
    ('<!ENTITY img SYSTEM "{t}" NDATA gif>', "img"),
    ('<!ENTITY ok "fine"><!ENTITY bad SYSTEM "{t}">', "bad"),
]


@pytest.mark.parametrize("decl,name", EXTERNAL_ENTITIES)
@pytest.mark.parametrize("kind", ["secret", "fifo"])
def test_external_entity_declaration_is_refused_with_its_position(scratch, decl, name, kind):
    target = str(scratch.secret if kind == "secret" else scratch.fifo)
    declaration = decl.format(t=target)
    data = with_doctype(f"<!DOCTYPE TEI [\n  {declaration}\n]>")
    scratch.ready()
    with pytest.raises(InputError) as caught:
        tei.parse_bytes(data, "x.xml")
    error = caught.value
    offset = data.index(b"<!ENTITY " + (b"bad" if name == "bad" else b""))
    expected_name = "pe" if name == "%" else name
    assert (error.line, error.col) == (3, 3 + offset - data.index(b"  <!ENTITY") - 2)
    assert str(error) == (
        f"x.xml: line 3, column {error.col}: the document declares the external entity {expected_name!r} "
        f"(<!ENTITY {expected_name} SYSTEM|PUBLIC ...>), which is refused for safety: no file or URL is ever "
        "opened. Replace the entity by its text, or declare it with its value inside the DOCTYPE.")


@pytest.mark.parametrize("doctype,text,expected", [
    ('<!DOCTYPE TEI [<!ENTITY mdash "&#x2014;">]>', "a&mdash;b", "a\u2014b"),
    ('<!DOCTYPE TEI [<!ENTITY a "x"><!ENTITY b "&a;&a;">]>', "&b;", "xx"),
    ('<!DOCTYPE TEI [<!ENTITY ed "editör">]>', "&ed; &amp; &lt;", "editör & <"),
    ('<!DOCTYPE TEI [<!-- <!ENTITY x SYSTEM "/etc/passwd"> --><!ENTITY ok "ok">]>', "&ok;", "ok"),
    ('<!-- <!ENTITY x SYSTEM "/etc/passwd"> -->', "yorum", "yorum"),
    ('', '<![CDATA[<!ENTITY x SYSTEM "/etc/passwd">]]>', '<!ENTITY x SYSTEM "/etc/passwd">'),
    ('', "&lt;!ENTITY x SYSTEM \"/etc/passwd\"&gt;", '<!ENTITY x SYSTEM "/etc/passwd">'),
])
def test_internal_entities_and_entity_text_in_comments_are_accepted(doctype, text, expected):
    tree = tei.parse_bytes(with_doctype(doctype, text), "x.xml")
    assert "".join(tree.getroot().itertext()) == expected


def laughs(levels: int, width: int) -> str:
    decls = ['<!ENTITY l0 "lol">'] + [
        f'<!ENTITY l{k} "{f"&l{k - 1};" * width}">' for k in range(1, levels + 1)]
    return "<!DOCTYPE TEI [\n" + "\n".join(decls) + "\n]>"


@pytest.mark.parametrize("levels,width", [(9, 10), (12, 5), (6, 30), (3, 1000), (20, 3)])
def test_billion_laughs_is_refused(levels, width):
    data = with_doctype(laughs(levels, width), f"&l{levels};")
    with pytest.raises(InputError) as caught:
        tei.parse_bytes(data, "x.xml")
    assert str(caught.value) == (
        "x.xml: line 3, column 1: the entities declared in the document (<!ENTITY>) expand beyond the safety "
        "limit (a billion-laughs document), refused. Declare entities that stand for short texts only.")


def test_quadratic_blowup_is_refused():
    big = "x" * 100_000
    data = with_doctype(f'<!DOCTYPE TEI [<!ENTITY big "{big}">]>', "&big;" * 5_000)
    with pytest.raises(InputError) as caught:
        tei.parse_bytes(data, "x.xml")
    assert "beyond the safety limit" in caught.value.message


NOT_WELL_FORMED = [
    ("<TEI", "Couldn't find end of Start Tag TEI"),
    ("<TEI></tei>", "Opening and ending tag mismatch: TEI line 1 and tei"),
    ("<TEI/><TEI/>", "Extra content at the end of the document"),
    ("<TEI>&#0;</TEI>", "xmlParseCharRef: invalid xmlChar value 0"),
    ("<TEI>&#xD800;</TEI>", "xmlParseCharRef: invalid xmlChar value 55296"),
    ("<TEI>&nbsp;</TEI>", "Entity 'nbsp' not defined"),
    ("<TEI a='1' a='2'/>", "Attribute a redefined"),
    ("<TEI>\x01</TEI>", "PCDATA invalid Char value 1"),
    ("", "Document is empty"),
    ("   ", "Start tag expected"),
    ("<?xml version='1.0' encoding='klingon'?><TEI/>", "Unsupported encoding: klingon"),
    ("<TEI xmlns:x='a' x:y='1' x:y='2'/>", "Attribute x:y redefined"),
]


@pytest.mark.parametrize("text,message", NOT_WELL_FORMED)
def test_not_well_formed_is_one_line_with_position(text, message):
    with pytest.raises(InputError) as caught:
        tei.parse_bytes(text.encode(), "x.xml")
    assert caught.value.message.startswith("not well-formed XML: ")
    assert message in caught.value.message
    assert "\n" not in str(caught.value)


def test_size_is_checked_before_parsing_with_the_real_size(tmp_path):
    path = tmp_path / "big.xml"
    with open(path, "wb") as fh:
        fh.truncate(53_610_209)
    with pytest.raises(InputError) as caught:
        tei.parse_file(path)
    assert str(caught.value) == (f"{path}: file is 53610209 bytes, larger than the 52428800 byte limit. "
                                 "Split the document, or check that this is the file you meant.")


@pytest.mark.parametrize("kind", ["fifo", "folder", "device"])
def test_parse_file_refuses_what_is_not_a_regular_file(tmp_path, kind):
    path = {"fifo": tmp_path / "f.xml", "folder": tmp_path, "device": Path("/dev/zero")}[kind]
    if kind == "fifo":
        os.mkfifo(path)
    with pytest.raises(InputError) as caught:
        tei.parse_file(path)
    name = {"fifo": "a FIFO", "folder": "a folder", "device": "a character device"}[kind]
    assert str(caught.value) == f"{path}: is not a regular file ({name}); refused for reading. Name a text file."


# -- the commands, on documents that point outside ----------------------------
def hostile_documents(scratch) -> dict[str, bytes]:
    head, rest = DOCUMENT.split(b"\n", 1)
    return {
        "dtd-secret": head + f'\n<!DOCTYPE TEI SYSTEM "{scratch.secret}">\n'.encode() + rest,
        "dtd-fifo": head + f'\n<!DOCTYPE TEI SYSTEM "{scratch.fifo}">\n'.encode() + rest,
        "entity-secret": head + f'\n<!DOCTYPE TEI [<!ENTITY s SYSTEM "{scratch.secret}">]>\n'.encode() + rest,
        "entity-fifo": head + f'\n<!DOCTYPE TEI [<!ENTITY % s SYSTEM "{scratch.fifo}"> %s;]>\n'.encode() + rest,
        "laughs": head + ("\n" + laughs(9, 10) + "\n").encode() + rest.replace(b"<p>", b"<p>&l9;", 1),
    }


COMMANDS = {
    "validate": lambda path: ("validate", path),
    "render": lambda path: ("render", path, "--output-dir", "output/html"),
    "annotate": lambda path: ("annotate", path, "--registers", "tei/registers.xml", "-j", "1"),
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("case", ["dtd-secret", "dtd-fifo", "entity-secret", "entity-fifo", "laughs"])
def test_commands_never_open_what_a_document_points_to(scratch, command, case):
    path = scratch.tei / "baku-katliami-1918.xml"
    path.write_bytes(hostile_documents(scratch)[case])
    scratch.ready()
    result = invoke(*COMMANDS[command]("tei/baku-katliami-1918.xml"))
    assert SECRET not in result.output
    for written in scratch.root.rglob("*"):
        if written.is_file() and written.suffix in (".xml", ".html", ".txt", ".js", ".json"):
            assert SECRET.encode() not in written.read_bytes(), written
    if case.startswith("entity") or case == "laughs":
        assert result.code == 1, result.output
        rule = "beyond the safety limit" if case == "laughs" else "the document declares the external entity 's'"
        assert rule in result.output
    else:
        assert result.code in (0, 1), result.output


@pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed")
@pytest.mark.case_seconds(90)  # strace -f slows a Saxon start several-fold; the no-hang cases are elsewhere
@pytest.mark.parametrize("command", ["validate", "render"])
def test_strace_sees_no_open_of_the_dtd(scratch, command):
    """libxml2 opens files in C, out of the audit hook's sight: strace sees them."""
    path = scratch.tei / "baku-katliami-1918.xml"
    path.write_bytes(hostile_documents(scratch)["dtd-secret"])
    scratch.ready()
    log = scratch.root / ".edition-cache" / "strace.log"
    log.parent.mkdir(exist_ok=True)
    args = {"validate": ["validate", str(path)],
            "render": ["render", str(path), "--output-dir", str(scratch.root / "output")]}[command]
    subprocess.run(["strace", "-f", "-e", "trace=open,openat,openat2", "-o", str(log),
                    sys.executable, "-c", "from edition.cli import main; main()", *args],
                   cwd=scratch.root, capture_output=True, timeout=60, check=False)
    trace = log.read_text(errors="replace")
    assert "openat" in trace  # strace worked
    assert str(scratch.secret) not in trace
