"""Line-break hyphenation: is ``left-`` + ``right`` one word or a hyphenated compound?

The naive rule (join when the next line starts in lower case) fails on
compounds whose second part is lower case (``sosyo-|ekonomik``), on number
ranges (``1900-|1920``) and on upper-case splits in all-caps text. The
decision uses, in order:

1. digits on both sides: a range, keep the hyphen;
2. the document's own vocabulary: the hyphenated form written elsewhere on one
   line keeps the hyphen; the joined form written elsewhere joins;
3. Turkish syllable structure: a syllable starts with at most one consonant,
   so a right part that starts with two consonants was not split by
   hyphenation (``jeo-|stratejik``) — unless the word is a loan word known
   joined;
4. case: an upper-case right part after a lower-case left part is a compound
   (``Brest-|Litovsk``, ``Türk-|Rus``); otherwise join.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..turkish import lower as turkish_lower

WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)
VOWELS = set("aeıioöuüâîûAEIİOÖUÜÂÎÛ")
APOSTROPHES = "’'"


@dataclass
class Lexicon:
    """Word forms of the document written on one line (not split at a line end)."""

    words: Counter[str]
    hyphenated: Counter[str]

    @classmethod
    def from_lines(cls, lines: list[str]) -> Lexicon:
        words: Counter[str] = Counter()
        hyphenated: Counter[str] = Counter()
        for text in lines:
            body = text.rstrip()
            if body.endswith("-"):
                # The fragment before a line-end hyphen is not a word.
                body = body[: body.rfind(" ") + 1] if " " in body else ""
            for token in body.split():
                core = token.strip(".,;:!?()[]“”\"«»…*")
                if not core:
                    continue
                # Drop the case suffix after an apostrophe: Kafkasya’nın -> kafkasya
                for apo in APOSTROPHES:
                    core = core.split(apo, 1)[0]
                core = re.sub(r"\d+$", "", core)  # a glued note marker
                low = turkish_lower(core)
                if "-" in low.strip("-"):
                    hyphenated[low] += 1
                    for part in low.split("-"):
                        if part:
                            words[part] += 1
                elif low:
                    words[low] += 1
        return cls(words, hyphenated)

    def knows_word(self, word: str) -> bool:
        low = turkish_lower(word)
        if low in self.words:
            return True
        # A suffixed form of a known stem: Bolşeviklerin ~ bolşevik
        return any(low[:k] in self.words for k in range(len(low) - 1, max(3, len(low) - 6), -1))


def _leading_consonants(word: str) -> int:
    n = 0
    for ch in word:
        if not ch.isalpha():
            break
        if ch in VOWELS:
            return n
        n += 1
    return n


def keeps_hyphen(left: str, right: str, lexicon: Lexicon) -> bool:
    """True if ``left-`` at a line end and ``right`` at the next line's start
    form a hyphenated word; False if the hyphen only split the word."""
    left_word = left.rsplit(None, 1)[-1] if left.strip() else ""
    left_word = left_word.lstrip("(“\"«[")
    right_word = right.lstrip().split(None, 1)[0] if right.strip() else ""
    if not left_word or not right_word:
        return True
    last = left_word[-1]
    first = right_word[0]
    if last.isdigit() and first.isdigit():
        return True
    if not last.isalpha():
        return True
    if not first.isalpha():
        return True
    # The part of the right word before punctuation or an apostrophe.
    right_core = re.split(r"[^\w-]", right_word, maxsplit=1)[0]
    right_core = re.sub(r"\d+$", "", right_core)
    left_part = left_word.split("-")[-1]
    left_low = turkish_lower(left_word)
    hyph_form = left_low + turkish_lower(right_core)
    hyphen_form = left_low + "-" + turkish_lower(right_core)
    if hyphen_form in lexicon.hyphenated:
        return True
    if hyph_form in lexicon.words or hyph_form.replace("-", "") in lexicon.words:
        return False
    upper_right = first.isupper()
    if upper_right and left_part[:1].isupper() and left_part.isupper() and right_core.isupper():
        # ALL-CAPS text split at a line end: a plain split unless known.
        return False
    if upper_right:
        return True
    # Lower-case right part: a split, unless it cannot start a Turkish syllable
    # and both halves are words of their own.
    if _leading_consonants(right_core) >= 2 and lexicon.knows_word(left_part) and lexicon.knows_word(right_core):
        return True
    return False
