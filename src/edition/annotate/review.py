"""The editor's review loop: decisions about the annotator's guesses, kept as data.

The annotator adds names it found on evidence to the registers as candidates
(``cert="low"``). An editor reviews them in one file, ``review/decisions.tsv``
at the project root (tab-separated, one row per candidate entry, versionable
and diffable), and writes a decision in its first column:

=========  ==========================================================  =============
decision   effect                                                      value column
=========  ==========================================================  =============
(empty)    undecided; the row is refreshed by the next ``edition review``
accept     the entry is the editor's (``cert`` and the note removed)
reject     not an entity: the entry goes, the name is never tagged      —
retype     the entry becomes a person, place or org                   person|place|org
merge      the entry's names become variants of another entry          the other entry's id
link       the entry gets an authority id (GeoNames for places);      the id
           an entry that already has it takes the names instead
=========  ==========================================================  =============

:func:`apply_decisions` runs at the start of every ``edition annotate`` and
``edition build`` (before any text is annotated), so decisions survive
re-annotation and re-ingest: they live in the project, not in the TEI. It is
idempotent — a decision already applied finds nothing left to do — so a
second build changes nothing. :func:`review_rows` lists the candidates with
their occurrences and contexts for ``edition review``; :func:`decide` records
one decision for many rows at once. :func:`mentions` walks a text for the
review: every name and every low-certainty tag with its page and its
keyword-in-context line (:func:`keyword_in_context`, the one place contexts
are cut).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Container, Iterable, Iterator
from dataclasses import dataclass, replace
from fnmatch import fnmatchcase
from pathlib import Path

from lxml import etree

from ..errors import InputError
from ..tei import TEI, local, parse_file
from ..turkish import fold
from .registers import KINDS, Entry, Register

DECISIONS_FILE = Path("review") / "decisions.tsv"
COLUMNS = ("decision", "kind", "name", "entry", "value", "count", "contexts")
ACTIONS = ("accept", "reject", "retype", "merge", "link")
NAME_TAGS = tuple(TEI + spec[2] for spec in KINDS.values()) + (TEI + "title",)
MAX_CONTEXTS = 3
# a tag the annotator was not sure of (TEI att.global.responsibility @cert)
UNCERTAIN = frozenset({"low", "medium", "unknown"})
# the units a keyword-in-context line is cut from, and what inside them is
# another text (a footnote inside a paragraph, page furniture)
BLOCKS = frozenset({"p", "head", "note", "item", "cell", "l", "ab", "quote", "docAuthor", "byline",
                    "titlePart", "label", "bibl", "docTitle"})
ASIDES = frozenset({"note", "fw"})
CONTEXT_WIDTH = 60
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Decision:
    action: str  # "" (undecided) or one of ACTIONS
    kind: str
    name: str
    entry: str
    value: str = ""
    count: str = ""
    contexts: str = ""
    line: int | None = None

    def row(self) -> list[str]:
        return [self.action, self.kind, self.name, self.entry, self.value, self.count, self.contexts]


@dataclass(frozen=True)
class Mention:
    """One tag in a text, as the review shows it."""

    document: str  # the file's name
    page: str | None  # @n of the last page break before it
    line: int | None  # its line in the file
    tag: str  # local name: persName, date, ...
    text: str
    entry: str  # the register id it refers to, or ""
    cert: str | None
    value: str  # what the tag says about the text (a date's @when/@from/@to)
    before: str
    after: str

    def context(self) -> str:
        """The keyword-in-context line as the decisions file writes it."""
        return f"{self.before}[{self.text}]{self.after}".replace("\t", " ")


def decision_problem(action: str, kind: str, value: str) -> str | None:
    """What is wrong with a decision (a sentence), or None."""
    if action and action not in ACTIONS:
        return f"unknown decision {action!r} (expected one of {', '.join(ACTIONS)} or nothing)."
    if kind not in KINDS:
        return f"unknown kind {kind!r} (expected person, place or org)."
    if action == "retype" and value not in KINDS:
        return f"retype needs a kind in the value column, not {value!r}."
    if action in ("merge", "link") and not value:
        return f"{action} needs a value (an entry id for merge, an authority id for link)."
    return None


def load_decisions(path: Path) -> list[Decision]:
    """The decisions file's rows; an absent file has none."""
    if not path.exists():
        return []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the decisions file ({exc}).", path=str(path)) from None
    rows = list(csv.reader(io.StringIO(text), delimiter="\t"))
    if not rows or tuple(rows[0][:5]) != COLUMNS[:5]:
        raise InputError("the first line must be the header " + "\\t".join(COLUMNS) + ".", path=str(path), line=1,
                         hint="Run `edition review` to write a fresh file.")
    out = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        row = [cell.strip() for cell in row] + [""] * (len(COLUMNS) - len(row))
        action, kind, name, entry, value = (cell for cell in row[:5])
        action = action.lower()
        problem = decision_problem(action, kind, value)
        if problem:
            raise InputError(problem, path=str(path), line=number)
        out.append(Decision(action, kind, name, entry, value, row[5], row[6], number))
    return out


# -- applying decisions ------------------------------------------------------
# Each handler applies one kind of decision to the entry it names (found by
# id, else by name); an entry already gone means the decision was applied.

def _accept(register: Register, entry: Entry, d: Decision) -> None:
    entry.candidate = False


def _retype(register: Register, entry: Entry, d: Decision) -> None:
    if entry.kind == d.value:
        return
    register.remove(entry.id)
    register.add(Entry(register.new_id(d.value, entry.preferred), d.value, entry.preferred,
                       list(entry.variants), type=None, candidate=False))


def _merge(register: Register, entry: Entry, d: Decision) -> None:
    target = register.entries.get(register.current_id(d.value))
    if target is None:
        raise InputError(f"merge into {d.value!r}: no such entry in the registers.", line=d.line,
                         path=str(DECISIONS_FILE), hint="Use an xml:id from tei/registers.xml.")
    register.merge(entry, target)


def _link(register: Register, entry: Entry, d: Decision) -> None:
    register.set_authority(entry, d.value).candidate = False


HANDLERS: dict[str, Callable[[Register, Entry, Decision], None]] = {
    "accept": _accept, "retype": _retype, "merge": _merge, "link": _link,
}


def _entry_of(register: Register, d: Decision) -> Entry | None:
    entry = register.entries.get(register.current_id(d.entry))
    if entry is None or entry.kind != d.kind:
        entry = register.lookup(d.name, d.kind)
    return entry


def _reject(register: Register, d: Decision) -> set[str]:
    """The folded names never to tag again; a candidate entry goes (an
    accepted one stays: the editor's)."""
    rejected = {fold(d.name)}
    entry = _entry_of(register, d)
    if entry is not None and entry.candidate:
        rejected.update(fold(n) for n in entry.names())
        register.remove(entry.id)
    return rejected


def apply_decisions(register: Register, decisions: list[Decision]) -> frozenset[str]:
    """Apply every decided row to ``register``; return the folded names the
    annotator must never tag (the rejected ones). The one place decisions
    are applied."""
    rejected: set[str] = set()
    for d in decisions:
        if d.action == "reject":
            rejected |= _reject(register, d)
            continue
        entry = _entry_of(register, d) if d.action else None
        if entry is not None:
            HANDLERS[d.action](register, entry, d)
    return frozenset(rejected)


def prepare(register: Register, project_root: Path) -> frozenset[str]:
    """Load and apply the project's decisions; the rejected names (for AnnotateOptions)."""
    return apply_decisions(register, load_decisions(project_root / DECISIONS_FILE))


def decide(rows: list[Decision], action: str, patterns: Iterable[str], value: str = "") -> tuple[list[Decision], int]:
    """Record one decision for every row whose entry id matches one of the
    shell-style ``patterns`` (``place-*``); returns the rows and how many
    matched. Bulk review from the command line."""
    patterns = list(patterns)
    action = action.lower()
    out, matched = [], 0
    for row in rows:
        if any(fnmatchcase(row.entry, p) for p in patterns):
            problem = decision_problem(action, row.kind, value)
            if problem:
                raise InputError(f"{row.entry}: {problem}", hint="Give a decision that fits every entry named.")
            row, matched = replace(row, action=action, value=value), matched + 1
        out.append(row)
    if not matched:
        raise InputError(f"no candidate entry matches {' '.join(patterns)}.",
                         hint="Name entries by their id in review/decisions.tsv (wildcards: place-*).")
    return out, matched


# -- mentions in the texts ---------------------------------------------------

def _block_of(node: etree._Element) -> etree._Element:
    for ancestor in node.iterancestors():
        if local(ancestor) in BLOCKS:
            return ancestor
    parent = node.getparent()
    return parent if parent is not None else node


def _pieces(block: etree._Element, node: etree._Element) -> tuple[list[str], list[str], list[str]]:
    """The block's text in reading order, cut before, inside and after
    ``node``; asides (a footnote inside the paragraph) are left out unless
    ``node`` is inside them."""
    path = [node, *node.iterancestors()]
    parts: tuple[list[str], list[str], list[str]] = ([], [], [])
    at, aside = 0, None
    for event, el in etree.iterwalk(block, events=("start", "end")):
        if event == "start":
            at = 1 if el is node else at
            if aside is None and el is not block and local(el) in ASIDES and not any(el is a for a in path):
                aside = el
            if aside is None and isinstance(el.tag, str):
                parts[at].append(el.text or "")
            continue
        if aside is not None and el is not aside:
            continue
        aside = None
        at = 2 if el is node else at
        if el is not block:
            parts[at].append(el.tail or "")
    return parts


def keyword_in_context(node: etree._Element, width: int = CONTEXT_WIDTH) -> tuple[str, str, str]:
    """``(before, keyword, after)``: the tag's text and up to ``width``
    characters of its block on each side, whitespace collapsed."""
    before, keyword, after = (_SPACES.sub(" ", "".join(part)) for part in _pieces(_block_of(node), node))
    before, keyword, after = before.lstrip(), keyword.strip(), after.rstrip()
    if len(before) > width:
        before = "…" + before[-width:].split(" ", 1)[-1]
    if len(after) > width:
        after = after[:width].rsplit(" ", 1)[0] + "…"
    return before, keyword, after


def _value_of(node: etree._Element) -> str:
    return " ".join(f"{k}={node.get(k)}" for k in ("when", "from", "to", "notBefore", "notAfter", "calendar")
                    if node.get(k))


def mentions(path: Path, entries: Container[str] | None = None) -> Iterator[Mention]:
    """Every name tag (of the ``entries`` given, else all) and every
    low-certainty tag of a TEI text, in reading order, with its page (the last
    ``pb/@n`` before it) and context."""
    root = parse_file(path).getroot()
    text = root.find(TEI + "text")
    page: str | None = None
    for node in (text if text is not None else root).iter():
        if not isinstance(node.tag, str):
            continue
        if node.tag == TEI + "pb":
            page = node.get("n") or page
            continue
        entry = (node.get("ref") or "").rsplit("#", 1)[-1] if node.tag in NAME_TAGS else ""
        named = bool(entry) and (entries is None or entry in entries)
        if not named and node.get("cert") not in UNCERTAIN:
            continue
        before, keyword, after = keyword_in_context(node)
        yield Mention(path.name, page, node.sourceline, local(node), keyword, entry, node.get("cert"),
                      _value_of(node), before, after)


def review_rows(register: Register, tei_paths: list[Path], decisions: list[Decision]) -> list[Decision]:
    """The decisions file's new content: decided rows as they were, then one
    undecided row per candidate entry (count and contexts from the texts)."""
    counts: dict[str, int] = {}
    contexts: dict[str, list[str]] = {}
    candidates = {eid for eid, e in register.entries.items() if e.candidate}
    for path in tei_paths:
        for mention in mentions(path, candidates):
            if mention.entry not in candidates:
                continue
            counts[mention.entry] = counts.get(mention.entry, 0) + 1
            seen = contexts.setdefault(mention.entry, [])
            if mention.context() not in seen and len(seen) < MAX_CONTEXTS:
                seen.append(mention.context())
    decided = [d for d in decisions if d.action]
    decided_ids = {d.entry for d in decided}
    fresh = [Decision("", e.kind, e.preferred, e.id, "", str(counts.get(e.id, 0)), " | ".join(contexts.get(e.id, [])))
             for e in (register.entries[i] for i in sorted(candidates - decided_ids))]
    fresh.sort(key=lambda d: (d.kind, -int(d.count), d.name))
    return decided + fresh


def write_rows(rows: list[Decision]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter="\t", lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(d.row() for d in rows)
    return buf.getvalue().encode("utf-8")


__all__ = ["DECISIONS_FILE", "Decision", "Mention", "load_decisions", "apply_decisions", "prepare", "decide",
           "review_rows", "write_rows", "mentions", "keyword_in_context", "decision_problem"]
