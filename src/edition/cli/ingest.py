"""`edition ingest`: raw texts to structural TEI."""

from __future__ import annotations

from pathlib import Path

import click

from ..editor_work import EditorWork
from ..ingest import IngestOptions, ingest_file
from ..paths import doc_id_from_path, input_root, inside
from ..tei import serialize, write_atomic
from ._common import Reporter, common_options, find_project, library_errors, print_issues, shown


@click.command("ingest")
@click.argument("raw_files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output-dir", default=None, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the TEI files [default: the project's TEI folder, tei/].")
@click.option("-f", "--force", is_flag=True, help="Overwrite existing TEI files (they may hold an editor's work).")
@click.option("--no-citations", is_flag=True, help="Do not mark author-date citations as bibl.")
@common_options
def command(raw_files: tuple[Path, ...], output_dir: Path | None, force: bool, no_citations: bool,
            reporter: Reporter) -> None:
    """Turn raw article texts into TEI P5 files, one per text.

    Each raw/<id>.txt (with optional raw/<id>.toml metadata) becomes
    <output-dir>/<id>.xml. Existing files are kept unless --force is given
    (then a backup of each is kept in .edition-cache/backup/).
    A raw/<id>.pdf is read with its type sizes and positions (footnotes,
    running heads, columns; see docs/pdf.md) and goes through the same stages.
    The TEI files' paths are printed on stdout.

    Example:

        edition ingest raw/*.txt

        edition ingest raw/baku-katliami-1918.txt --force

        edition ingest article.pdf
    """
    if output_dir is None:
        output_dir = shown(find_project().tei)
    options = IngestOptions(citations=not no_citations)
    with library_errors():
        targets = {}
        for raw in raw_files:
            doc_id = doc_id_from_path(raw)
            inside(output_dir, f"{doc_id}.xml")  # refuses ids that would leave the folder
            targets[doc_id] = (raw, output_dir / f"{doc_id}.xml")
        # the one overwrite policy (edition.editor_work), decided for every
        # target first so that a refused overwrite writes nothing at all; this
        # command keeps no record of what it wrote, so any existing file may
        # hold an editor's work
        plan = EditorWork({}, set()).plan_overwrite(
            find_project(output_dir).root, {doc_id: target for doc_id, (_raw, target) in targets.items()},
            force=force, merge=False, action="written")
        results = []
        for done, (raw, target) in enumerate(targets.values(), 1):
            # root: a raw file inside a project must really be there (no symlink out of it)
            results.append((ingest_file(raw, options, root=input_root(raw)), target))
            reporter.progress("ingest", done, len(targets))
        reporter.finish()
        print_issues(plan.warnings)
        for result, target in results:
            print_issues(result.warnings)
            write_atomic(target, serialize(result.tree))
            click.echo(str(target))
