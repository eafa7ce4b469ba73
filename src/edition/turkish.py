"""Turkish text: the one place for casing, folding, slugs, sentence ends,
apostrophes, case suffixes and month names, for every stage.

Turkish has two i's (İ/i and I/ı), so Python's ``lower()`` turns "IĞDIR"
into "iğdir" and "İstanbul" into "i̇stanbul"; every comparison of names goes
through :func:`fold` instead. Names carry case suffixes either after an
apostrophe ("Bakü’nün", "Kars'ı") or glued on ("Kafkaslarda", "Osmanlıya",
"Bakü Sovyetinin"); :func:`split_apostrophe` and :func:`strip_suffix` give the
name and the suffix that must stay outside the element.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable

APOSTROPHES = "’'‘`´ʼ"
APOSTROPHE_RE = re.compile("[" + re.escape(APOSTROPHES) + "]")

# Cyrillic and Greek letters that look Latin turn up in PDF extractions
# ("Мuhanov" with a Cyrillic М); they are folded for matching only.
_CONFUSABLES_MAP = {
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O",
    "Р": "P", "С": "C", "Т": "T", "Х": "X", "а": "a", "е": "e", "о": "o",
    "р": "p", "с": "c", "у": "y", "х": "x", "Ι": "I", "Ο": "O",
}
_CONFUSABLES = str.maketrans(_CONFUSABLES_MAP)

_ASCII = str.maketrans(
    {"ş": "s", "ç": "c", "ğ": "g", "ı": "i", "ö": "o", "ü": "u", "â": "a", "î": "i",
     "û": "u", "ə": "e", "é": "e", "è": "e", "ä": "a", "ë": "e", "ï": "i"}
)


def lower(text: str) -> str:
    """Turkish lower case: İ→i, I→ı, then the ordinary rules."""
    return text.replace("İ", "i").replace("I", "ı").lower()


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """The key two spellings of one name share: Turkish lower case, one apostrophe,
    look-alike Cyrillic letters as Latin, circumflexes dropped (Millî = Milli),
    spaces collapsed."""
    text = unicodedata.normalize("NFC", text.translate(_CONFUSABLES))
    text = APOSTROPHE_RE.sub("'", text)
    text = lower(text)
    text = text.replace("â", "a").replace("î", "i").replace("û", "u")
    return " ".join(text.split())


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def ascii_slug(text: str) -> str:
    """An ASCII slug for xml:ids: "Şaumyan" → "saumyan", "Bakü Sovyeti" → "baku-sovyeti"."""
    text = fold(text).translate(_ASCII)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _NOT_SLUG.sub("-", text).strip("-")
    return text or "x"


def split_apostrophe(token: str) -> tuple[str, str]:
    """"Bakü’nün" → ("Bakü", "’nün"); a token without apostrophe → (token, "")."""
    m = APOSTROPHE_RE.search(token)
    if not m or m.start() == 0:
        return token, ""
    return token[: m.start()], token[m.start():]


# Case, possessive and copula endings that can be glued to a name without an
# apostrophe, longest first so "Kafkaslarda" loses "da" before "a". The plural
# endings are listed separately: a plural name ("Ermeniler") is a group.
CASE_SUFFIXES = tuple(
    sorted(
        {
            "nın", "nin", "nun", "nün", "ın", "in", "un", "ün",
            "yı", "yi", "yu", "yü", "ı", "i", "u", "ü",
            "ya", "ye", "a", "e", "na", "ne",
            "da", "de", "ta", "te", "nda", "nde",
            "dan", "den", "tan", "ten", "ndan", "nden",
            "la", "le", "yla", "yle", "ıyla", "iyle", "uyla", "üyle",
            "daki", "deki", "taki", "teki", "ndaki", "ndeki",
            "dır", "dir", "dur", "dür", "tır", "tir", "ydı", "ydi", "dı", "di",
            "ca", "ce",
        },
        key=len,
        reverse=True,
    )
)


def strip_suffix(word: str, known: Callable[[str], bool]) -> tuple[str, str] | None:
    """Split an unapostrophised ``word`` into (name, suffix) when ``known(name)``.

    ``known`` is a predicate on a candidate name. The whole word wins if it is
    known; otherwise the longest suffix of :data:`CASE_SUFFIXES` whose stem is
    known, so "Osmanlıya" → ("Osmanlı", "ya") and "Kafkaslarda" → ("Kafkaslar",
    "da"). Returns None when no known name is a prefix.
    """
    if known(word):
        return word, ""
    for suffix in CASE_SUFFIXES:
        if len(word) - len(suffix) >= 2 and word.endswith(suffix):
            stem = word[: -len(suffix)]
            if known(stem):
                return stem, suffix
    return None


# --- sentence ends -----------------------------------------------------------

_TRAILING_NOTE_MARKER = re.compile(r"(?<=[.!?:;”\"’)])\d{1,3}$")
SENTENCE_END = (".", "!", "?", ":", ";", "…", "”", "\"", "»")


def ends_sentence(text: str) -> bool:
    """Does this line or paragraph end a sentence (a trailing note marker ignored)?"""
    return _TRAILING_NOTE_MARKER.sub("", text.rstrip()).endswith(SENTENCE_END)


# --- folds that keep offsets, and the search fold --------------------------------

# fold_same_length in three C-speed passes: the look-alikes, Turkish capitals
# and spaces before lower(), circumflexes and apostrophes after it.
_BEFORE_LOWER = str.maketrans({**{k: "ı" if v == "I" else v for k, v in _CONFUSABLES_MAP.items()},
                               "İ": "i", "I": "ı"})
_SPACE_RE = re.compile(r"\s")
_AFTER_LOWER = str.maketrans({"â": "a", "î": "i", "û": "u", **{a: "'" for a in APOSTROPHES}})


def fold_same_length(text: str) -> str:
    """:func:`fold` without collapsing spaces or normalising, so offsets into
    ``text`` stay valid in the result."""
    quick = _SPACE_RE.sub(" ", text.translate(_BEFORE_LOWER)).lower().translate(_AFTER_LOWER)
    if len(quick) == len(text) and text.isascii() or _fold_chars_agree(text, quick):
        return quick
    out = []
    for ch in text:
        f = fold(ch) if not ch.isspace() else " "
        out.append(f if len(f) == 1 else ch.lower()[:1] or ch)
    return "".join(out)


def _fold_chars_agree(text: str, quick: str) -> bool:
    """The quick fold is right when it kept the length and no character needs
    Unicode normalisation on its own (rare outside PDF debris)."""
    # each distinct non-ASCII character once: a paragraph repeats a few dozen
    return len(quick) == len(text) and unicodedata.is_normalized("NFC", text) and \
        not any(unicodedata.combining(ch) for ch in set(text) if ch > "\x7f")


_SEARCH_LETTERS = str.maketrans({"ç": "c", "ğ": "g", "ı": "i", "ö": "o", "ş": "s", "ü": "u", "â": "a", "î": "i",
                                 "û": "u",
                                 # A modifier-letter apostrophe is a letter to Unicode; here it is an apostrophe.
                                 "\u02bc": "'"})


def fold_for_search(text: str) -> str:
    """Turkish lower-casing (İ → i, I → ı), then Turkish letters and accents
    folded to their base letter: what a reader may type without them."""
    decomposed = unicodedata.normalize("NFD", lower(text).translate(_SEARCH_LETTERS))
    return "".join(c for c in decomposed if not "\u0300" <= c <= "\u036f")


_ASCII_LETTERS = str.maketrans("çğıöşüâîûÇĞİÖŞÜ", "cgiosuaiuCGIOSU")


def ascii_letters(text: str) -> str:
    """Turkish letters as their ASCII base letters, case kept ("Şuşa" → "Susa")."""
    return text.translate(_ASCII_LETTERS)


# --- month names ------------------------------------------------------------------

GREGORIAN_MONTHS = {
    "ocak": 1, "şubat": 2, "mart": 3, "nisan": 4, "aprel": 4, "mayıs": 5, "haziran": 6,
    "temmuz": 7, "ağustos": 8, "eylül": 9, "ekim": 10, "kasım": 11, "aralık": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}
# Rumi months that are no Gregorian month names (Mart … Eylül and Şubat are shared)
RUMI_ONLY_MONTHS = {
    "teşrinievvel": 10, "teşrin-i evvel": 10, "teşrinisani": 11, "teşrin-i sani": 11,
    "kânunuevvel": 12, "kanunuevvel": 12, "kânun-ı evvel": 12, "kanun-ı evvel": 12,
    "kânunusani": 1, "kanunusani": 1, "kânun-ı sani": 1, "kanun-ı sani": 1,
}
RUMI_MONTHS = {**{k: v for k, v in GREGORIAN_MONTHS.items() if k in (
    "mart", "nisan", "mayıs", "haziran", "temmuz", "ağustos", "eylül", "şubat")}, **RUMI_ONLY_MONTHS}
HIJRI_MONTHS = {
    "muharrem": 1, "safer": 2, "rebiülevvel": 3, "rebiyülevvel": 3, "rebiülahir": 4, "rebiülâhir": 4,
    "rebiyülahir": 4, "cemaziyelevvel": 5, "cemaziyülevvel": 5, "cemaziyelahir": 6, "cemaziyelâhir": 6,
    "cemaziyülahir": 6, "recep": 7, "receb": 7, "şaban": 8, "ramazan": 9, "şevval": 10,
    "zilkade": 11, "zilkâde": 11, "zilkaade": 11, "zilhicce": 12,
}


def month_number(name: str) -> int:
    """1–12 for a Gregorian month name in Turkish, Azerbaijani or English (KeyError otherwise)."""
    return GREGORIAN_MONTHS[lower(name)]


def rumi_month_number(name: str) -> int:
    return RUMI_MONTHS[lower(name)]


def hijri_month_number(name: str) -> int:
    return HIJRI_MONTHS[lower(name)]

