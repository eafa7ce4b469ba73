"""The editor's review loop end to end (edition.annotate.review, `edition review`)."""

from __future__ import annotations

import csv
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner
from project_helpers import make_project

from edition.annotate.registers import Entry, Register
from edition.annotate.review import Decision, apply_decisions, load_decisions
from edition.annotate.review_page import write_review_page
from edition.cli import main
from edition.errors import InputError
from edition.paths import Project

ROOT = Path(__file__).resolve().parents[1]
TEXT = (
    "Giriş\n\n"
    "General Denikin 12 Mart 1919’da Bakü’ye geldi ve Müsavat Partisi ile görüştü. Sonra Tiflis’e gitti. "
    "Kuzey Kafkasya’da Dizak kalesi ile Varanda meliki Hacı Kerim Bey de oradaydı; Denikin Bakü’den ayrıldı.\n"
)


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path, TEXT)


def rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def build(project: Path, *extra: str):
    result = CliRunner().invoke(main, ["build", "--project-dir", str(project), "-j", "1", *extra])
    assert result.exit_code == 0, result.output
    return result


def page_rows(page: Path) -> dict[str, dict[str, str]]:
    """The review page's candidate rows: entry id → data attributes and chosen decision."""
    root = lxml.html.fromstring(page.read_bytes())
    out = {}
    for tr in root.cssselect("tr[data-entry]"):
        chosen = tr.cssselect("select option[selected]")
        out[tr.get("data-entry")] = {"name": tr.get("data-name"), "count": tr.get("data-count"),
                                     "decision": chosen[0].get("value") if chosen else tr.get("data-decision", ""),
                                     "contexts": tr.text_content()}
    return out


def test_review_loop(project, monkeypatch):
    build(project)
    monkeypatch.chdir(project)
    listed = CliRunner().invoke(main, ["review", "--html"])
    assert listed.exit_code == 0, listed.output
    table = {r["name"]: r for r in rows(project / "review" / "decisions.tsv")}
    # candidates listed with counts and contexts, none decided
    assert {"Denikin", "Dizak", "Varanda", "Hacı Kerim Bey"} <= set(table)
    assert table["Denikin"]["count"] == "2" and "[Denikin]" in table["Denikin"]["contexts"]
    assert all(not r["decision"] for r in table.values())
    # the review page lists the same candidates, in context, undecided
    page = project / "output" / "review" / "index.html"
    assert "output/review/index.html: the review page." in listed.output
    shown_rows = page_rows(page)
    assert {r["entry"] for r in table.values()} == set(shown_rows)
    denikin_id = table["Denikin"]["entry"]
    assert shown_rows[denikin_id]["count"] == "2" and "ornek.xml" in shown_rows[denikin_id]["contexts"]
    assert all(r["decision"] == "" for r in shown_rows.values())

    # the editor decides, in bulk on the command line (two at once) and in the file
    ids = {name: table[name]["entry"] for name in ("Denikin", "Varanda", "Dizak", "Hacı Kerim Bey")}
    bulk = CliRunner().invoke(main, ["review", "--decide", "accept", "--entry", ids["Denikin"],
                                     "--entry", ids["Hacı Kerim Bey"]])
    assert bulk.exit_code == 0, bulk.output
    assert "accept recorded for 2 entries." in bulk.output
    decided = {"Denikin": ("accept", ""), "Varanda": ("reject", ""), "Dizak": ("retype", "org"),
               "Hacı Kerim Bey": ("link", "Q-TEST-1")}
    text = (project / "review" / "decisions.tsv").read_text(encoding="utf-8").splitlines()
    assert {line.split("\t")[2] for line in text[1:] if line.startswith("accept\t")} == {"Denikin", "Hacı Kerim Bey"}
    out = [text[0]]
    for line in text[1:]:
        cells = line.split("\t")
        if cells[2] in decided:
            cells[0], cells[4] = decided[cells[2]]
        out.append("\t".join(cells))
    (project / "review" / "decisions.tsv").write_text("\n".join(out) + "\n", encoding="utf-8")
    # the page shows the decisions as recorded
    CliRunner().invoke(main, ["review", "--html"])
    assert {shown_rows_d["name"]: shown_rows_d["decision"] for shown_rows_d in page_rows(page).values()
            if shown_rows_d["decision"]} == {name: d for name, (d, _v) in decided.items()}

    build(project)
    tei = (project / "tei" / "ornek.xml").read_text(encoding="utf-8")
    register = Register.load(project / "tei" / "registers.xml")
    denikin = register.lookup("Denikin", "person")
    assert denikin is not None and not denikin.candidate
    assert register.lookup("Varanda") is None and ">Varanda<" not in tei and "Varanda meliki" in tei
    dizak = register.lookup("Dizak", "org")
    assert dizak is not None and register.lookup("Dizak", "place") is None
    assert f'<orgName ref="registers.xml#{dizak.id}" resp="#edition-annotate">Dizak</orgName>' in tei
    assert register.lookup("Hacı Kerim Bey", "person").geonames == "Q-TEST-1"

    # a second build changes nothing
    snapshot = {p.name: p.read_bytes() for p in (project / "tei").glob("*.xml")}
    again = build(project)
    assert "0 built" in again.output
    assert {p.name: p.read_bytes() for p in (project / "tei").glob("*.xml")} == snapshot
    # re-annotation and re-ingest keep the decisions
    CliRunner().invoke(main, ["annotate", "tei/ornek.xml", "-j", "1"])
    assert {p.name: p.read_bytes() for p in (project / "tei").glob("*.xml")} == snapshot
    build(project, "--reingest")
    assert (project / "tei" / "ornek.xml").read_bytes() == snapshot["ornek.xml"]
    assert Register.load(project / "tei" / "registers.xml").lookup("Varanda") is None
    # refreshing the file keeps the decided rows as they were
    CliRunner().invoke(main, ["review"])
    refreshed = {r["name"]: r for r in rows(project / "review" / "decisions.tsv")}
    assert {n: (r["decision"], r["value"]) for n, r in refreshed.items() if r["decision"]} == decided
    # after the rebuild, the page lists the applied decisions apart, and no candidate decided
    write_review_page(Project.find(project))
    after = page_rows(page)
    assert {r["name"]: r["decision"] for r in after.values() if r["decision"]} == {
        name: d for name, (d, _v) in decided.items()}
    assert "Denikin" not in {r["name"] for eid, r in after.items()
                             if lxml.html.fromstring(page.read_bytes()).cssselect(f"select[id='decision-{eid}']")}


def test_merge_and_bad_rows(tmp_path):
    register = Register()
    a = register.add_candidate("place", "Tiflis")
    b = register.add_candidate("place", "Tbilisi")
    apply_decisions(register, [Decision("merge", "place", "Tbilisi", b.id, a.id)])
    assert register.lookup("Tbilisi", "place") is a and b.id not in register.entries
    # idempotent
    apply_decisions(register, [Decision("merge", "place", "Tbilisi", b.id, a.id)])
    assert len(register) == 1
    bad = tmp_path / "decisions.tsv"
    bad.write_text("decision\tkind\tname\tentry\tvalue\tcount\tcontexts\nmaybe\tplace\tX\tplace-x\t\t1\t\n",
                   encoding="utf-8")
    with pytest.raises(InputError, match="unknown decision 'maybe'") as err:
        load_decisions(bad)
    assert err.value.line == 2


def test_cli_bad_decisions_file_is_one_error_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "tei").mkdir()
    (tmp_path / "review").mkdir()
    (tmp_path / "review" / "decisions.tsv").write_text(
        "decision\tkind\tname\tentry\tvalue\tcount\tcontexts\nretype\tplace\tX\tplace-x\tcity\t1\t\n",
        encoding="utf-8")
    result = CliRunner().invoke(main, ["review"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == (
        "Error: review/decisions.tsv: line 2: retype needs a kind in the value column, not 'city'.")


# -- steps alone ---------------------------------------------------------------

def tei(body: str) -> bytes:
    return ('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text><body>' + body
            + "</body></text></TEI>").encode()


def test_keyword_in_context_cuts_the_block_around_the_tag_and_leaves_footnotes_out():
    from edition.annotate.review import keyword_in_context
    from edition.tei import parse_bytes

    root = parse_bytes(tei('<p>Önce   <hi>çok</hi> şey oldu<note>bir dipnot</note> ve '
                           '<persName ref="r#p">Şaumyan</persName>’ın adamları <lb/>geldi.</p>')).getroot()
    name = root.find(".//{http://www.tei-c.org/ns/1.0}persName")
    # whitespace collapsed, but kept where the text has it next to the tag
    assert keyword_in_context(name) == ("Önce çok şey oldu ve ", "Şaumyan", "’ın adamları geldi.")
    # cut at word boundaries, marked
    assert keyword_in_context(name, width=8) == ("…ve ", "Şaumyan", "’ın…")
    # inside a footnote, the footnote is the context
    note = parse_bytes(tei('<p>Metin<note>Bkz. <persName ref="r#k">Kazemzadeh</persName>, 1951.</note> devam.</p>'))
    inner = note.getroot().find(".//{http://www.tei-c.org/ns/1.0}persName")
    assert keyword_in_context(inner) == ("Bkz. ", "Kazemzadeh", ", 1951.")


def test_mentions_have_their_page_and_line_and_list_uncertain_tags(tmp_path):
    from edition.annotate.review import mentions

    path = tmp_path / "x.xml"
    path.write_bytes(tei('<pb n="7"/><p>A <placeName ref="registers.xml#place-a">Kars</placeName>\n'
                         '<pb n="8"/><date when="1918-03-31" cert="medium" resp="#edition-annotate">31 Mart</date> '
                         '<date when="1918">1918</date> <seg cert="low">belki</seg></p>'))
    found = list(mentions(path))
    assert [(m.tag, m.text, m.page, m.line, m.entry, m.cert) for m in found] == [
        ("placeName", "Kars", "7", 1, "place-a", None),
        ("date", "31 Mart", "8", 2, "", "medium"),
        ("seg", "belki", "8", 2, "", "low")]
    assert found[1].value == "when=1918-03-31" and found[0].context() == "A [Kars] 31 Mart 1918 belki"


def test_decide_records_one_decision_for_matching_rows():
    from edition.annotate.review import decide

    rows = [Decision("", "place", "Goşa", "place-gosa"), Decision("", "place", "Kabardey", "place-kabardey"),
            Decision("", "org", "2. Kolordu", "org-2-kolordu")]
    out, matched = decide(rows, "Retype", ["place-*"], "org")
    assert matched == 2 and [(d.action, d.value) for d in out] == [("retype", "org"), ("retype", "org"), ("", "")]
    with pytest.raises(InputError, match=r"^place-gosa: retype needs a kind in the value column, not 'city'\."):
        decide(rows, "retype", ["place-gosa"], "city")
    with pytest.raises(InputError, match="no candidate entry matches pers-\\*"):
        decide(rows, "accept", ["pers-*"])


def test_cli_decide_without_entry_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "tei").mkdir()
    result = CliRunner().invoke(main, ["review", "--decide", "accept"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1] == (
        "Error: --decide and --entry go together: name the decision and the entries it is for.")
    nothing = CliRunner().invoke(main, ["review", "--decide", "accept", "--entry", "place-*"])
    assert nothing.exit_code == 1
    assert nothing.output.strip().splitlines()[-1] == (
        "Error: no candidate entry matches place-*. Name entries by their id in review/decisions.tsv "
        "(wildcards: place-*).")


def test_merge_and_link_to_a_known_authority_end_to_end(project, monkeypatch):
    build(project)
    monkeypatch.chdir(project)
    baku = Register.load(project / "tei" / "registers.xml").lookup("Bakü", "place")
    assert baku is not None and baku.geonames
    runner = CliRunner()
    # a spelling of another entry, and an entry linked to an id Bakü already has
    for args in (["--decide", "merge", "--value", "place-tiflis", "--entry", "place-kuzey-kafkasya"],
                 ["--decide", "link", "--value", baku.geonames, "--entry", "place-dizak"]):
        result = runner.invoke(main, ["review", *args])
        assert result.exit_code == 0, result.output
    build(project)
    register = Register.load(project / "tei" / "registers.xml")
    tei = (project / "tei" / "ornek.xml").read_text(encoding="utf-8")
    # one entry each: the names are variants, the texts point at the survivor
    assert {"place-kuzey-kafkasya", "place-dizak"}.isdisjoint(register.entries)
    assert register.lookup("Kuzey Kafkasya", "place").id == "place-tiflis"
    assert register.lookup("Dizak", "place") is register.by_authority("place", baku.geonames)
    assert "#place-dizak" not in tei and "#place-kuzey-kafkasya" not in tei
    assert f'<placeName ref="registers.xml#{baku.id}" resp="#edition-annotate">Dizak</placeName>' in tei
    authorities = [e.geonames for e in register.entries.values() if e.geonames]
    assert len(authorities) == len(set(authorities))
    snapshot = {p.name: p.read_bytes() for p in (project / "tei").glob("*.xml")}
    build(project)
    assert {p.name: p.read_bytes() for p in (project / "tei").glob("*.xml")} == snapshot


def test_review_apply_records_cited_authors(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "tei").mkdir()
    Register([Entry("pers-kazemzadeh", "person", "Firuz Kazemzadeh"), Entry("pers-saumyan", "person", "Şaumyan")]
             ).save(tmp_path / "tei" / "registers.xml")
    (tmp_path / "tei" / "x.xml").write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text><body><p>'
        '<persName ref="registers.xml#pers-saumyan">Şaumyan</persName> geldi (<bibl><author>'
        '<persName ref="registers.xml#pers-kazemzadeh">Kazemzadeh</persName></author>, 1951</bibl>).'
        '</p></body></text></TEI>', encoding="utf-8")
    result = CliRunner().invoke(main, ["review", "--apply"])
    assert result.exit_code == 0, result.output
    register = Register.load(tmp_path / "tei" / "registers.xml")
    assert register.entries["pers-kazemzadeh"].role == "author" and register.entries["pers-saumyan"].role is None


def test_review_warns_of_entries_merged_for_one_authority_id(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "tei").mkdir()
    (tmp_path / "tei" / "registers.xml").write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text><body><listPlace>'
        '<place xml:id="place-erivan"><placeName type="preferred">Erivan</placeName><idno type="geonames">616052</idno>'
        '</place><place xml:id="place-revan"><placeName type="preferred">Revan</placeName>'
        '<idno type="geonames">616052</idno></place></listPlace></body></text></TEI>', encoding="utf-8")
    result = CliRunner().invoke(main, ["review", "--apply"])
    assert result.exit_code == 0, result.output
    assert ("tei/registers.xml: warning: place-revan has the authority id of place-erivan and was merged into it; "
            "refer to place-erivan and save the registers (edition review --apply) to drop place-revan. "
            "[register-same-authority]") in result.output.splitlines()
    saved = Register.load(tmp_path / "tei" / "registers.xml")
    assert list(saved.entries) == ["place-erivan"] and saved.merged == {}
    assert saved.lookup("Revan", "place").id == "place-erivan"
