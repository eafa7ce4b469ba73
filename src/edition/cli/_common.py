"""Helpers shared by the command modules: error translation and diagnostics."""

from __future__ import annotations

import contextlib
import sys
from typing import Iterator

import click

from ..errors import EditionError, Issue


class EditionClickError(click.ClickException):
    exit_code = 1


@contextlib.contextmanager
def library_errors() -> Iterator[None]:
    """Turn library errors into ``Error: ...`` and exit code 1."""
    try:
        yield
    except EditionError as exc:
        raise EditionClickError(str(exc)) from None


def print_issues(issues: list[Issue]) -> None:
    for issue in issues:
        click.echo(issue.format(), err=True)


def is_quiet(quiet: bool) -> bool:
    return quiet or not sys.stderr.isatty()
