"""The whole edition, per project: ingest → annotate → validate → render.

:func:`build` runs the stages in that order for every text of the project
(or the ones named) and skips work whose inputs have not changed:

1. ingest   — only texts without ``tei/<id>.xml`` (or all, with ``reingest``);
   parallel across documents (``jobs`` worker processes);
2. annotate — every TEI whose bytes, the registers or the tool version changed
   since its last successful annotation; parallel across documents, in rounds
   that merge the names each document adds to the registers in a fixed order
   (:mod:`edition.annotate.corpus`), so the result does not depend on ``jobs``;
3. validate — the edition schema and project rules, schema compiled once;
4. render   — HTML and text for the valid documents, stylesheets compiled once,
   skipped when no input (TEI, registers, stylesheets, version) changed.

What was built from what is kept in ``.edition-cache/build-state.json``; the
file is safe to delete (the next build redoes everything). Every file is
written atomically, so a failure leaves the previous version in place.
"""

from __future__ import annotations

import filecmp
import hashlib
import json
import os
import re
import resource
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .editor_work import EditorWork
from .errors import EditionError, Issue
from .lock import die_with_parent, project_lock, remove_stray_temporaries
from .paths import Project, check_readable, doc_id_from_path, input_root
from .tei import TEI, parse_file, serialize, write_atomic

STATE_FILE = Path(".edition-cache") / "build-state.json"
ENTITY_TAGS = ("persName", "placeName", "orgName", "date")
VALIDATE_CHUNK = 20  # documents per validate_paths call


@dataclass(frozen=True)
class BuildOptions:
    reingest: bool = False
    jobs: int = max(1, os.cpu_count() or 1)
    formats: tuple[str, ...] = ("html", "text")
    ids: tuple[str, ...] = ()
    # Re-ingest TEI files an editor changed (each is backed up first).
    force: bool = False


@dataclass
class BuildReport:
    built: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    entities: Counter = field(default_factory=Counter)
    notes: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    # CPU seconds per stage, this process and its finished workers: on a shared
    # machine the honest figure (wall time counts the others' work too)
    cpu_seconds: dict[str, float] = field(default_factory=dict)
    rendered: bool = False
    pruned: list[str] = field(default_factory=list)  # candidate entries no text refers to

    @property
    def ok(self) -> bool:
        return not self.failed and not any(i.severity == "error" for i in self.issues)


def cpu_time() -> float:
    """User + system CPU seconds of this process and of the workers it has waited for."""
    me, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + workers.ru_utime + workers.ru_stime


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def tree_digest(folder: Path, pattern: str = "**/*") -> str:
    """One hash over every file of a folder (names and bytes), e.g. xslt/."""
    h = hashlib.sha256()
    if folder.exists():
        for path in sorted(p for p in folder.glob(pattern) if p.is_file()):
            h.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def _load_state(project: Project) -> dict:
    path = project.root / STATE_FILE
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}


def _save_state(project: Project, state: dict) -> None:
    write_atomic(project.root / STATE_FILE, json.dumps(state, indent=1, sort_keys=True).encode())


def _ingest_one(raw: str, target: str, root: str | None = None) -> tuple[str, list[Issue], bytes]:
    """Worker: ingest one raw text to its TEI file (runs in a worker process)."""
    from .ingest import ingest_file

    result = ingest_file(Path(raw), root=Path(root) if root else None)
    data = serialize(result.tree)
    write_atomic(Path(target), data)
    return target, result.warnings, data


REF_RE = re.compile(rb'ref="registers\.xml#([^"]+)"')


def prune_candidates(register, tei_dir: Path) -> list[str]:
    """Drop candidate entries (``cert="low"``, added by annotate) that no
    document of ``tei_dir`` refers to any more, e.g. after the annotator
    stopped taking a word for a name. Entries an editor accepted are kept."""
    used: set[str] = set()
    for path in tei_dir.glob("*.xml"):
        if not _readable(path, input_root(path)):
            continue  # refused, and reported, where the build reads it
        used.update(m.decode() for m in REF_RE.findall(path.read_bytes()))
    stale = sorted(eid for eid, e in register.entries.items() if e.candidate and eid not in used)
    register.remove(*stale)
    return stale


def _readable(path: Path, root: Path) -> bool:
    try:
        check_readable(path, root)
    except EditionError:
        return False
    return True


def _usable_id(path: Path) -> str | None:
    try:
        return doc_id_from_path(path)
    except EditionError:
        return None


def badly_named(project: Project, ids: tuple[str, ...] = ()) -> list[Issue]:
    """Raw texts whose file name is not a usable id: an error each, unless
    the build names its texts (then they do not concern it)."""
    if ids:
        return []
    return [Issue(str(r), None, None, "error", f"{r.stem!r} is not a usable document id; not built. Use lower-case "
                  "letters, digits, '-', '_' and '.', e.g. raw/baku-1918.txt.", "raw-name")
            for r in sorted([*project.raw.glob("*.txt"), *project.raw.glob("*.pdf")]) if _usable_id(r) is None]


def raw_texts(project: Project, ids: tuple[str, ...] = ()) -> list[Path]:
    """The raw texts to build (badly named ones are left to :func:`badly_named`):
    raw/<id>.txt (a text extraction) or raw/<id>.pdf (the PDF route), one per id."""
    raws = sorted(r for r in [*project.raw.glob("*.txt"), *project.raw.glob("*.pdf")] if _usable_id(r) is not None)
    twice = sorted({r.stem for r in raws if r.suffix == ".pdf"} & {r.stem for r in raws if r.suffix == ".txt"})
    if twice:
        raise EditionError(f"both a .txt and a .pdf for {', '.join(twice)}", path=str(project.raw),
                           hint="Keep one source per text: move the other out of raw/.")
    if ids:
        wanted = set(ids)
        unknown = wanted - {doc_id_from_path(r) for r in raws}
        if unknown:
            raise EditionError(
                f"no raw text for {', '.join(sorted(unknown))}",
                path=str(project.raw),
                hint="Name texts by their id, e.g. `edition build baku-katliami-1918`.",
            )
        raws = [r for r in raws if doc_id_from_path(r) in wanted]
    return raws


def render_jobs(jobs: int, documents: int) -> int:
    """Worker processes for rendering: each costs a second or so to start and
    compile the stylesheets, which a handful of documents do not repay."""
    return jobs if documents >= 8 * jobs else 1


def _validate_chunk(paths: list[str], options) -> list[Issue]:
    """Worker: validate some files (the schema is compiled once per process)."""
    from .validate import validate_paths

    return validate_paths(paths, options)


def validate_options(project: Project):
    """What the build validates against: the project's configured schemas and
    profile (by default TEI conformance; this repository: the edition's own)."""
    from .validate import ValidateOptions

    return ValidateOptions(schemas=project.validate_schemas(), profile=project.config.validate.profile,
                           cache_dir=project.cache)


def _validate(docs: list[Path], registers: Path | None, jobs: int, options) -> list[Issue]:
    """Every issue of the documents and the registers, in file order; the
    documents are split over ``jobs`` processes when there are many."""
    paths = [str(d) for d in docs] + ([str(registers)] if registers else [])
    # validate_paths holds every document it is given in memory: small chunks
    # keep a process at a few documents (500 parsed articles are ~750 MB)
    chunks = [paths[k:k + VALIDATE_CHUNK] for k in range(0, len(paths), VALIDATE_CHUNK)]
    if jobs <= 1 or len(docs) < 4 * jobs:
        issues = [issue for chunk in chunks for issue in _validate_chunk(chunk, options)]
    else:
        with ProcessPoolExecutor(max_workers=jobs, initializer=die_with_parent) as pool:
            issues = [issue for chunk in pool.map(_validate_chunk, chunks, [options] * len(chunks))
                      for issue in chunk]
    order = {p: k for k, p in enumerate(paths)}
    return sorted(issues, key=lambda i: (order.get(i.path, 0), i.line or 0, i.col or 0, i.rule, i.message))


def _decisions_key(project: Project) -> str:
    """The editor's review decisions are an input of annotate: a change redoes it."""
    from .annotate.review import DECISIONS_FILE

    path = project.root / DECISIONS_FILE
    return sha256(path.read_bytes()) if path.exists() else ""


def _annotate_stage(project: Project, options: BuildOptions, report: BuildReport, docs_state: dict,
                    todo: list[Path], settled: list[Path], digests: dict[Path, str], tick,
                    work: EditorWork) -> None:
    """Annotate ``todo`` (and whichever ``settled`` documents the registers'
    growth concerns), write what changed and record what each was built from."""
    from .annotate import AnnotateOptions
    from .annotate.corpus import annotate_corpus
    from .annotate.registers import Register

    registers_path = project.registers
    register = Register.load(registers_path) if registers_path.exists() else Register()
    reg_before = serialize(register.to_tree()) if registers_path.exists() else b""
    def write(tei_path: Path, data: bytes) -> None:
        digest = sha256(data)
        if digest != digests[tei_path]:
            write_atomic(tei_path, data)
            work.wrote(tei_path.stem, data)
        digests[tei_path] = digest

    from .annotate.review import prepare

    # the project's first language is that of documents that declare none;
    # without one, annotate reads the document's words
    languages = project.config.languages
    # the editor's review decisions (review/decisions.tsv) apply before any text
    rejected = prepare(register, project.root)
    annotate_options = AnnotateOptions(default_language=languages[0] if languages else None, rejected=rejected)
    corpus = annotate_corpus(todo, register, annotate_options, settled=settled, jobs=options.jobs,
                             progress=lambda done, total: tick("annotate", done, total),
                             write=write, keep_occurrences=False)
    for tei_path, outcome in corpus.outcomes.items():
        report.issues.extend(outcome.warnings)  # e.g. a text not in Turkish, left alone
        if outcome.issue is not None:
            report.failed.append(tei_path.stem)
            report.issues.append(outcome.issue)
            docs_state.pop(tei_path.stem, None)
            continue
        report.built.append(tei_path.stem)
    report.skipped.extend(p.stem for p in settled if p not in corpus.outcomes)
    if not options.ids:
        report.pruned = prune_candidates(register, project.tei)
    reg_after = serialize(register.to_tree())
    if reg_after != reg_before or not registers_path.exists():
        write_atomic(registers_path, reg_after)
    final_key = sha256(registers_path.read_bytes())
    for tei_path in [*todo, *settled]:
        if tei_path.stem not in report.failed:
            docs_state[tei_path.stem] = {"annotated": {"tei": digests[tei_path], "registers": final_key,
                                                       "tool": __version__, "decisions": _decisions_key(project)}}


def build(project: Project, options: BuildOptions = BuildOptions(),
          progress: Callable[[str, int, int], None] | None = None) -> BuildReport:
    """Build under the project's lock (a second build stops with a message),
    after removing the temporary files a killed build left."""
    with project_lock(project.root):
        remove_stray_temporaries(project.tei, project.output, project.root / STATE_FILE.parent)
        return _build(project, options, progress)


def _build(project: Project, options: BuildOptions, progress: Callable[[str, int, int], None] | None) -> BuildReport:
    report = BuildReport()
    state = _load_state(project)
    docs_state: dict = state.setdefault("documents", {})
    work = EditorWork.from_state(state)
    report.issues.extend(badly_named(project, options.ids))
    report.failed.extend(Path(i.path).stem for i in report.issues)
    raws = raw_texts(project, options.ids)
    if not raws:
        raise EditionError("no raw texts to build", path=str(project.raw), hint="Put raw/<id>.txt files there.")
    tick = progress or (lambda stage, done, total: None)

    # 1. ingest
    t0, c0 = time.perf_counter(), cpu_time()
    todo = []
    for raw in raws:
        target = project.tei / f"{doc_id_from_path(raw)}.xml"
        if target.is_file() and _readable(target, project.root):
            work.observe(target.stem, target.read_bytes())
        if options.reingest or not target.exists():
            todo.append((str(raw), str(target)))
    warnings, merge = work.guard_reingest(project.root, {Path(t).stem: Path(t) for _, t in todo}, force=options.force)
    report.issues.extend(warnings)
    # an edited file is re-ingested beside it, then merged (editor_work.carry_over)
    todo = [(r, str(work.staging(project.root, Path(t).stem)) if Path(t).stem in merge else t) for r, t in todo]
    root = str(project.root)

    def ingested(raw: str, data: bytes) -> None:
        doc_id = doc_id_from_path(raw)
        issue = work.ingested(project.root, doc_id, project.tei / f"{doc_id}.xml", data, doc_id in merge)
        if issue is not None:
            report.issues.append(issue)
            if issue.severity == "error":
                report.failed.append(doc_id)
    if todo:
        if options.jobs > 1 and len(todo) > 1:
            with ProcessPoolExecutor(max_workers=min(options.jobs, len(todo)), initializer=die_with_parent) as pool:
                futures = [pool.submit(_ingest_one, r, t, root) for r, t in todo]
                for k, fut in enumerate(futures, 1):
                    try:
                        _, warnings, data = fut.result()
                        report.issues.extend(warnings)
                        ingested(todo[k - 1][0], data)
                    except EditionError as exc:
                        report.failed.append(doc_id_from_path(todo[k - 1][0]))
                        report.issues.append(exc.as_issue("ingest", todo[k - 1][0]))
                    tick("ingest", k, len(todo))
        else:
            for k, (r, t) in enumerate(todo, 1):
                try:
                    _, warnings, data = _ingest_one(r, t, root)
                    report.issues.extend(warnings)
                    ingested(r, data)
                except EditionError as exc:
                    report.failed.append(doc_id_from_path(r))
                    report.issues.append(exc.as_issue("ingest", r))
                tick("ingest", k, len(todo))
    report.seconds["ingest"] = time.perf_counter() - t0
    report.cpu_seconds["ingest"] = cpu_time() - c0
    if todo:  # recorded now: a later stage may fail, the TEI files are written
        work.save(state)
        _save_state(project, state)

    # 2. annotate
    t0, c0 = time.perf_counter(), cpu_time()
    registers_path = project.registers
    reg_key = sha256(registers_path.read_bytes()) if registers_path.exists() else sha256(b"")
    tool = f"{__version__}"
    decisions_key = _decisions_key(project)
    docs = [project.tei / f"{doc_id_from_path(r)}.xml" for r in raws if doc_id_from_path(r) not in report.failed]
    for tei_path in list(docs):
        try:
            check_readable(tei_path, project.root)
        except EditionError as exc:
            docs.remove(tei_path)
            report.failed.append(tei_path.stem)
            report.issues.append(exc.as_issue("input", str(tei_path)))
    todo, settled, digests = [], [], {}
    for tei_path in docs:
        data = tei_path.read_bytes()
        digests[tei_path] = sha256(data)
        key = {"tei": digests[tei_path], "registers": reg_key, "tool": tool, "decisions": decisions_key}
        (settled if docs_state.get(tei_path.stem, {}).get("annotated") == key else todo).append(tei_path)
    if todo:
        _annotate_stage(project, options, report, docs_state, todo, settled, digests, tick, work)
    else:
        report.skipped.extend(p.stem for p in settled)
    report.seconds["annotate"] = time.perf_counter() - t0
    report.cpu_seconds["annotate"] = cpu_time() - c0

    # 3. validate: skipped when nothing it reads changed since a clean run
    t0, c0 = time.perf_counter(), cpu_time()
    docs = [d for d in docs if d.stem not in report.failed]
    validate_key = sha256(json.dumps({
        "docs": {d.stem: digests[d] for d in docs},
        "registers": sha256(registers_path.read_bytes()) if registers_path.exists() else "",
        "schemas": list(project.config.validate.schemas), "profile": project.config.validate.profile,
        "tool": tool}, sort_keys=True).encode())
    issues = []
    if state.get("validate") != validate_key:
        tick("validate", 0, len(docs))
        issues = _validate(docs, registers_path if registers_path.exists() else None, options.jobs,
                           validate_options(project))
        tick("validate", len(docs), len(docs))
        state["validate"] = validate_key if not issues else None
    report.issues.extend(issues)
    invalid = {Path(i.path).stem for i in issues if i.severity == "error"}
    for doc_id in sorted(invalid):
        if doc_id in {d.stem for d in docs}:
            report.failed.append(doc_id)
            docs_state.pop(doc_id, None)
    valid_docs = [d for d in docs if d.stem not in invalid]
    report.seconds["validate"] = time.perf_counter() - t0
    report.cpu_seconds["validate"] = cpu_time() - c0

    counts = state.setdefault("counts", {})
    for d in valid_docs:
        digest = digests[d]
        if counts.get(d.stem, {}).get("tei") != digest:
            root = parse_file(d).getroot()
            counts[d.stem] = {"tei": digest, "notes": sum(1 for _ in root.iter(TEI + "note")),
                              **{tag: sum(1 for _ in root.iter(TEI + tag)) for tag in ENTITY_TAGS}}
        for tag in ENTITY_TAGS:
            report.entities[tag] += counts[d.stem][tag]
        report.notes += counts[d.stem]["notes"]

    # 4. render
    t0, c0 = time.perf_counter(), cpu_time()
    render_key = sha256(
        json.dumps(
            {
                "docs": {d.stem: digests[d] for d in valid_docs},
                "registers": sha256(registers_path.read_bytes()) if registers_path.exists() else "",
                "xslt": tree_digest(project.xslt),
                "tool": tool,
                "formats": list(options.formats),
                "site_title": project.config.render.site_title,
            },
            sort_keys=True,
        ).encode()
    )
    outputs_exist = all((project.output / fmt).exists() for fmt in options.formats)
    if valid_docs and (state.get("render") != render_key or not outputs_exist):
        from .render import RenderOptions, render

        render_failed = False
        for fmt in options.formats:
            result = render(valid_docs, project.output,
                            RenderOptions(format=fmt, site_title=project.config.render.site_title),
                            registers=registers_path, xslt_dir=project.xslt_for(fmt),
                            jobs=render_jobs(options.jobs, len(valid_docs)))
            # a document the stylesheets fail on is reported; the others were rendered
            for issue in result.failed:
                render_failed = True
                report.issues.append(issue)
                if Path(issue.path).stem not in report.failed:
                    report.failed.append(Path(issue.path).stem)
            tick("render", options.formats.index(fmt) + 1, len(options.formats))
        state["render"] = None if render_failed else render_key
        report.rendered = True
    report.seconds["render"] = time.perf_counter() - t0
    report.cpu_seconds["render"] = cpu_time() - c0
    work.save(state)
    _save_state(project, state)
    return report


def check(project: Project, options: BuildOptions = BuildOptions()) -> list[str]:
    """The files a build would change (tei/, and output/ where it is kept), building in a copy."""
    with tempfile.TemporaryDirectory(prefix="edition-check-") as tmp:
        copy = Project(Path(tmp) / "project", project.config)
        copy.root.mkdir()
        for folder in (project.raw, project.tei, project.xslt, project.schema):
            if folder.is_dir():
                shutil.copytree(folder, copy.root / folder.relative_to(project.root))
        # force: the copy's TEI files are copies, an editor's work stays in the project
        build(copy, BuildOptions(reingest=options.reingest, jobs=1, formats=options.formats, ids=options.ids,
                                 force=True))
        stale: list[str] = []
        for name in (project.config.folders.tei, project.config.folders.output):
            new_dir, old_dir = copy.root / name, project.root / name
            if name == project.config.folders.output and not old_dir.exists():
                continue  # output/ is not kept (a fresh clone in CI): only tei/ can be stale
            new_files = {p.relative_to(new_dir) for p in new_dir.rglob("*") if p.is_file()} if new_dir.exists() else set()
            old_files = {p.relative_to(old_dir) for p in old_dir.rglob("*") if p.is_file()} if old_dir.exists() else set()
            # files the build writes that are missing or differ; files it does
            # not write (a benchmark's JSON in output/) are left alone by it
            for rel in sorted(new_files):
                if rel.parts and rel.parts[0].startswith("."):
                    continue
                if rel not in old_files or not filecmp.cmp(new_dir / rel, old_dir / rel, shallow=False):
                    stale.append(f"{name}/{rel}")
        return stale
