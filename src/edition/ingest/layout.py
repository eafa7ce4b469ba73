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

Where things are: :func:`_choose_note_form` picks the note label form (the
forms and the marker pattern are defined in :mod:`.notes`);
:class:`LayoutReader` is the state machine that reads the lines (a method per
transition); :func:`number_pages` gives every page its number. Where the label
form is a close call, :attr:`Layout.warnings` says so with the line.
"""

from __future__ import annotations

import bisect
import re
import statistics
from dataclasses import dataclass
from enum import Enum

from ..turkish import ends_sentence
from .lines import Line
from .notes import FROM_SUPERSCRIPT, GLUED_MARKER, NOTE_LABEL_FORMS, PrintedNote, RawNote, marker_pattern
from .notes import NOTE_START as NOTE_START  # re-exported: benchmarks/make_layout_variants.py
from .notes import strip_note_label as strip_note_label  # re-exported: the label forms' tests

PAGE_NUMBER = re.compile(r"^\d{1,4}$")
# Running-head lines by line index: ("pageNum", the number) or ("header", the
# number of its page if printed beside it, else None).
Heads = dict[int, tuple[str, str | None]]


def _first_markers(lines: list[Line]) -> dict[str, int]:
    """Label -> index of the first line holding it as a glued marker (one pass)."""
    first: dict[str, int] = {}
    for i, line in enumerate(lines):
        for m in GLUED_MARKER.finditer(line.text):
            first.setdefault(m.group(1).translate(FROM_SUPERSCRIPT), i)
    return first


def _note_starts(lines: list[Line], heads: Heads, form: str) -> dict[int, str]:
    """Lines that start notes in this label form: labels follow the sequence
    1, 2, 3 …; outside the printed "(N)" form a label counts only when its
    marker is printed before it and its line is not a numbered heading (a
    numbered list or heading is no note). An author's star note "(*)" is read
    in every form."""
    pattern = NOTE_LABEL_FORMS[form]
    first_marker = _first_markers(lines) if form != "parenthesised" else {}
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
        label = _printed_label(line, pattern)
        if label is None:
            continue
        if label.startswith("*"):
            if not (star_seen or i == 0):
                star_seen = True
                note_start[i] = label
                zone_open = True
        elif int(label) == expected and (i == 0 or lines[i - 1].blank or zone_open):
            if form != "parenthesised" and not _marked_and_not_heading(lines, i, label, first_marker):
                continue
            note_start[i] = label
            expected += 1
            zone_open = True
    return note_start


def _printed_label(line: Line, pattern: re.Pattern[str]) -> str | None:
    """The note label (in digits) this line starts with in the label form of
    ``pattern``, or a star label in any form; None if it starts no note."""
    m = pattern.match(line.text)
    star = NOTE_START.match(line.text)
    if star and star.group(1).startswith("*"):
        m = star
    if not m or not m.group(2).strip():
        return None
    return m.group(1).translate(FROM_SUPERSCRIPT)


def _marked_and_not_heading(lines: list[Line], i: int, label: str, first_marker: dict[str, int]) -> bool:
    """Outside the "(N)" form: is the label's marker printed before line i,
    and is line i not the start of a numbered heading?"""
    # (a label right under the last note's line is a note, whatever its shape)
    heading = (i == 0 or lines[i - 1].blank) and _heading_shaped(lines, i)
    return not (first_marker.get(label, i) >= i or heading)


def _heading_shaped(lines: list[Line], i: int) -> bool:
    """Is the paragraph starting at line i a numbered heading ("1. Giriş"):
    short and not ending a sentence, where a note ends with its full stop?"""
    para = []
    for line in lines[i : i + 4]:
        if line.blank:
            break
        para.append(line.stripped)
    else:
        return False
    return len(" ".join(para)) < 160 and not any(ends_sentence(t) or t.endswith(("-", ",", ";")) for t in para)


def _choose_note_form(lines: list[Line], heads: Heads,
                      warnings: list[tuple[int, str]]) -> tuple[str | None, dict[int, str]]:
    """The label form of the document's notes and their start lines: the form
    finding most numbered notes, the printed "(N)" form on a tie. When another
    form finds numbered notes too, the choice is reported with its line."""
    found: dict[str, dict[int, str]] = {}
    best: tuple[str | None, dict[int, str]] = (None, {})
    best_count = 0
    for form in NOTE_LABEL_FORMS:
        starts = _note_starts(lines, heads, form)
        count = sum(1 for label in starts.values() if not label.startswith("*"))
        found[form] = {i: label for i, label in starts.items() if not label.startswith("*")}
        if count > best_count or (best[0] is None and starts):
            best, best_count = (form, starts), count
    for form, starts in found.items():
        # Only a close call is worth the editor's look (37 "(N)" notes beside a
        # numbered list of 4 is not).
        if form != best[0] and starts and 2 * len(starts) >= best_count:
            first = min(starts)
            warnings.append((lines[first].no, f"footnote labels could also be read as {form} digits "
                             f"({len(starts)} notes, from this line); they are read as {best[0]} "
                             f"({best_count} notes). Check the notes of this text."))
    return best


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
    # How the note labels are printed (a key of NOTE_LABEL_FORMS), None without notes.
    note_form: str | None = None
    # Running heads and page numbers printed at the foot of the page.
    heads_at_foot: bool = False

    @property
    def printed_pages(self) -> tuple[str, str] | None:
        """First and last page number, when the text prints them (running heads)."""
        if not self.running_heads:
            return None
        numbers = [u.n for u in self.units if isinstance(u, PageBreak)]
        return (numbers[0], numbers[-1]) if numbers else None

    @property
    def notes(self) -> list[PrintedNote]:
        """Every printed note, in reading order, with the unit of its note block."""
        return [PrintedNote(note, index) for index, unit in enumerate(self.units)
                if isinstance(unit, NoteBlock) for note in unit.notes]


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


def _find_running_heads(lines: list[Line]) -> Heads:
    """Map line index -> ('pageNum'|'header', page number) for running-head lines."""
    heads: Heads = {}
    for i in range(len(lines)):
        if _is_running_head_cluster(lines, i):
            number = lines[i].stripped
            heads[i] = ("pageNum", number)
            beside = _head_beside_number(lines, i)
            if beside is not None:
                heads[beside] = ("header", number)
    for i in _repeated_lines(lines):
        heads.setdefault(i, ("header", None))
    return heads


def _head_beside_number(lines: list[Line], i: int) -> int | None:
    """The header text of the page number at line i: the nearest non-blank
    line above it, if isolated, short and not ending a clause."""
    for j in range(i - 1, max(-1, i - 6), -1):
        cand = lines[j]
        if cand.blank:
            continue
        isolated = (j == 0 or lines[j - 1].blank) and lines[j + 1].blank
        if isolated and len(cand.stripped) < 150 and not cand.stripped.endswith((".", ",", ";", ":")):
            return j
        return None
    return None


def _repeated_lines(lines: list[Line]) -> list[int]:
    """Isolated short lines repeated verbatim on many pages (journal name,
    author names): running heads too."""
    counts: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        s = line.stripped
        if s and len(s) < 120 and (i == 0 or lines[i - 1].blank) and (i + 1 >= len(lines) or lines[i + 1].blank):
            counts.setdefault(s, []).append(i)
    # (a repeated sentence is text, however often an author writes it)
    return [i for s, where in counts.items()
            if len(where) >= 3 and not PAGE_NUMBER.match(s) and not s.endswith((".", ",", ";", ":", "!", "?"))
            for i in where]


def analyse(lines: list[Line], options: LayoutOptions = LayoutOptions()) -> Layout:
    """Split the lines into text, blank lines, page breaks and note blocks."""
    warnings: list[tuple[int, str]] = []
    heads = _find_running_heads(lines)
    running_heads = sorted({lines[i].stripped for i, (kind, _) in heads.items() if kind == "header"})
    # Which lines are note starts, in the document's label form.
    note_form, note_start = _choose_note_form(lines, heads, warnings)
    reader = LayoutReader(lines, heads, note_start, options)
    units = reader.read()
    at_foot = _heads_at_foot(lines, heads)
    numbers = iter(number_pages(reader.page_starts, heads, at_foot, options.first_page))
    units = [PageBreak(next(numbers), u.line_no) if isinstance(u, PageBreak) else u for u in units]
    return Layout(units, running_heads, warnings, note_form, at_foot)


def _heads_at_foot(lines: list[Line], heads: Heads) -> bool:
    """Are running heads printed at the foot of the page (the text ends with one)?"""
    last_line = max((i for i, line in enumerate(lines) if not line.blank), default=-1)
    return last_line in heads and any(
        heads.get(k, ("", None))[0] == "pageNum" for k in range(max(0, last_line - 4), last_line + 1))


class ReaderState(Enum):
    TEXT = "text"  # running text (and blank lines) of a page
    NOTES = "notes"  # a footnote block at the foot of a page


class LayoutReader:
    """The lines read one at a time by a two-state machine (running text, or a
    note block); each line causes one named transition:

    * :meth:`skip_running_head` — a running head or page number (the next text
      line starts a page);
    * :meth:`blank_line` — kept in the text, or in the note being read;
    * :meth:`start_note` — a note label (opens a note block in running text);
    * :meth:`continue_note` — a line of the note being read;
    * :meth:`end_note_block` — the text resumes on the next page;
    * :meth:`text_line` — a line of running text, perhaps starting a page.
    """

    def __init__(self, lines: list[Line], heads: Heads, note_start: dict[int, str], options: LayoutOptions) -> None:
        self.lines = lines
        self.heads = heads
        self.note_start = note_start
        self.note_start_lines = sorted(note_start)
        self.options = options
        self.state = ReaderState.TEXT
        self.units: list[Unit] = []
        self.page_starts: list[int] = []  # line indexes
        self.block: list[RawNote] = []  # the note block being read
        self.block_line = 0
        self.head_since_page_start = False
        self.blank_run = 0

    def read(self) -> list[Unit]:
        for i, line in enumerate(self.lines):
            self.step(i, line)
        if self.state is ReaderState.NOTES:
            self.close_note_block()
        return self.units

    def step(self, i: int, line: Line) -> None:
        if i in self.heads:
            self.skip_running_head()
            return
        if line.blank:
            self.blank_line(line)
            return
        prev_blank, self.blank_run = self.blank_run > 0, 0
        if i in self.note_start:
            self.start_note(i, line)
        elif self.state is ReaderState.TEXT:
            self.text_line(i, line, prev_blank)
        elif self.text_resumes(i, line, prev_blank):
            self.end_note_block(i, line)
        else:
            self.continue_note(line)

    @property
    def note(self) -> RawNote | None:
        """The note being read."""
        return self.block[-1] if self.block else None

    # -- transitions -----------------------------------------------------------
    def skip_running_head(self) -> None:
        self.head_since_page_start = True

    def blank_line(self, line: Line) -> None:
        self.blank_run += 1
        if self.state is ReaderState.TEXT:
            self.units.append(BlankUnit(line))
        elif self.note is not None and self.note.paragraphs and self.note.paragraphs[-1]:
            self.note.paragraphs[-1].append(line)

    def start_note(self, i: int, line: Line) -> None:
        if self.state is ReaderState.TEXT:
            self.state = ReaderState.NOTES
            self.block_line = line.no
        self.block.append(RawNote(self.note_start[i], line.no, [[line]]))

    def continue_note(self, line: Line) -> None:
        note = self.note
        assert note is not None  # the NOTES state starts with a note
        # Trailing blank lines were kept in the paragraph; a blank line after a
        # finished sentence starts a new note paragraph.
        last = note.paragraphs[-1]
        trailing_blank = bool(last) and last[-1].blank
        while last and last[-1].blank:
            last.pop()
        if trailing_blank and (line.indented or ends_sentence(last[-1].text if last else "")):
            note.paragraphs.append([line])
        else:
            last.append(line)

    def end_note_block(self, i: int, line: Line) -> None:
        self.close_note_block()
        self.start_page(i)
        self.units.append(TextUnit(line))

    def text_line(self, i: int, line: Line, prev_blank: bool) -> None:
        if self.starts_page(i, line, prev_blank):
            self.start_page(i)
        self.units.append(TextUnit(line))

    # -- what the transitions share ----------------------------------------------
    def start_page(self, i: int) -> None:
        self.page_starts.append(i)
        self.units.append(PageBreak("", self.lines[i].no))
        self.head_since_page_start = False

    def close_note_block(self) -> None:
        for note in self.block:
            # Blank lines kept at the end of a note paragraph end nothing.
            for para in note.paragraphs:
                while para and para[-1].blank:
                    para.pop()
        if self.block:
            self.units.append(NoteBlock(tuple(self.block), self.block_line))
        self.block = []
        self.state = ReaderState.TEXT

    # -- decisions -------------------------------------------------------------
    def text_resumes(self, i: int, line: Line, prev_blank: bool) -> bool:
        """After a note block: does this line start the next page's text (and
        not another paragraph of the last note)?"""
        k = bisect.bisect_right(self.note_start_lines, i)
        nxt = self.note_start_lines[k] if k < len(self.note_start_lines) else None
        if line.indented or line.after_form_feed or self.head_since_page_start:
            return nxt is None or self.text_has_marker(i, nxt)
        note = self.note
        if prev_blank and note is not None and ends_sentence(_last_text(note)):
            return nxt is not None and self.text_has_marker(i, nxt)
        return False

    def text_has_marker(self, start: int, next_note: int) -> bool:
        """Do the lines up to the next note block hold that block's first marker?"""
        text = " ".join(line.text for line in self.lines[start:next_note])
        return bool(marker_pattern(self.note_start[next_note]).search(text))

    def starts_page(self, i: int, line: Line, prev_blank: bool) -> bool:
        """Does this line of running text start a page?"""
        if i == 0 or line.after_form_feed or self.head_since_page_start:
            return True
        if not line.indented:
            return False
        if not prev_blank:
            return True
        gaps = [b - a for a, b in zip(self.page_starts, self.page_starts[1:], strict=False)]
        if len(gaps) < 2:
            return False
        return (i - self.page_starts[-1]) >= self.options.page_length_ratio * statistics.median(gaps)


def _last_text(note: RawNote) -> str:
    for para in reversed(note.paragraphs):
        for line in reversed(para):
            if not line.blank:
                return line.text
    return ""


def number_pages(page_starts: list[int], heads: Heads, heads_at_foot: bool, first_page: int) -> list[str]:
    """The number of each page (``page_starts``: line indexes). A page number
    printed in a running head numbers the page it opens (heads at the top) or
    closes (heads at the foot); pages between are counted back and forward
    from the printed ones; a text without printed numbers counts from
    ``first_page``."""
    known = _printed_numbers(page_starts, heads, heads_at_foot)
    numbers: list[int | None] = [int(n) if n and n.isdigit() else None for n in known]
    anchors = [k for k, v in enumerate(numbers) if v is not None]
    if not anchors:
        return [str(max(first_page + k, 1)) for k in range(len(page_starts))]
    counted: list[int] = [0] * len(numbers)
    first = anchors[0]
    counted[first] = numbers[first] or 0
    for k in range(first - 1, -1, -1):
        counted[k] = counted[k + 1] - 1
    for k in range(first + 1, len(numbers)):
        value = numbers[k]
        counted[k] = counted[k - 1] + 1 if value is None else value
    return [str(max(n or 1, 1)) for n in counted]


def _printed_numbers(page_starts: list[int], heads: Heads, heads_at_foot: bool) -> list[str | None]:
    """The page number printed for each page: with heads at the top, the last
    one between the page before and this page's first line; at the foot, the
    first one after this page's first line and before the next page's."""
    printed = sorted((i, number) for i, (kind, number) in heads.items() if kind == "pageNum" and number is not None)
    where = [i for i, _ in printed]
    numbers: list[str | None] = []
    for k, start in enumerate(page_starts):
        if heads_at_foot:
            end = page_starts[k + 1] if k + 1 < len(page_starts) else len(where) and where[-1] + 1
            first = bisect.bisect_right(where, start)
            numbers.append(printed[first][1] if first < len(where) and where[first] < end else None)
        else:
            before = page_starts[k - 1] if k else -1
            last = bisect.bisect_left(where, start) - 1
            numbers.append(printed[last][1] if last >= 0 and where[last] > before else None)
    return numbers
