"""edition.validate: the invalid-document suite (golden diagnostics), the
shipped archive, the schema derivation, the rules and hostile input."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from edition import schema_build, schematron, tei
from edition import validate as v

HERE = Path(__file__).resolve().parent
INVALID = HERE / "invalid"
FIXTURES = HERE / "validate_fixtures" / "tei"
CASES = sorted(p for p in INVALID.glob("*.xml") if p.name != "registers.xml")
# The invalid suite is the edition's: its customisation and its project rules.
EDITION = v.ValidateOptions(schemas=("edition",), profile="edition")


def diagnostics(issues, folder: Path) -> str:
    """Issues as the CLI prints them, with paths relative to ``folder``."""
    prefix = str(folder) + "/"
    return "".join(i.format().replace(prefix, "", 1) + "\n" for i in issues)


def test_invalid_suite_is_large_enough():
    assert len(CASES) >= 20


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_invalid_document_matches_golden(case, update_golden):
    issues = v.validate_paths([case], EDITION)
    assert issues, f"{case.name} should be invalid"
    got = diagnostics(issues, INVALID)
    golden = case.with_suffix(".expected")
    if update_golden:
        golden.write_text(got, encoding="utf-8")
    assert golden.exists(), f"no golden file; run pytest --update-golden and review {golden.name}"
    assert got == golden.read_text(encoding="utf-8")


def test_fixtures_are_valid():
    assert v.validate_paths([FIXTURES], EDITION) == []


def test_fixtures_are_valid_tei_all(tmp_path):
    assert v.validate_paths([FIXTURES], v.ValidateOptions(cache_dir=tmp_path)) == []


@pytest.mark.parametrize("options", [EDITION, v.ValidateOptions()], ids=["edition", "tei-all"])
def test_shipped_archive_is_valid(project_root, options):
    tei_dir = project_root / "tei"
    if not any(tei_dir.glob("*.xml")):
        pytest.skip("tei/ holds no documents yet (ingest has not run)")
    assert [i.format() for i in v.validate_paths([tei_dir], options)] == []


def test_committed_edition_schema_is_up_to_date():
    built = schema_build.build(schema_build.TEI_ALL_RNG.read_bytes())
    assert built == schema_build.EDITION_RNG.read_bytes(), "run: python -m edition.schema_build"


def test_customisation_keeps_exactly_the_edition_elements():
    kept = schema_build.kept_elements(schema_build.EDITION_RNG.read_bytes())
    assert kept == set(schema_build.EDITION_ELEMENTS)


def test_element_outside_customisation_is_valid_tei_all(tmp_path):
    case = INVALID / "element-not-in-edition.xml"
    assert [i.rule for i in v.validate_paths([case], EDITION)] == ["schema"]
    assert v.validate_paths([case], v.ValidateOptions(cache_dir=tmp_path)) == []


def test_tei_all_cache_is_reused_and_safe_to_delete(tmp_path):
    options = v.ValidateOptions(cache_dir=tmp_path / "cache")
    schematron._COMPILED.clear()  # compiled once per process: forget it, so it would be written
    v.validate_paths([FIXTURES], options)
    # Schematron is code: its stylesheet is never kept where a repository could plant one
    assert list((tmp_path / "cache").glob("schematron-*")) == []
    cached = list((tmp_path / "cache").glob("tei-all-*.rng"))
    assert len(cached) == 1
    cached[0].write_text("not xml")  # damaged cache: rebuilt, not trusted
    v._compile.cache_clear()
    assert v.validate_paths([INVALID / "bad-attribute.xml"], options)[0].rule == "tei-all"
    shutil.rmtree(tmp_path / "cache")
    assert v.validate_paths([FIXTURES], options) == []


def test_huge_file_is_refused(tmp_path, monkeypatch):
    v.edition_schema()  # compiled (and cached) before the limit is lowered
    monkeypatch.setattr(tei, "MAX_XML_BYTES", 1000)
    big = tmp_path / "big.xml"
    big.write_bytes(b"<TEI>" + b" " * 2000 + b"</TEI>")
    [issue] = v.validate_paths([big])
    assert issue.rule == "xml-size"
    assert "larger than the 1000 byte limit" in issue.message


def test_missing_file_is_reported(tmp_path):
    [issue] = v.validate_paths([tmp_path / "absent.xml"], EDITION)
    assert issue.rule == "xml-read"


@pytest.mark.parametrize(
    "value, parsed",
    [("1918", (1918,)), ("1918-03", (1918, 3)), ("1918-03-31", (1918, 3, 31)),
     ("1918-03-31T12:00:00", (1918, 3, 31, 12, 0, 0)), ("2000-02-29", (2000, 2, 29)),
     ("1900-02-29", None), ("1918-13", None), ("31.03.1918", None), ("18", None), ("", None)],
)
def test_parse_iso(value, parsed):
    assert v.parse_iso(value) == parsed


def test_every_rule_is_documented(project_root):
    doc = (project_root / "docs" / "validate.md").read_text(encoding="utf-8")
    for rule in v.RULES:
        assert f"`{rule}`" in doc, rule


def test_every_rule_id_used_is_declared():
    used = {line.rsplit("[", 1)[1].rstrip("]\n") for c in CASES for line in c.with_suffix(".expected").read_text().splitlines()}
    assert used <= set(v.RULES)


# ------------------------------------------------------------ jing cross-check

JING = shutil.which("jing")
needs_jing = pytest.mark.skipif(JING is None, reason="jing is not installed (apt-get install jing); CI installs it")
# Cases jing cannot be given: it would read /etc/passwd or expand entities.
NOT_FOR_JING = {"xxe", "billion-laughs"}


def jing_errors(paths: list[Path]) -> dict[str, list[int]]:
    """file -> error line numbers reported by jing on the official tei_all.rng."""
    # jing stops at the first not-well-formed file, so those run on their own.
    # jing also stops at an XInclude it cannot resolve.
    broken = [p for p in paths if v.read_document(p)[0] is None or b"2001/XInclude" in p.read_bytes()]
    batches = [[p for p in paths if p not in broken]] + [[p] for p in broken]
    output = []
    for batch in batches:
        run = subprocess.run(
            [JING, str(schema_build.TEI_ALL_RNG), *map(str, batch)], capture_output=True, text=True, timeout=120
        )
        output.extend(run.stdout.splitlines())
    found: dict[str, list[int]] = {str(p): [] for p in paths}
    for line in output:
        path, _, rest = line.partition(":")
        if path in found and rest.split(":", 1)[0].isdigit():
            found[path].append(int(rest.split(":", 1)[0]))
    return found


@needs_jing
@pytest.mark.slow
def test_jing_agrees_on_verdicts_and_lines(project_root, tmp_path):
    shipped = sorted((project_root / "tei").glob("*.xml"))
    fixtures = sorted(FIXTURES.glob("*.xml"))
    cases = [c for c in CASES if c.stem not in NOT_FOR_JING]
    conformance = sorted((HERE / "validate_fixtures" / "conformance").glob("*.xml"))
    paths = shipped + fixtures + cases + conformance
    by_jing = jing_errors(paths)
    ours = v.validate_paths(paths, v.ValidateOptions(cache_dir=tmp_path))
    disagreements = []
    for path in paths:
        mine = [i for i in ours if i.path == str(path) and i.rule in v.SCHEMA_LEVEL_RULES]
        theirs = by_jing[str(path)]
        if bool(mine) != bool(theirs):
            disagreements.append(f"{path.name}: edition {'invalid' if mine else 'valid'}, jing {theirs or 'valid'}")
        elif mine and mine[0].line not in theirs:
            disagreements.append(f"{path.name}: edition line {mine[0].line}, jing lines {theirs}")
    assert not disagreements
    assert any(by_jing[str(c)] for c in cases)  # the suite does exercise jing


# ------------------------------------------------- TEI conformance (default)

CONFORMANCE = HERE / "validate_fixtures" / "conformance"
SCHEMAS = HERE / "validate_fixtures" / "schemas"
CONFORMANCE_CASES = sorted(CONFORMANCE.glob("*.xml"))


@pytest.mark.parametrize("case", CONFORMANCE_CASES, ids=[c.stem for c in CONFORMANCE_CASES])
def test_conformance_matches_golden(case, update_golden, tmp_path):
    """Default options (tei-all RELAX NG + TEI's Schematron, no profile): the
    golden file holds every diagnostic; an empty one means valid TEI."""
    got = diagnostics(v.validate_paths([case], v.ValidateOptions(cache_dir=tmp_path)), CONFORMANCE)
    golden = case.with_suffix(".expected")
    if update_golden:
        golden.write_text(got, encoding="utf-8")
    assert golden.exists(), f"no golden file; run pytest --update-golden and review {golden.name}"
    assert got == golden.read_text(encoding="utf-8")


def test_date_with_from_and_not_before_is_an_error(tmp_path):
    [issue] = v.validate_paths([CONFORMANCE / "date-from-notbefore.xml"], v.ValidateOptions(cache_dir=tmp_path))
    assert (issue.rule, issue.severity, issue.line) == ("tei-schematron", "error", 12)


def test_project_rules_only_in_the_edition_profile(tmp_path):
    case = CONFORMANCE / "date-without-when.xml"
    assert v.validate_paths([case], v.ValidateOptions(cache_dir=tmp_path)) == []
    rules = [i.rule for i in v.validate_paths([case], v.ValidateOptions(profile="edition", cache_dir=tmp_path))]
    assert rules == ["doc-id", "date-iso"]


def test_unknown_schema_or_profile_is_refused():
    with pytest.raises(ValueError, match="unknown schema 'tei-lite'"):
        v.ValidateOptions(schemas=("tei-lite",))
    with pytest.raises(ValueError, match="unknown profile 'house'"):
        v.ValidateOptions(profile="house")


def test_project_schematron(tmp_path):
    options = v.ValidateOptions(schemas=(str(SCHEMAS / "has-author.sch"),), cache_dir=tmp_path)
    [issue] = v.validate_paths([CONFORMANCE / "date-without-when.xml"], options)
    assert issue.format().endswith(
        ":5:18: error: The titleStmt names 0 authors; name at least one. [schematron]")


def test_project_xsd(tmp_path):
    options = v.ValidateOptions(schemas=(str(SCHEMAS / "version-required.xsd"),), cache_dir=tmp_path)
    [issue] = v.validate_paths([CONFORMANCE / "date-without-when.xml"], options)
    assert (issue.rule, issue.line) == ("project-schema", 2)
    assert "version" in issue.message
    with_version = tmp_path / "with-version.xml"
    with_version.write_text((CONFORMANCE / "date-without-when.xml").read_text().replace(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0">', '<TEI xmlns="http://www.tei-c.org/ns/1.0" version="4.12">'))
    assert v.validate_paths([with_version], options) == []


def test_project_rng_and_several_schemas(tmp_path):
    rng = str(SCHEMAS / "body-has-div.rng")
    case = CONFORMANCE / "date-from-notbefore.xml"
    issues = v.validate_paths([case], v.ValidateOptions(schemas=("tei-all", rng), cache_dir=tmp_path))
    assert sorted(i.rule for i in issues) == ["project-schema", "tei-schematron"]


def test_missing_project_schema_is_an_input_error(tmp_path):
    with pytest.raises(v.InputError, match="schema file not found"):
        v.validate_paths([CONFORMANCE / "state-family.xml"], v.ValidateOptions(schemas=(str(tmp_path / "x.sch"),)))


# ------------------------------------------ language-preserving rewrites

TINY = """<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><element name="r">
  <optional><attribute name="n"/></optional>
  <oneOrMore><oneOrMore><element name="a"><empty/></element></oneOrMore>
             <zeroOrMore><element name="b"><optional><attribute name="t"/></optional><empty/></element></zeroOrMore></oneOrMore>
  <optional><attribute name="m"/></optional>
</element></start></grammar>"""


def test_rewrites_keep_the_language():
    """attributes_first and flatten_repetitions accept exactly the documents
    the original accepts: every sequence of a/b up to length 6."""
    import itertools

    from lxml import etree

    original = etree.RelaxNG(etree.fromstring(TINY))
    grammar = etree.fromstring(TINY)
    schema_build.attributes_first(grammar)
    schema_build.flatten_repetitions(grammar)
    rewritten = etree.RelaxNG(grammar)
    element = grammar.find(f"{schema_build.RNG}start/{schema_build.RNG}element")
    assert [etree.QName(c).localname for c in element] == ["optional", "optional", "group"]
    for length in range(7):
        for names in itertools.product("ab", repeat=length):
            doc = etree.fromstring(f"<r n='1' m='2'>{''.join(f'<{n}/>' for n in names)}</r>")
            assert original.validate(doc) == rewritten.validate(doc) == (names[:1] == ("a",)), names
