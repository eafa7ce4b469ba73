"""The review page (edition.annotate.review_page): every candidate and every
low-certainty tag in context, all text escaped, every control labelled, the
page's choices turned into a decisions file in a real browser."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from edition.annotate.registers import Entry, Register
from edition.annotate.review import DECISIONS_FILE, Decision, Mention, write_rows
from edition.annotate.review_page import SCRIPT, ReviewData, review_page, write_review_page
from edition.paths import Project

HOSTILE = '<script>alert("x")</script> & Co'
TEXT = ('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text><body><pb n="3"/>'
        '<p>Önce <placeName ref="registers.xml#place-gosa" resp="#edition-annotate">Goşa</placeName> kalesi.</p>'
        '<pb n="4"/><p>Sonra <orgName ref="registers.xml#org-hostile">&lt;script&gt;alert("x")&lt;/script&gt; '
        '&amp; Co</orgName> <date when="1918-03-31" cert="medium" resp="#edition-annotate">31 Mart</date>\'ta.</p>'
        '</body></text></TEI>')


@pytest.fixture
def project(tmp_path: Path) -> Project:
    (tmp_path / "tei").mkdir()
    register = Register([Entry("place-gosa", "place", "Goşa", candidate=True),
                         Entry("org-hostile", "org", HOSTILE, candidate=True),
                         Entry("place-kars", "place", "Kars", geonames="743952")])
    register.save(tmp_path / "tei" / "registers.xml")
    (tmp_path / "tei" / "x.xml").write_text(TEXT, encoding="utf-8")
    (tmp_path / DECISIONS_FILE).parent.mkdir()
    (tmp_path / DECISIONS_FILE).write_bytes(write_rows([
        Decision("merge", "org", HOSTILE, "org-hostile", '"><img src=x onerror=alert(1)>'),
        Decision("accept", "place", "Revan", "place-revan")]))
    return Project(tmp_path)


def parsed(path: Path) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(path.read_bytes())


def test_page_is_written_where_the_integrator_expects_and_is_deterministic(project, tmp_path):
    page = write_review_page(project)
    assert page == project.root / "output" / "review" / "index.html"
    first = page.read_bytes()
    assert write_review_page(project, tmp_path / "elsewhere") == tmp_path / "elsewhere" / "index.html"
    assert (tmp_path / "elsewhere" / "index.html").read_bytes() == first
    assert first.startswith(b"<!DOCTYPE html>")


def test_every_candidate_and_uncertain_tag_is_shown_in_context(project):
    root = parsed(write_review_page(project))
    rows = {tr.get("data-entry"): tr for tr in root.cssselect("tr[data-entry]")}
    # candidates, each with document, line, page and its keyword in context; an
    # accepted entry (Kars) is not a candidate; a recorded decision is chosen
    assert set(rows) == {"place-gosa", "org-hostile", "place-revan"}
    gosa = rows["place-gosa"]
    assert gosa.cssselect(".where")[0].text_content() == "x.xml:1, p. 3"
    assert gosa.cssselect("mark")[0].text_content() == "Goşa"
    assert "Önce Goşa kalesi." in gosa.cssselect(".kwic li")[0].text_content()
    assert gosa.cssselect("option[selected]") == []
    hostile = rows["org-hostile"]
    assert hostile.cssselect("option[selected]")[0].get("value") == "merge"
    assert hostile.cssselect("input")[0].get("value") == '"><img src=x onerror=alert(1)>'
    # a decision whose entry is no longer a candidate is listed as recorded
    assert rows["place-revan"].get("data-decision") == "accept"
    assert rows["place-revan"].cssselect("select") == []
    # the low-certainty date, from the TEI's own @cert
    uncertain = root.cssselect("section[aria-labelledby=uncertain] tbody tr")
    assert len(uncertain) == 1
    cells = [td.text_content() for td in uncertain[0].cssselect("td")]
    assert cells[:4] == ["x.xml:1, p. 4", "date", "medium", "when=1918-03-31"]
    assert cells[4].startswith("Sonra <script>") and cells[4].endswith("31 Mart'ta.")


def test_all_text_is_escaped(project):
    page = write_review_page(project)
    root = parsed(page)
    # the only script is the page's own; no element came from the data
    assert [s.text for s in root.iter("script")] == [SCRIPT]
    assert root.cssselect("img") == []
    assert b'<script>alert' not in page.read_bytes()
    assert HOSTILE in root.cssselect("tr[data-entry=org-hostile] th")[0].text_content()
    assert root.cssselect("tr[data-entry=org-hostile]")[0].get("data-name") == HOSTILE


def test_controls_are_labelled_and_headings_in_order(project):
    root = parsed(write_review_page(project))
    assert root.get("lang") and root.find("head/title").text
    labels = {label.get("for"): label.text_content().strip() for label in root.iter("label")}
    controls = [c for c in root.iter("select", "input", "textarea")]
    assert controls and all(labels.get(c.get("id")) for c in controls)
    assert len({c.get("id") for c in controls}) == len(controls)
    levels = [int(h.tag[1]) for h in root.iter("h1", "h2", "h3", "h4")]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))
    assert all(th.get("scope") in ("col", "row") for th in root.iter("th"))
    assert root.cssselect("a.skip")[0].get("href") == "#main" and root.get_element_by_id("main") is not None


def test_review_data_sorts_candidates_by_mentions():
    register = Register([Entry("place-a", "place", "A", candidate=True),
                         Entry("place-b", "place", "B", candidate=True)])
    data = ReviewData(register, [])
    data.by_entry["place-b"].append(Mention("x.xml", None, 1, "placeName", "B", "place-b", None, "", "", ""))
    assert [e.id for e in data.candidates("place")] == ["place-b", "place-a"]
    page = review_page(data)
    # persons and organisations have none; a page without a page number says none
    assert page.count(b"No candidates.") == 2 and b"x.xml:1</span>" in page


@pytest.mark.browser
@pytest.mark.slow
def test_choices_become_a_decisions_file_with_the_keyboard(project):
    playwright = pytest.importorskip("playwright.sync_api")
    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        pytest.skip("needs /usr/bin/chromium")
    page_path = write_review_page(project)
    errors: list[str] = []
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium), args=["--headless", "--no-sandbox"])
        page = browser.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(page_path.as_uri())
        page.focus("#decision-place-gosa")
        page.keyboard.press("ArrowDown")  # undecided → accept
        page.focus("#make-decisions")
        page.keyboard.press("Enter")
        text = page.input_value("#decisions-out")
        browser.close()
    assert errors == []
    lines = [line.split("\t") for line in text.splitlines()]
    assert lines[0] == ["decision", "kind", "name", "entry", "value", "count", "contexts"]
    by_entry = {cells[3]: cells for cells in lines[1:]}
    assert by_entry["place-gosa"][:6] == ["accept", "place", "Goşa", "place-gosa", "", "1"]
    assert by_entry["org-hostile"][0] == "merge" and by_entry["place-revan"][0] == "accept"
