"""Editors' work: which TEI files the build wrote, and which an editor changed.

An editor corrects the TEI the build generated (retypes a name, rejects one,
adds a note, fixes a typo). ``build --reingest`` makes that file again from the
raw text, so it must know whether anyone changed the file since the build last
wrote it. The build records the digest of every TEI file it writes (ingest and
annotate) in its state; a file whose bytes differ from that record, or that the
build never wrote, holds (or may hold) an editor's work. The mark is sticky: a
later annotate pass over the edited file does not make it "generated" again.

Re-ingesting such a file is refused unless forced; forced, the editor's file is
first copied to ``.edition-cache/backup/<id>.<UTC time>.xml`` and the backup is
reported. (Carrying the edits over to the new TEI, a three-way merge against
the generated version, is not built yet; the refusal makes sure nothing is lost
meanwhile.)
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from pathlib import Path

from .errors import Issue, OutputExistsError
from .tei import write_atomic

BACKUP_DIR = Path(".edition-cache") / "backup"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


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
    def from_state(cls, state: dict) -> "EditorWork":
        return cls(dict(state.get("written", {})), set(state.get("edited", [])))

    def save(self, state: dict) -> None:
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

    def guard_reingest(self, root: Path, targets: dict[str, Path], *, force: bool) -> list[Issue]:
        """Before re-ingesting ``targets`` (id → existing TEI file): refuse, or
        with ``force`` back up every file that may hold an editor's work.
        Returns a warning per backup; raises before anything is written."""
        at_risk = {doc_id: path for doc_id, path in targets.items()
                   if path.exists() and not self.is_generated(doc_id)}
        if not at_risk:
            return []
        if not force:
            names = ", ".join(str(p) for p in at_risk.values())
            one = len(at_risk) == 1
            raise OutputExistsError(
                f"{'was' if one else 'were'} changed by an editor (or not written by this build) and would be "
                "replaced by --reingest; nothing was re-ingested.",
                path=names,
                hint=f"Pass --force to replace {'it' if one else 'them'} (a backup is kept in "
                     ".edition-cache/backup/), or leave out --reingest.",
            )
        stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
        warnings = []
        for doc_id, path in sorted(at_risk.items()):
            backup = root / BACKUP_DIR / f"{doc_id}.{stamp}.xml"
            k = 2
            while backup.exists():
                backup = root / BACKUP_DIR / f"{doc_id}.{stamp}-{k}.xml"
                k += 1
            write_atomic(backup, path.read_bytes())
            warnings.append(Issue(str(path), None, None, "warning",
                                  f"replaced by --reingest --force; the editor's version is kept in {backup}",
                                  "editor-work-backup"))
        return warnings
