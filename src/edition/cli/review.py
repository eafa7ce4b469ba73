"""``edition review``: the annotator's candidates, for an editor's decisions."""

from __future__ import annotations

from pathlib import Path

import click

from ..annotate.registers import Register
from ..annotate.review import DECISIONS_FILE, apply_decisions, load_decisions, review_rows, write_rows
from ..tei import serialize, write_atomic
from ._common import library_errors


@click.command("review")
@click.argument("tei_files", nargs=-1, type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--registers", "registers_path", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("tei/registers.xml"), show_default=True, help="Register file.")
@click.option("--decisions", "decisions_path", type=click.Path(dir_okay=False, path_type=Path),
              default=DECISIONS_FILE, show_default=True, help="Decisions file to write and read.")
@click.option("--apply", "apply_now", is_flag=True,
              help="Apply the decisions to the registers now (annotate and build always do).")
def command(tei_files: tuple[Path, ...], registers_path: Path, decisions_path: Path, apply_now: bool) -> None:
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
    click.echo(f"{decisions_path}: {undecided} candidate(s) to review, {len(rows) - undecided} decided.", err=True)
