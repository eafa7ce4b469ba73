"""`edition build`: the whole edition in one command."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import sentence
from ..pipeline import BuildOptions, build, check, raw_texts
from ._common import (
    EditionClickError,
    Reporter,
    announce_gazetteer,
    common_options,
    find_project,
    jobs_option,
    library_errors,
    print_issues,
    resolve_jobs,
    shown,
)


@click.command("build")
@click.argument("ids", nargs=-1)
@click.option("--project-dir", default=None, type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="A folder of the project [default: the current folder; its project is found like git's].")
@click.option("--reingest", is_flag=True, help="Ingest raw texts again even if their TEI exists (replaces it).")
@jobs_option
@click.option("--check", "check_only", is_flag=True, help="Change nothing; exit 1 if tei/ or output/ is stale.")
@click.option("-f", "--force", is_flag=True,
              help="With --reingest, replace TEI files an editor changed (a backup of each is kept).")
@common_options
def command(ids: tuple[str, ...], project_dir: Path | None, reingest: bool, jobs: int | None, check_only: bool,
            force: bool, reporter: Reporter) -> None:
    """Build the edition: ingest, annotate, validate and render every text.

    Works from any folder of the project. Only work whose inputs changed is
    redone; see the README for the state file. Exit code 1 if any document
    is invalid (the others still build).

    Example:

        edition build

        edition build --check

        edition build baku-katliami-1918 --reingest
    """
    project = find_project(project_dir)
    reporter.detail(f"Project: {project.root} (config: {project.config.source or 'none, the defaults'}).")
    with library_errors():
        raws = raw_texts(project, ids)
        options = BuildOptions(reingest=reingest, jobs=resolve_jobs(jobs, len(raws)), ids=ids,
                               formats=project.config.render.formats, force=force)
        if raws:
            announce_gazetteer(reporter)
        if check_only:
            stale = check(project, options)
            for name in stale:
                click.echo(f"stale: {name}", err=True)
            if stale:
                raise EditionClickError(f"{len(stale)} file(s) would change. Run `edition build`.")
            reporter.info("Up to date.")
            return
        try:
            report = build(project, options, reporter.progress)
        finally:
            reporter.finish()
    print_issues(report.issues)
    counts = ", ".join(f"{report.entities[t]} {t}" for t in ("persName", "placeName", "orgName", "date"))
    warnings = sum(1 for i in report.issues if i.severity == "warning")
    times = ", ".join(f"{stage} {secs:.2f}s" for stage, secs in report.seconds.items())
    reporter.info(
        f"{len(report.built)} built, {len(report.skipped)} skipped, {len(set(report.failed))} failed; "
        f"{counts}; {report.notes} notes; {warnings} warnings; {times}."
    )
    reporter.detail("CPU seconds (this process and its workers): "
                    + ", ".join(f"{stage} {secs:.2f}s" for stage, secs in report.cpu_seconds.items()) + ".")
    if report.rendered:
        reporter.detail(f"Output in {shown(project.output)}/.")
    if not report.ok:
        raise EditionClickError(sentence("The build failed: see the errors above"))
