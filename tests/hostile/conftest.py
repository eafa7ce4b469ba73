"""The hostile-input suite's harness.

Every case runs a command (in-process through Click's CliRunner, a few as
subprocesses) in a scratch project next to an ``outside/`` folder that holds a
secret file and a FIFO, and the harness asserts what every case must hold:

- no hang: a case that runs longer than :data:`CASE_SECONDS` fails (SIGALRM);
- no traceback: the output never contains one, and an exception other than
  the exit of a Click command fails the case;
- nothing read outside the project: a Python audit hook records every file
  opened; none may lie under ``outside/`` (C-level opens by libxml2 are
  covered by the strace and FIFO cases);
- nothing written outside ``tei/``, ``output/`` and ``.edition-cache/``: the
  project and ``outside/`` are compared before and after.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from edition.cli import main

ROOT = Path(__file__).resolve().parents[2]
CASE_SECONDS = 10
SECRET = "TOP-SECRET-7f3a"
WRITABLE = ("tei", "output", ".edition-cache")

# The audit hook is process-wide and cannot be removed: it records only while
# a case runs (``_OPENED`` is a list then).
_OPENED: list[str] | None = None


def _audit(event: str, args: tuple) -> None:
    if _OPENED is None or event != "open" or not args or not isinstance(args[0], (str, bytes, os.PathLike)):
        return
    path, mode, flags = (tuple(args) + (None, None))[:3]
    writing_only = (isinstance(mode, str) and not set(mode) & set("r+")) or (
        mode is None and isinstance(flags, int) and flags & os.O_ACCMODE == os.O_WRONLY)
    if not writing_only:  # a case may set up files outside; the tool may not read them
        _OPENED.append(os.fsdecode(path))


sys.addaudithook(_audit)


def pytest_configure(config):
    config.addinivalue_line("markers", "case_seconds(n): a multi-command case's time limit (default 10 s)")


@dataclass
class Scratch:
    root: Path       # the project
    outside: Path    # beside it: a secret and a FIFO no case may read
    before: dict | None = None

    def ready(self) -> None:
        """The case's inputs are in place: from now on only the tool writes."""
        self.before = _snapshot(self.root, self.outside)

    def edited(self, path: Path) -> None:
        """The case itself changed ``path`` (as an editor would) mid-way."""
        assert self.before is not None
        self.before.update({k: v for k, v in _snapshot(path.parent).items() if k == str(path)})

    @property
    def raw(self) -> Path:
        return self.root / "raw"

    @property
    def tei(self) -> Path:
        return self.root / "tei"

    @property
    def output(self) -> Path:
        return self.root / "output"

    @property
    def secret(self) -> Path:
        return self.outside / "secret.txt"

    @property
    def fifo(self) -> Path:
        return self.outside / "fifo"


def _snapshot(*folders: Path) -> dict[str, str]:
    """Digest of every file under ``folders`` (the harness's own reads are not recorded)."""
    global _OPENED
    recording, _OPENED = _OPENED, None
    try:
        return _digests(folders)
    finally:
        _OPENED = recording


def _digests(folders) -> dict[str, str]:
    files = {}
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_symlink() or not path.exists():
                files[str(path)] = "link:" + os.readlink(path) if path.is_symlink() else "?"
            elif path.is_file():
                files[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
            elif path.is_dir():
                files[str(path)] = "dir"
            else:
                files[str(path)] = "special"
    return files


@pytest.fixture
def scratch(tmp_path, monkeypatch):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(f"{SECRET}\n\nGiriş\n\nBu gizli bir metindir ve okunmamalıdır.\n",
                                        encoding="utf-8")
    os.mkfifo(outside / "fifo")
    root = tmp_path / "proj"
    (root / "raw").mkdir(parents=True)
    (root / "tei").mkdir()
    shutil.copy(ROOT / "tei" / "registers.xml", root / "tei" / "registers.xml")
    shutil.copytree(ROOT / "xslt", root / "xslt")
    monkeypatch.chdir(root)
    return Scratch(root, outside)


@pytest.fixture(scope="session", autouse=True)
def gazetteer_index_built():
    """The gazetteer's index is built once per machine (5–10 s on a fresh
    one): built here, before any case's time limit starts, so that a case's
    limit measures the case, not the first-run index build."""
    from edition.annotate.gazetteer import gazetteer

    gazetteer()


@pytest.fixture(autouse=True)
def guarded(request):
    """No hang, nothing read under outside/, nothing written outside tei/, output/, .edition-cache/."""
    global _OPENED
    scratch = request.getfixturevalue("scratch") if "scratch" in request.fixturenames else None

    def hang(signum, frame):
        raise TimeoutError("the case ran longer than its time limit (a hang)")

    marker = request.node.get_closest_marker("case_seconds")
    seconds = marker.args[0] if marker else CASE_SECONDS
    previous = signal.signal(signal.SIGALRM, hang)
    signal.alarm(seconds)
    _OPENED = []
    try:
        yield
    finally:
        opened, _OPENED = _OPENED, None
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    if scratch:
        outside = os.path.realpath(scratch.outside)
        # realpath: a read through a symlink is a read of its target
        leaks = [p for p in opened if os.path.realpath(p).startswith(outside + os.sep)]
        assert not leaks, f"read outside the project: {leaks}"
        assert scratch.before is not None, "call scratch.ready() once the case's inputs are in place"
        before, after = scratch.before, _snapshot(scratch.root, scratch.outside)
        changed = {p for p in set(before) | set(after) if before.get(p) != after.get(p)}
        allowed = {str(scratch.root / name) for name in WRITABLE}
        stray = sorted(p for p in changed if p not in allowed and not p.startswith(tuple(a + os.sep for a in allowed)))
        assert not stray, f"written outside tei/, output/, .edition-cache/: {stray}"


def invoke(*args: str) -> "Outcome":
    """Run ``edition ARGS`` in-process; fail on a traceback or an unexpected exception."""
    result = CliRunner().invoke(main, list(args), catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    text = result.output
    assert "Traceback" not in text, text
    return Outcome(result.exit_code, text, result.stderr)


@dataclass
class Outcome:
    code: int
    output: str
    stderr: str

    @property
    def error_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.startswith("Error:")]

    @property
    def error(self) -> str:
        lines = self.error_lines
        assert len(lines) == 1, self.output
        return lines[0]
