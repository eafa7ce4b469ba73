"""Repairs of what text extraction broke, made visibly.

Extractors damage words in three ways this module repairs, one printed line at
a time as the line enters a flow (:meth:`.flow.Flow.add_line`):

- **legacy Turkish font mappings**: a PDF typeset with a Windows-1254 font read
  as Windows-1252 shows "ý" for "ı", "þ" for "ş", "ð" for "ğ", "Ý"/"Đ" for "İ",
  "Þ" for "Ş", "Ð" for "Ğ". None of these letters is Turkish, so a word holding
  one is not a Turkish word; the mapped word is taken when it is (Turkish
  letters only) *and* either the document writes it undamaged elsewhere or the
  damage is systematic (the document holds more damaged letters than their
  undamaged counterparts — a whole text set in the legacy font);
- **ligatures** (ﬁ, ﬂ, ﬀ, ﬃ, ﬄ): presentation forms, always spelt out;
- **words split inside a line** ("Gö rüşme", "Fa kat", "Rus ya"): two words
  are joined when the joined form is written elsewhere in the document at least
  as often as the first part stands alone, both parts have two letters or more,
  and the second part is not a clitic written apart by Turkish spelling
  ("de/da", "ki", "mi").

The lines are repaired once before layout (:meth:`Repairer.repair_lines`), so
page, note and heading detection and the hyphenation lexicon read real words;
the flows repair the printed line again to know where each repair is. The
flow holds the repaired reading, so markers, quotations, citations and
annotate see real words; each repair is remembered with the printed form and
becomes ``<choice><orig>printed</orig><reg resp="#edition-ingest">repaired</reg>
</choice>`` (:func:`repair_spans`, :func:`wrap_repairs`): nothing printed is lost.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Literal, NamedTuple

from lxml import etree

from ..tei import TEI, el
from ..turkish import lower as turkish_lower
from .hyphenation import Lexicon
from .lines import Line

#: The responsibility the reg elements point at (a respStmt in the header).
RESP_ID = "edition-ingest"
#: Legacy Turkish font damage: the Windows-1252 reading of Windows-1254 letters
#: (and "Đ", which some extractors give for the dotted capital I).
FONT_DAMAGE = {"Đ": "İ", "Ý": "İ", "ý": "ı", "þ": "ş", "Þ": "Ş", "ð": "ğ", "Ð": "Ğ"}
LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
TURKISH_LETTERS = set("abcçdefgğhıijklmnoöprsştuüvyzâîûqwx" "ABCÇDEFGĞHIİJKLMNOÖPRSŞTUÜVYZÂÎÛQWX")
# Words Turkish spelling writes apart from the word before: joining them would
# change the grammar ("zaman da" ≠ "zamanda").
CLITICS = {"de", "da", "te", "ta", "ki", "mi", "mı", "mu", "mü", "dahi", "ile"}
WORD = re.compile(r"[^\W\d_]+")
DAMAGED_WORD = re.compile(r"[^\W\d_]*[" + "".join(FONT_DAMAGE) + r"][^\W\d_]*")
LIGATURE_WORD = re.compile(r"[^\W\d_]*[" + "".join(LIGATURES) + r"][^\W\d_]*")
# Two letter runs with one space between them, the second in lower case; the
# first stands alone (start of line or after a space/opening punctuation).
SPLIT_PAIR = re.compile(r"(?<![^\s(“\"«\[])([^\W\d_]+) ([^\W\d_A-ZÇĞİÖŞÜ][^\W\d_]*)")


RepairKind = Literal["font", "ligature", "split"]


@dataclass(frozen=True)
class Repair:
    """One repair: where it was printed, what was printed and what it reads."""

    line_no: int
    kind: RepairKind
    printed: str
    reading: str


class Edit(NamedTuple):
    """A repair in a line: printed[start:end] reads ``reading``. Edits sort by
    their place in the line."""

    start: int
    end: int
    printed: str
    reading: str
    kind: RepairKind

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end


def ligature_edits(text: str) -> list[Edit]:
    """Every word holding a ligature, spelt out (presentation forms only)."""
    return [Edit(m.start(), m.end(), m.group(), "".join(LIGATURES.get(ch, ch) for ch in m.group()), "ligature")
            for m in LIGATURE_WORD.finditer(text)]


def font_mapped(word: str) -> str:
    """The word with its legacy-font letters mapped back (same length)."""
    return "".join(FONT_DAMAGE.get(ch, ch) for ch in word)


def font_view(text: str, edits: list[Edit]) -> str:
    """The text with its font edits applied, one letter for one, so that
    offsets into it are offsets into ``text``."""
    view = list(text)
    for edit in edits:
        if edit.kind == "font":
            view[edit.start:edit.end] = edit.reading
    return "".join(view)


def apply_edits(text: str, edits: list[Edit]) -> tuple[str, list[tuple[int, int, str]]]:
    """The text with the (non-overlapping) edits applied, and each repair as
    (start, end, printed) over the repaired text."""
    out: list[str] = []
    spans: list[tuple[int, int, str]] = []
    cursor = length = 0
    for edit in sorted(edits):
        out.append(text[cursor:edit.start])
        length += edit.start - cursor
        out.append(edit.reading)
        spans.append((length, length + len(edit.reading), edit.printed))
        length += len(edit.reading)
        cursor = edit.end
    out.append(text[cursor:])
    return "".join(out), spans


@dataclass
class Repairer:
    """The document's evidence for repairs, and the repairs made with it."""

    lexicon: Lexicon
    systematic_font_damage: bool = False
    enabled: bool = True
    made: list[Repair] = field(default_factory=list)
    # Words with legacy-font letters left as printed: (line, word, mapped form
    # or None when it has non-Turkish letters), once per word.
    undecided: list[tuple[int, str, str | None]] = field(default_factory=list)
    # The words split words are judged against (default: ``lexicon``).
    split_lexicon: Lexicon | None = None
    _undecided_words: set[str] = field(default_factory=set)

    @classmethod
    def for_document(cls, lines: list[str], lexicon: Lexicon, language: str = "tr", enabled: bool = True) -> Repairer:
        whole = "\n".join(lines)
        damaged = sum(whole.count(ch) for ch in FONT_DAMAGE)
        sound = sum(whole.count(ch) for ch in set(FONT_DAMAGE.values()))
        systematic = language == "tr" and damaged >= 3 and damaged > sound
        repairer = cls(lexicon, systematic, enabled and language == "tr")
        # Split words are judged against the document's words with their font
        # damage repaired ("Gö rüþme" against "görüþmeleri" read "görüşmeleri").
        if damaged:
            repairer.split_lexicon = Lexicon.from_lines([repairer._font_view(text) for text in lines])
        return repairer

    def _font_view(self, text: str) -> str:
        """``text`` with its font damage repaired where decided (same length)."""
        if not any(ch in FONT_DAMAGE for ch in text):
            return text
        return DAMAGED_WORD.sub(lambda m: self._font_reading(m.group()) or m.group(), text)

    # -- decisions ----------------------------------------------------------

    def _font_reading(self, word: str) -> str | None:
        reading = font_mapped(word)
        if not set(reading) <= TURKISH_LETTERS:
            return None  # another language's word (Þórr, Dvořáký): left as printed
        if self.lexicon.knows_word(reading) or self.systematic_font_damage:
            return reading
        return None

    def _joins(self, left: str, right: str) -> bool:
        # An extractor's split leaves two fragments of two letters or more;
        # a one-letter word ("o", "a") is a word.
        if len(left) < 2 or len(right) < 2 or turkish_lower(right) in CLITICS:
            return False
        words = (self.split_lexicon or self.lexicon).words
        joined = words.get(turkish_lower(left + right), 0)
        return joined >= 1 and joined >= words.get(turkish_lower(left), 0)

    # -- one line -----------------------------------------------------------

    def repair_lines(self, lines: list[Line]) -> list[Line]:
        """The lines as the later stages read them (layout, blocks, the
        lexicon): repaired, with the printed text kept on the line."""
        out = []
        for line in lines:
            reading, spans = self.repair_line(line.text, line.no, record=False, report_undecided=True)
            out.append(replace(line, text=reading, printed=line.text) if spans else line)
        return out

    def repair_line(self, text: str, line_no: int, record: bool = True,
                    report_undecided: bool = False) -> tuple[str, list[tuple[int, int, str]]]:
        """The line's repaired reading and its repairs as (start, end, printed)
        over the *repaired* text; ``record`` adds them to :attr:`made`,
        ``report_undecided`` the words left as printed to :attr:`undecided`.
        Steps: ligatures, then font damage outside them, then split words
        (which may take in font edits)."""
        if not self.enabled:
            return text, []
        edits = ligature_edits(text)
        edits += self.font_edits(text, edits, line_no if report_undecided else None)
        edits = self.split_edits(text, edits)
        if not edits:
            return text, []
        if record:
            self.made.extend(Repair(line_no, e.kind, e.printed, e.reading) for e in sorted(edits))
        return apply_edits(text, edits)

    def font_edits(self, text: str, taken: list[Edit], undecided_line: int | None = None) -> list[Edit]:
        """The words with legacy-font letters outside ``taken`` whose mapped
        form is decided Turkish; the others are left as printed (and, with
        ``undecided_line``, reported once per word in :attr:`undecided`)."""
        edits: list[Edit] = []
        for m in DAMAGED_WORD.finditer(text):
            if any(e.overlaps(m.start(), m.end()) for e in taken):
                continue
            reading = self._font_reading(m.group())
            if reading is not None:
                edits.append(Edit(m.start(), m.end(), m.group(), reading, "font"))
            elif undecided_line is not None:
                self._report_undecided(m.group(), undecided_line)
        return edits

    def _report_undecided(self, word: str, line_no: int) -> None:
        if word not in self._undecided_words:
            self._undecided_words.add(word)
            mapped = font_mapped(word)
            self.undecided.append((line_no, word, mapped if set(mapped) <= TURKISH_LETTERS else None))

    def split_edits(self, text: str, edits: list[Edit]) -> list[Edit]:
        """``edits`` with each split word joined: two letter runs one space
        apart, judged on the font-repaired letters ("Gö rüþme" joins as
        "Görüşme", one repair taking in the font edit inside it). A pair
        overlapping a ligature edit stays apart."""
        view = font_view(text, edits)
        pos = 0
        while (m := SPLIT_PAIR.search(view, pos)) is not None:
            inside = [e for e in edits if e.overlaps(m.start(), m.end())]
            if (all(e.kind == "font" and m.start() <= e.start and e.end <= m.end() for e in inside)
                    and self._joins(m.group(1), m.group(2))):
                edits = [e for e in edits if e not in inside]
                edits.append(Edit(m.start(), m.end(), text[m.start():m.end()], m.group(1) + m.group(2), "split"))
                pos = m.end()
            else:
                pos = m.end(1) + 1
        return edits

    def counts(self) -> Counter[str]:
        return Counter(r.kind for r in self.made)


def reg_template(printed: str) -> etree._Element:
    """A span element for a repaired reading; :func:`wrap_repairs` makes it a choice."""
    reg = el("reg", resp=f"#{RESP_ID}")
    reg.set(PRINTED_ATTR, printed)
    return reg


# Where the printed form waits between fill and wrap_repairs (never serialised).
PRINTED_ATTR = "edition-printed"


def wrap_repairs(root: etree._Element) -> int:
    """Turn each filled reg span into choice/orig/reg; returns how many."""
    count = 0
    for reg in list(root.iter(TEI + "reg")):
        printed = reg.attrib.pop(PRINTED_ATTR, None)
        if printed is None:
            continue
        parent = reg.getparent()
        choice = el("choice")
        choice.tail, reg.tail = reg.tail, None
        parent.replace(reg, choice)
        orig = el("orig", printed)
        choice.append(orig)
        choice.append(reg)
        while _marks_all_of(reg):
            _hoist(reg[0], choice)
        count += 1
    return count


def _marks_all_of(reg: etree._Element) -> bool:
    """Whether one element holds the whole reading (a citation's author or
    place that is exactly the repaired word)."""
    return len(reg) == 1 and not reg.text and not reg[0].tail


def _hoist(markup: etree._Element, choice: etree._Element) -> None:
    """Put ``markup``, which holds the whole reading, around the choice: the
    word is the author whichever way it is spelt, and an author (or title,
    date ...) may hold a choice where a reg may not hold an author."""
    reg = markup.getparent()
    reg.remove(markup)
    reg.text = markup.text
    for child in list(markup):
        reg.append(child)
    markup.text = None
    markup.tail, choice.tail = choice.tail, None
    choice.getparent().replace(choice, markup)
    markup.append(choice)
