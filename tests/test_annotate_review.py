"""The editor's review loop end to end (edition.annotate.review, `edition review`)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from edition.annotate.registers import Register
from edition.annotate.review import Decision, apply_decisions, load_decisions
from project_helpers import make_project
from edition.cli import main
from edition.errors import InputError

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


def test_review_loop(project, monkeypatch):
    build(project)
    monkeypatch.chdir(project)
    listed = CliRunner().invoke(main, ["review"])
    assert listed.exit_code == 0, listed.output
    table = {r["name"]: r for r in rows(project / "review" / "decisions.tsv")}
    # candidates listed with counts and contexts, none decided
    assert {"Denikin", "Dizak", "Varanda", "Hacı Kerim Bey"} <= set(table)
    assert table["Denikin"]["count"] == "2" and "[Denikin]" in table["Denikin"]["contexts"]
    assert all(not r["decision"] for r in table.values())

    # the editor decides: accept, reject, retype, link
    decided = {"Denikin": ("accept", ""), "Varanda": ("reject", ""), "Dizak": ("retype", "org"),
               "Hacı Kerim Bey": ("link", "Q-TEST-1")}
    text = (project / "review" / "decisions.tsv").read_text(encoding="utf-8").splitlines()
    out = [text[0]]
    for line in text[1:]:
        cells = line.split("\t")
        if cells[2] in decided:
            cells[0], cells[4] = decided[cells[2]]
        out.append("\t".join(cells))
    (project / "review" / "decisions.tsv").write_text("\n".join(out) + "\n", encoding="utf-8")

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
