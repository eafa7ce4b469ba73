"""Editors' work: which TEI files the build wrote, and which an editor changed.

An editor corrects the TEI the build generated (retypes a name, rejects one,
adds a note, fixes a typo). ``build --reingest`` makes that file again from the
raw text, so it must know whether anyone changed the file since the build last
wrote it. The build records the digest of every TEI file it writes (ingest and
annotate) in its state; a file whose bytes differ from that record, or that the
build never wrote, holds (or may hold) an editor's work. The mark is sticky: a
later annotate pass over the edited file does not make it "generated" again.

Re-ingesting such a file carries the editor's changes over when it can: the
build keeps the TEI each ingest produced (``.edition-cache/generated/<id>.xml``),
and :func:`merge3` merges, line by line, what changed from that version to the
editor's file (annotation and the editor's own edits) with what changed from it
to the new ingest. A clean, well-formed merge replaces the file (a backup of
the editor's version is kept and reported); a conflict, where the editor and
the new ingest changed the same lines, refuses that document and names the
line; the file stays as it is. Without a kept version (a file this build
never wrote) re-ingest is refused. ``--force`` replaces any file with the new
ingest, after the backup.
"""

from __future__ import annotations

import difflib
import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import EditionError, Issue, OutputExistsError
from .tei import parse_bytes, write_atomic

BACKUP_DIR = Path(".edition-cache") / "backup"
GENERATED_DIR = Path(".edition-cache") / "generated"


def merge3(base: list[str], ours: list[str], theirs: list[str]) -> tuple[list[str], list[int]]:
    """Three-way merge of line lists: the changes from ``base`` to ``ours``
    and from ``base`` to ``theirs``. Returns the merged lines and the 1-based
    lines of ``ours`` where both changed the same region differently."""
    def matches(other: list[str]) -> dict[int, int]:
        sm = difflib.SequenceMatcher(None, base, other, autojunk=False)
        return {a + k: b + k for a, b, n in sm.get_matching_blocks() for k in range(n)}

    in_ours, in_theirs = matches(ours), matches(theirs)
    merged: list[str] = []
    conflicts: list[int] = []
    i = j = k = 0

    def chunk(i2: int, j2: int, k2: int) -> None:
        b, o, t = base[i:i2], ours[j:j2], theirs[k:k2]
        if o == b:
            merged.extend(t)
        elif t == b or o == t:
            merged.extend(o)
        else:
            conflicts.append(j + 1)
            merged.extend(o)

    for stable in range(len(base)):
        if stable < i or stable not in in_ours or stable not in in_theirs:
            continue
        j2, k2 = in_ours[stable], in_theirs[stable]
        if j2 < j or k2 < k:
            continue
        chunk(stable, j2, k2)
        merged.append(ours[j2])
        i, j, k = stable + 1, j2 + 1, k2 + 1
    chunk(len(base), len(ours), len(theirs))
    return merged, conflicts


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Overwrite:
    """What :meth:`EditorWork.plan_overwrite` decided."""

    warnings: list[Issue]  # the backups made (with --force)
    merge: set[str] = field(default_factory=set)  # ids whose editor's file the new version is merged into


@dataclass
class EditorWork:
    """The build state's record of written and edited TEI files.

    ``written`` maps a document id to the digest of the bytes the build last
    wrote; ``edited`` holds the ids of files an editor changed since then.
    Both live in the build state (``state["written"]``, ``state["edited"]``).
    """

    written: dict[str, str]
    edited: set[str]

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> EditorWork:
        return cls(dict(state.get("written", {})), set(state.get("edited", [])))

    def save(self, state: dict[str, Any]) -> None:
        state["written"] = dict(sorted(self.written.items()))
        state["edited"] = sorted(self.edited)

    def observe(self, doc_id: str, data: bytes) -> None:
        """Note the bytes found in ``tei/<id>.xml`` before the build touches it."""
        known = self.written.get(doc_id)
        if known is not None and known != digest(data):
            self.edited.add(doc_id)

    def is_generated(self, doc_id: str) -> bool:
        return doc_id in self.written and doc_id not in self.edited

    def wrote(self, doc_id: str, data: bytes, *, ingested: bool = False) -> None:
        """The build wrote ``data`` to ``tei/<id>.xml``. A fresh ingest makes a
        file generated again; a later stage only follows a generated file."""
        if ingested:
            self.edited.discard(doc_id)
            self.written[doc_id] = digest(data)
        elif self.is_generated(doc_id):
            self.written[doc_id] = digest(data)

    def plan_overwrite(self, root: Path, targets: dict[str, Path], *, force: bool, merge: bool,
                       action: str, otherwise: str = "") -> Overwrite:
        """The overwrite policy, for every command that replaces TEI files
        (``edition ingest``, ``edition build --reingest``), before anything
        is written: ``targets`` maps ids to the files to be replaced.

        A file the build wrote and nobody changed since is simply replaced.
        Any other existing file may hold an editor's work: with ``force`` it
        is backed up (a warning names the backup) and replaced; without, when
        ``merge`` is allowed and the version the build generated was kept,
        the new version is merged with the editor's (:meth:`carry_over`: the
        returned ``merge`` ids); otherwise the whole command is refused
        (:class:`OutputExistsError`, naming the files; nothing was
        ``action``, e.g. "re-ingested"; ``otherwise`` is the hint's other way
        out, e.g. "leave out --reingest")."""
        at_risk = {doc_id: path for doc_id, path in targets.items()
                   if path.exists() and not self.is_generated(doc_id)}
        if force:
            return Overwrite([self._backed_up(root, doc_id, path) for doc_id, path in sorted(at_risk.items())])
        mergeable = {doc_id for doc_id in at_risk if merge and doc_id in self.written
                     and (root / GENERATED_DIR / f"{doc_id}.xml").is_file()}
        refused = {doc_id: path for doc_id, path in at_risk.items() if doc_id not in mergeable}
        if refused:
            names = ", ".join(str(p) for p in refused.values())
            one = len(refused) == 1
            raise OutputExistsError(
                f"{'was' if one else 'were'} changed by an editor (or not written by this build); "
                f"not overwritten, nothing was {action}",
                path=names,
                hint=f"Pass --force to replace {'it' if one else 'them'} (a backup is kept in "
                     f".edition-cache/backup/){', or ' + otherwise if otherwise else ''}.",
            )
        return Overwrite([], mergeable)

    def _backed_up(self, root: Path, doc_id: str, path: Path) -> Issue:
        backup = self.backup(root, doc_id, path)
        return Issue(str(path), None, None, "warning",
                     f"replaced (--force); the editor's version is kept in {backup}", "editor-work-backup")

    @staticmethod
    def staging(root: Path, doc_id: str) -> Path:
        """Where a re-ingest to be merged writes the new TEI first."""
        return root / GENERATED_DIR / "new" / f"{doc_id}.xml"

    def ingested(self, root: Path, doc_id: str, target: Path, written: Path, merge: bool) -> Issue | None:
        """Ingest wrote ``written`` for ``doc_id``: ``target`` itself (a
        generated file again), or, when ``merge``, its staging file, to be
        merged into the editor's ``target``. Returns the merge's warning or
        error."""
        data = written.read_bytes()
        if not merge:
            self.wrote(doc_id, data, ingested=True)
            self.keep_generated(root, doc_id, data)
            return None
        try:
            return self.carry_over(root, doc_id, target, data)
        finally:
            self.staging(root, doc_id).unlink(missing_ok=True)

    @staticmethod
    def backup(root: Path, doc_id: str, path: Path) -> Path:
        stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
        backup = root / BACKUP_DIR / f"{doc_id}.{stamp}.xml"
        k = 2
        while backup.exists():
            backup = root / BACKUP_DIR / f"{doc_id}.{stamp}-{k}.xml"
            k += 1
        write_atomic(backup, path.read_bytes())
        return backup

    @staticmethod
    def keep_generated(root: Path, doc_id: str, data: bytes) -> None:
        """Keep what ingest produced: the base of a later merge."""
        write_atomic(root / GENERATED_DIR / f"{doc_id}.xml", data)

    def carry_over(self, root: Path, doc_id: str, target: Path, new: bytes) -> Issue:
        """Merge the editor's changes in ``target`` into the ``new`` ingest.
        Clean: the merge replaces ``target`` (editor's version backed up) and
        a warning says so. Conflict or not well-formed: ``target`` is left as
        it is and the error names the line."""
        base_path = root / GENERATED_DIR / f"{doc_id}.xml"
        try:
            base, ours = base_path.read_bytes().decode("utf-8"), target.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            return Issue(str(target), None, None, "error",
                         "the editor's file is not UTF-8, so its changes cannot be merged; not re-ingested, the file "
                         "is unchanged. Save it as UTF-8, or pass --force (a backup is kept)", "editor-work-conflict")
        merged, conflicts = merge3(base.splitlines(keepends=True), ours.splitlines(keepends=True),
                                   new.decode("utf-8").splitlines(keepends=True))
        if conflicts:
            return Issue(str(target), conflicts[0], None, "error",
                         f"the editor's changes here and the new ingest change the same lines "
                         f"({len(conflicts)} place{'s' if len(conflicts) > 1 else ''}); not re-ingested, the file is "
                         "unchanged. Carry the change over by hand, or pass --force (a backup is kept)",
                         "editor-work-conflict")
        data = "".join(merged).encode("utf-8")
        try:
            parse_bytes(data, str(target))
        except EditionError as exc:
            return Issue(str(target), exc.line, None, "error",
                         "merging the editor's changes with the new ingest gives XML that is not well-formed; "
                         "not re-ingested, the file is unchanged. Pass --force to replace it (a backup is kept)",
                         "editor-work-conflict")
        backup = self.backup(root, doc_id, target)
        write_atomic(target, data)
        self.keep_generated(root, doc_id, new)
        return Issue(str(target), None, None, "warning",
                     f"re-ingested with the editor's changes carried over; the editor's version is kept in {backup}",
                     "editor-work-merged")
