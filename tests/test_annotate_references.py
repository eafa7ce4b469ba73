"""Titles inside references written as running text (edition.annotate.references)."""

from pathlib import Path

import pytest

from edition.annotate import PERIODICAL_TYPES, annotate
from edition.annotate.references import title_zones
from edition.annotate.registers import Register
from edition.tei import TEI, parse_bytes


@pytest.mark.parametrize("text, titles", [
    ("23 Muriel Atkin, Russia and Iran, 1780-1828, Minneapolis, 1980, s. 144-147.", ["Russia and Iran, 1780-1828"]),
    ("Elçin Neciyev, Kafkaslarda Türk Katliamı, Emre Yayınları, İstanbul, 2005, s. 17-19.",
     ["Kafkaslarda Türk Katliamı"]),
    ("Thomas de Waal, Black Garden: Armenia and Azerbaijan, New York, 2003, s. 45; V. A. Potto, Kavkazskaya "
     "voyna, C. II, SPb., 1887, s. 211.", ["Black Garden: Armenia and Azerbaijan", "Kavkazskaya voyna, C. II"]),
    ('Mustafa Budak, "Osmanlı-Rus Harbi\'nde Kafkas Cephesi", Kafkas Araştırmaları, IV, İstanbul, 1998, s. 12.',
     ['"Osmanlı-Rus Harbi\'nde Kafkas Cephesi"',
      '"Osmanlı-Rus Harbi\'nde Kafkas Cephesi", Kafkas Araştırmaları, IV']),
    # running text is no reference
    ("Nuri Paşa, 25 Mayıs 1918’de Gence’ye ulaştığında Azerbaycan Milli Şurası henüz Tiflis’te toplanıyordu.", []),
])
def test_title_zones(text, titles):
    assert [text[s:e] for s, e in title_zones(text)] == titles


def test_nothing_inside_a_title_is_tagged():
    data = ('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text><body><p>Bakü’de.<note><bibl>'
            '<author>Elçin Neciyev</author>, <title level="m">Kafkaslarda Türk Katliamı 1918</title>, İstanbul, '
            '2005.</bibl> Muriel Atkin, Russia and Iran, 1780-1828, Minneapolis, 1980, s. 144.</note></p>'
            '</body></text></TEI>').encode()
    tree = parse_bytes(data)
    annotate(tree, Register())
    title = tree.getroot().find(f".//{TEI}title")
    assert len(title) == 0
    tagged = [(n.tag.split("}")[1], n.text) for n in tree.getroot().iter(f"{TEI}placeName", f"{TEI}persName",
                                                                         f"{TEI}date")]
    assert ("placeName", "Minneapolis") in tagged and ("persName", "Muriel Atkin") in tagged
    assert not any(text in ("Russia", "Iran", "1780-1828", "1980", "2005") for _tag, text in tagged)


SHIPPED = Path(__file__).resolve().parents[1] / "tei"
NAME_TAGS = ("persName", "placeName", "orgName")


@pytest.mark.parametrize("doc", ["baku-katliami-1918", "kafkasya-sovyetlestirilmesi"])
def test_shipped_texts_tag_periodicals_as_titles_and_nothing_inside_a_work_title(doc):
    root = parse_bytes((SHIPPED / f"{doc}.xml").read_bytes()).getroot()
    register = Register.load(SHIPPED / "registers.xml")
    periodicals = {e.id for e in register.entries.values() if e.kind == "org" and e.type in PERIODICAL_TYPES}
    for node in root.iter(*(TEI + t for t in NAME_TAGS)):
        entry = (node.get("ref") or "").rsplit("#", 1)[-1]
        assert entry not in periodicals, f"a newspaper or journal tagged as {node.tag}: {node.text}"
    # a work's title (it has a level, or is a journal's) holds no name; an archive cited as a title is an org
    for title in root.iter(TEI + "title"):
        if title.get("level") is not None:
            assert not [n for n in title.iter(*(TEI + t for t in NAME_TAGS))], "".join(title.itertext())
    text = "".join(root.find(TEI + "text").itertext())
    if doc == "kafkasya-sovyetlestirilmesi":
        titles = [t for t in root.iter(TEI + "title") if "".join(t.itertext()).startswith("Tercüman-ı Hakikat")]
        assert len(titles) == text.count("Tercüman-ı Hakikat") >= 30
