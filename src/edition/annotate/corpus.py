"""Annotate many documents at once, in parallel, with one shared register.

:func:`annotate` lets the register grow while it works: a name found on good
evidence ("General Thomson") becomes a candidate entry, and from then on the
bare "Thomson" is found too. Across documents that makes the result depend on
the order in which they are annotated, and a parallel run cannot share one
growing register. :func:`annotate_corpus` therefore works in rounds:

1. every pending document is annotated against a frozen copy of the register
   (one step per document through :class:`~edition.parallel.DocumentPool`:
   a build's pool, whose workers keep the gazetteer and the given names
   across rounds), recording what it would add;
2. the additions are merged into the register in document order (sorted
   paths), so ids never depend on which worker finished first;
3. a document is annotated again in the next round only if the merge added a
   name that occurs in its text and that it did not know itself, or gave one
   of its own candidates a different id. Documents annotated in an earlier
   build (``settled``) are checked the same way and redone only if needed.

The outcome is the same for any number of jobs, and a second build with the
merged register changes nothing. This process holds the register and the
documents' outcomes, never their texts: a document's bytes are handed to
``write`` and dropped, and what the redo decision reads waits on disk.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from lxml import etree

from ..errors import EditionError, Issue
from ..parallel import DocumentPool, Failed
from ..tei import TEI, parse_file, serialize
from ..turkish import fold
from . import AnnotateOptions, Occurrence, annotate
from .names import HONORIFICS_AFTER, HONORIFICS_BEFORE
from .registers import Entry, Register

MAX_ROUNDS = 4
DEFAULT_OPTIONS = AnnotateOptions()


@dataclass
class DocumentOutcome:
    path: Path
    data: bytes | None = None  # the annotated document; None when it failed
    counts: Counter[str] = field(default_factory=Counter)
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
    changes: list[tuple[Any, ...]]  # Register.changes_since


# -- one document, in a worker process or in this one -----------------------
@dataclass(frozen=True)
class _Round:
    """What every document of a round shares (the context of its step)."""

    register: Register  # the round's register, frozen: each document works on a copy
    options: AnnotateOptions
    keep_occurrences: bool
    # this call's private folder, where each document's name findings and
    # packed text wait for its next round (not in the parent's memory)
    carry_dir: str


def _carried_file(carry_dir: str, path: str, suffix: str = ".pickle") -> Path:
    return Path(carry_dir) / (hashlib.sha256(path.encode("utf-8")).hexdigest()[:32] + suffix)


def _load_carried(carry_dir: str, path: str) -> dict[str, Any] | None:
    """What the name rules found in this document in the last round (a file
    in this call's own private folder, written by _save_carried)."""
    try:
        carried: dict[str, Any] = pickle.loads(zlib.decompress(_carried_file(carry_dir, path).read_bytes()))
    except FileNotFoundError:
        return {}
    return carried


def _save_carried(carry_dir: str, path: str, carried: dict[str, Any] | None) -> None:
    if carried is not None:
        _carried_file(carry_dir, path).write_bytes(zlib.compress(pickle.dumps(carried, pickle.HIGHEST_PROTOCOL), 1))


def _annotate_one(context: _Round, path: str) -> _Run:
    """The step of a round: annotate one document against a copy of the
    round's register and report what it would add to it."""
    base = context.register
    register = base.copy()
    outcome = DocumentOutcome(Path(path))
    try:
        tree = parse_file(path)
        carried = _load_carried(context.carry_dir, path)
        result = annotate(tree, register, context.options, carried=carried)
        _save_carried(context.carry_dir, path, carried)
    except EditionError as exc:
        outcome.issue = exc.as_issue("annotate", path)
        return _Run(outcome, [])
    if result.skipped:
        outcome.skipped = True
        outcome.warnings.append(Issue(path, None, None, "warning",
                                      f"{result.skipped}; not annotated. Pass --lang tr to annotate it anyway.",
                                      "annotate-language"))
        _save_text(context.carry_dir, path, b"")  # left alone: no name concerns it
        return _Run(outcome, [])
    outcome.warnings.extend(Issue(path, None, None, "warning", message, "annotate-kept-edit")
                            for message in result.kept_edits)
    outcome.data = serialize(tree)
    outcome.counts = result.counts
    # occurrences (with their contexts) are only wanted for a candidates report;
    # a build of a thousand documents would hold millions of them
    outcome.occurrences = result.occurrences if context.keep_occurrences else []
    _save_text(context.carry_dir, path, _pack(tree.getroot().find(TEI + "text")))
    return _Run(outcome, register.changes_since(base))


def _save_text(carry_dir: str, path: str, packed: bytes) -> None:
    _carried_file(carry_dir, path, ".text").write_bytes(packed)


def _packed_text(carry_dir: str, path: str) -> bytes:
    """The document's packed text as its last round left it; for a settled
    document not annotated in this call, read from its file (once)."""
    try:
        return _carried_file(carry_dir, path, ".text").read_bytes()
    except FileNotFoundError:
        packed = _pack(parse_file(path).getroot().find(TEI + "text"))
        _save_text(carry_dir, path, packed)
        return packed


@dataclass(frozen=True)
class _NewNames:
    """The context of :func:`_concerned`: what a round's merge added."""

    names: frozenset[tuple[str, str]]  # (kind, folded name), see _trigger_names
    carry_dir: str


def _concerned(context: _NewNames, item: tuple[str, frozenset[tuple[str, str]]]) -> bool:
    """The step that decides whether a document is redone: does a name the
    merge added, and that the document did not know itself, start a word of
    its text? (A settled document that cannot be read raises: it is redone,
    which reports why.)"""
    path, known = item
    return _mentions(_packed_text(context.carry_dir, path), {name for _kind, name in context.names - known})


def _annotate_round(pool: DocumentPool, paths: list[Path], context: _Round,
                    tick: Callable[[int], None]) -> Iterator[_Run]:
    """Every document of a round, in path order, each as soon as it is done
    (through the build's pool: its workers keep the gazetteer and the given
    names from round to round)."""
    for run in pool.imap(_annotate_one, [str(p) for p in paths], context):
        if isinstance(run, Failed):  # _annotate_one turns every EditionError into an outcome
            raise run.error
        tick(1)
        yield run


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


def _pack(text_el: etree._Element | None) -> bytes:
    """A text's folded words, compressed (a thousand of them uncompressed
    would be ~150 MB): kept on disk per document to decide what to redo."""
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


def annotate_corpus(paths: Iterable[Path], register: Register, options: AnnotateOptions = DEFAULT_OPTIONS,
                    *, settled: Iterable[Path] = (), jobs: int = 1,
                    progress: Callable[[int, int], None] | None = None,
                    write: Callable[[Path, bytes], None] | None = None,
                    keep_occurrences: bool = True, pool: DocumentPool | None = None) -> CorpusResult:
    """Annotate ``paths``; ``register`` grows in place.

    ``settled`` are documents already annotated against ``register``; they are
    re-annotated only when the register grows with a name they contain.
    Nothing is written unless ``write`` is given: it is then called with each
    annotated document as soon as its round has merged it (a document redone
    in a later round is written again), and the outcome keeps no copy of the
    bytes, so memory does not grow with the corpus.

    Every round runs through ``pool`` (a build's :class:`DocumentPool`, whose
    workers keep what they loaded across rounds and stages); without one, a
    pool of ``jobs`` workers is opened for this call.
    """
    if pool is None:
        with DocumentPool(jobs) as own:
            return annotate_corpus(paths, register, options, settled=settled, progress=progress, write=write,
                                   keep_occurrences=keep_occurrences, pool=own)
    pending = sorted(set(map(Path, paths)))
    # what the name rules found in each document, and its text, kept on disk
    # in a folder of this call's own for the document's next round: a
    # document redone because other documents taught the register new names
    # mostly asks the register what it asked before (NameFinder.carried)
    with tempfile.TemporaryDirectory(prefix="edition-annotate-") as carry_dir:
        corpus = _Corpus(pool, register, progress, write, carry_dir, total=len(pending))
        corpus.texts.update(set(map(Path, settled)) - set(pending))
        context = _Round(register, options, keep_occurrences, carry_dir)
        while pending and corpus.result.rounds < MAX_ROUNDS:
            pending = corpus.round(pending, context)
    return corpus.result


class _Corpus:
    """The state of :func:`annotate_corpus` between rounds: the register,
    the documents whose texts a new name may concern, the progress counts.
    It holds no text: the texts wait on disk (:func:`_packed_text`)."""

    def __init__(self, pool: DocumentPool, register: Register, progress: Callable[[int, int], None] | None,
                 write: Callable[[Path, bytes], None] | None, carry_dir: str, *, total: int) -> None:
        self.pool = pool
        self.register = register
        self.progress = progress
        self.write = write
        self.carry_dir = carry_dir
        self.result = CorpusResult()
        self.texts: set[Path] = set()  # documents settled or annotated: checked against new names
        self.done = 0
        self.total = total

    def tick(self, n: int) -> None:
        self.done += n
        if self.progress is not None:
            self.progress(self.done, self.total)

    def round(self, pending: list[Path], context: _Round) -> list[Path]:
        """Annotate ``pending`` against the register as it is, merge in path
        order; return the documents the merged names concern."""
        self.result.rounds += 1
        context = replace(context, register=self.register.copy())
        brought: set[tuple[str, str]] = set()
        known_by: dict[Path, frozenset[tuple[str, str]]] = {}
        redo: set[Path] = set()
        for path, run in zip(pending, _annotate_round(self.pool, pending, context, self.tick), strict=True):
            self.result.outcomes[path] = run.outcome
            if run.outcome.issue is not None:
                continue
            self.texts.add(path)
            names, known, renamed = _merge(self.register, run)
            brought |= names
            known_by[path] = frozenset(known)
            if renamed:
                redo.add(path)
            if self.write is not None and run.outcome.data is not None:
                self.write(path, run.outcome.data)
                run.outcome.data = None
        if brought:
            redo |= self._concerned(frozenset(brought), known_by, sorted(self.texts - redo))
        self.total += len(redo)
        return sorted(redo)

    def _concerned(self, brought: frozenset[tuple[str, str]], known_by: dict[Path, frozenset[tuple[str, str]]],
                   candidates: list[Path]) -> set[Path]:
        """The ``candidates`` whose text holds a name of ``brought`` that
        they did not know themselves (checked in the pool, from disk)."""
        items = [(str(p), known_by.get(p, frozenset())) for p in candidates]
        answers = self.pool.imap(_concerned, items, _NewNames(brought, self.carry_dir), light=True)
        return {path for path, answer in zip(candidates, answers, strict=True)
                if isinstance(answer, Failed) or answer}


def default_jobs() -> int:
    return max(1, os.cpu_count() or 1)


__all__ = ["annotate_corpus", "CorpusResult", "DocumentOutcome", "default_jobs"]
