"""`edition build`: the whole edition in one command."""

from __future__ import annotations

import os
from pathlib import Path

import click

from ..paths import Project
from ..pipeline import BuildOptions, build, check
from ._common import EditionClickError, is_quiet, library_errors, print_issues


@click.command("build")
@click.argument("ids", nargs=-1)
@click.option("--project-dir", default=".", type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="The project folder (with raw/, tei/, xslt/).")
@click.option("--reingest", is_flag=True, help="Ingest raw texts again even if their TEI exists (replaces it).")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=max(1, os.cpu_count() or 1), show_default=True,
              help="Worker processes for per-document stages.")
@click.option("--check", "check_only", is_flag=True, help="Change nothing; exit 1 if tei/ or output/ is stale.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.option("-f", "--force", is_flag=True,
              help="With --reingest, replace TEI files an editor changed (a backup of each is kept).")
def command(ids: tuple[str, ...], project_dir: Path, reingest: bool, jobs: int, check_only: bool, quiet: bool,
            force: bool) -> None:
    """Build the edition: ingest, annotate, validate and render every text.

    Only work whose inputs changed is redone; see the README for the state
    file. Exit code 1 if any document is invalid (the others still build).

    Example:

        edition build

        edition build --check

        edition build baku-katliami-1918 --reingest
    """
    project = Project(project_dir.resolve())
    options = BuildOptions(reingest=reingest, jobs=jobs, ids=ids, force=force)
    with library_errors():
        if check_only:
            stale = check(project, options)
            for name in stale:
                click.echo(f"stale: {name}", err=True)
            if stale:
                raise EditionClickError(f"{len(stale)} file(s) would change; run `edition build`")
            click.echo("up to date", err=True)
            return
        def progress(stage: str, done: int, total: int) -> None:
            if is_quiet(quiet):
                return
            click.echo(f"\r{stage}: {done}/{total}", nl=done == total, err=True)

        report = build(project, options, progress)
    print_issues(report.issues)
    counts = ", ".join(f"{report.entities[t]} {t}" for t in ("persName", "placeName", "orgName", "date"))
    warnings = sum(1 for i in report.issues if i.severity == "warning")
    times = ", ".join(f"{stage} {secs:.2f}s" for stage, secs in report.seconds.items())
    click.echo(
        f"{len(report.built)} built, {len(report.skipped)} skipped, {len(set(report.failed))} failed; "
        f"{counts}; {report.notes} notes; {warnings} warnings; {times}",
        err=True,
    )
    if not report.ok:
        raise EditionClickError("the build failed: see the errors above")
