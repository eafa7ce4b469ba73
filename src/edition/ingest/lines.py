"""Line stage: raw bytes to numbered lines.

Decoding is strict (the error names file, line and byte), line ends are
normalised (CRLF, CR), and form feeds become explicit page starts. Every later
stage works on :class:`Line` records, so every diagnostic can name its line.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import InputError

FORM_FEED = "\f"


@dataclass(frozen=True)
class Line:
    """One source line: its 1-based number and text without the line end."""

    no: int
    text: str
    # True when a form feed stood before this line: an explicit page start.
    after_form_feed: bool = False

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
    """Decode a raw text file into lines, refusing empty, binary and non-UTF-8 input."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not data.strip():
        raise InputError(
            "the file is empty", path=path, hint="Nothing to ingest: check the file name."
        )
    nul = data.find(b"\x00")
    if nul != -1:
        line = data[:nul].count(b"\n") + 1
        raise InputError(
            f"binary data (NUL byte at offset {nul}); this is not a text file",
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
            f"not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            path=path,
            line=line,
            col=col,
            hint="Convert the file to UTF-8 (e.g. iconv -f cp1254 -t utf-8).",
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
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
