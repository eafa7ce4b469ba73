"""Annotate many documents at once, in parallel, with one shared register.

:func:`annotate` lets the register grow while it works: a name found on good
evidence ("General Thomson") becomes a candidate entry, and from then on the
bare "Thomson" is found too. Across documents that makes the result depend on
the order in which they are annotated, and a parallel run cannot share one
growing register. :func:`annotate_corpus` therefore works in rounds:

1. every pending document is annotated against a frozen copy of the register
   (in worker processes when ``jobs`` > 1), recording what it would add;
2. the additions are merged into the register in document order (sorted
   paths), so ids never depend on which worker finished first;
3. a document is annotated again in the next round only if the merge added a
   name that occurs in its text and that it did not know itself, or gave one
   of its own candidates a different id. Documents annotated in an earlier
   build (``settled``) are checked the same way and redone only if needed.

The outcome is the same for any number of jobs, and a second build with the
merged register changes nothing.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import EditionError, Issue
from ..tei import TEI, parse_file, serialize
from ..turkish import fold
from . import AnnotateOptions, Occurrence, annotate
from .given_names import given_names
from .names import HONORIFICS_AFTER, HONORIFICS_BEFORE
from .registers import Entry, Register

MAX_ROUNDS = 4


@dataclass
class DocumentOutcome:
    path: Path
    data: bytes | None = None  # the annotated document; None when it failed
    counts: Counter = field(default_factory=Counter)
    occurrences: list[Occurrence] = field(default_factory=list)
    issue: Issue | None = None
    # e.g. "not Turkish, left alone": the document is not rewritten
    warnings: list[Issue] = field(default_factory=list)
    skipped: bool = False  # left alone (not Turkish): nothing to write


@dataclass
class CorpusResult:
    outcomes: dict[Path, DocumentOutcome] = field(default_factory=dict)  # documents (re)annotated
    rounds: int = 0

    @property
    def failed(self) -> list[Path]:
        return [p for p, o in self.outcomes.items() if o.issue is not None]


@dataclass
class _Run:
    outcome: DocumentOutcome
    changes: list[tuple]
    folded_text: bytes  # the text, folded, UTF-8 and zlib-compressed (see _pack)


# -- one document, in a worker process or in this one -----------------------
_base: Register | None = None


def _init_worker(register_bytes: bytes) -> None:
    """Each worker parses the round's register once and opens its own gazetteer."""
    global _base
    from ..lock import die_with_parent
    from ..tei import parse_bytes
    from .gazetteer import gazetteer

    die_with_parent()  # a killed annotate or build leaves no worker writing TEI

    gazetteer.cache_clear()  # never share the parent's SQLite connection across fork
    _base = Register.from_tree(parse_bytes(register_bytes, "<registers>"))


def _carried_file(carry_dir: str, path: str) -> Path:
    return Path(carry_dir) / (hashlib.sha256(path.encode("utf-8")).hexdigest()[:32] + ".pickle")


def _load_carried(carry_dir: str | None, path: str) -> dict | None:
    """What the name rules found in this document in the last round (a file
    in this call's own private folder, written by _save_carried)."""
    if carry_dir is None:
        return None
    try:
        return pickle.loads(zlib.decompress(_carried_file(carry_dir, path).read_bytes()))
    except FileNotFoundError:
        return {}


def _save_carried(carry_dir: str | None, path: str, carried: dict | None) -> None:
    if carry_dir is not None and carried is not None:
        _carried_file(carry_dir, path).write_bytes(zlib.compress(pickle.dumps(carried, pickle.HIGHEST_PROTOCOL), 1))


def _annotate_one(path: str, options: AnnotateOptions, keep_occurrences: bool = True,
                  carry_dir: str | None = None) -> _Run:
    assert _base is not None
    register = _base.copy()
    outcome = DocumentOutcome(Path(path))
    try:
        tree = parse_file(path)
        carried = _load_carried(carry_dir, path)
        result = annotate(tree, register, options, carried=carried)
        _save_carried(carry_dir, path, carried)
    except EditionError as exc:
        message = f"{exc.message} {exc.hint}" if exc.hint else exc.message
        outcome.issue = Issue(exc.path or path, exc.line, exc.col, "error", message, "annotate")
        return _Run(outcome, [], b"")
    if result.skipped:
        outcome.skipped = True
        outcome.warnings.append(Issue(path, None, None, "warning",
                                      f"{result.skipped}; not annotated. Pass --lang tr to annotate it anyway.",
                                      "annotate-language"))
        return _Run(outcome, [], b"")
    outcome.warnings.extend(Issue(path, None, None, "warning", message, "annotate-kept-edit")
                            for message in result.kept_edits)
    outcome.data = serialize(tree)
    outcome.counts = result.counts
    # occurrences (with their contexts) are only wanted for a candidates report;
    # a build of a thousand documents would hold millions of them
    outcome.occurrences = result.occurrences if keep_occurrences else []
    text_el = tree.getroot().find(TEI + "text")
    return _Run(outcome, register.changes_since(_base), _pack(text_el))


def _annotate_round(paths: list[Path], register: Register, options: AnnotateOptions, jobs: int,
                    tick: Callable[[int], None], keep_occurrences: bool, carry_dir: str | None = None) -> list[_Run]:
    global _base
    if jobs <= 1 or len(paths) <= 1:
        _base = register.copy()
        runs = []
        for path in paths:
            runs.append(_annotate_one(str(path), options, keep_occurrences, carry_dir))
            tick(1)
        return runs
    register_bytes = serialize(register.to_tree())
    workers = min(jobs, len(paths))
    # read once here, the workers (forked) share it: each would read the
    # 48,000-name dictionary again, in every round
    given_names()
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(register_bytes,)) as pool:
        chunk = max(1, len(paths) // (workers * 8))
        runs = []
        for run in pool.map(_annotate_one, [str(p) for p in paths], [options] * len(paths),
                            [keep_occurrences] * len(paths), [carry_dir] * len(paths), chunksize=chunk):
            runs.append(run)
            tick(1)
        return runs


# -- merging -----------------------------------------------------------------
def _trigger_names(entry: Entry, names: Iterable[str]) -> set[tuple[str, str]]:
    """(kind, folded string) pairs whose presence in a text means the new name
    may matter there: the names themselves and, for persons, the surname (the
    annotator attaches a bare surname to a known person). The kind counts: a
    document that took "Thomson" for a town has not met the person."""
    out = {fold(n) for n in names if n}
    if entry.kind == "person":
        for n in names:
            words = [w for w in fold(n).split() if w not in HONORIFICS_AFTER | HONORIFICS_BEFORE]
            if words:
                out.add(words[-1])
    return {(entry.kind, n) for n in out if len(n) >= 2}


def _merge(register: Register, run: _Run) -> tuple[set[tuple[str, str]], set[tuple[str, str]], bool]:
    """Apply one document's additions; return (names it brought that are new to
    the register, names it knew itself, whether its ids changed)."""
    brought: set[tuple[str, str]] = set()
    known: set[tuple[str, str]] = set()
    renamed = False
    id_map: dict[str, str] = {}
    for change in run.changes:
        if change[0] == "entry":
            entry: Entry = change[1]
            names = entry.names()
            known |= _trigger_names(entry, names)
            existing = register.lookup(entry.preferred, entry.kind)
            if existing is None:
                existing = register.add_candidate(entry.kind, entry.preferred, type=entry.type,
                                                  geonames=entry.geonames, geo=entry.geo, role=entry.role)
                brought |= _trigger_names(entry, names)
            id_map[entry.id] = existing.id
            renamed |= existing.id != entry.id
            for name, lang in entry.variants:
                if register.add_variant(existing, name, lang):
                    brought |= _trigger_names(existing, [name])
        else:
            _kind, eid, name, lang = change
            target = register.entries.get(id_map.get(eid, eid))
            if target is None:
                renamed = True
                continue
            known |= _trigger_names(target, [name])
            if register.add_variant(target, name, lang):
                brought |= _trigger_names(target, [name])
    return brought, known, renamed


def _pack(text_el) -> bytes:
    """A text's folded words, compressed: the parent keeps one per document
    to decide what to redo, a thousand of them uncompressed would be ~150 MB."""
    folded = fold("".join(text_el.itertext())) if text_el is not None else ""
    return zlib.compress(folded.encode("utf-8"), 1)


def _mentions(packed: bytes, names: Iterable[str]) -> bool:
    """Does any of ``names`` start a word of the packed text?"""
    names = list(names)
    if not names or not packed:
        return False
    folded_text = zlib.decompress(packed).decode("utf-8")
    for name in names:
        pos = folded_text.find(name)
        while pos >= 0:
            if pos == 0 or not folded_text[pos - 1].isalnum():
                return True
            pos = folded_text.find(name, pos + 1)
    return False


def annotate_corpus(paths: Iterable[Path], register: Register, options: AnnotateOptions = AnnotateOptions(),
                    *, settled: Iterable[Path] = (), jobs: int = 1,
                    progress: Callable[[int, int], None] | None = None,
                    write: Callable[[Path, bytes], None] | None = None,
                    keep_occurrences: bool = True) -> CorpusResult:
    """Annotate ``paths``; ``register`` grows in place.

    ``settled`` are documents already annotated against ``register``; they are
    re-annotated only when the register grows with a name they contain.
    Nothing is written unless ``write`` is given: it is then called with each
    annotated document as soon as its round is merged (a document redone in a
    later round is written again), and the outcome keeps no copy of the bytes,
    so memory does not grow with the corpus.
    """
    pending = sorted(set(map(Path, paths)))
    settled_texts: dict[Path, bytes] = {}
    for path in sorted(set(map(Path, settled)) - set(pending)):
        try:
            text_el = parse_file(path).getroot().find(TEI + "text")
        except EditionError:
            pending.append(path)
            continue
        settled_texts[path] = _pack(text_el)
    pending.sort()
    result = CorpusResult()
    done = 0
    total = len(pending)

    def tick(n: int, more: int = 0) -> None:
        nonlocal done, total
        done += n
        total += more
        if progress and n:
            progress(done, total)

    # what the name rules found in each document, kept (on disk, in a folder
    # of this call's own) for the document's next round: a document redone
    # because other documents taught the register new names mostly asks the
    # register what it asked before (NameFinder.carried)
    with tempfile.TemporaryDirectory(prefix="edition-annotate-") as carry_dir:
        _rounds(pending, register, options, jobs, tick, keep_occurrences, write, settled_texts, result, carry_dir)
    return result


def _rounds(pending: list[Path], register: Register, options: AnnotateOptions, jobs: int, tick,
            keep_occurrences: bool, write, settled_texts: dict[Path, bytes], result: CorpusResult,
            carry_dir: str) -> None:
    while pending and result.rounds < MAX_ROUNDS:
        result.rounds += 1
        runs = _annotate_round(pending, register, options, jobs, tick, keep_occurrences, carry_dir)
        brought_by: dict[Path, set[tuple[str, str]]] = {}
        known_by: dict[Path, set[tuple[str, str]]] = {}
        redo: set[Path] = set()
        for path, run in zip(pending, runs):
            result.outcomes[path] = run.outcome
            if run.outcome.issue is not None:
                continue
            settled_texts[path] = run.folded_text
            brought_by[path], known_by[path], renamed = _merge(register, run)
            if renamed:
                redo.add(path)
        if write is not None:
            for path, run in zip(pending, runs):
                if run.outcome.data is not None:
                    write(path, run.outcome.data)
                    run.outcome.data = None
        new_names = set().union(*brought_by.values()) if brought_by else set()
        if new_names:
            for path, folded in settled_texts.items():
                unknown = {name for _kind, name in new_names - known_by.get(path, set())}
                if path not in redo and _mentions(folded, unknown):
                    redo.add(path)
        pending = sorted(redo)
        tick(0, len(pending))


def default_jobs() -> int:
    return max(1, os.cpu_count() or 1)


__all__ = ["annotate_corpus", "CorpusResult", "DocumentOutcome", "default_jobs"]
