"""The search index of the HTML site, written in pieces so that a page loads
only what a query needs, however large the corpus.

``search-index.js`` holds the texts, the register's names, the years dated
in the texts (the range the year filter offers) and the list of shards; ``search/w-<key>.js``
holds the words whose folded form begins with ``key`` (two letters), each
with the records it occurs in; ``search/t-<n>-<k>.js`` holds the records (text
of a paragraph, heading, item or note, its anchor and page, the names and the
years in it) ``k * RECORDS_PER_SHARD`` to ``(k + 1) * RECORDS_PER_SHARD - 1``
of the n-th text. Shards are small (a few kilobytes), so that the first
query of a page loads only what its results need, however long the texts
and however large the corpus. Every file is a script calling a global
function, so that it loads from ``file://`` too, where ``fetch()`` is
refused. Shards of earlier renders that this one did not write are removed.

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
from typing import Any

from . import tei
from .paths import inside
from .turkish import fold_for_search

#: Folder of the shards inside the HTML output.
SHARD_FOLDER = "search"
#: How many folded letters name a word shard.
SHARD_KEY_LENGTH = 2
#: A record's place in the index: text number * RECORD_BASE + record number.
RECORD_BASE = 1_000_000
#: Records per record shard: about 10 KB of JSON (a record is some 650 bytes
#: on the shipped texts), a few milliseconds to load.
RECORDS_PER_SHARD = 16

_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """The folded words of a text, in order."""
    return _WORD.findall(fold_for_search(text))


def shard_key(word: str) -> str:
    """The shard a folded word is in: its first letters, as a file name
    (letters a–z and digits as they are, any other as _hex)."""
    return "".join(c if c.isascii() and c.isalnum() else f"_{ord(c):x}" for c in word[:SHARD_KEY_LENGTH])


def _script(call: str, *args: object) -> bytes:
    body = ",".join(json.dumps(a, ensure_ascii=False, separators=(",", ":")) for a in args)
    return f"{call}({body});\n".encode()


Record = dict[str, Any]


def texts_in_order(records: list[Record]) -> tuple[list[str], dict[str, list[Record]]]:
    """The texts' ids in the order their records come, and each text's records."""
    by_text: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        by_text[record["d"]].append(record)
    return list(by_text), by_text


def record_words(records_json: str) -> str:
    """The distinct folded words of each record of one text (its records as
    JSON array members), as JSON array members in the same order: made where
    the text is rendered, so that the index of a corpus only merges them."""
    records = json.loads("[" + records_json + "]")
    return ",".join(json.dumps(list(dict.fromkeys(words(r["x"]))), ensure_ascii=False, separators=(",", ":"))
                    for r in records)


def postings(order: list[str], by_text: dict[str, list[Record]],
             record_word_lists: list[list[str]] | None = None) -> dict[str, dict[str, list[int]]]:
    """Per shard key, per folded word, the records (numbers) it occurs in.
    ``record_word_lists``: each record's words (:func:`record_words`) in the
    order of the records, when they were made already."""
    found: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    keys: dict[str, str] = {}
    lists = iter(record_word_lists) if record_word_lists is not None else None
    for number, doc in enumerate(order):
        for position, record in enumerate(by_text[doc]):
            at = number * RECORD_BASE + position
            for word in (next(lists) if lists is not None else dict.fromkeys(words(record["x"]))):
                key = keys.get(word) or keys.setdefault(word, shard_key(word))
                found[key][word].append(at)
    return found


def record_shards(number: int, records: list[Record]) -> list[tuple[str, list[Record]]]:
    """The record shards of the ``number``-th text: (name, records)."""
    return [(f"t-{number}-{k // RECORDS_PER_SHARD}", records[k:k + RECORDS_PER_SHARD])
            for k in range(0, len(records), RECORDS_PER_SHARD)]


def years(records: list[Record]) -> list[int]:
    """The first and the last year the records are dated in ([] when none)."""
    ends = [int(year) for record in records for span in record.get("y", []) for year in span]
    return [min(ends), max(ends)] if ends else []


def write(out: Path, head: str, tail: str, records_file: Path, words_file: Path | None = None) -> list[Path]:
    """Write ``search-index.js`` (``head`` + the shard list + ``tail``) and
    the shards from ``records_file`` (the records of every text as JSON array
    members, joined by commas, in reading order) and ``words_file`` (their
    words, :func:`record_words`, made here when not given); remove the shards
    of earlier renders. Returns the files written."""
    records = json.loads("[" + Path(records_file).read_text(encoding="utf-8") + "]")
    word_lists = None
    if words_file is not None:
        word_lists = json.loads("[" + Path(words_file).read_text(encoding="utf-8") + "]")
        if len(word_lists) != len(records):
            raise ValueError(f"{words_file}: {len(word_lists)} word lists for {len(records)} records")
    order, by_text = texts_in_order(records)
    written = []
    for number, doc in enumerate(order):
        for name, shard in record_shards(number, by_text[doc]):
            written.append(_write(out, f"{SHARD_FOLDER}/{name}.js", _script("EDITION_SEARCH_PART", name, shard)))
    words_by_shard = postings(order, by_text, word_lists)
    for key in sorted(words_by_shard):
        written.append(_write(out, f"{SHARD_FOLDER}/w-{key}.js",
                              _script("EDITION_SEARCH_PART", f"w-{key}", words_by_shard[key])))
    listing = json.dumps({"order": order, "shards": sorted(words_by_shard), "base": RECORD_BASE,
                          "chunk": RECORDS_PER_SHARD, "years": years(records)},
                         ensure_ascii=False, separators=(",", ":"))
    index = head + listing[1:-1] + tail
    written.insert(0, _write(out, "search-index.js", index.encode("utf-8")))
    remove_stale_shards(out, written)
    return written


def remove_stale_shards(out: Path, written: list[Path]) -> list[Path]:
    """Remove the shards in the shard folder that ``written`` does not name
    (left by a render of a larger corpus or an older layout); the removed."""
    folder = inside(out, SHARD_FOLDER)
    keep = {path.resolve() for path in written}
    stale = [path for path in sorted(folder.glob("*.js")) if path.resolve() not in keep] if folder.is_dir() else []
    for path in stale:
        path.unlink()
    return stale


def _write(out: Path, name: str, data: bytes) -> Path:
    """``data`` as ``out/name``, unless the file holds exactly that already:
    a corpus has thousands of shards, each written atomically (and synced),
    and after a change to one text only a few of them differ."""
    target = inside(out, name)
    try:
        if target.stat().st_size == len(data) and target.read_bytes() == data:
            return target
    except OSError:
        pass  # not there yet
    tei.write_atomic(target, data)
    return target
