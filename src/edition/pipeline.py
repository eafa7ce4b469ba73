"""The whole edition, per project: the stages of :func:`build`, in order.

    raw/<id>.txt|.pdf ─ingest─▶ tei/<id>.xml ─annotate─▶ tei/<id>.xml + tei/registers.xml
                      ─validate─▶ issues ─count─▶ figures ─render─▶ output/html/, output/text/
                      ─review─▶ output/review/index.html (the editor's review page)

:func:`build` is the list :data:`STAGES` run by one loop over one
:class:`BuildRun` (the project, the options, the report, the build state and
the build's one :class:`~edition.parallel.DocumentPool`, whose workers keep
what they load from stage to stage and round to round). Each stage is a
function whose docstring says what it reads, its incremental key (what,
unchanged since the last build, lets it skip a document) and what it writes:

============  =========================================================  =====================================
stage         incremental key                                            writes
============  =========================================================  =====================================
ingest        ``tei/<id>.xml`` exists (``--reingest``: none)             tei/<id>.xml (editor's work merged)
annotate      per text: TEI, registers, decisions digests + version      tei/<id>.xml, tei/registers.xml
validate      per text: TEI, registers digests, schemas, profile,        nothing (issues; invalid texts drop out)
              version; the registers file: its digest, ditto
count         per text: TEI digest                                       nothing (the report's figures)
render        every valid text's TEI, registers, xslt/, formats, ...     output/<format>/
review        every valid text, registers, decisions (HTML only)         output/review/index.html
============  =========================================================  =====================================

What was built from what is kept in ``.edition-cache/build-state.json``
(safe to delete: the next build redoes everything). The parent process keeps
a digest per text, never a text: every per-document step runs in the pool and
writes its own file. Every file is written atomically, so a failure leaves the
previous version in place. The output is the same for any ``jobs``.
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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .editor_work import EditorWork
from .errors import EditionError, Issue
from .lock import project_lock, remove_stray_temporaries
from .parallel import DocumentPool, Failed
from .paths import Project, check_readable, doc_id_from_path, input_root
from .tei import TEI, parse_file, serialize, write_atomic

if TYPE_CHECKING:
    from .annotate.registers import Register
    from .validate import ValidateOptions

STATE_FILE = Path(".edition-cache") / "build-state.json"
ENTITY_TAGS = ("persName", "placeName", "orgName", "date")
VALIDATE_CHUNK = 20  # documents per validate_paths call

State = dict[str, Any]  # the build state, as JSON
Progress = Callable[[str, int, int], None]


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
    entities: Counter[str] = field(default_factory=Counter)
    notes: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    # CPU seconds per stage, this process and its workers: on a shared
    # machine the honest figure (wall time counts the others' work too)
    cpu_seconds: dict[str, float] = field(default_factory=dict)
    rendered: bool = False
    pruned: list[str] = field(default_factory=list)  # candidate entries no text refers to

    @property
    def ok(self) -> bool:
        return not self.failed and not any(i.severity == "error" for i in self.issues)

    def fail(self, doc_id: str, issue: Issue) -> None:
        self.failed.append(doc_id)
        self.issues.append(issue)


# -- small shared helpers ---------------------------------------------------------------

def cpu_time() -> float:
    """User + system CPU seconds of this process and of the workers it has waited for."""
    me, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + workers.ru_utime + workers.ru_stime


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_digest(path: Path) -> str:
    """The digest of a file's bytes; "" when it does not exist."""
    return sha256(path.read_bytes()) if path.exists() else ""


def tree_digest(folder: Path, pattern: str = "**/*") -> str:
    """One hash over every file of a folder (names and bytes), e.g. xslt/."""
    h = hashlib.sha256()
    if folder.exists():
        for path in sorted(p for p in folder.glob(pattern) if p.is_file()):
            h.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def key_of(fields: dict[str, Any]) -> str:
    """An incremental key: one digest over what a step read."""
    return sha256(json.dumps(fields, sort_keys=True).encode())


def load_state(project: Project) -> State:
    """The build state (what was built from what); {} when there is none."""
    try:
        state: State = json.loads((project.root / STATE_FILE).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def save_state(project: Project, state: State) -> None:
    write_atomic(project.root / STATE_FILE, json.dumps(state, indent=1, sort_keys=True).encode())


def _readable(path: Path, root: Path | None) -> bool:
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


# -- the build's running state ------------------------------------------------------------

@dataclass
class BuildRun:
    """What the stages share: each reads and extends it, in order."""

    project: Project
    options: BuildOptions
    pool: DocumentPool
    state: State
    work: EditorWork
    progress: Progress
    report: BuildReport = field(default_factory=BuildReport)
    raws: list[Path] = field(default_factory=list)
    docs: list[Path] = field(default_factory=list)  # the TEI files still in the build
    digests: dict[Path, str] = field(default_factory=dict)  # TEI file → digest: all the parent keeps of a text

    @property
    def documents(self) -> dict[str, Any]:
        """Per text id, the keys it was last built with (``annotated``, ``validated``)."""
        docs: dict[str, Any] = self.state.setdefault("documents", {})
        return docs

    def forget(self, doc_id: str) -> None:
        """A text failed: the next build redoes it."""
        self.documents.pop(doc_id, None)

    def drop_failed(self) -> None:
        failed = set(self.report.failed)
        self.docs = [d for d in self.docs if d.stem not in failed]

    def save(self) -> None:
        self.work.save(self.state)
        save_state(self.project, self.state)

    @property
    def tool(self) -> str:
        return __version__


# -- 1. ingest ----------------------------------------------------------------------------

@dataclass(frozen=True)
class IngestTask:
    raw: Path
    target: Path  # tei/<id>.xml, or the staging file of an edited one to merge into


@dataclass(frozen=True)
class Ingested:
    warnings: list[Issue]


def ingest_text(root: Path, task: IngestTask) -> Ingested:
    """The step (in a worker): one raw text to its TEI file."""
    from .ingest import ingest_file

    result = ingest_file(task.raw, root=root)
    write_atomic(task.target, serialize(result.tree))
    return Ingested(result.warnings)


def texts_to_ingest(run: BuildRun) -> list[IngestTask]:
    """The raw texts without a TEI file (all, with ``reingest``); the editor's
    edits to the existing TEI files are noted first (:meth:`EditorWork.observe`)."""
    tasks = []
    for raw in run.raws:
        target = run.project.tei / f"{doc_id_from_path(raw)}.xml"
        if target.is_file() and _readable(target, run.project.root):
            run.work.observe(target.stem, target.read_bytes())
        if run.options.reingest or not target.exists():
            tasks.append(IngestTask(raw, target))
    return tasks


def ingest_stage(run: BuildRun) -> None:
    """Ingest.

    Reads: raw/<id>.txt|.pdf (+ .toml). Key: ``tei/<id>.xml`` exists; with
    ``reingest``, every text, under the overwrite policy
    (:meth:`EditorWork.plan_overwrite`: an editor's file is merged or refused,
    or with ``force`` backed up). Writes: tei/<id>.xml and the state's record
    of what the build wrote."""
    tasks = texts_to_ingest(run)
    plan = run.work.plan_overwrite(run.project.root, {t.target.stem: t.target for t in tasks},
                                   force=run.options.force, merge=True, action="re-ingested",
                                   otherwise="leave out --reingest")
    run.report.issues.extend(plan.warnings)
    # an edited file is re-ingested beside it, then merged (EditorWork.carry_over)
    tasks = [IngestTask(t.raw, run.work.staging(run.project.root, t.target.stem)) if t.target.stem in plan.merge
             else t for t in tasks]
    steps = run.pool.imap(ingest_text, tasks, run.project.root,
                          progress=lambda done, total: run.progress("ingest", done, total))
    for task, outcome in zip(tasks, steps, strict=True):
        doc_id = doc_id_from_path(task.raw)
        if isinstance(outcome, Failed):
            run.report.fail(doc_id, outcome.error.as_issue("ingest", str(task.raw)))
            continue
        run.report.issues.extend(outcome.warnings)
        issue = run.work.ingested(run.project.root, doc_id, run.project.tei / f"{doc_id}.xml", task.target,
                                  doc_id in plan.merge)
        if issue is not None:
            run.report.issues.append(issue)
            if issue.severity == "error":
                run.report.failed.append(doc_id)
    if tasks:  # recorded now: a later stage may fail, the TEI files are written
        run.save()
    run.docs = [run.project.tei / f"{doc_id_from_path(r)}.xml" for r in run.raws
                if doc_id_from_path(r) not in run.report.failed]


# -- 2. annotate --------------------------------------------------------------------------

def _decisions_key(project: Project) -> str:
    """The editor's review decisions are an input of annotate: a change redoes it."""
    from .annotate.review import DECISIONS_FILE

    return file_digest(project.root / DECISIONS_FILE)


def annotate_key(run: BuildRun, tei_digest: str, registers_digest: str) -> dict[str, str]:
    return {"tei": tei_digest, "registers": registers_digest, "tool": run.tool,
            "decisions": _decisions_key(run.project)}


def readable_documents(run: BuildRun) -> None:
    """Leave out (as failed) the TEI files that may not be read (a symlink out
    of the project, a FIFO); note the digest of the others."""
    for tei_path in list(run.docs):
        try:
            check_readable(tei_path, run.project.root)
        except EditionError as exc:
            run.report.fail(tei_path.stem, exc.as_issue("input", str(tei_path)))
            continue
        run.digests[tei_path] = sha256(tei_path.read_bytes())
    run.drop_failed()


def annotate_stage(run: BuildRun) -> None:
    """Annotate.

    Reads: tei/<id>.xml, tei/registers.xml, review/decisions.tsv. Key per
    text: its TEI digest, the registers' digest, the decisions' digest and
    the tool version; a text whose key is unchanged is *settled* and redone
    only if names the others teach the register occur in it
    (:mod:`edition.annotate.corpus`). Writes: the changed tei/<id>.xml and
    tei/registers.xml (candidates no text refers to pruned)."""
    readable_documents(run)
    registers_digest = file_digest(run.project.registers) or sha256(b"")
    todo: list[Path] = []
    settled: list[Path] = []
    for tei_path in run.docs:
        key = annotate_key(run, run.digests[tei_path], registers_digest)
        (settled if run.documents.get(tei_path.stem, {}).get("annotated") == key else todo).append(tei_path)
    if not todo:
        run.report.skipped.extend(p.stem for p in settled)
        return
    annotate_documents(run, todo, settled)


def annotation_options(run: BuildRun, register: Register) -> Any:
    """The project's annotate options; the editor's review decisions
    (review/decisions.tsv) are applied to ``register`` first."""
    from .annotate import AnnotateOptions
    from .annotate.review import prepare

    # the project's first language is that of documents that declare none;
    # without one, annotate reads the document's words
    return AnnotateOptions(default_language=run.project.config.default_language,
                           rejected=prepare(register, run.project.root))


def annotate_documents(run: BuildRun, todo: list[Path], settled: list[Path]) -> None:
    """Annotate ``todo`` (and whichever ``settled`` texts the registers'
    growth concerns), write what changed and record what each was built from."""
    from .annotate.corpus import annotate_corpus
    from .annotate.registers import Register

    registers_path = run.project.registers
    register = Register.load(registers_path) if registers_path.exists() else Register()
    before = serialize(register.to_tree()) if registers_path.exists() else b""

    def write(tei_path: Path, data: bytes) -> None:
        digest = sha256(data)
        if digest != run.digests[tei_path]:
            write_atomic(tei_path, data)
            run.work.wrote(tei_path.stem, data)
        run.digests[tei_path] = digest

    corpus = annotate_corpus(todo, register, annotation_options(run, register), settled=settled,
                             pool=run.pool, progress=lambda done, total: run.progress("annotate", done, total),
                             write=write, keep_occurrences=False)
    for tei_path, outcome in corpus.outcomes.items():
        run.report.issues.extend(outcome.warnings)  # e.g. a text not in Turkish, left alone
        if outcome.issue is not None:
            run.report.fail(tei_path.stem, outcome.issue)
            run.forget(tei_path.stem)
        else:
            run.report.built.append(tei_path.stem)
    run.report.skipped.extend(p.stem for p in settled if p not in corpus.outcomes)
    if not run.options.ids:
        run.report.pruned = prune_candidates(register, run.project.tei, run.pool)
    after = serialize(register.to_tree())
    if after != before or not registers_path.exists():
        write_atomic(registers_path, after)
    registers_digest = file_digest(registers_path)
    for tei_path in [*todo, *settled]:
        if tei_path.stem not in run.report.failed:
            record = run.documents.setdefault(tei_path.stem, {})
            record["annotated"] = annotate_key(run, run.digests[tei_path], registers_digest)
    run.drop_failed()


REF_RE = re.compile(rb'ref="registers\.xml#([^"]+)"')


def register_refs(_context: None, path: Path) -> frozenset[str]:
    """The step: the register ids a TEI file refers to."""
    return frozenset(m.decode() for m in REF_RE.findall(path.read_bytes()))


def prune_candidates(register: Register, tei_dir: Path, pool: DocumentPool | None = None) -> list[str]:
    """Drop candidate entries (``cert="low"``, added by annotate) that no
    document of ``tei_dir`` refers to any more, e.g. after the annotator
    stopped taking a word for a name. Entries an editor accepted are kept."""
    paths = [p for p in sorted(tei_dir.glob("*.xml")) if _readable(p, input_root(p))]
    # refused files are reported where the build reads them
    used: set[str] = set()
    refs = (pool or DocumentPool(1)).imap(register_refs, paths, None, light=True)
    for found in refs:
        if not isinstance(found, Failed):
            used |= found
    stale = sorted(eid for eid, e in register.entries.items() if e.candidate and eid not in used)
    register.remove(*stale)
    return stale


# -- 3. validate --------------------------------------------------------------------------

def validate_options(project: Project) -> ValidateOptions:
    """What the build validates against: the project's configured schemas and
    profile (by default TEI conformance; this repository: the edition's own)."""
    from .validate import ValidateOptions

    return ValidateOptions.for_project(project)


def validate_key(run: BuildRun, tei_digest: str, registers_digest: str) -> str:
    """What a text's validation read: its TEI, the registers its references
    point into, the schemas and profile, the tool."""
    config = run.project.config.validate
    return key_of({"tei": tei_digest, "registers": registers_digest, "schemas": list(config.schemas),
                   "profile": config.profile, "tool": run.tool})


def validate_chunk(options: ValidateOptions, paths: tuple[str, ...]) -> list[Issue]:
    """The step: validate a few files (a worker compiles each schema once)."""
    from .validate import validate_paths

    return validate_paths(paths, options)


def validate_documents(pool: DocumentPool, paths: list[Path], options: ValidateOptions,
                       progress: Callable[[int, int], None] | None = None) -> list[Issue]:
    """Every issue of ``paths``, in file order, whatever the pool's size."""
    names = [str(p) for p in paths]
    # validate_paths holds every document it is given in memory: small chunks
    # keep a process at a few documents (500 parsed articles are ~750 MB)
    chunks = [tuple(names[k:k + VALIDATE_CHUNK]) for k in range(0, len(names), VALIDATE_CHUNK)]
    issues: list[Issue] = []
    done = 0
    for chunk, found in zip(chunks, pool.imap(validate_chunk, chunks, options), strict=True):
        if isinstance(found, Failed):  # validate_paths reports a file's problems as issues
            raise found.error
        issues.extend(found)
        done += len(chunk)
        if progress is not None:
            progress(done, len(names))
    order = {p: k for k, p in enumerate(names)}
    return sorted(issues, key=lambda i: (order.get(i.path, 0), i.line or 0, i.col or 0, i.rule, i.message))


def validate_stage(run: BuildRun) -> None:
    """Validate.

    Reads: tei/<id>.xml, tei/registers.xml, the schemas. Key per text: its
    TEI digest, the registers' digest, the schemas, the profile, the tool
    version (:func:`validate_key`); the registers file has its own. A text
    (or the registers) is recorded as valid only after a run without any
    issue, so its warnings are shown again until they are fixed. Writes:
    nothing; a text with an error leaves the build (its output is kept)."""
    keys = texts_to_validate(run)
    if not keys:
        return
    run.progress("validate", 0, len(keys))
    issues = validate_documents(run.pool, list(keys), validate_options(run.project),
                                lambda done, total: run.progress("validate", done, total))
    run.report.issues.extend(issues)
    record_validation(run, keys, issues)
    invalid = {Path(i.path).stem for i in issues if i.severity == "error"}
    for doc in run.docs:
        if doc.stem in invalid:
            run.report.failed.append(doc.stem)
            run.forget(doc.stem)
    run.drop_failed()


def texts_to_validate(run: BuildRun) -> dict[Path, str]:
    """The texts (and the registers file) whose key changed since they were
    last found valid, in build order, the registers last, with their keys."""
    registers_path = run.project.registers
    registers_digest = file_digest(registers_path)
    keys = {d: validate_key(run, run.digests[d], registers_digest) for d in run.docs}
    todo = {d: key for d, key in keys.items() if run.documents.get(d.stem, {}).get("validated") != key}
    registers_key = validate_key(run, "registers", registers_digest)
    if registers_path.exists() and run.state.get("validated-registers") != registers_key:
        todo[registers_path] = registers_key
    return todo


def record_validation(run: BuildRun, keys: dict[Path, str], issues: list[Issue]) -> None:
    """Record as valid what was validated without any issue; forget the rest."""
    with_issues = {Path(i.path).name for i in issues}
    for path, key in keys.items():
        clean = path.name not in with_issues
        if path == run.project.registers:
            run.state["validated-registers"] = key if clean else None
        elif clean:
            run.documents.setdefault(path.stem, {})["validated"] = key
        else:
            run.documents.setdefault(path.stem, {}).pop("validated", None)


# -- 4. count -----------------------------------------------------------------------------

def count_elements(_context: None, path: Path) -> dict[str, int]:
    """The step: the notes and the tagged entities of one TEI file."""
    root = parse_file(path).getroot()
    return {"notes": sum(1 for _ in root.iter(TEI + "note")),
            **{tag: sum(1 for _ in root.iter(TEI + tag)) for tag in ENTITY_TAGS}}


def count_stage(run: BuildRun) -> None:
    """Count.

    Reads: the valid tei/<id>.xml. Key per text: its TEI digest. Writes:
    nothing (the figures go in the report and, per text, in the state)."""
    counts: dict[str, Any] = run.state.setdefault("counts", {})
    todo = [d for d in run.docs if counts.get(d.stem, {}).get("tei") != run.digests[d]]
    found = run.pool.imap(count_elements, todo, None, light=True,
                          progress=lambda done, total: run.progress("count", done, total))
    for doc, figures in zip(todo, found, strict=True):
        if isinstance(figures, Failed):  # read a moment ago; the build reports it again next time
            raise figures.error
        counts[doc.stem] = {"tei": run.digests[doc], **figures}
    for doc in run.docs:
        for tag in ENTITY_TAGS:
            run.report.entities[tag] += counts[doc.stem][tag]
        run.report.notes += counts[doc.stem]["notes"]


# -- 5. render ----------------------------------------------------------------------------

def render_key(run: BuildRun) -> str:
    """What the site as a whole is built from (render decides per text, from
    its own cache, which pages a change concerns)."""
    return key_of({
        "docs": {d.stem: run.digests[d] for d in run.docs},
        "registers": file_digest(run.project.registers),
        "xslt": tree_digest(run.project.xslt),
        "tool": run.tool,
        "formats": list(run.options.formats),
        "site_title": run.project.config.render.site_title,
    })


def render_format(run: BuildRun, fmt: str) -> list[Issue]:
    """Render the valid texts in one format; the texts the stylesheets failed on."""
    from .render import RenderOptions, render

    registers = run.project.registers
    jobs = render_jobs(run.options.jobs, len(run.docs))
    result = render(run.docs, run.project.output,
                    RenderOptions(format=fmt, site_title=run.project.config.render.site_title),
                    registers=registers, xslt_dir=run.project.xslt_for(fmt),
                    # the build's workers; render keeps per-text parts in the project's cache and
                    # renders again only the texts (and site pages) whose inputs changed
                    # (a handful of texts renders in this process: see render_jobs)
                    pool=run.pool if jobs > 1 else None, cache_dir=run.project.cache, jobs=jobs)
    return list(result.failed)


def render_stage(run: BuildRun) -> None:
    """Render.

    Reads: the valid tei/<id>.xml, tei/registers.xml, xslt/. Key: all of
    them with the formats and the site title (:func:`render_key`); within
    a render, render itself skips what it has already made. Writes:
    output/<format>/."""
    key = render_key(run)
    outputs_exist = all((run.project.output / fmt).exists() for fmt in run.options.formats)
    if not run.docs or (run.state.get("render") == key and outputs_exist):
        return
    render_failed = False
    for done, fmt in enumerate(run.options.formats, 1):
        # a document the stylesheets fail on is reported; the others were rendered
        for issue in render_format(run, fmt):
            render_failed = True
            run.report.issues.append(issue)
            if Path(issue.path).stem not in run.report.failed:
                run.report.failed.append(Path(issue.path).stem)
        run.progress("render", done, len(run.options.formats))
    run.state["render"] = None if render_failed else key
    run.report.rendered = True


# -- 6. review page ------------------------------------------------------------------------

def review_key(run: BuildRun) -> str:
    """What the review page shows: every text, the registers, the decisions."""
    return key_of({
        "docs": {d.stem: run.digests[d] for d in run.docs},
        "registers": file_digest(run.project.registers),
        "decisions": _decisions_key(run.project),
        "tool": run.tool,
    })


def review_stage(run: BuildRun) -> None:
    """The editor's review page (:mod:`edition.annotate.review_page`).

    Reads: the valid tei/<id>.xml, tei/registers.xml, review/decisions.tsv.
    Key: all of them (:func:`review_key`), only with the HTML format.
    Writes: output/review/index.html."""
    from .annotate.review_page import write_review_page

    if "html" not in run.options.formats or not run.docs:
        return
    key = review_key(run)
    page = run.project.output / "review" / "index.html"
    if run.state.get("review") == key and page.exists():
        return
    run.progress("review", 0, len(run.docs))
    try:
        write_review_page(run.project, texts=list(run.docs))
    except EditionError as exc:  # the edition is built; only the editor's page is missing
        run.report.issues.append(exc.as_issue("review", str(page)))
        return
    run.progress("review", len(run.docs), len(run.docs))
    run.state["review"] = key


# -- the build ----------------------------------------------------------------------------

Stage = Callable[[BuildRun], None]

#: The flow of a build, in order; each name is the stage's in the report.
STAGES: list[tuple[str, Stage]] = [
    ("ingest", ingest_stage),
    ("annotate", annotate_stage),
    ("validate", validate_stage),
    ("count", count_stage),
    ("render", render_stage),
    ("review", review_stage),
]


@contextmanager
def measured(run: BuildRun, name: str) -> Iterator[None]:
    """Wall and CPU seconds of a stage: this process, the pool's workers
    (their own count, reported per task) and any process it waited for."""
    wall, cpu, workers = time.perf_counter(), cpu_time(), run.pool.worker_cpu_seconds
    try:
        yield
    finally:
        run.report.seconds[name] = time.perf_counter() - wall
        run.report.cpu_seconds[name] = cpu_time() - cpu + run.pool.worker_cpu_seconds - workers


def start(project: Project, options: BuildOptions, pool: DocumentPool, progress: Progress | None) -> BuildRun:
    """The run before the first stage: the state, the editor's record, the
    raw texts (badly named ones reported)."""
    state = load_state(project)
    state.pop("validate", None)  # the whole-corpus validate key of earlier versions
    run = BuildRun(project, options, pool, state, EditorWork.from_state(state),
                   progress or (lambda stage, done, total: None))
    for issue in badly_named(project, options.ids):
        run.report.fail(Path(issue.path).stem, issue)
    run.raws = raw_texts(project, options.ids)
    if not run.raws:
        raise EditionError("no raw texts to build", path=str(project.raw), hint="Put raw/<id>.txt files there.")
    return run


def build(project: Project, options: BuildOptions = BuildOptions(),
          progress: Progress | None = None) -> BuildReport:
    """Run :data:`STAGES` in order under the project's lock (a second build
    stops with a message), after removing the temporary files a killed build
    left. One pool of ``options.jobs`` workers serves every stage."""
    with project_lock(project.root):
        remove_stray_temporaries(project.tei, project.output, project.root / STATE_FILE.parent)
        with DocumentPool(options.jobs) as pool:
            run = start(project, options, pool, progress)
            for name, stage in STAGES:
                with measured(run, name):
                    stage(run)
        run.save()
        return run.report


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
        return list(_stale_files(project, copy))


def _stale_files(project: Project, copy: Project) -> Iterator[str]:
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
                yield f"{name}/{rel}"
