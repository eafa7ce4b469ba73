"""Line stage: raw bytes to numbered lines.

Decoding is strict (the error names file, line and byte), line ends are
normalised (CRLF, CR), and form feeds become explicit page starts. Every later
stage works on :class:`Line` records, so every diagnostic can name its line.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from ..errors import InputError

FORM_FEED = "\f"
# An article has a few thousand lines, a book some tens of thousands. Each line
# costs ingest about half a KB of memory, so a text is refused, before any
# work, beyond this many (see docs/raw-metadata.md, "Limits").
MAX_LINES = 500_000
# Characters XML 1.0 cannot hold (C0 controls other than tab, line feed,
# carriage return; form feeds are page starts here; U+FFFE, U+FFFF). They are
# refused with their position rather than dropped or replaced: the editor
# decides what the character stood for.
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffe\uffff]")
# Byte order marks of the encodings read besides UTF-8, longest first (the
# UTF-32-LE mark begins with the UTF-16-LE one).
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)


@dataclass(frozen=True)
class Line:
    """One source line: its 1-based number and text without the line end."""

    no: int
    text: str
    # True when a form feed stood before this line: an explicit page start.
    after_form_feed: bool = False
    # The line as printed when ``text`` is its repaired reading (.repairs):
    # the flows encode the difference as choice/orig/reg.
    printed: str | None = None

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    @property
    def indented(self) -> bool:
        return bool(self.text) and self.text[0] in " \t" and not self.blank


def decode_raw(data: bytes, path: str) -> list[Line]:
    """Decode a raw text file into lines, refusing empty, binary and non-UTF-8
    input. UTF-16 and UTF-32 files are read when they start with a byte order
    mark (without one they are binary data to us)."""
    for bom, codec, name in BOMS:
        if data.startswith(bom):
            if codec == "utf-8":
                data = data[len(bom):]
                break
            try:
                text = data[len(bom):].decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"not valid {name} (the file starts with a {name} byte order mark; "
                    f"bad data at byte {exc.start + len(bom)}).",
                    path=path,
                    hint="Convert the file to UTF-8 (e.g. iconv -t utf-8).",
                ) from None
            data = text.encode("utf-8", "surrogatepass")
            break
    line_count = data.count(b"\n") + 1
    if line_count > MAX_LINES:
        raise InputError(
            f"the text has {line_count} lines, more than the {MAX_LINES} allowed.",
            path=path,
            hint="Split it into several texts, or check that this is the file you meant.",
        )
    if not data.strip():
        raise InputError(
            "the file is empty.", path=path, hint="Nothing to ingest: check the file name."
        )
    nul = data.find(b"\x00")
    if nul != -1:
        line = data[:nul].count(b"\n") + 1
        raise InputError(
            f"binary data (NUL byte at offset {nul}); this is not a text file.",
            path=path,
            line=line,
            hint="Extract the text first (e.g. pdftotext), then ingest the .txt file.",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(
            f"not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}).",
            path=path,
            line=line,
            col=col,
            hint="Convert the file to UTF-8 (e.g. iconv -f cp1254 -t utf-8).",
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    bad = XML_FORBIDDEN.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        col = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        raise InputError(
            f"control character U+{ord(bad.group()):04X}, which XML cannot hold.",
            path=path,
            line=line,
            col=col,
            hint="Delete it or replace it by the character it stands for, then ingest again.",
        )
    lines: list[Line] = []
    pending_ff = False
    for no, raw in enumerate(text.split("\n"), start=1):
        if FORM_FEED in raw:
            # Text before the form feed ends a page, text after it starts one.
            before, _, after = raw.rpartition(FORM_FEED)
            before = before.replace(FORM_FEED, "")
            if before.strip():
                lines.append(Line(no, before, pending_ff))
                pending_ff = False
            pending_ff = True
            raw = after
            if not raw.strip():
                continue
        lines.append(Line(no, raw.rstrip(), pending_ff and bool(raw.strip())))
        if raw.strip():
            pending_ff = False
    while lines and lines[-1].blank:
        lines.pop()
    return lines
