"""Running one step over many documents: the one place where parallelism lives.

Every per-document step of a build (ingest, annotate rounds, validate, render)
goes through :meth:`DocumentPool.map`, and a build opens one
:class:`DocumentPool` for all its stages, so the worker processes start once
and keep what they load (stylesheets, register, gazetteer) across stages and
rounds. A distributed executor would plug in here and nowhere else.

A step is a plain top-level function ``step(context, item) -> result``:

* ``item`` is one document's input (a path, bytes, a small tuple);
* ``context`` is what every document of the call shares (options, a
  register). It is pickled once per call, sent with each chunk of items, and
  unpickled once per worker (by its digest), not once per document;
* the results come back in the order of the items, whatever ``jobs`` is, so
  the output never depends on the number of processes.

An :class:`~edition.errors.EditionError` raised for one item is that item's
result (:class:`Failed`), so one bad document never stops the others; any
other exception is a bug and propagates.

Workers are *spawned*, not forked: a fork of a process running Saxon (a
GraalVM isolate with threads of its own) is not safe. A script that builds
with ``jobs`` > 1 therefore needs the ``if __name__ == "__main__":`` guard.
With ``jobs`` ≤ 1, or a single item, the step runs in this process.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import pickle
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from .errors import EditionError
from .lock import die_with_parent

C = TypeVar("C")
T = TypeVar("T")
R = TypeVar("R")

# Items per task: enough tasks for balance (four per worker), few enough that
# the context travels a handful of times per call.
TASKS_PER_WORKER = 4


@dataclass(frozen=True)
class Failed:
    """The result of an item whose step raised an :class:`EditionError`."""

    error: EditionError


Progress = Callable[[int, int], None]


class DocumentPool:
    """Worker processes for one build: ``with DocumentPool(jobs) as pool:``.

    The processes start on the first :meth:`map` that needs them and end
    when the ``with`` block ends (on an error, tasks not yet started are
    dropped).
    """

    def __init__(self, jobs: int) -> None:
        self.jobs = max(1, jobs)
        self._executor: Executor | None = None
        self._worker_cpu = 0.0

    def __enter__(self) -> DocumentPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def _workers(self) -> Executor:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(max_workers=self.jobs,
                                                 mp_context=multiprocessing.get_context("spawn"),
                                                 initializer=die_with_parent)
        return self._executor

    @property
    def worker_cpu_seconds(self) -> float:
        """CPU seconds the workers have spent so far (their start included).
        A pool lives as long as the build, so the operating system counts its
        workers' time only at the end; each task reports its own instead."""
        return self._worker_cpu

    def map(self, step: Callable[[C, T], R], items: Sequence[T], context: C,
            progress: Progress | None = None, *, light: bool = False) -> list[R | Failed]:
        """``step(context, item)`` for every item, results in item order."""
        return list(self.imap(step, items, context, progress, light=light))

    def imap(self, step: Callable[[C, T], R], items: Sequence[T], context: C,
             progress: Progress | None = None, *, light: bool = False) -> Iterator[R | Failed]:
        """:meth:`map` one result at a time, in item order, each as soon as it
        and those before it are done: the caller keeps no more than it wants
        (a build keeps a digest per document, not the document).

        A ``light`` step (a regex over a file, a count) runs in this process
        unless the workers are already running: starting them (a second or
        so each) would cost more than the step."""
        tick = progress or (lambda done, total: None)
        total = len(items)
        if self.jobs <= 1 or total <= 1 or (light and self._executor is None):
            for done, item in enumerate(items, 1):
                result = _run_one(step, context, item)
                tick(done, total)
                yield result
            return
        blob = pickle.dumps(context, protocol=pickle.HIGHEST_PROTOCOL)
        digest = hashlib.sha256(blob).hexdigest()
        size = max(1, -(-total // (self.jobs * TASKS_PER_WORKER)))
        pending = deque(self._workers().submit(_run_chunk, step, digest, blob, list(items[k:k + size]))
                        for k in range(0, total, size))
        done = 0
        while pending:
            chunk = pending.popleft().result()  # dropped from the queue: its results are not kept twice
            self._worker_cpu += chunk.cpu_seconds
            for result in chunk.results:
                done += 1
                tick(done, total)
                yield result


def map_documents(step: Callable[[C, T], R], items: Sequence[T], jobs: int, context: C,
                  progress: Progress | None = None) -> list[R | Failed]:
    """One :meth:`DocumentPool.map` in a pool of its own (for a single stage)."""
    with DocumentPool(min(jobs, max(1, len(items)))) as pool:
        return pool.map(step, items, context, progress)


def _run_one(step: Callable[[C, T], R], context: C, item: T) -> R | Failed:
    try:
        return step(context, item)
    except EditionError as exc:
        return Failed(exc)


# --- in the worker process ------------------------------------------------------------

class _WorkerMemory(Generic[R]):
    """What a worker keeps between tasks, by key: the unpickled contexts and
    whatever a step caches with :func:`worker_cached` (compiled stylesheets,
    a gazetteer index). A few entries, least recently used dropped first."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.items: OrderedDict[str, Any] = OrderedDict()

    def get(self, key: str, make: Callable[[], Any]) -> Any:
        if key in self.items:
            self.items.move_to_end(key)
            return self.items[key]
        value = make()
        self.items[key] = value
        while len(self.items) > self.size:
            self.items.popitem(last=False)
        return value


# One per process: in a worker it lives as long as the pool; in the parent
# (jobs ≤ 1) as long as the process, which is what a test or a script wants.
_MEMORY: _WorkerMemory[Any] = _WorkerMemory(size=16)


def worker_cached(key: str, make: Callable[[], R]) -> R:
    """``make()`` once per process for ``key``: for what a step loads that
    does not change within a build (a compiled stylesheet, an index)."""
    value: R = _MEMORY.get("cache:" + key, make)
    return value


@dataclass(frozen=True)
class _ChunkResult(Generic[R]):
    results: list[R | Failed]
    # this worker's CPU seconds since its last chunk (its start, for the first)
    cpu_seconds: float


class _CpuClock:
    """The worker's CPU seconds not yet reported."""

    def __init__(self) -> None:
        self.reported = 0.0

    def take(self) -> float:
        now = time.process_time()
        spent, self.reported = now - self.reported, now
        return spent


_CPU = _CpuClock()


def _run_chunk(step: Callable[[C, T], R], digest: str, blob: bytes, chunk: list[T]) -> _ChunkResult[R]:
    context: C = _MEMORY.get("context:" + digest, lambda: pickle.loads(blob))
    results = [_run_one(step, context, item) for item in chunk]
    return _ChunkResult(results, _CPU.take())


__all__ = ["DocumentPool", "Failed", "map_documents", "worker_cached"]
