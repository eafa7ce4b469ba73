"""One build at a time per project, and no leftovers from a killed one.

:func:`project_lock` holds ``.edition-cache/build.lock`` (the holder's pid)
while a build runs; a second build stops with a message naming the holder. A
lock whose pid is no longer running was left by a killed build and is taken
over. Holding the lock, the build removes the temporary files a killed run left
(:func:`remove_stray_temporaries`): nobody else can be writing them.

:func:`die_with_parent` is the initializer of every worker pool, so workers
end when the main process is killed instead of writing on for minutes.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from .errors import EditionError

LOCK_FILE = Path(".edition-cache") / "build.lock"


class LockedError(EditionError):
    """Another build holds the project's lock."""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's live process
        return True
    return True


def _read_pid(path: Path) -> int | None:
    try:
        return int(path.read_text(encoding="ascii").split()[0])
    except (OSError, ValueError, IndexError):
        return None


@contextlib.contextmanager
def project_lock(root: Path) -> Iterator[Path]:
    """Hold the build lock of the project at ``root`` for the block."""
    path = root / LOCK_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    for _attempt in range(3):
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            pid = _read_pid(path)
            if pid is None:
                # Being written this instant, or truncated by a crash: look again.
                time.sleep(0.05)
                pid = _read_pid(path)
            if pid is not None and pid != os.getpid() and _alive(pid):
                raise LockedError(
                    f"another build (pid {pid}) is running on this project",
                    path=str(path),
                    hint=f"Wait for it to finish; if no build is running, delete {path}.",
                ) from None
            # Left by a killed build: take it over.
            path.unlink(missing_ok=True)
            continue
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(f"{os.getpid()}\n")
        break
    else:
        raise LockedError("could not take the build lock", path=str(path),
                          hint="Another build keeps taking it; wait for it to finish.")
    try:
        yield path
    finally:
        if _read_pid(path) == os.getpid():
            path.unlink(missing_ok=True)


def is_stray_temporary(path: Path) -> bool:
    """A file :func:`edition.tei.atomic_file` writes before renaming it."""
    return path.name.startswith(".") and path.name.endswith(".tmp") and path.is_file()


def remove_stray_temporaries(*folders: Path) -> list[Path]:
    """Delete the ``.*.tmp`` files a killed run left in ``folders``."""
    removed = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in folder.rglob(".*.tmp"):
            if is_stray_temporary(path):
                path.unlink(missing_ok=True)
                removed.append(path)
    return sorted(removed)


def die_with_parent() -> None:
    """Worker initializer: end this process when its parent goes away.

    On Linux the kernel sends SIGKILL when the parent dies (prctl
    PR_SET_PDEATHSIG); elsewhere, and in case the parent died before the
    call, a thread watches the parent pid.
    """
    parent = os.getppid()
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_PDEATHSIG = 1
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="die-with-parent", daemon=True).start()
