"""`edition init`: a new edition project."""

from __future__ import annotations

from pathlib import Path

import click

from ..scaffold import scaffold
from ._common import Reporter, common_options, library_errors, shown


@click.command("init")
@click.argument("folder", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("-f", "--force", is_flag=True, help="Replace files of the scaffold that exist already.")
@common_options
def command(folder: Path, force: bool, reporter: Reporter) -> None:
    """Start a new edition project in FOLDER (default: the current folder).

    Writes raw/ and tei/, a commented edition.toml, a GitHub Actions workflow
    (.github/workflows/edition.yml) and a .pre-commit-config.yaml that run the
    installed edition, a README and xslt/README.md on overriding the
    stylesheets. Existing files are kept unless --force is given.

    Example:

        edition init my-edition

        cd my-edition && cp ~/texts/letter-1918.txt raw/ && edition build
    """
    with library_errors():
        written = scaffold(folder, force=force)
    for path in written:
        reporter.detail(f"Wrote {shown(path)}.")
    reporter.info(f"A new edition project in {shown(folder.resolve())}: put raw texts in raw/<id>.txt "
                  "and run `edition build`.")
