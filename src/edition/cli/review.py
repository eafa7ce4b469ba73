"""``edition review``: the annotator's candidates, for an editor's decisions."""

from __future__ import annotations

from pathlib import Path

import click

from ..annotate.registers import Register
from ..annotate.review import DECISIONS_FILE, apply_decisions, load_decisions, review_rows, write_rows
from ..tei import serialize, write_atomic
from ._common import Reporter, common_options, find_project, library_errors, shown


@click.command("review")
@click.argument("tei_files", nargs=-1, type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--registers", "registers_path", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Register file [default: registers.xml in the project's TEI folder].")
@click.option("--decisions", "decisions_path", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Decisions file to write and read [default: review/decisions.tsv in the project].")
@click.option("--apply", "apply_now", is_flag=True,
              help="Apply the decisions to the registers now (annotate and build always do).")
@common_options
def command(tei_files: tuple[Path, ...], registers_path: Path | None, decisions_path: Path | None,
            apply_now: bool, reporter: Reporter) -> None:
    """List the annotator's candidate names in a decisions file for review.

    Each candidate entry gets a row with its count and contexts; write accept,
    reject, retype (value: person/place/org), merge (value: an entry id) or
    link (value: an authority id) in its first column. The next `edition
    annotate` or `edition build` applies the decisions, and every later run
    keeps them; decided rows are kept as they are when the file is refreshed.
    TEI_FILES default to the XML files beside the registers.

    Example:

        edition review && $EDITOR review/decisions.tsv && edition build
    """
    project = find_project()
    registers_path = registers_path or shown(project.registers)
    decisions_path = decisions_path or shown(project.root / DECISIONS_FILE)
    with library_errors():
        register = Register.load(registers_path)
        decisions = load_decisions(decisions_path)
        if apply_now:
            before = serialize(register.to_tree())
            apply_decisions(register, decisions)
            after = serialize(register.to_tree())
            if after != before:
                write_atomic(registers_path, after)
        paths = list(tei_files) or sorted(p for p in registers_path.parent.glob("*.xml")
                                          if p.resolve() != registers_path.resolve())
        rows = review_rows(register, paths, decisions)
        decisions_path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(decisions_path, write_rows(rows))
    undecided = sum(1 for r in rows if not r.action)
    reporter.info(f"{decisions_path}: {undecided} candidate(s) to review, {len(rows) - undecided} decided.")
