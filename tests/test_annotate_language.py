"""Annotate works on Turkish TEI P5 only (edition.annotate.language)."""

import pytest
from click.testing import CliRunner

from edition.annotate import AnnotateOptions, annotate
from edition.annotate.language import declared_language, guess_is_turkish
from edition.annotate.registers import Register
from edition.cli import main
from edition.errors import InputError
from edition.tei import parse_bytes

ENGLISH = ("The president Lincoln and Franklin went to Washington in 1862, where they met the members "
           "of the cabinet and discussed the war and the future of the union, which was at that time in "
           "great danger of being dissolved by the secession of the southern states.")
TURKISH = ("Nuri Paşa 25 Mayıs 1918’de Gence’ye ulaştığında Azerbaycan Milli Şurası henüz Tiflis’te "
           "toplanıyordu ve bağımsızlık ancak birkaç gün sonra ilan edilecek, hükümet de Gence’ye "
           "taşınacaktı; bu arada Bakü’de durum her geçen gün daha da kötüleşiyordu.")


def doc(body: str, lang: str | None = None, header: str = "<teiHeader/>") -> bytes:
    attr = f' xml:lang="{lang}"' if lang else ""
    return (f'<TEI xmlns="http://www.tei-c.org/ns/1.0"{attr}>{header}'
            f"<text><body><p>{body}</p></body></text></TEI>").encode()


@pytest.mark.parametrize("text, expected", [(ENGLISH, False), (TURKISH, True), ("Bakü 1918", None)])
def test_guess(text, expected):
    assert guess_is_turkish(text) is expected


def test_declared_language_from_lang_usage():
    header = ('<teiHeader><profileDesc><langUsage><language ident="de" usage="80"/>'
              '<language ident="tr" usage="20"/></langUsage></profileDesc></teiHeader>')
    assert declared_language(parse_bytes(doc("x", header=header)).getroot()) == "de"


@pytest.mark.parametrize("data, reason", [
    (doc(ENGLISH), "the text does not look Turkish"),
    (doc(TURKISH, lang="en"), "the text is declared as 'en', not Turkish"),
])
def test_other_languages_are_left_alone(data, reason):
    tree = parse_bytes(data)
    before = parse_bytes(data)
    result = annotate(tree, Register())
    assert result.skipped == reason
    from lxml import etree
    assert etree.tostring(tree) == etree.tostring(before)


def test_lang_tr_overrides_and_passages_in_other_languages_get_register_names_only():
    data = doc(f'{TURKISH} <foreign xml:lang="en">General Lincoln in Washington 1862</foreign>', lang="en")
    result = annotate(parse_bytes(data), Register(), AnnotateOptions(assume_language="tr"))
    assert result.skipped is None and result.counts["placeName"] >= 3
    # unforced, a Turkish document guesses nothing in its English passage: only
    # names the registers know (Baku, learnt from the Turkish text here) and dates
    register = Register()
    baku = register.add_candidate("place", "Bakü")
    register.add_variant(baku, "Baku")
    tree = parse_bytes(doc(f'{TURKISH} <foreign xml:lang="en">General Lincoln in Washington and Baku in '
                           '1862</foreign>'))
    annotate(tree, register)
    foreign = tree.getroot().find(".//{http://www.tei-c.org/ns/1.0}foreign")
    assert [(c.tag.split("}")[1], c.text) for c in foreign] == [("placeName", "Baku"), ("date", "1862")]


@pytest.mark.parametrize("data, message", [
    (b"<TEI.2><text><body><p>Bak\xc3\xbc</p></body></text></TEI.2>", "TEI P4 (root <TEI.2>), not TEI P5"),
    (b"<TEI><text><body><p>x</p></body></text></TEI>", "TEI without the TEI namespace (root <TEI>)"),
    (b"<html><body/></html>", "not a TEI document (root <html>)"),
])
def test_not_tei_p5_is_refused(data, message):
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        annotate(parse_bytes(data), Register())


def test_cli_refuses_without_rewriting_and_warns_on_other_languages(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # outside any project: no configured language
    p4 = tmp_path / "p4.xml"
    p4.write_bytes(b"<TEI.2><text><body><p>x</p></body></text></TEI.2>")
    english = tmp_path / "en.xml"
    english.write_bytes(doc(ENGLISH))
    before = (p4.read_bytes(), english.read_bytes())
    result = CliRunner().invoke(main, ["annotate", str(p4), str(english), "--registers", str(tmp_path / "r.xml"),
                                       "-j", "1"])
    assert result.exit_code == 1
    lines = result.stderr.splitlines() if hasattr(result, "stderr") else result.output.splitlines()
    assert f"{english}: warning: the text does not look Turkish; not annotated. Pass --lang tr to annotate " \
           f"it anyway. [annotate-language]" in lines
    assert any(line.startswith(f"{p4}: error: TEI P4 (root <TEI.2>), not TEI P5; not annotated and left "
                               "unchanged.") for line in lines)
    assert lines[-1] == ("Error: 1 of 2 file(s) could not be annotated; the others were. "
                         "Fix the files named above and run it again.")
    assert (p4.read_bytes(), english.read_bytes()) == before
    forced = CliRunner().invoke(main, ["annotate", str(english), "--lang", "tr", "--registers",
                                       str(tmp_path / "r.xml")])
    assert forced.exit_code == 0 and b"placeName" in english.read_bytes()
