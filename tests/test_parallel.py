"""edition.parallel: one pool, results in item order, per-item errors, worker memory."""

from __future__ import annotations

import os

import pytest

from edition.errors import EditionError
from edition.parallel import DocumentPool, Failed, map_documents, worker_cached


def square_or_fail(context: dict, item: int) -> tuple[int, int]:
    if item == context["bad"]:
        raise EditionError("bad item", path=f"doc{item}.xml", line=item)
    return item * item + context["offset"], os.getpid()


def loads_once(context: None, item: int) -> int:
    return worker_cached("answer", lambda: os.getpid())


@pytest.mark.parametrize("jobs", [1, 2])
def test_results_come_back_in_item_order_whatever_the_jobs(jobs):
    results = map_documents(square_or_fail, list(range(20)), jobs, {"bad": 7, "offset": 1})
    assert [r[0] if not isinstance(r, Failed) else None for r in results] == \
        [k * k + 1 if k != 7 else None for k in range(20)]


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_edition_error_is_that_items_result_with_its_location(jobs):
    results = map_documents(square_or_fail, [6, 7, 8], jobs, {"bad": 7, "offset": 0})
    failed = results[1]
    assert isinstance(failed, Failed)
    assert failed.error.path == "doc7.xml" and failed.error.line == 7
    assert not isinstance(results[0], Failed) and not isinstance(results[2], Failed)


def test_one_pool_serves_several_stages_with_the_same_workers():
    with DocumentPool(2) as pool:
        first = {pid for _, pid in pool.map(square_or_fail, list(range(16)), {"bad": -1, "offset": 0})}
        second = {pid for _, pid in pool.map(square_or_fail, list(range(16)), {"bad": -1, "offset": 5})}
    assert os.getpid() not in first
    assert second <= first | second and len(first | second) <= 2


def test_worker_cached_makes_a_value_once_per_process():
    with DocumentPool(2) as pool:
        pids = pool.map(loads_once, list(range(40)), None)
    assert len(set(pids)) <= 2


def test_a_bug_that_is_no_edition_error_propagates():
    with pytest.raises(ZeroDivisionError):
        map_documents(divide, [1, 0], 1, None)


def divide(context: None, item: int) -> float:
    return 1 / item


def slow_square(context: None, item: int) -> int:
    sum(range(20_000))  # some CPU for the workers to report
    return item * item


@pytest.mark.parametrize("jobs", [1, 2])
def test_imap_streams_results_in_item_order(jobs):
    with DocumentPool(jobs) as pool:
        seen = []
        for k, result in enumerate(pool.imap(slow_square, list(range(30)), None,
                                             progress=lambda done, total: seen.append((done, total)))):
            assert result == k * k
            assert seen[-1] == (k + 1, 30)  # counted before it is handed over, one by one


def test_the_workers_cpu_is_counted_while_the_pool_lives():
    with DocumentPool(2) as pool:
        assert pool.worker_cpu_seconds == 0.0
        pool.map(slow_square, list(range(40)), None)
        first = pool.worker_cpu_seconds
        pool.map(slow_square, list(range(40)), None)
        assert 0.0 < first < pool.worker_cpu_seconds


def test_a_light_step_starts_no_workers_but_uses_running_ones():
    with DocumentPool(2) as pool:
        here = {pid for _, pid in pool.map(square_or_fail, list(range(8)), {"bad": -1, "offset": 0}, light=True)}
        assert here == {os.getpid()}
        pool.map(square_or_fail, list(range(8)), {"bad": -1, "offset": 0})  # starts the workers
        there = {pid for _, pid in pool.map(square_or_fail, list(range(8)), {"bad": -1, "offset": 0}, light=True)}
        assert os.getpid() not in there
