"""Turkish-aware string handling for the annotator.

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


def strip_suffix(word: str, known) -> tuple[str, str] | None:
    """Split an unapostrophised ``word`` into (name, suffix) when ``known(name)``.

    ``known`` is a predicate on a candidate name; the longest name that is known
    wins, so "Osmanlıya" → ("Osmanlı", "ya") and "Kafkaslarda" → ("Kafkaslar", "da").
    Returns None when no known name is a prefix.
    """
    if known(word):
        return word, ""
    for suffix in CASE_SUFFIXES:
        if len(word) - len(suffix) >= 2 and word.endswith(suffix):
            stem = word[: -len(suffix)]
            if known(stem):
                return stem, suffix
    return None
