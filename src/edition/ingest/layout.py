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

from ..turkish import ends_sentence
from .lines import Line
from .notes import FROM_SUPERSCRIPT, GLUED_MARKER, NOTE_LABEL_FORMS, PrintedNote, RawNote, marker_pattern
from .notes import NOTE_START as NOTE_START  # re-exported: benchmarks/make_layout_variants.py
from .notes import strip_note_label as strip_note_label  # re-exported: the label forms' tests

PAGE_NUMBER = re.compile(r"^\d{1,4}$")


def _first_markers(lines: list[Line]) -> dict[str, int]:
    """Label -> index of the first line holding it as a glued marker (one pass)."""
    first: dict[str, int] = {}
    for i, line in enumerate(lines):
        for m in GLUED_MARKER.finditer(line.text):
            first.setdefault(m.group(1).translate(FROM_SUPERSCRIPT), i)
    return first


def _note_starts(lines: list[Line], heads: dict, form: str) -> dict[int, str]:
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
        m = pattern.match(line.text)
        star = NOTE_START.match(line.text)
        if star and star.group(1).startswith("*"):
            m = star
        if not m or not m.group(2).strip():
            continue
        label = m.group(1).translate(FROM_SUPERSCRIPT)
        if label.startswith("*"):
            if not (star_seen or i == 0):
                star_seen = True
                note_start[i] = label
                zone_open = True
        elif int(label) == expected and (i == 0 or lines[i - 1].blank or zone_open):
            # (a label right under the last note's line is a note, whatever its shape)
            heading = (i == 0 or lines[i - 1].blank) and _heading_shaped(lines, i)
            if form != "parenthesised" and (first_marker.get(label, i) >= i or heading):
                continue
            note_start[i] = label
            expected += 1
            zone_open = True
    return note_start


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


def _choose_note_form(lines: list[Line], heads: dict, warnings: list[tuple[int, str]]) -> tuple[str | None, dict[int, str]]:
    """The label form of the document's notes and their start lines: the form
    finding most numbered notes, the printed "(N)" form on a tie. When another
    form finds numbered notes too, the choice is reported with its line."""
    found: dict[str, dict[int, str]] = {}
    best: tuple[str | None, dict[int, str]] = (None, {})
    best_count = 0
    for form in NOTE_LABEL_FORMS:
        starts = _note_starts(lines, heads, form)
        count = sum(1 for label in starts.values() if not label.startswith("*"))
        found[form] = {i: l for i, l in starts.items() if not l.startswith("*")}
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
        # (a repeated sentence is text, however often an author writes it)
        if len(where) >= 3 and not PAGE_NUMBER.match(s) and not s.endswith((".", ",", ";", ":", "!", "?")):
            for i in where:
                heads.setdefault(i, ("header", None))
    return heads


def analyse(lines: list[Line], options: LayoutOptions = LayoutOptions()) -> Layout:
    """Split the lines into text, blank lines, page breaks and note blocks."""
    warnings: list[tuple[int, str]] = []
    heads = _find_running_heads(lines)
    running_heads = sorted({lines[i].stripped for i, (kind, _) in heads.items() if kind == "header"})

    # Pass 1: which lines are note starts, in the document's label form.
    note_form, note_start = _choose_note_form(lines, heads, warnings)

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
        if pending_page_after_head:
            page_numbers[i] = pending_page_after_head
        units.append(PageBreak("", lines[i].no))

    # Running heads at the foot of the page (the text ends with one): a page
    # number there is the number of the page it closes, not of the next.
    last_line = max((i for i, line in enumerate(lines) if not line.blank), default=-1)
    heads_at_foot = last_line in heads and any(
        heads.get(k, ("", None))[0] == "pageNum" for k in range(max(0, last_line - 4), last_line + 1))

    for i, line in enumerate(lines):
        if i in heads:
            kind, number = heads[i]
            if kind == "pageNum" and number is not None and heads_at_foot:
                if page_starts:
                    page_numbers.setdefault(page_starts[-1], number)
                if pending_page_after_head is None:
                    pending_page_after_head = ""
            elif kind == "pageNum" and number is not None:
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
            elif prev_blank and current is not None and ends_sentence(_last_text(current)):
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
                if trailing_blank and (line.indented or ends_sentence(last[-1].text if last else "")):
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
    return Layout(units, running_heads, warnings, note_form, heads_at_foot)


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
