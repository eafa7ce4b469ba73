"""Faults of the environment (disk full, read-only, permission denied), a
second build at once, a killed build's leftovers, orphaned workers."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time

import pytest

import edition.paths
import edition.tei

from .conftest import invoke

TEXT = "Başlık Satırı\n\nGiriş\n\nBu makale Kafkasya tarihini ele almaktadır ve kısa bir metindir.\n"


def failing(errno_code: int, when=lambda *a: True):
    def fail(*args, **kwargs):
        if when(*args):
            raise OSError(errno_code, os.strerror(errno_code), str(args[0]) if args else None)
        return REAL[fail](*args, **kwargs)
    return fail


REAL: dict = {}

FAULTS = [
    (errno.ENOSPC, "no space left on device. Free some disk space and run the command again; nothing was half-written."),
    (errno.EDQUOT, "disk quota exceeded. Free some space in your quota and run the command again; nothing was "
                   "half-written."),
    (errno.EROFS, "read-only file system. The file system is read-only: run the command where it can write."),
    (errno.EACCES, "permission denied. Check the permissions of the file and its folder."),
    (errno.EIO, "input/output error."),
]


@pytest.mark.parametrize("code,message", FAULTS, ids=[errno.errorcode[c] for c, _ in FAULTS])
@pytest.mark.parametrize("stage", ["mkstemp", "fsync", "replace"])
def test_ingest_write_fault_is_one_line_and_nothing_half_written(scratch, monkeypatch, code, message, stage):
    (scratch.raw / "metin.txt").write_text(TEXT, encoding="utf-8")
    scratch.ready()
    module = {"mkstemp": edition.tei.tempfile, "fsync": edition.tei.os, "replace": edition.tei.os}[stage]
    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))
    monkeypatch.setattr(module, stage, fail)
    result = invoke("ingest", "raw/metin.txt", "-o", "tei")
    monkeypatch.undo()
    assert result.code == 1
    assert result.error == f"Error: tei/metin.xml: {message}"
    assert sorted(p.name for p in scratch.tei.iterdir()) == ["registers.xml"]  # no TEI, no .tmp


@pytest.mark.parametrize("code,message", FAULTS[:4], ids=[errno.errorcode[c] for c, _ in FAULTS[:4]])
def test_build_write_fault_is_one_line(scratch, monkeypatch, code, message):
    (scratch.raw / "metin.txt").write_text(TEXT, encoding="utf-8")
    scratch.ready()
    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))
    monkeypatch.setattr(edition.tei.os, "fsync", fail)
    result = invoke("build", "-j", "1")
    monkeypatch.undo()
    assert result.code == 1
    assert result.error == f"Error: {scratch.tei / 'metin.xml'}: {message}"
    assert not list(scratch.root.rglob(".*.tmp"))


@pytest.mark.parametrize("code,message", FAULTS[2:4], ids=["EROFS", "EACCES"])
def test_read_fault_is_one_line(scratch, monkeypatch, code, message):
    (scratch.raw / "metin.txt").write_text(TEXT, encoding="utf-8")
    scratch.ready()
    real_open = os.open
    def guarded_open(path, flags, *args, **kwargs):
        if str(path).endswith("metin.txt"):
            raise OSError(code, os.strerror(code), str(path))
        return real_open(path, flags, *args, **kwargs)
    monkeypatch.setattr(edition.paths.os, "open", guarded_open)
    result = invoke("ingest", "raw/metin.txt", "-o", "tei")
    monkeypatch.undo()
    assert result.code == 1
    assert result.error == f"Error: raw/metin.txt: {message}"


def test_read_only_tei_is_no_error_when_nothing_would_change(scratch, monkeypatch):
    (scratch.raw / "metin.txt").write_text(TEXT, encoding="utf-8")
    scratch.ready()
    assert invoke("build", "-j", "1").code == 0
    real = edition.tei.tempfile.mkstemp
    tei_dir = str(scratch.tei)
    def read_only(*args, dir=None, **kwargs):
        if str(dir).startswith(tei_dir):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), dir)
        return real(*args, dir=dir, **kwargs)
    monkeypatch.setattr(edition.tei.tempfile, "mkstemp", read_only)
    result = invoke("build", "-j", "1")
    monkeypatch.undo()
    assert result.code == 0, result.output
    assert "0 built, 1 skipped, 0 failed" in result.stderr


# -- one build at a time --------------------------------------------------------
def test_a_second_build_stops_with_the_holders_pid(scratch):
    (scratch.raw / "metin.txt").write_text(TEXT, encoding="utf-8")
    lock = scratch.root / ".edition-cache" / "build.lock"
    lock.parent.mkdir()
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        lock.write_text(f"{holder.pid}\n")
        scratch.ready()
        result = invoke("build", "-j", "1")
    finally:
        holder.kill()
        holder.wait()
    assert result.code == 1
    assert result.error == (f"Error: {lock}: another build (pid {holder.pid}) is running on this project. "
                            f"Wait for it to finish; if no build is running, delete {lock}.")
    assert not (scratch.tei / "metin.xml").exists()
    assert lock.read_text() == f"{holder.pid}\n"


@pytest.mark.parametrize("content", ["dead", "", "garbage\n"])
def test_a_stale_lock_is_taken_over(scratch, content):
    (scratch.raw / "metin.txt").write_text(TEXT, encoding="utf-8")
    lock = scratch.root / ".edition-cache" / "build.lock"
    lock.parent.mkdir()
    if content == "dead":
        gone = subprocess.Popen([sys.executable, "-c", "pass"])
        gone.wait()
        content = f"{gone.pid}\n"
    lock.write_text(content)
    scratch.ready()
    result = invoke("build", "-j", "1")
    assert result.code == 0, result.output
    assert not lock.exists()


# -- leftovers of a killed run ---------------------------------------------------
STRAYS = ["tei/.metin.xml.abc123.tmp", "output/html/.map.html.x1y2.tmp", "output/text/.metin.txt.q.tmp",
          ".edition-cache/.build-state.json.zz.tmp", "output/html/tei/.metin.xml.k.tmp"]


def test_stray_temporaries_are_removed_by_the_next_build(scratch):
    (scratch.raw / "metin.txt").write_text(TEXT, encoding="utf-8")
    for stray in STRAYS:
        (scratch.root / stray).parent.mkdir(parents=True, exist_ok=True)
        (scratch.root / stray).write_text("half")
    (scratch.tei / "keep.tmp").write_text("not ours")  # not a hidden temporary: left alone
    scratch.ready()
    result = invoke("build", "-j", "1")
    assert result.code == 0, result.output
    assert [s for s in STRAYS if (scratch.root / s).exists()] == []
    assert (scratch.tei / "keep.tmp").exists()


def test_workers_die_with_their_parent(tmp_path):
    """A SIGKILLed main process leaves no worker running."""
    script = tmp_path / "parent.py"
    script.write_text(
        "import os, sys, time\n"
        "from concurrent.futures import ProcessPoolExecutor\n"
        "from edition.lock import die_with_parent\n"
        "pool = ProcessPoolExecutor(2, initializer=die_with_parent)\n"
        "futs = [pool.submit(time.sleep, 60) for _ in range(2)]\n"
        "time.sleep(1.0)\n"
        "print(' '.join(str(p) for p in pool._processes), flush=True)\n"
        "time.sleep(60)\n")
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    workers = [int(p) for p in parent.stdout.readline().split()]
    assert len(workers) == 2
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 5
    alive = workers
    while alive and time.monotonic() < deadline:
        alive = [p for p in workers if _running(p)]
        time.sleep(0.1)
    for pid in alive:
        os.kill(pid, signal.SIGKILL)
    assert alive == []


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.case_seconds(60)
@pytest.mark.parametrize("after", [0.8, 2.5])
def test_a_build_killed_midway_leaves_nothing_the_next_build_does_not_clean(scratch, after):
    """SIGKILL the whole build (main process and workers) at some point; the
    next build takes over the lock, removes the temporaries and succeeds."""
    for k in range(4):
        (scratch.raw / f"metin-{k}.txt").write_text(TEXT.replace("kısa", f"kısa {k}"), encoding="utf-8")
    scratch.ready()
    build = subprocess.Popen([sys.executable, "-c", "from edition.cli import main; main()", "build", "-j", "2"],
                             cwd=scratch.root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             start_new_session=True)
    time.sleep(after)
    os.killpg(build.pid, signal.SIGKILL)
    build.wait()
    # a temporary left as a killed write would leave it
    (scratch.output / "html").mkdir(parents=True, exist_ok=True)
    (scratch.output / "html" / ".map.html.k1ll3d.tmp").write_text("half")
    result = invoke("build", "-j", "1")
    assert result.code == 0, result.output
    assert "0 failed" in result.stderr
    assert list(scratch.root.rglob(".*.tmp")) == []
    assert not (scratch.root / ".edition-cache" / "build.lock").exists()
    assert sorted(p.name for p in scratch.tei.glob("metin-*.xml")) == [f"metin-{k}.xml" for k in range(4)]
