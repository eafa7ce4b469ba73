"""The search index of the HTML site, written in pieces so that a page loads
only what a query needs, however large the corpus.

``search-index.js`` holds the texts, the register's names and the list of
shards; ``search/w-<key>.js`` holds the words whose folded form begins with
``key`` (two letters), each with the records it occurs in; ``search/t-<n>.js``
holds the records (text of a paragraph, heading, item or note, its anchor and
page, the names in it) of the n-th text. Every file is a script calling a
global function, so that it loads from ``file://`` too, where ``fetch()`` is
refused.

Words are found after Turkish folding (:func:`fold`), which
``xslt/html/assets/edition.js`` (``EditionText.fold``) repeats in the browser
character for character; a word is a run of letters and digits, so
apostrophes of any shape (' ’ ʼ) and hyphens separate words, and "Bakü'de"
is the two words "baku de", whichever apostrophe was typed.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

from . import tei
from .paths import inside
from .turkish import fold_for_search

#: Folder of the shards inside the HTML output.
SHARD_FOLDER = "search"
#: How many folded letters name a word shard.
SHARD_KEY_LENGTH = 2
#: A record's place in the index: text number * RECORD_BASE + record number.
RECORD_BASE = 1_000_000

_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """The folded words of a text, in order."""
    return _WORD.findall(fold_for_search(text))


def shard_key(word: str) -> str:
    """The shard a folded word is in: its first letters, as a file name
    (letters a–z and digits as they are, any other as _hex)."""
    return "".join(c if c.isascii() and c.isalnum() else f"_{ord(c):x}" for c in word[:SHARD_KEY_LENGTH])


def _script(call: str, *args: object) -> bytes:
    return (f"{call}(" + ",".join(json.dumps(a, ensure_ascii=False, separators=(",", ":")) for a in args) + ");\n").encode("utf-8")


def write(out: Path, head: str, tail: str, records_file: Path) -> list[Path]:
    """Write ``search-index.js`` (``head`` + the shard list + ``tail``) and
    the shards from ``records_file`` (the records of every text as JSON array
    members, joined by commas, in reading order). Returns the files written."""
    records = json.loads("[" + Path(records_file).read_text(encoding="utf-8") + "]")
    order: list[str] = []
    by_text: dict[str, list[dict]] = defaultdict(list)
    for record in records:
        if record["d"] not in by_text:
            order.append(record["d"])
        by_text[record["d"]].append(record)
    postings: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    written = []
    for number, doc in enumerate(order):
        for position, record in enumerate(by_text[doc]):
            at = number * RECORD_BASE + position
            for word in dict.fromkeys(words(record["x"])):
                postings[shard_key(word)][word].append(at)
        written.append(_write(out, f"{SHARD_FOLDER}/t-{number}.js", _script("EDITION_SEARCH_PART", f"t-{number}", by_text[doc])))
    for key in sorted(postings):
        written.append(_write(out, f"{SHARD_FOLDER}/w-{key}.js", _script("EDITION_SEARCH_PART", f"w-{key}", postings[key])))
    listing = json.dumps({"order": order, "shards": sorted(postings), "base": RECORD_BASE}, ensure_ascii=False, separators=(",", ":"))
    index = head + listing[1:-1] + tail
    written.insert(0, _write(out, "search-index.js", index.encode("utf-8")))
    return written


def _write(out: Path, name: str, data: bytes) -> Path:
    target = inside(out, name)
    tei.write_atomic(target, data)
    return target
