"""The ``edition`` command line: a thin Click layer over the library.

Each sub-command lives in its own module of this package and exposes a Click
command named ``command``; adding a command is adding a module. Library errors
(:class:`edition.errors.EditionError`) become ``Error:`` lines and exit code 1
(``UsageError``: 2), in :func:`edition.cli._common.library_errors`; any other
exception is a bug and keeps its traceback.
"""

from __future__ import annotations

import importlib
import pkgutil

import click

from .. import __version__

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, prog_name="edition")
def main() -> None:
    """Turn raw article texts into a validated TEI P5 edition with HTML and text.

    The flow is raw/<id>.txt -> ingest -> annotate -> validate -> render;
    `edition build` runs it all. Every command works from any folder of a
    project (found like git's: the nearest edition.toml up the tree).

    Example:

        edition init my-edition

        edition build

        edition ingest raw/baku-katliami-1918.txt --force
    """


def _register_commands() -> None:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        command = getattr(module, "command", None)
        if isinstance(command, click.Command):
            main.add_command(command)


_register_commands()
