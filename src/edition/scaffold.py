"""A new edition project: what ``edition init`` writes.

The files are the smallest project that builds, validates in CI and checks
commits: the folders, a commented ``edition.toml``, a GitHub Actions workflow
and a pre-commit config that run the installed tool, a README and a note on
overriding the stylesheets. Nothing an editor wrote is ever replaced unless
asked (``force``); the check comes before any write, so a refusal leaves the
folder as it was.
"""

from __future__ import annotations

from pathlib import Path

from . import __version__
from .errors import OutputExistsError
from .paths import inside
from .tei import write_atomic

#: The folders of a new project (the defaults of ``[folders]``).
FOLDERS = ("raw", "tei")

EDITION_TOML = """\
# The configuration of this edition project (every key: docs/config.md of
# edition). `edition` finds the project from any of its folders by this file.

# Languages of the texts (ISO 639 codes); the first is assumed for a document
# that declares none (otherwise its xml:lang, then its words, decide). The
# annotator works on Turkish ("tr").
# languages = ["tr"]

[folders]
# All relative to this folder; these are the defaults.
raw = "raw"          # raw texts: <id>.txt, with <id>.toml metadata
tei = "tei"          # the archive: <id>.xml and registers.xml
output = "output"    # the HTML site and the text edition (not committed)
xslt = "xslt"        # your stylesheet overrides (see xslt/README.md)
schema = "schema"    # your own schemas, if any

[validate]
# "tei-all": official TEI P5 (RELAX NG and TEI's Schematron); "edition": the
# edition's customisation; or your own files, e.g. "schema/letters.rng",
# "schema/letters.xsd", "schema/rules.sch". Several are all checked.
schemas = ["tei-all"]
# "edition" adds the edition's own project rules (ids, ISO dates, notes,
# register references); "none" checks TEI conformance only.
profile = "none"

[render]
formats = ["html", "text"]
"""

WORKFLOW = """\
# Builds and validates the edition on every push and pull request (written by
# `edition init`). Validation errors are shown on the pull request's lines.
name: edition
on: [push, pull_request]
jobs:
  edition:
    runs-on: ubuntu-latest
    env:
      # Where pip installs edition from: a release on your package index, a
      # wheel URL, or a git URL such as git+https://github.com/OWNER/edition@TAG.
      EDITION: "edition=={version}"
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - name: Install edition
        run: pip install "$EDITION"
      - name: The committed TEI is what the raw texts build to
        run: edition build --check
      - name: Validate the TEI
        if: always()
        run: edition validate --report github
"""

PRE_COMMIT = """\
# Validates the TEI files being committed (written by `edition init`).
# Set up once with `pip install pre-commit && pre-commit install`.
# This runs the edition installed beside pre-commit. To let pre-commit
# install edition itself, use its published hook instead:
#   - repo: https://github.com/OWNER/edition
#     rev: TAG
#     hooks:
#       - id: edition-validate
repos:
  - repo: local
    hooks:
      - id: edition-validate
        name: edition validate
        entry: edition validate
        language: system
        files: ^tei/.*\\.xml$
"""

README = """\
# {name}

A digital edition made with `edition`: raw texts become TEI P5 (the archive,
`tei/`), validated, and rendered as an HTML site and a text edition
(`output/`).

## Working on it

    pip install edition          # or a wheel / git URL, as in the CI workflow
    edition build                # from any folder of the project

1. Put each text in `raw/<id>.txt` (the id: lower-case letters, digits, `-`),
   with what the text lacks (licence, languages, responsibility) in
   `raw/<id>.toml`.
2. `edition build` ingests new texts to `tei/<id>.xml`, annotates names and
   dates, validates and renders to `output/html/index.html` and `output/text/`.
   Edit the TEI by hand at will: a build never overwrites it unless you pass
   `--reingest`.
3. `edition validate` checks the TEI as `edition.toml` says; `edition --help`
   lists every command.

Commit `raw/`, `tei/` and `edition.toml`; `output/` is rebuilt.

## Checks

- `.github/workflows/edition.yml` runs `edition build --check` and
  `edition validate` on every push and pull request.
- `.pre-commit-config.yaml` validates the TEI files of each commit
  (`pre-commit install` once).

## Stylesheets

To change how the edition looks, override the shipped stylesheets in `xslt/`
(see `xslt/README.md`).
"""

XSLT_README = """\
# Stylesheet overrides

`edition build` and `edition render` use the stylesheets shipped with edition
unless this folder has an entry stylesheet for the format: `html/html.xsl`
for the HTML site, `text/text.xsl` for the text edition. A format without
its entry file here keeps the shipped one.

Customise the way the TEI Stylesheets are customised: import the shipped
entry stylesheet and override only the templates you want to change (yours
win over the imported ones). edition passes the shipped folder's URI as the
static parameter `shipped-xslt`:

```xml
<!-- xslt/html/html.xsl -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">
  <xsl:param name="shipped-xslt" static="yes" as="xs:string"/>
  <xsl:import _href="{$shipped-xslt}html/html.xsl"/>

  <!-- e.g. show person names in small capitals -->
  <xsl:template match="tei:persName">
    <span style="font-variant: small-caps"><xsl:apply-templates/></span>
  </xsl:template>
</xsl:stylesheet>
```

A change here is a change of the build's input: the next `edition build`
renders again.
"""

RAW_README = """\
# Raw texts

One text per file: `<id>.txt` (UTF-8, as extracted from the PDF), and
optionally `<id>.toml` with what the text itself lacks (licence, languages,
responsibility). The id names the TEI file (`tei/<id>.xml`) and the pages:
lower-case letters, digits, `-`, `_` and `.`.
"""

GITIGNORE = """\
/output/
.edition-cache/
"""


def files(name: str) -> dict[str, str]:
    """The files of a new project called ``name``: path relative to its root → text."""
    return {
        "edition.toml": EDITION_TOML,
        "README.md": README.replace("{name}", name),
        ".gitignore": GITIGNORE,
        ".github/workflows/edition.yml": WORKFLOW.replace("{version}", __version__),
        ".pre-commit-config.yaml": PRE_COMMIT,
        "raw/README.md": RAW_README,
        "xslt/README.md": XSLT_README,
    }


def scaffold(folder: Path, *, force: bool = False) -> list[Path]:
    """Write a new project into ``folder`` (made if missing); the paths written.

    Raises :class:`OutputExistsError`, writing nothing, if any of the files
    exists and ``force`` is not given, and :class:`UnsafePathError` if a
    folder of the scaffold is a link out of ``folder``.
    """
    planned = {folder / rel: text for rel, text in files(folder.resolve().name).items()}
    for rel in (*files(""), *FOLDERS):
        inside(folder, rel)  # a linked .github/ or raw/ must not carry the writes elsewhere
    existing = [path for path in planned if path.exists()]
    if existing and not force:
        names = ", ".join(str(p.relative_to(folder)) for p in existing)
        raise OutputExistsError(
            f"{names} already exist{'s' if len(existing) == 1 else ''}; nothing was written",
            path=str(folder),
            hint="Pass --force to replace them (your edits to them are lost).",
        )
    for name in FOLDERS:
        (folder / name).mkdir(parents=True, exist_ok=True)
    for path, text in planned.items():
        write_atomic(path, text.encode("utf-8"))
    return list(planned)
