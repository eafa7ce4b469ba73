"""``edition render``: TEI documents to the HTML edition site or plain text."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import sentence
from ..pipeline import render_jobs
from ..render import CHOICE_READINGS, FORMATS, NOTE_PLACEMENTS, RenderOptions, render
from ._common import (
    EditionClickError,
    Reporter,
    common_options,
    find_project,
    jobs_option,
    library_errors,
    print_issues,
    resolve_jobs,
    shown,
)


@click.command("render")
@click.argument("tei_files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="html", show_default=True,
              help="Output format.")
@click.option("--output-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for html/ and text/ [default: the project's output folder].")
@click.option("--registers", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Register file [default: registers.xml beside the TEI files].")
@click.option("--width", type=click.IntRange(min=0), default=72, show_default=True,
              help="Text: wrap paragraphs at this width.")
@click.option("--no-wrap", is_flag=True, help="Text: one line per paragraph.")
@click.option("--page-markers", is_flag=True, help="Text: mark page starts as [s. N].")
@click.option("--notes", type=click.Choice(NOTE_PLACEMENTS), default="end", show_default=True,
              help="Text: notes after the text or after each section.")
@click.option("--lang", "ui_lang", type=click.Choice(["tr", "en"]), default="tr", show_default=True,
              help="Language of the interface strings.")
@click.option("--base-url", default="", help="HTML: URL the site is published at (for 'Cite this').")
@click.option("--reading", "choice_reading", type=click.Choice(CHOICE_READINGS), default="edited", show_default=True,
              help="Reading of choice/app/subst shown in the text (the other stays reachable).")
@click.option("--variants", is_flag=True, help="Text: the readings not shown follow in brackets.")
@click.option("--witness", default="", help="Show this witness's readings (app/rdg/@wit) instead of the lemmas.")
@click.option("--site-title", default=None,
              help="HTML: name of the site [default: the project's render.site_title, else each text's title].")
@click.option("--full", is_flag=True,
              help="Render every text again [default: only texts changed since the last render].")
@jobs_option
@common_options
def command(tei_files: tuple[Path, ...], fmt: str, output_dir: Path | None, registers: Path | None, width: int,
            no_wrap: bool, page_markers: bool, notes: str, ui_lang: str, base_url: str, choice_reading: str,
            variants: bool, witness: str, site_title: str | None, full: bool, jobs: int | None,
            reporter: Reporter) -> None:
    """Render TEI documents as an HTML edition site or as plain text.

    HTML goes to OUTPUT_DIR/html/ (a static site: one page per text, registers,
    chronology, map, bibliography, search); text to OUTPUT_DIR/text/<id>.txt.
    The project's own stylesheets (xslt/html/html.xsl, xslt/text/text.xsl)
    are used where it has them, as `edition build` does. A document that
    cannot be rendered is reported and the others are still rendered (exit
    status 1). A text whose file, registers, stylesheets and options did not
    change since the last render is taken from the project's cache
    (.edition-cache/render/) and the site pages are updated from it; --full
    renders everything again.

    Example:

        edition render tei/*.xml

        edition render tei/*.xml --format text --width 80 --page-markers
    """
    project = find_project()
    with library_errors():
        options = RenderOptions(format=fmt, width=0 if no_wrap else width, page_markers=page_markers,
                                notes=notes, ui_lang=ui_lang, base_url=base_url, choice_reading=choice_reading,
                                variants=variants, witness=witness,
                                site_title=project.config.render.site_title if site_title is None else site_title)
        out = output_dir if output_dir is not None else shown(project.output)
        xslt_dir = project.xslt_for(fmt)
        if xslt_dir is not None:
            reporter.detail(f"Stylesheets: the project's {shown(xslt_dir)}/{fmt}/{fmt}.xsl.")
        reporter.info(f"Rendering {len(tei_files)} file{'s' if len(tei_files) != 1 else ''} as {fmt}…")
        result = render(list(tei_files), out, options, registers=registers, xslt_dir=xslt_dir,
                        jobs=render_jobs(resolve_jobs(jobs, len(tei_files)), len(tei_files)),
                        cache_dir=None if full else project.cache)
    for warning in result.warnings:
        click.echo(f"warning: {sentence(warning)}", err=True)
    for doc_id, seconds in sorted(result.seconds.items()):
        reporter.detail(f"{doc_id}: {seconds * 1000:.0f} ms.")
    if result.cached:
        reporter.detail(f"{len(result.cached)} unchanged texts taken from the cache.")
    if not reporter.quiet:  # on stdout, as the other commands print what they wrote
        click.echo(f"{len(result.written)} files written to {out / fmt}.")
    if result.failed:
        done = len(result.seconds) + len(result.cached)
        print_issues(result.failed)
        raise EditionClickError(
            f"{len(result.failed)} of {len(result.failed) + done} documents not rendered: "
            f"{', '.join(issue.path for issue in result.failed)}. The others ({done}) were; "
            "fix these and render again.")
