"""Layout stage: find page starts, footnote blocks and running heads.

PDF extractions of journal articles lay pages end to end: the columns of a
page, then its footnote block ("(1) …", "(2) …"), then the next page, whose
first line begins with a space. Some paragraph starts are indented too, and a
footnote may have paragraphs that begin with a space, so a leading space alone
decides nothing. The evidence used, in order:

* a form feed, the first line, or a running head (title line + page number)
  is a page start;
* after a footnote block, a line with a leading space starts the next page
  unless the text up to the next footnote block lacks that block's first
  marker (then it is another paragraph of the last note);
* elsewhere, a leading-space line that directly continues the line before it
  (no blank line between) is a page start, because in this genre paragraph
  starts follow a blank line; one that follows a blank line is a page start
  only if the page it closes is about as long as the pages measured so far.

The result is a flat list of units (text lines, blank lines, page breaks and
note blocks) in reading order, which the block stage turns into TEI.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from .lines import Line

NOTE_START = re.compile(r"^\s*\((\d{1,3}|\*{1,3})\)\s*(.*)$")
PAGE_NUMBER = re.compile(r"^\d{1,4}$")
# A note marker glued to the word or punctuation before it ("oldu.1", "Litovsk10").
MARKER_BEFORE = r"(?:(?<=[^\W\d_])|(?<=[.,;:!?”’\"»)\]…](?<!\d[.,])))"


def marker_pattern(label: str) -> re.Pattern[str]:
    """The regex of a glued footnote marker with this label."""
    if label.startswith("*"):
        return re.compile(r"(?<=[^\W\d_.])" + re.escape(label) + r"(?!\*)")
    return re.compile(MARKER_BEFORE + re.escape(label) + r"(?![\d])(?![.,]\d)")


@dataclass
class RawNote:
    """A footnote as printed: its label and its lines, grouped in paragraphs."""

    label: str
    line_no: int
    paragraphs: list[list[Line]] = field(default_factory=list)


@dataclass(frozen=True)
class TextUnit:
    line: Line


@dataclass(frozen=True)
class BlankUnit:
    line: Line


@dataclass(frozen=True)
class PageBreak:
    n: str
    line_no: int


@dataclass(frozen=True)
class NoteBlock:
    notes: tuple[RawNote, ...]
    line_no: int


Unit = TextUnit | BlankUnit | PageBreak | NoteBlock


@dataclass
class Layout:
    units: list[Unit]
    running_heads: list[str]
    warnings: list[tuple[int, str]]


@dataclass(frozen=True)
class LayoutOptions:
    first_page: int = 1
    # A blank-line-preceded indented line starts a page when the page it ends
    # is at least this share of the median page length.
    page_length_ratio: float = 0.8


def _is_running_head_cluster(lines: list[Line], i: int) -> bool:
    """Is line i an isolated page number (blank lines around it)?"""
    if not PAGE_NUMBER.match(lines[i].stripped):
        return False
    before = lines[i - 1] if i > 0 else None
    after = lines[i + 1] if i + 1 < len(lines) else None
    return (before is None or before.blank) and (after is None or after.blank)


def _find_running_heads(lines: list[Line]) -> dict[int, tuple[str, str | None]]:
    """Map line index -> ('pageNum'|'header', page number) for running-head lines."""
    heads: dict[int, tuple[str, str | None]] = {}
    for i, line in enumerate(lines):
        if not _is_running_head_cluster(lines, i):
            continue
        # The header text is the nearest isolated short line within a few lines.
        number = line.stripped
        heads[i] = ("pageNum", number)
        for j in range(i - 1, max(-1, i - 6), -1):
            cand = lines[j]
            if cand.blank:
                continue
            isolated = (j == 0 or lines[j - 1].blank) and lines[j + 1].blank
            if isolated and len(cand.stripped) < 150 and not cand.stripped.endswith((".", ",", ";", ":")):
                heads[j] = ("header", number)
            break
    # Lines repeated verbatim on many pages (journal name, author names) are heads too.
    counts: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        s = line.stripped
        if s and len(s) < 120 and (i == 0 or lines[i - 1].blank) and (i + 1 >= len(lines) or lines[i + 1].blank):
            counts.setdefault(s, []).append(i)
    for s, where in counts.items():
        if len(where) >= 3 and not PAGE_NUMBER.match(s):
            for i in where:
                heads.setdefault(i, ("header", None))
    return heads


def _terminal(text: str) -> bool:
    """Does this line end a sentence (ignoring a trailing note marker)?"""
    t = text.rstrip()
    t = re.sub(r"(?<=[.!?:;”\"’)])\d{1,3}$", "", t)
    return t.endswith((".", "!", "?", ":", ";", "…", ".”", ".\"", "”", "\""))


def analyse(lines: list[Line], options: LayoutOptions = LayoutOptions()) -> Layout:
    """Split the lines into text, blank lines, page breaks and note blocks."""
    warnings: list[tuple[int, str]] = []
    heads = _find_running_heads(lines)
    running_heads = sorted({lines[i].stripped for i, (kind, _) in heads.items() if kind == "header"})

    # Pass 1: which lines are note starts (labels must follow the sequence).
    expected = 1
    star_seen = False
    note_start: dict[int, str] = {}
    # A note may follow the previous note's last line directly; the "zone" of
    # a note block lasts until a line with a leading space (a possible page start).
    zone_open = False
    for i, line in enumerate(lines):
        if i in heads:
            continue
        if line.indented:
            zone_open = False
        m = NOTE_START.match(line.text)
        if not m or not m.group(2).strip():
            continue
        label = m.group(1)
        if label.startswith("*"):
            if star_seen or i == 0:
                continue
            star_seen = True
            note_start[i] = label
            zone_open = True
        elif int(label) == expected and (i == 0 or lines[i - 1].blank or zone_open):
            note_start[i] = label
            expected += 1
            zone_open = True

    def body_has_marker(start: int, end: int, label: str) -> bool:
        text = " ".join(l.text for l in lines[start:end])
        return bool(marker_pattern(label).search(text))

    def next_note_start(after: int) -> int | None:
        for k in sorted(note_start):
            if k > after:
                return k
        return None

    units: list[Unit] = []
    page_starts: list[int] = []  # line indexes
    page_numbers: dict[int, str] = {}
    in_notes = False
    current: RawNote | None = None
    block: list[RawNote] = []
    block_line = 0
    pending_page_after_head: str | None = None
    blank_run = 0

    def close_block() -> None:
        nonlocal block, current, in_notes
        if block:
            units.append(NoteBlock(tuple(block), block_line))
        block = []
        current = None
        in_notes = False

    def start_page(i: int) -> None:
        page_starts.append(i)
        if pending_page_after_head is not None:
            page_numbers[i] = pending_page_after_head
        units.append(PageBreak("", lines[i].no))

    for i, line in enumerate(lines):
        if i in heads:
            kind, number = heads[i]
            if kind == "pageNum" and number is not None:
                pending_page_after_head = number
            elif pending_page_after_head is None:
                pending_page_after_head = ""
            continue
        if line.blank:
            blank_run += 1
            if in_notes:
                if current is not None and current.paragraphs and current.paragraphs[-1]:
                    current.paragraphs[-1].append(line)
                continue
            units.append(BlankUnit(line))
            continue
        prev_blank = blank_run > 0
        blank_run = 0

        if i in note_start:
            if not in_notes:
                in_notes = True
                block_line = line.no
            current = RawNote(note_start[i], line.no, [[line]])
            block.append(current)
            continue

        if in_notes:
            nxt = next_note_start(i)
            resumes = False
            if line.indented or line.after_form_feed or pending_page_after_head is not None:
                if nxt is None:
                    resumes = True
                else:
                    resumes = body_has_marker(i, nxt, note_start[nxt])
            elif prev_blank and current is not None and _terminal(_last_text(current)):
                if nxt is not None:
                    resumes = body_has_marker(i, nxt, note_start[nxt])
            if not resumes:
                assert current is not None
                # Trailing blank lines were kept in the paragraph; a blank line
                # after a finished sentence starts a new note paragraph.
                last = current.paragraphs[-1]
                trailing_blank = bool(last) and last[-1].blank
                while last and last[-1].blank:
                    last.pop()
                if trailing_blank and (line.indented or _terminal(last[-1].text if last else "")):
                    current.paragraphs.append([line])
                else:
                    last.append(line)
                continue
            # Trim blank lines kept at the end of the last note.
            for note in block:
                for para in note.paragraphs:
                    while para and para[-1].blank:
                        para.pop()
            close_block()
            start_page(i)
            pending_page_after_head = None
            units.append(TextUnit(line))
            continue

        is_page_start = False
        if i == 0 or line.after_form_feed or pending_page_after_head is not None:
            is_page_start = True
        elif line.indented:
            if not prev_blank:
                is_page_start = True
            else:
                gaps = [b - a for a, b in zip(page_starts, page_starts[1:])]
                if len(gaps) >= 2 and page_starts:
                    median = statistics.median(gaps)
                    is_page_start = (i - page_starts[-1]) >= options.page_length_ratio * median
        if is_page_start:
            start_page(i)
            pending_page_after_head = None
        units.append(TextUnit(line))

    if in_notes:
        for note in block:
            for para in note.paragraphs:
                while para and para[-1].blank:
                    para.pop()
        close_block()

    _number_pages(units, page_starts, page_numbers, options.first_page)
    return Layout(units, running_heads, warnings)


def _last_text(note: RawNote) -> str:
    for para in reversed(note.paragraphs):
        for line in reversed(para):
            if not line.blank:
                return line.text
    return ""


def _number_pages(units: list[Unit], page_starts: list[int], known: dict[int, str], first_page: int) -> None:
    """Give every page break its number: printed numbers where the text has
    them (counting back and forward from each), else counted from first_page."""
    numbers: list[int | None] = [None] * len(page_starts)
    for k, idx in enumerate(page_starts):
        value = known.get(idx)
        if value and value.isdigit():
            numbers[k] = int(value)
    anchors = [k for k, v in enumerate(numbers) if v is not None]
    if anchors:
        first = anchors[0]
        for k in range(first - 1, -1, -1):
            numbers[k] = numbers[k + 1] - 1  # type: ignore[operator]
        for k in range(first + 1, len(numbers)):
            if numbers[k] is None:
                numbers[k] = numbers[k - 1] + 1  # type: ignore[operator]
    else:
        numbers = [first_page + k for k in range(len(page_starts))]
    k = 0
    for pos, unit in enumerate(units):
        if isinstance(unit, PageBreak):
            units[pos] = PageBreak(str(max(numbers[k] or 1, 1)), unit.line_no)
            k += 1
