"""Rendering TEI this project did not write (issue 10): the fixtures in
tests/render_fixtures/any-tei/ (written for these tests) exercise every
structure the stylesheets must handle; golden HTML and text, a property test
that every word reaches both editions, readings, languages, failures that
stop one document only, deep nesting, and customisation by import and
override."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import re
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from edition.cli import main
from edition.render import RenderOptions, render

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
ANY_TEI = HERE / "render_fixtures" / "any-tei"
FIXTURES = sorted(ANY_TEI.glob("*.xml"))
NO_REGISTERS = HERE / "render_fixtures" / "no-registers.xml"  # never exists: no register
TEI_NS = 'xmlns="http://www.tei-c.org/ns/1.0"'


def _word_measure():
    """benchmarks/render_real_tei.py: the definition of a document's words
    and of the words that reach each edition, shared with the benchmark."""
    spec = importlib.util.spec_from_file_location("render_real_tei", ROOT / "benchmarks" / "render_real_tei.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


measure = _word_measure()


def render_both(files, out, **options):
    for fmt in ("html", "text"):
        result = render(files, out, RenderOptions(format=fmt, **options), registers=NO_REGISTERS)
        assert result.failed == [], [i.format() for i in result.failed]
        assert result.warnings == [], result.warnings
    return out


@pytest.fixture(scope="module")
def editions(tmp_path_factory) -> Path:
    return render_both(FIXTURES, tmp_path_factory.mktemp("any-tei"))


def page(out: Path, name: str):
    return lxml.html.fromstring((out / "html" / f"{name}.html").read_bytes())


def text(out: Path, name: str) -> str:
    return (out / "text" / f"{name}.txt").read_text(encoding="utf-8")


def article(out: Path, name: str) -> str:
    return " ".join(page(out, name).find_class("edition-text")[0].text_content().split())


def canonical_html(path: Path) -> str:
    """What a golden file holds of a page: its language, title, the language
    of its interface strings, and the article (the text itself)."""
    doc = lxml.html.fromstring(path.read_bytes())
    header = doc.find(".//header")
    lines = [f"html lang: {doc.get('lang')}", f"title: {doc.findtext('.//title')}",
             f"interface lang: {header.get('lang') or doc.get('lang')}"]
    body = lxml.html.tostring(doc.find_class("edition-text")[0], encoding="unicode")
    return "\n".join(lines) + "\n" + re.sub(r"\n\s*\n", "\n", body) + "\n"


def check_golden(actual: str, golden: Path, update: bool) -> None:
    if update:
        golden.write_text(actual, encoding="utf-8")
        return
    if not golden.exists():
        pytest.fail(f"{golden} is missing; run pytest --update-golden and review it")
    assert actual == golden.read_text(encoding="utf-8")


# --- golden files and the no-lost-word property -------------------------------

@pytest.mark.parametrize("fixture", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_fixture_matches_golden_html_and_text(editions, fixture, update_golden):
    check_golden(canonical_html(editions / "html" / f"{fixture.stem}.html"), fixture.with_suffix(".html"), update_golden)
    check_golden(text(editions, fixture.stem), fixture.with_suffix(".txt"), update_golden)


@pytest.mark.parametrize("fixture", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_every_word_of_a_fixture_reaches_both_editions(editions, fixture):
    from edition import tei
    source = measure.words(measure.reading_text(tei.parse_file(fixture).getroot()))
    assert len(source) > 10
    share, lost = measure.kept(source, measure.words(measure.html_text(editions / "html" / f"{fixture.stem}.html"), output=True))
    assert lost == [], f"HTML lost {lost}"
    share, lost = measure.kept(source, measure.words(text(editions, fixture.stem), output=True))
    assert lost == [], f"text edition lost {lost}"


WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzçğışöü", min_size=3, max_size=8)


def _inline(draw, depth: int) -> str:
    """Running text: words, some inside inline markup of TEI."""
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        word = draw(WORDS)
        kind = draw(st.sampled_from(["plain", "hi", "name", "foreign", "choice", "app", "supplied", "unclear",
                                     "lb", "note", "unknown"] if depth < 3 else ["plain"]))
        inner = _inline(draw, depth + 1) if depth < 3 and draw(st.booleans()) else word
        parts.append({
            "plain": word,
            "hi": f'<hi rend="italic">{inner}</hi>',
            "name": f'<persName ref="#x">{inner}</persName>',
            "foreign": f'<foreign xml:lang="la">{inner}</foreign>',
            "choice": f"<choice><sic>XXQ{word}</sic><corr>{word}</corr></choice>",
            "app": f'<app><lem>{word}</lem><rdg wit="#B">XXQ{word}</rdg></app>',
            "supplied": f"<supplied>{word}</supplied>",
            "unclear": f"<unclear>{inner}</unclear>",
            "lb": f'{word}<lb break="no"/>{draw(WORDS)}',
            "note": f"{word}<note>{inner}</note>",
            "unknown": f"<madeUpElement>{inner}</madeUpElement>",
        }[kind])
    return " ".join(parts)


@st.composite
def tei_documents(draw) -> str:
    """Random documents of blocks (paragraphs, verse, tables, lists, speeches,
    sections, elements of no known kind) with random words in them."""

    def block(depth: int) -> str:
        kind = draw(st.sampled_from(["p", "lg", "table", "list", "sp", "ab", "unknown", "div", "quote"] if depth < 2 else ["p", "ab"]))
        inline = lambda: _inline(draw, 1)
        if kind == "lg":
            return "<lg>" + "".join(f"<l>{inline()}</l>" for _ in range(draw(st.integers(1, 3)))) + "</lg>"
        if kind == "table":
            return "<table>" + "".join("<row>" + "".join(f"<cell>{inline()}</cell>" for _ in range(2)) + "</row>" for _ in range(2)) + "</table>"
        if kind == "list":
            return "<list>" + "".join(f"<item>{inline()}</item>" for _ in range(draw(st.integers(1, 3)))) + "</list>"
        if kind == "sp":
            return f"<sp><speaker>{draw(WORDS)}</speaker><p>{inline()}</p></sp>"
        if kind == "unknown":
            return f"<someBlock><p>{inline()}</p>{inline()}</someBlock>"
        if kind in ("div", "quote"):
            return f"<{kind}>" + "".join(block(depth + 1) for _ in range(draw(st.integers(0, 2)))) + f"</{kind}>"
        return f"<{kind}>{inline()}</{kind}>"

    body = "".join(block(0) for _ in range(draw(st.integers(1, 4))))
    return (f'<TEI {TEI_NS}><teiHeader><fileDesc><titleStmt><title>t</title></titleStmt>'
            f'<publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>'
            f"<text><body>{body}</body></text></TEI>")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(document=tei_documents())
def test_no_word_of_any_document_is_lost(tmp_path, document):
    from edition import tei
    source_file = tmp_path / "doc.xml"
    source_file.write_text(document, encoding="utf-8")
    out = tmp_path / "out"
    render_both([source_file], out)
    source = measure.words(measure.reading_text(tei.parse_bytes(document.encode()).getroot()))
    for output in (measure.html_text(out / "html" / "doc.html"), text(out, "doc")):
        assert measure.kept(source, measure.words(output, output=True))[1] == []
        # The readings not shown (sic, rdg) are not in the running text.
        assert "XXQ" not in output


# --- structures ----------------------------------------------------------------

def test_choice_shows_one_reading_and_keeps_the_other_reachable(editions):
    html = page(editions, "structures")
    choices = html.find_class("choice")
    assert [" ".join(c.text_content().split()) for c in choices] == ["Doctor", "the", "coloured"]
    assert [c.get("title") for c in choices] == ["Other reading: Dr.", "Other reading: teh", "Other reading: colour'd"]
    assert "Dr.Doctor" not in article(editions, "structures") and "Doctor Who" in text(editions, "structures")


def test_diplomatic_reading_and_variants_in_brackets(tmp_path):
    render_both([ANY_TEI / "structures.xml"], tmp_path, choice_reading="diplomatic", variants=True)
    plain = " ".join(text(tmp_path, "structures").split())
    assert "Abbreviated: Dr. [Doctor] Who; mistaken: teh [the] cat; regularised: colour'd [coloured] cloth." in plain
    assert "read rightly [#B wrongly | #C badly] here" in plain
    assert "wrote ⟦first⟧second thoughts, ⟦struck⟧ words" in plain
    html = page(tmp_path, "structures")
    assert [c.text_content() for c in html.find_class("choice")] == ["Dr.", "teh", "colour'd"]
    assert [d.text_content() for d in html.iter("del")] == ["first", "struck"]


def test_a_witness_reading_instead_of_the_lemma(tmp_path):
    render([ANY_TEI / "structures.xml"], tmp_path, RenderOptions(format="text", witness="C"), registers=NO_REGISTERS)
    assert "The witnesses read badly here" in " ".join(text(tmp_path, "structures").split())


def test_apparatus_substitution_and_editorial_signs(editions):
    html = page(editions, "structures")
    app = html.find_class("app")[0]
    assert app.text_content() == "rightly" and app.get("title") == "Other reading: #B wrongly | #C badly"
    subst = html.find_class("subst")[0]
    assert subst.text_content() == "second" and subst.get("title") == "Other reading: first"
    plain = " ".join(text(editions, "structures").split())
    assert "wrote second thoughts, words and inserted ones." in plain
    assert "Lost: […] and faint letters, with [restored] text and carpe diem spoken." in plain
    assert html.find_class("gap")[0].get("title") == "Text missing, illegible, 3 words"


def test_word_breaks_lines_columns_and_pages(editions):
    plain = " ".join(text(editions, "structures").split())
    assert "a hyphenated word and a pageturner cross lines and columns here, but natürlich not words." in plain
    assert "hyphenated word" in article(editions, "structures")


def test_verse_tables_lists_and_speeches_are_set_out_line_by_line(editions):
    lines = text(editions, "structures").splitlines()
    assert ["Prices", "Item | Cost", "bread | two pence", "closed on Sundays"] == lines[lines.index("Prices"):lines.index("Prices") + 4]
    assert "Roses are red" in lines and "violets blue" in lines
    drama = text(editions, "verse-drama").splitlines()
    i = drama.index("Hanna")
    assert drama[i:i + 3] == ["Hanna", "Die Rosen blühen früh im Jahr,", "der Tau liegt (sie bückt sich) auf dem Gras."]
    html = page(editions, "structures")
    assert [[c.text_content() for c in row] for row in html.find(".//table").iter("tr")] == [
        ["Item", "Cost"], ["bread", "two pence"], ["closed on Sundays"]]
    assert [l.text_content() for l in html.find_class("l")] == ["Roses are red", "violets blue"]


def test_names_link_to_local_entries_and_authorities(editions):
    html = page(editions, "structures")
    links = {a.text_content(): a.get("href") for a in html.find_class("ent") if a.tag == "a"}
    assert links["Ada Lovelace"] == "#id-p-ada" and html.get_element_by_id("id-p-ada") is not None
    assert links["Charles Babbage"] == "https://viaf.org/viaf/12345"
    assert links["Royal Society"] == "#id-o-rs"
    assert "Royal Society of London" in article(editions, "structures")
    assert "London town 51.5 -0.12" in article(editions, "structures")  # standOff


def test_header_title_authors_source_licence_and_languages(editions):
    html = page(editions, "structures")
    assert html.findtext(".//h1") == "A Miscellany of Structures"
    cite = " ".join(html.find_class("cite")[0].text_content().split())
    assert "Jane Quill; Tom Ink" in cite and "Licence: CC BY 4.0" in cite
    assert "Source: The Printed Miscellany J. Quill, Old Press 1901" in cite  # the biblFull's titleStmt is no title of ours
    assert "Language: English, Latin" in cite


def test_page_language_and_labels_follow_the_document(editions):
    german = page(editions, "verse-drama")
    assert german.get("lang") == "de" and german.find(".//header").get("lang") == "en"
    assert german.findtext(".//title") == "Ein kleines Spiel"
    turkish = page(editions, "letter")
    assert turkish.get("lang") == "tr" and turkish.find(".//header").get("lang") is None
    assert "Kaynak: Aile arşivi, kutu 3." in article(editions, "letter")
    assert "Lisans: Kamu malı." in article(editions, "letter")
    assert page(editions, "group").get("lang") == "und"


def test_iso_639_2_codes_become_bcp_47(tmp_path):
    source = tmp_path / "mektup.xml"
    source.write_text((ANY_TEI / "letter.xml").read_text(encoding="utf-8").replace(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0">', '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="tur">')
        .replace("<opener>", '<opener xml:lang="eng-GB">'), encoding="utf-8")
    render([source], tmp_path, registers=NO_REGISTERS)
    html = page(tmp_path, "mektup")
    assert html.get("lang") == "tr" and html.find_class("skip-link")[0].text_content() == "Ana içeriğe geç"
    assert html.find_class("tei-opener")[0].get("lang") == "en-GB"


def test_site_title_is_a_parameter(tmp_path):
    render([ANY_TEI / "letter.xml"], tmp_path, RenderOptions(site_title="Mektuplar"), registers=NO_REGISTERS)
    letter = page(tmp_path, "letter")
    assert letter.findtext(".//title") == "Kardeşine mektup · Mektuplar"
    assert letter.find_class("site-title")[0].text_content() == "Mektuplar"
    assert page(tmp_path, "index").findtext(".//h1") == "Mektuplar"


def test_every_text_of_a_group_and_of_a_corpus_is_rendered(editions):
    group = article(editions, "group")
    for words in ("These tales belong together", "a miller lived", "a baker moved in", "end of the second tale"):
        assert words in group
    headings = [h.text_content() for h in page(editions, "group").iter("h2", "h3")]
    assert "The Bakery" in headings  # a div1 is a section
    corpus = page(editions, "corpus")
    assert [h.text_content() for h in corpus.find_class("corpus-member")[0].getparent().iter("h2")][:2] == ["Member One", "Member Two"]
    assert "speaks of rivers" in text(editions, "corpus") and "speaks of mountains[1]" in text(editions, "corpus")


def test_letters_parts_each_on_a_line(editions):
    assert "İzmir, 3 Mayıs 1921\n\nSevgili kardeşim,\n\nMektubunu aldım" in text(editions, "letter")
    assert "Gözlerinden öperim,\n\nAyşe\n\nNot: Annemize selam söyle." in text(editions, "letter")


# --- failures stop one document only -------------------------------------------

FAILING_OVERRIDE = """<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:render" exclude-result-prefixes="#all">
  <xsl:param name="shipped-xslt" static="yes" as="xs:string"/>
  <xsl:import _href="{$shipped-xslt}FORMAT/FORMAT.xsl"/>
  <xsl:template match="tei:persName[. = 'Kaboom']" mode="#all">
    <xsl:sequence select="error(xs:QName('ed:test'), 'a stylesheet error on this document')"/>
  </xsl:template>
</xsl:stylesheet>"""


def test_a_document_that_fails_never_stops_the_others(tmp_path):
    project_xslt = tmp_path / "xslt"
    for fmt in ("html", "text"):
        (project_xslt / fmt).mkdir(parents=True)
        (project_xslt / fmt / f"{fmt}.xsl").write_text(FAILING_OVERRIDE.replace("FORMAT", fmt), encoding="utf-8")
    tei = tmp_path / "tei"
    tei.mkdir()
    (tei / "bad.xml").write_text(f"<TEI {TEI_NS}><text><body><p><persName>Kaboom</persName></p></body></text></TEI>", encoding="utf-8")
    (tei / "broken.xml").write_text(f"<TEI {TEI_NS}><text>", encoding="utf-8")
    (tei / "other.xml").write_text("<notTei/>", encoding="utf-8")
    files = [tei / "bad.xml", ANY_TEI / "letter.xml", tei / "broken.xml", tei / "other.xml", ANY_TEI / "group.xml"]
    for fmt, suffix in (("html", "html"), ("text", "txt")):
        result = render(files, tmp_path / "out", RenderOptions(format=fmt), registers=NO_REGISTERS, xslt_dir=project_xslt)
        assert sorted(result.seconds) == ["group", "letter"]
        assert (tmp_path / "out" / fmt / f"letter.{suffix}").is_file() and not (tmp_path / "out" / fmt / f"bad.{suffix}").exists()
        messages = {Path(i.path).name: i.message for i in result.failed}
        assert set(messages) == {"bad.xml", "broken.xml", "other.xml"}
        assert "a stylesheet error on this document" in messages["bad.xml"] and "\n" not in messages["bad.xml"]
        assert messages["other.xml"].startswith("not a TEI document")
    assert (tmp_path / "out" / "html" / "index.html").is_file()
    # The same in worker processes.
    result = render(files, tmp_path / "jobs", RenderOptions(format="text"), registers=NO_REGISTERS,
                    xslt_dir=project_xslt, jobs=2)
    assert sorted(result.seconds) == ["group", "letter"] and len(result.failed) == 3


def test_the_cli_reports_each_failed_document_and_exits_1(tmp_path):
    broken = tmp_path / "broken.xml"
    broken.write_text(f"<TEI {TEI_NS}><text>", encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(broken), str(ANY_TEI / "letter.xml"), "--format", "text",
                                       "--output-dir", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert (tmp_path / "out" / "text" / "letter.txt").is_file()
    lines = result.output.strip().splitlines()
    assert lines[-2].startswith(f"{broken}:1:") and ": error: not well-formed XML" in lines[-2] and lines[-2].endswith("[render]")
    assert lines[-1] == (f"Error: 1 of 2 documents not rendered: {broken}. The others (1) were; "
                         "fix these and render again.")


def test_nesting_deeper_than_saxon_reads_keeps_its_text(tmp_path):
    deep = tmp_path / "deep.xml"
    deep.write_text(f"<TEI {TEI_NS}><text><body><p>start " + "<hi>" * 200 + "innermost" + "</hi> tail" * 200
                    + " end</p></body></text></TEI>", encoding="utf-8")
    for fmt in ("html", "text"):
        result = render([deep], tmp_path, RenderOptions(format=fmt), registers=NO_REGISTERS)
        assert result.failed == []
        assert len(result.warnings) == 1 and "nested deeper than 90 levels were unwrapped" in result.warnings[0]
    assert " ".join(text(tmp_path, "deep").split()) == "deep ==== start innermost" + " tail" * 200 + " end"
    assert "start innermost" + " tail" * 200 + " end" in article(tmp_path, "deep")


def test_camel_case_or_id_less_files_get_usable_page_names(tmp_path):
    source = tmp_path / "MyLetter.xml"
    source.write_text((ANY_TEI / "letter.xml").read_text(encoding="utf-8"), encoding="utf-8")
    result = render([source], tmp_path / "out", RenderOptions(format="text"), registers=NO_REGISTERS)
    assert result.failed == [] and [p.name for p in result.written] == ["myletter.txt"]


# --- customisation by import and override -------------------------------------

OVERRIDE = """<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:render" exclude-result-prefixes="#all">
  <xsl:param name="shipped-xslt" static="yes" as="xs:string"/>
  <xsl:import _href="{$shipped-xslt}html/html.xsl"/>
  <!-- This project shows persons in small capitals, with their @ref. -->
  <xsl:template match="tei:persName" mode="ed:html">
    <span class="person-smallcaps" data-ref="{@ref}"><xsl:apply-templates mode="ed:html"/></span>
  </xsl:template>
</xsl:stylesheet>"""


def test_a_project_stylesheet_imports_the_shipped_one_and_overrides_a_template(tmp_path):
    project_xslt = tmp_path / "xslt"
    (project_xslt / "html").mkdir(parents=True)
    (project_xslt / "html" / "html.xsl").write_text(OVERRIDE, encoding="utf-8")
    render_both([ANY_TEI / "structures.xml"], tmp_path / "out", )  # the shipped stylesheets, for comparison
    for fmt in ("html", "text"):  # text/ is missing from the project: the shipped one is used
        result = render([ANY_TEI / "structures.xml"], tmp_path / "custom", RenderOptions(format=fmt),
                        registers=NO_REGISTERS, xslt_dir=project_xslt)
        assert result.failed == [] and result.warnings == []
    custom = page(tmp_path / "custom", "structures")
    persons = custom.find_class("person-smallcaps")
    assert [(p.text_content(), p.get("data-ref")) for p in persons] == [
        ("Ada Lovelace", "#p-ada"), ("Charles Babbage", "https://viaf.org/viaf/12345"), ("Augusta Ada King", "")]
    assert not page(tmp_path / "out", "structures").find_class("person-smallcaps")
    assert text(tmp_path / "custom", "structures") == text(tmp_path / "out", "structures")
    assert (tmp_path / "custom" / "html" / "assets" / "edition.css").is_file()


# --- valid HTML ----------------------------------------------------------------

VNU = HERE / "browser" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("java") is None or not VNU.exists(),
                    reason="needs java and tests/browser/node_modules (cd tests/browser && npm ci)")
def test_pages_of_foreign_tei_pass_the_nu_html_checker(editions):
    pages = sorted(str(editions / "html" / f"{f.stem}.html") for f in FIXTURES)
    proc = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
                          capture_output=True, text=True, timeout=120)
    assert json.loads(proc.stderr or '{"messages": []}')["messages"] == []
