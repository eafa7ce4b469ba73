"""``edition annotate``: persons, places, organisations and dates."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import click

from ..annotate import AnnotateOptions, candidates_report
from ..annotate.corpus import annotate_corpus, default_jobs
from ..annotate.registers import Register
from ..annotate.review import DECISIONS_FILE, apply_decisions, load_decisions
from ..tei import serialize, write_atomic
from ._common import EditionClickError, library_errors, print_issues


@click.command("annotate")
@click.argument("tei_files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--registers", "registers_path", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("tei/registers.xml"), show_default=True, help="Register file to use and extend.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write candidate names (not yet accepted) as TSV.")
@click.option("--no-candidates", is_flag=True, help="Tag only names the registers know.")
@click.option("--decisions", "decisions_path", type=click.Path(dir_okay=False, path_type=Path),
              default=DECISIONS_FILE, show_default=True, help="The editor's review decisions to apply first.")
@click.option("--lang", "assume_language", type=click.Choice(["tr"]),
              help="Annotate every document as Turkish, whatever it declares or looks like.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=default_jobs(), show_default="all cores",
              help="Worker processes.")
def command(tei_files: tuple[Path, ...], registers_path: Path, report_path: Path | None,
            no_candidates: bool, decisions_path: Path, assume_language: str | None, jobs: int) -> None:
    """Tag persons, places, organisations and dates in TEI files, in place.

    Unknown names found on good evidence are added to the registers with
    cert="low"; --report lists them with counts and contexts for review.
    Re-running is safe: earlier automatic markup is redone, editor markup kept.
    A document or passage not in Turkish (by its xml:lang or langUsage, or by
    its words) is left alone with a warning unless --lang tr is given; files
    that are not TEI P5 are refused and never rewritten.

    Example:

        edition annotate tei/baku-katliami-1918.xml --report candidates.tsv
    """
    with library_errors():
        register = Register.load(registers_path)
        before = serialize(register.to_tree())
        rejected = apply_decisions(register, load_decisions(decisions_path))
        options = AnnotateOptions(add_candidates=not no_candidates, assume_language=assume_language,
                                  rejected=rejected)
        # one corpus: a name learnt in one file is found in all, whatever their order
        result = annotate_corpus(tei_files, register, options, jobs=jobs, keep_occurrences=report_path is not None,
                                 write=lambda path, data: write_atomic(path, data))
        occurrences = []
        for path, outcome in sorted(result.outcomes.items()):
            print_issues(outcome.warnings)
            if outcome.issue is not None or outcome.skipped:
                continue
            occurrences.extend(outcome.occurrences)
            counts = ", ".join(f"{k} {v}" for k, v in sorted(outcome.counts.items()))
            click.echo(f"{path}: {counts or 'nothing found'}", err=True)
        after = serialize(register.to_tree())
        if after != before:
            write_atomic(registers_path, after)
        if report_path is not None:
            buf = io.StringIO()
            writer = csv.writer(buf, delimiter="\t", lineterminator="\n")
            writer.writerow(["kind", "name", "count", "suggested_id", "contexts"])
            writer.writerows(candidates_report(register, occurrences))
            write_atomic(report_path, buf.getvalue().encode("utf-8"))
    # the files that could be read were annotated and the registers saved with
    # every entry they refer to; the others are left as they were
    failed = [result.outcomes[p].issue for p in result.failed]
    if failed:
        print_issues(failed)
        raise EditionClickError(f"{len(failed)} of {len(tei_files)} file(s) could not be annotated")
