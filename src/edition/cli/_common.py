"""Helpers shared by the command modules: error translation and diagnostics."""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from typing import Iterator

import click

from ..errors import EditionError, Issue


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
    reason = exc.strerror or os.strerror(exc.errno or 0) or type(exc).__name__
    advice = OS_ADVICE.get(exc.errno or 0, "")
    text = f"{path}: {reason[:1].lower()}{reason[1:]}." if path else f"{reason}."
    return one_line(f"{text} {advice}".strip())


@contextlib.contextmanager
def library_errors() -> Iterator[None]:
    """Turn library errors and faults of the environment (disk full, read-only
    folder, permission denied, resource limit) into ``Error: ...`` and exit
    code 1. Any other exception is a bug and keeps its traceback."""
    try:
        yield
    except EditionError as exc:
        raise EditionClickError(one_line(str(exc))) from None
    except MemoryError:
        raise EditionClickError("out of memory. Pass fewer files or fewer --jobs.") from None
    except OSError as exc:
        raise EditionClickError(os_error_message(exc)) from None


def print_issues(issues: list[Issue]) -> None:
    for issue in issues:
        click.echo(issue.format(), err=True)


def is_quiet(quiet: bool) -> bool:
    return quiet or not sys.stderr.isatty()
