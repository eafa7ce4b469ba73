"""What every command shares: the common options, error translation, output.

One place decides what ``--quiet``, ``--verbose`` and ``--jobs`` mean, how a
library error reads, where the project is and how a long step shows progress,
so the commands cannot drift apart.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click

from ..errors import EditionError, Issue, UsageError
from ..paths import Project


class EditionClickError(click.ClickException):
    exit_code = 1


# What to do about a fault of the machine rather than of the input.
OS_ADVICE = {
    errno.ENOSPC: "Free some disk space and run the command again; nothing was half-written.",
    errno.EDQUOT: "Free some space in your quota and run the command again; nothing was half-written.",
    errno.EROFS: "The file system is read-only: run the command where it can write.",
    errno.EACCES: "Check the permissions of the file and its folder.",
    errno.EPERM: "Check the permissions of the file and its folder.",
    errno.EMFILE: "Too many open files: raise the limit (ulimit -n) or pass fewer files.",
    errno.ENAMETOOLONG: "Use a shorter file name.",
    errno.EISDIR: "Name a file, not a folder.",
    errno.ENOENT: "Check the file name.",
}


def one_line(text: str) -> str:
    """Messages are one line: a newline from a library or the OS becomes a space."""
    return " ".join(text.split("\n"))


def os_error_message(exc: OSError) -> str:
    """``path: what happened. What to do.`` for an error of the environment."""
    path = exc.filename if exc.filename is not None else ""
    # an OSError raised without an errno (a TimeoutError, say) has its message
    # in args: os.strerror(0) would print "Success"
    reason = exc.strerror or (os.strerror(exc.errno) if exc.errno else str(exc)) or type(exc).__name__
    advice = OS_ADVICE.get(exc.errno or 0, "")
    text = f"{path}: {reason[:1].lower()}{reason[1:]}." if path else f"{reason}."
    return one_line(f"{text} {advice}".strip())


@contextlib.contextmanager
def library_errors() -> Iterator[None]:
    """Turn library errors and faults of the environment (disk full, read-only
    folder, permission denied, resource limit) into ``Error: ...`` and exit
    code 1 (a :class:`UsageError`: exit code 2). Any other exception is a bug
    and keeps its traceback."""
    try:
        yield
    except UsageError as exc:  # asked for something that is not there: exit 2
        raise click.UsageError(one_line(str(exc))) from None
    except EditionError as exc:
        raise EditionClickError(one_line(str(exc))) from None
    except MemoryError:
        raise EditionClickError("out of memory. Pass fewer files or fewer --jobs.") from None
    except OSError as exc:
        raise EditionClickError(os_error_message(exc)) from None


@contextlib.contextmanager
def usage_errors(param_hint: str) -> Iterator[None]:
    """Turn the library's :class:`UsageError` about the argument or option
    ``param_hint`` into Click's ``Invalid value for ...`` and exit code 2."""
    try:
        yield
    except UsageError as exc:
        raise click.BadParameter(exc.message, param_hint=param_hint) from None


def print_issues(issues: list[Issue]) -> None:
    for issue in issues:
        click.echo(issue.format(), err=True)


def find_project(start: Path | None = None) -> Project:
    """The project of ``start`` or the current folder (a config mistake is exit 1)."""
    with library_errors():
        return Project.find(start)


def shown(path: Path) -> Path:
    """``path`` as the user would type it: relative to the current folder
    when it is inside it or its project (``tei/x.xml``, ``../tei/x.xml``)."""
    try:
        relative = Path(os.path.relpath(path))
    except ValueError:  # another drive (Windows)
        return path
    return relative if relative.parts[:3] != ("..", "..", "..") else path


class Reporter:
    """Informational output on stderr: silent with --quiet, more with --verbose.

    Diagnostics and errors are not informational: they are always printed.
    """

    def __init__(self, quiet: bool = False, verbose: bool = False) -> None:
        self.quiet = quiet
        self.verbose = verbose
        self._bar: Any = None
        self._stage: str | None = None

    def info(self, message: str) -> None:
        if not self.quiet:
            click.echo(message, err=True)

    def detail(self, message: str) -> None:
        if self.verbose:
            click.echo(message, err=True)

    def progress(self, stage: str, done: int, total: int) -> None:
        """A step of ``stage`` finished (``done`` of ``total``): the step is
        announced once, then a bar with an estimate follows it on a terminal."""
        if self.quiet:
            return
        if stage != self._stage:
            self.finish()
            self._stage = stage
            verb, one, many = STAGE_NAMES.get(stage, (stage.capitalize(), "item", "items"))
            click.echo(f"{verb} {total} {one if total == 1 else many}…", err=True)
            if sys.stderr.isatty() and total > 1:
                self._bar = click.progressbar(length=total, file=sys.stderr, show_eta=True, show_pos=True,
                                              label=f"  {stage}")
                self._bar.__enter__()
        if self._bar is not None:
            self._bar.update(max(0, done - self._bar.pos))
            if done >= total:
                self.finish()

    def finish(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None


#: How a stage announces itself ("Annotating 12 documents…").
STAGE_NAMES = {
    "ingest": ("Ingesting", "raw text", "raw texts"),
    "annotate": ("Annotating", "document", "documents"),
    "validate": ("Validating", "document", "documents"),
    "count": ("Counting", "document", "documents"),
    "review": ("Writing the review page for", "document", "documents"),
    "render": ("Rendering", "format", "formats"),
}


def common_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--quiet/-q`` and ``--verbose/-v``, given to the command as ``reporter``."""

    @click.option("-v", "--verbose", is_flag=True, help="Say more about each step.")
    @click.option("-q", "--quiet", is_flag=True, help="Print only diagnostics and errors.")
    @functools.wraps(command)
    def wrapper(*args: Any, quiet: bool, verbose: bool, **kwargs: Any) -> Any:
        if quiet and verbose:
            raise click.UsageError("--quiet and --verbose exclude each other; pass one.")
        return command(*args, reporter=Reporter(quiet=quiet, verbose=verbose), **kwargs)

    return wrapper


def jobs_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("-j", "--jobs", type=click.IntRange(1, 256), default=None,
                        help="Worker processes [default: 1 for one file, else the CPU count].")(command)


def resolve_jobs(jobs: int | None, items: int) -> int:
    """The one ``--jobs`` default of every command: 1 for a single item, else the CPU count."""
    if jobs is not None:
        return jobs
    return 1 if items <= 1 else max(1, os.cpu_count() or 1)


def announce_gazetteer(reporter: Reporter) -> None:
    """Build the annotator's gazetteer index now if this machine lacks it,
    saying so: it takes seconds once, and silence would look like a hang.
    Built here, in the main process, so worker processes only open it."""
    from ..annotate.gazetteer import Gazetteer, index_path

    if index_path().exists():
        return
    reporter.info("Building the gazetteer index (once per machine, ~10 s)…")
    Gazetteer()
