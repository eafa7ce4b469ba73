"""``edition validate``: TEI schema plus project rules, for people and CI."""

from __future__ import annotations

import json
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import click

from .. import validate as lib
from ._common import Reporter, common_options, find_project, library_errors, print_issues, shown


def _junit(issues, files: list[Path]) -> str:
    """One test case per file, one failure per issue: what CI systems display."""
    by_file: dict[str, list] = {str(f): [] for f in files}
    for issue in issues:
        by_file.setdefault(issue.path, []).append(issue)
    failures = sum(1 for found in by_file.values() if found)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<testsuite name="edition validate" tests="{len(by_file)}" failures="{failures}" errors="0">',
    ]
    for path, found in by_file.items():
        lines.append(f"  <testcase classname=\"edition.validate\" name={quoteattr(path)}>")
        for issue in found:
            lines.append(
                f"    <failure type={quoteattr(issue.rule)} message={quoteattr(issue.message)}>"
                f"{escape(issue.format())}</failure>"
            )
        lines.append("  </testcase>")
    lines.append("</testsuite>")
    return "\n".join(lines)


@click.command(name="validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--schema",
    type=click.Choice(lib.SCHEMAS),
    default="edition",
    show_default=True,
    help="The edition customisation, or all of official TEI.",
)
@click.option(
    "--report",
    "output_format",
    type=click.Choice(["text", "json", "junit"]),
    default="text",
    show_default=True,
    help="text on stderr; json or junit on stdout.",
)
@click.option("--registers", type=click.Path(path_type=Path), help="Registers file for @ref checks.")
@click.option("--no-rules", is_flag=True, help="Check the schema only, not the project rules.")
@common_options
def command(paths, schema, output_format, registers, no_rules, reporter: Reporter) -> None:
    """Check TEI files against the schema and the edition's rules.

    PATHS are files or folders (default: the project's tei/). Every problem is reported as
    path:line:col: error: message [rule-id]; the exit code is 1 if any.

    Example:

        edition validate

        edition validate tei/baku-katliami-1918.xml --schema tei-all --report junit > report.xml
    """
    targets = list(paths) or [shown(find_project().tei)]
    for target in targets:
        if not target.exists():
            raise click.BadParameter(f"{target} does not exist", param_hint="PATHS")
    files = lib.collect_files(targets)
    if not files:
        raise click.BadParameter(f"no .xml files in {', '.join(map(str, targets))}", param_hint="PATHS")
    options = lib.ValidateOptions(schema=schema, registers=registers, rules=not no_rules)
    with library_errors():
        issues = lib.validate_paths(files, options)
    if output_format == "json":
        click.echo(
            json.dumps(
                {
                    "schema": schema,
                    "files": [str(f) for f in files],
                    "valid": not issues,
                    "issues": [i.as_dict() for i in issues],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    elif output_format == "junit":
        click.echo(_junit(issues, files))
    else:
        print_issues(issues)
    reporter.info(lib.summary(issues, len(files)))
    if issues:
        raise SystemExit(1)
