"""``edition review``: the annotator's candidates, for an editor's decisions."""

from __future__ import annotations

from pathlib import Path

import click

from ..annotate.registers import Register, mark_cited_authors, merged_issues
from ..annotate.review import (
    ACTIONS,
    DECISIONS_FILE,
    Decision,
    apply_decisions,
    decide,
    load_decisions,
    review_rows,
    write_rows,
)
from ..annotate.review_page import write_review_page
from ..tei import parse_file, serialize, write_atomic
from ._common import Reporter, common_options, find_project, library_errors, print_issues, shown


def _apply(register: Register, registers_path: Path, decisions: list[Decision], texts: list[Path]) -> None:
    """Apply the decisions and mark the cited authors now; save the registers if they changed."""
    before = serialize(register.to_tree())
    apply_decisions(register, decisions)
    mark_cited_authors(register, (parse_file(p).getroot() for p in texts))
    after = serialize(register.to_tree())
    # entries merged on load (one authority id) are saved merged too
    if after != before or register.merged:
        write_atomic(registers_path, after)


@click.command("review")
@click.argument("tei_files", nargs=-1, type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--registers", "registers_path", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Register file [default: registers.xml in the project's TEI folder].")
@click.option("--decisions", "decisions_path", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Decisions file to write and read [default: review/decisions.tsv in the project].")
@click.option("--apply", "apply_now", is_flag=True,
              help="Apply the decisions to the registers now (annotate and build always do).")
@click.option("--decide", "action", type=click.Choice(ACTIONS, case_sensitive=False), default=None,
              help="Record this decision for every entry named by --entry.")
@click.option("--entry", "entries", multiple=True, metavar="ID",
              help="An entry id for --decide; wildcards allowed (place-*); repeatable.")
@click.option("--value", default="", help="The value --decide needs (retype: a kind; merge: an entry id; "
              "link: an authority id).")
@click.option("--html", "html", is_flag=True,
              help="Also write the review page (output/review/index.html).")
@click.option("--html-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for the review page [default: review/ in the project's output folder].")
@common_options
def command(tei_files: tuple[Path, ...], registers_path: Path | None, decisions_path: Path | None,
            apply_now: bool, action: str | None, entries: tuple[str, ...], value: str, html: bool,
            html_dir: Path | None, reporter: Reporter) -> None:
    """List the annotator's candidate names in a decisions file for review.

    Each candidate entry gets a row with its count and contexts; write accept,
    reject, retype (value: person/place/org), merge (value: an entry id) or
    link (value: an authority id) in its first column, or record one decision
    for many entries with --decide and --entry. The next `edition annotate` or
    `edition build` applies the decisions, and every later run keeps them;
    decided rows are kept as they are when the file is refreshed. --html also
    writes a review page showing every candidate and low-certainty tag in
    context. TEI_FILES default to the XML files beside the registers.

    Example:

        edition review --html && edition review --decide accept --entry 'place-*' && edition build
    """
    if bool(action) != bool(entries):
        raise click.UsageError("--decide and --entry go together: name the decision and the entries it is for.")
    project = find_project()
    registers_path = registers_path or shown(project.registers)
    decisions_path = decisions_path or shown(project.root / DECISIONS_FILE)
    with library_errors():
        register = Register.load(registers_path)
        print_issues(merged_issues(register, str(registers_path)))
        decisions = load_decisions(decisions_path)
        paths = list(tei_files) or sorted(p for p in registers_path.parent.glob("*.xml")
                                          if p.resolve() != registers_path.resolve())
        if apply_now:
            _apply(register, registers_path, decisions, paths)
        rows = review_rows(register, paths, decisions)
        if action:
            rows, matched = decide(rows, action, entries, value)
            reporter.info(f"{decisions_path}: {action} recorded for {matched} entr{'y' if matched == 1 else 'ies'}.")
        decisions_path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(decisions_path, write_rows(rows))
        page = write_review_page(project, html_dir, registers=registers_path, decisions=decisions_path,
                                 texts=paths) if html else None
    undecided = sum(1 for r in rows if not r.action)
    reporter.info(f"{decisions_path}: {undecided} candidate(s) to review, {len(rows) - undecided} decided.")
    if page is not None:
        reporter.info(f"{shown(page)}: the review page.")
