"""``edition validate``: TEI conformance (and a project's schemas and rules), for people and CI."""

from __future__ import annotations

import json
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import click

from .. import validate as lib
from ..config import PROFILES
from ..errors import Issue
from ._common import Reporter, common_options, find_project, library_errors, print_issues, shown, usage_errors

REPORTS = ("text", "json", "junit", "github")


def _junit(issues: list[Issue], files: list[Path]) -> str:
    """One test case per file, one failure per issue: what CI systems display."""
    by_file: dict[str, list[Issue]] = {str(f): [] for f in files}
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


def _github_escape(text: str, *, property_value: bool = False) -> str:
    """GitHub workflow-command escaping (messages: % CR LF; properties also , :)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def _github(issues: list[Issue]) -> str:
    """GitHub Actions annotations: each issue shows on its line in the pull request."""
    lines = []
    for issue in issues:
        props = [f"file={_github_escape(issue.path, property_value=True)}"]
        if issue.line is not None:
            props.append(f"line={issue.line}")
            if issue.col is not None:
                props.append(f"col={issue.col}")
        props.append(f"title={_github_escape(issue.rule, property_value=True)}")
        lines.append(f"::{issue.severity} {','.join(props)}::{_github_escape(issue.message)} [{issue.rule}]")
    return "\n".join(lines)


@click.command(name="validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--schema",
    "schemas",
    multiple=True,
    metavar="NAME_OR_FILE",
    help="tei-all (official TEI: RELAX NG and Schematron), edition, or a .rng, .xsd or .sch file. Repeatable.",
)
@click.option(
    "--profile",
    type=click.Choice(PROFILES),
    default=None,
    help="edition: also the edition's project rules. Default: the project config, else none.",
)
@click.option(
    "--report",
    type=click.Choice(REPORTS),
    default="text",
    show_default=True,
    help="text on stderr; json, junit or github (Actions annotations) on stdout.",
)
@click.option("--registers", type=click.Path(path_type=Path),
              help="Registers file for @ref checks (edition profile).")
@common_options
def command(paths: tuple[Path, ...], schemas: tuple[str, ...], profile: str | None, report: str,
            registers: Path | None, reporter: Reporter) -> None:
    """Check TEI files for TEI conformance, a project's schemas and rules.

    PATHS are files or folders (default: the project's tei/). Every problem is reported as
    path:line:col: error: message [rule-id]; the exit code is 1 if any.

    Example:

        edition validate

        edition validate tei/letter-12.xml --schema tei-all --schema schema/letters.sch

        edition validate --profile edition --report github
    """
    project = find_project()
    with usage_errors("PATHS"):
        files = lib.files_to_validate(list(paths) or [shown(project.tei)])
    with usage_errors("--schema"):
        for name in schemas:
            lib.check_schema_name(name)
    options = lib.ValidateOptions.for_project(project, schemas=schemas, profile=profile, registers=registers)
    with library_errors():
        issues = lib.validate_paths(files, options)
    if report == "json":
        click.echo(
            json.dumps(
                {
                    "schemas": list(options.schemas),
                    "profile": options.profile,
                    "files": [str(f) for f in files],
                    "valid": not lib.has_errors(issues),
                    "issues": [i.as_dict() for i in issues],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    elif report == "junit":
        click.echo(_junit(issues, files))
    elif report == "github":
        if issues:
            click.echo(_github(issues))
    else:
        print_issues(issues)
    reporter.info(lib.summary(issues, len(files)))
    if lib.has_errors(issues):
        raise SystemExit(1)
