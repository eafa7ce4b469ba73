"""``edition annotate``: persons, places, organisations and dates."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import click

from ..annotate import AnnotateOptions, candidates_report
from ..annotate.corpus import annotate_corpus
from ..annotate.registers import Register
from ..annotate.review import DECISIONS_FILE, apply_decisions, load_decisions
from ..tei import serialize, write_atomic
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


@click.command("annotate")
@click.argument("tei_files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--registers", "registers_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Register file to use and extend [default: registers.xml in the project's TEI folder].")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write candidate names (not yet accepted) as TSV.")
@click.option("--no-candidates", is_flag=True, help="Tag only names the registers know.")
@click.option("--decisions", "decisions_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The editor's review decisions to apply first [default: review/decisions.tsv in the project].")
@click.option("--lang", "assume_language", type=click.Choice(["tr"]),
              help="Annotate every document as Turkish, whatever it declares or looks like.")
@jobs_option
@common_options
def command(tei_files: tuple[Path, ...], registers_path: Path | None, report_path: Path | None,
            no_candidates: bool, decisions_path: Path | None, assume_language: str | None,
            jobs: int | None, reporter: Reporter) -> None:
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
    project = find_project()
    if registers_path is None:
        registers_path = shown(project.registers)
    if decisions_path is None:
        decisions_path = project.root / DECISIONS_FILE
    jobs = resolve_jobs(jobs, len(tei_files))
    with library_errors():
        register = Register.load(registers_path)
        before = serialize(register.to_tree())
        rejected = apply_decisions(register, load_decisions(decisions_path))
        options = AnnotateOptions(add_candidates=not no_candidates, assume_language=assume_language,
                                  default_language=project.config.default_language, rejected=rejected)
        # one corpus: a name learnt in one file is found in all, whatever their order
        announce_gazetteer(reporter)
        try:
            result = annotate_corpus(tei_files, register, options, jobs=jobs,
                                     keep_occurrences=report_path is not None,
                                     progress=lambda done, total: reporter.progress("annotate", done, total),
                                     write=lambda path, data: write_atomic(path, data))
        finally:
            reporter.finish()
        occurrences = []
        for path, outcome in sorted(result.outcomes.items()):
            print_issues(outcome.warnings)
            if outcome.issue is not None or outcome.skipped:
                continue
            occurrences.extend(outcome.occurrences)
            counts = ", ".join(f"{k} {v}" for k, v in sorted(outcome.counts.items()))
            reporter.info(f"{path}: {counts or 'nothing found'}.")
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
    failed = [issue for p in result.failed if (issue := result.outcomes[p].issue) is not None]
    if failed:
        print_issues(failed)
        raise EditionClickError(f"{len(failed)} of {len(tei_files)} file(s) could not be annotated; "
                                "the others were. Fix the files named above and run it again.")
