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
their occurrences and contexts for ``edition review``.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..errors import InputError
from ..tei import TEI, parse_file
from ..turkish import fold
from .registers import KINDS, Entry, Register

DECISIONS_FILE = Path("review") / "decisions.tsv"
COLUMNS = ("decision", "kind", "name", "entry", "value", "count", "contexts")
ACTIONS = ("accept", "reject", "retype", "merge", "link")
NAME_TAGS = tuple(TEI + spec[2] for spec in KINDS.values()) + (TEI + "title",)
MAX_CONTEXTS = 3


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
        if action and action not in ACTIONS:
            raise InputError(f"unknown decision {action!r} (expected one of {', '.join(ACTIONS)} or nothing).",
                             path=str(path), line=number)
        if kind not in KINDS:
            raise InputError(f"unknown kind {kind!r} (expected person, place or org).", path=str(path), line=number)
        if action == "retype" and value not in KINDS:
            raise InputError(f"retype needs a kind in the value column, not {value!r}.", path=str(path), line=number)
        if action in ("merge", "link") and not value:
            raise InputError(f"{action} needs a value (an entry id for merge, an authority id for link).",
                             path=str(path), line=number)
        out.append(Decision(action, kind, name, entry, value, row[5], row[6], number))
    return out


def apply_decisions(register: Register, decisions: list[Decision]) -> frozenset[str]:
    """Apply every decided row to ``register``; return the folded names the
    annotator must never tag (the rejected ones)."""
    rejected: set[str] = set()
    for d in decisions:
        if not d.action:
            continue
        entry = register.entries.get(d.entry)
        if entry is None or entry.kind != d.kind:
            entry = register.lookup(d.name, d.kind)
        if d.action == "reject":
            rejected.add(fold(d.name))
            if entry is not None and entry.candidate:
                rejected.update(fold(n) for n in entry.names())
                register.remove(entry.id)
            continue
        if entry is None:
            continue  # applied before (retyped, merged) or no longer in the registers
        if d.action == "accept":
            entry.candidate = False
        elif d.action == "retype" and entry.kind != d.value:
            register.remove(entry.id)
            register.add(Entry(register.new_id(d.value, entry.preferred), d.value, entry.preferred,
                               list(entry.variants), type=None, candidate=False))
        elif d.action == "merge":
            target = register.entries.get(d.value)
            if target is None:
                raise InputError(f"merge into {d.value!r}: no such entry in the registers.", line=d.line,
                                 path=str(DECISIONS_FILE), hint="Use an xml:id from tei/registers.xml.")
            if target is not entry:
                register.remove(entry.id)
                for name in entry.names():
                    register.add_variant(target, name)
        elif d.action == "link":
            owner = register.by_authority(entry.kind, d.value)
            if owner is not None and owner is not entry:
                register.remove(entry.id)
                for name in entry.names():
                    register.add_variant(owner, name)
            else:
                register.set_authority(entry, d.value)
                entry.candidate = False
    return frozenset(rejected)


def prepare(register: Register, project_root: Path) -> frozenset[str]:
    """Load and apply the project's decisions; the rejected names (for AnnotateOptions)."""
    return apply_decisions(register, load_decisions(project_root / DECISIONS_FILE))


def review_rows(register: Register, tei_paths: list[Path], decisions: list[Decision]) -> list[Decision]:
    """The decisions file's new content: decided rows as they were, then one
    undecided row per candidate entry (count and contexts from the texts)."""
    counts: dict[str, int] = {}
    contexts: dict[str, list[str]] = {}
    candidates = {eid for eid, e in register.entries.items() if e.candidate}
    for path in tei_paths:
        for node in parse_file(path).getroot().iter(*NAME_TAGS):
            eid = (node.get("ref") or "").rsplit("#", 1)[-1]
            if eid not in candidates:
                continue
            counts[eid] = counts.get(eid, 0) + 1
            seen = contexts.setdefault(eid, [])
            context = _context(node)
            if context not in seen and len(seen) < MAX_CONTEXTS:
                seen.append(context)
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


def _context(node: etree._Element, width: int = 50) -> str:
    prev = node.getprevious()
    before = (prev.tail if prev is not None else node.getparent().text) or ""
    text = "".join(node.itertext())
    after = node.tail or ""
    return " ".join(f"{before[-width:]}[{text}]{after[:width]}".split()).replace("\t", " ")


__all__ = ["DECISIONS_FILE", "Decision", "load_decisions", "apply_decisions", "prepare", "review_rows",
           "write_rows"]
