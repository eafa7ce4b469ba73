"""The HTML edition in a real browser: Debian's chromium driven by Playwright,
the site served from 127.0.0.1. A reader opens a text, opens a note, follows
a register link, searches; axe-core finds no serious accessibility problem;
and no request ever leaves the machine."""

from __future__ import annotations

import contextlib
import json
import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from edition.render import RenderOptions, render

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FIXTURES = HERE / "render_fixtures"
CHROMIUM = Path("/usr/bin/chromium")
AXE = HERE / "browser" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "output" / "screenshots"

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = None

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(sync_playwright is None, reason="needs the playwright package (pip install -e '.[test]')"),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (apt-get install chromium)"),
    pytest.mark.skipif(not AXE.exists(), reason="needs tests/browser/node_modules (cd tests/browser && npm ci)"),
]

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serving(folder: Path):
    handler = functools.partial(QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    out = tmp_path_factory.mktemp("browser-site")
    result = render([FIXTURES / "sample.xml"], out, RenderOptions(), registers=FIXTURES / "registers.xml")
    assert result.warnings == []
    with serving(out / "html") as url:
        yield url


@pytest.fixture(scope="module")
def corpus_server(tmp_path_factory):
    """The shipped corpus (tei/), where the reader's searches were found
    wanting."""
    out = tmp_path_factory.mktemp("browser-corpus")
    texts = sorted(p for p in (ROOT / "tei").glob("*.xml") if p.name != "registers.xml")
    result = render(texts, out, RenderOptions(), registers=ROOT / "tei" / "registers.xml")
    assert result.failed == []
    with serving(out / "html") as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@contextlib.contextmanager
def guarded_page(browser, server):
    """A page whose every request must go to the local server; anything else
    is blocked and fails the test."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    foreign: list[str] = []
    local_host = urlsplit(server).netloc

    def guard(route):
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about") or parts.netloc == local_host:
            route.continue_()
        else:
            foreign.append(url)
            route.abort()

    page.route("**/*", guard)
    page.on("pageerror", lambda exc: foreign.append(f"page error: {exc}"))
    page.on("requestfailed", lambda request: foreign.append(f"failed: {request.url}"))
    yield page
    context.close()
    assert foreign == [], f"requests that left the machine or failed, or script errors: {foreign}"


@pytest.fixture
def page(browser, server):
    with guarded_page(browser, server) as page:
        yield page


@pytest.fixture
def corpus_page(browser, corpus_server):
    with guarded_page(browser, corpus_server) as page:
        yield page


def test_note_marker_opens_the_note_in_place_and_escape_closes_it(page, server):
    page.goto(server + "sample.html")
    marker = page.locator("sup.note-ref a", has_text="1").first
    marker.click()
    popover = page.locator(".note-popover")
    popover.wait_for(state="visible")
    assert "Kafkaslarda Türk Katliamı" in popover.inner_text()
    assert page.url.endswith("sample.html")  # opened in place, no jump to the list
    page.keyboard.press("Escape")
    assert popover.count() == 0
    assert page.evaluate("document.activeElement.id") == "fnref1"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    marker.click()
    page.screenshot(path=str(SCREENSHOTS / "sample-note.png"), full_page=False)


def active(page) -> str:
    """The focused element, as tag#id.class."""
    return page.evaluate("""() => { const a = document.activeElement;
        return a.tagName.toLowerCase() + (a.id ? '#' + a.id : '') + (a.className ? '.' + a.className : ''); }""")


def test_a_name_card_opens_on_activation_not_on_focus(page, server):
    page.goto(server + "sample.html")
    page.focus("#m4")
    page.wait_for_timeout(100)
    assert page.locator(".note-popover").count() == 0  # tabbing onto a name opens nothing
    page.keyboard.press("Enter")
    card = page.locator(".note-popover")
    card.wait_for(state="visible")
    assert "Bakü" in card.inner_text() and "40.37767, 49.89201" in card.inner_text()
    assert page.url.endswith("sample.html")  # the card, not the register page
    assert card.locator("a.card-more").get_attribute("href") == page.get_attribute("#m4", "href")
    page.keyboard.press("Escape")
    assert card.count() == 0 and active(page).startswith("a#m4")


def test_keyboard_walk_through_a_note_never_drops_focus_to_the_body(page, server):
    page.goto(server + "sample.html")
    page.focus("#fnref1")
    page.keyboard.press("Enter")
    popover = page.locator(".note-popover")
    popover.wait_for(state="visible")
    assert "Kafkaslarda Türk Katliamı" in popover.inner_text()
    seen = []
    # Through the popover and out of it: the × and whatever the note holds,
    # then on from the marker; no name card opens on the way.
    for _ in range(6):
        page.keyboard.press("Tab")
        seen.append(active(page))
        assert not seen[-1].startswith("body"), seen
    assert popover.count() == 0, seen
    assert "button.popover-close" in seen
    # Open again and close with the ×: focus returns to the marker.
    page.focus("#fnref1")
    page.keyboard.press("Enter")
    popover.wait_for(state="visible")
    page.keyboard.press("Tab")
    assert active(page) == "button.popover-close"
    page.keyboard.press("Enter")
    assert popover.count() == 0 and active(page) == "a#fnref1"
    # Shift+Tab out of it goes back to the marker too.
    page.keyboard.press("Enter")
    popover.wait_for(state="visible")
    page.keyboard.press("Shift+Tab")
    assert popover.count() == 0 and active(page) == "a#fnref1"


def test_skip_links_lead_to_the_text_and_to_the_notes(page, server):
    page.goto(server + "sample.html")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#notes-head"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    # The next stop is in the notes list.
    assert page.evaluate("!!document.activeElement.closest('section.notes')")


def test_a_hover_card_closes_when_the_pointer_leaves(page, server):
    page.goto(server + "sample.html")
    page.hover("#m4")
    card = page.locator(".note-popover")
    card.wait_for(state="visible")
    page.mouse.move(5, 5)
    card.wait_for(state="detached")


def test_every_marker_and_close_button_is_at_least_24_px(page, server):
    page.goto(server + "sample.html")
    boxes = [page.locator(m).bounding_box() for m in ("#fnref-1", "#fnref1", "#fnref2")]
    assert all(b["width"] >= 24 and b["height"] >= 24 for b in boxes), boxes
    page.click("#fnref1")
    close = page.locator(".note-popover .popover-close").bounding_box()
    assert close["width"] >= 24 and close["height"] >= 24, close


def test_highlight_toggle_turns_entity_marking_off(page, server):
    page.goto(server + "sample.html")
    toggle = page.locator("button.toggle-entities")
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "false"
    assert page.evaluate("getComputedStyle(document.getElementById('m4')).textDecorationLine") == "none"


def test_register_link_lands_on_the_mention(page, server):
    page.goto(server + "persons.html")
    page.click("a.occurrence[href='sample.html#m13']")
    page.wait_for_url("**/sample.html#m13")
    target = page.locator("#m13")
    assert target.inner_text() == "S. Şaumyan"
    box = target.bounding_box()
    assert box is not None and -5 <= box["y"] < 900  # scrolled into view


def test_page_anchor_links_to_the_page_marker(page, server):
    page.goto(server + "sample.html#s2")
    assert -5 <= page.locator("#s2").bounding_box()["y"] < 900


def test_search_without_turkish_letters_finds_turkish_text(page, server):
    page.goto(server + "search.html")
    page.fill("#q", "samahi")
    page.press("#q", "Enter")
    page.locator("#search-results li").first.wait_for()
    # Shamakhi, the register's other spelling, is found and marked too.
    hit = page.locator("#search-results li", has=page.locator("mark", has_text="Şamahı")).first
    assert {"Şamahı", "SHAMAKHI"} <= set(page.locator("#search-results mark").all_inner_texts())
    hit.locator("a").click()
    page.wait_for_url("**/sample.html?h=*#t*")
    assert "Şamahı" in page.locator("mark.search-hit").all_inner_texts()
    page.goto(server + "search.html?q=" + "İSTANBUL")
    assert page.locator("#search-results li mark").first.inner_text() == "İstanbul"
    page.screenshot(path=str(SCREENSHOTS / "search.png"))


AXE_RULES = "{runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}"


def axe_violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(f"async () => (await axe.run(document, {AXE_RULES})).violations"
                         ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' '))}))")


@pytest.mark.parametrize("width", [1200, 390])
@pytest.mark.parametrize("name", ["index.html", "sample.html", "persons.html", "places.html", "organisations.html",
                                  "chronology.html", "map.html", "bibliography.html", "search.html"])
def test_axe_finds_no_violation_of_any_impact(page, server, name, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(server + name)
    assert axe_violations(page) == []


def test_axe_finds_no_violation_with_a_note_open_and_a_search_done(page, server):
    page.goto(server + "sample.html")
    page.click("#fnref1")
    page.locator(".note-popover").wait_for(state="visible")
    assert axe_violations(page) == []
    page.goto(server + "search.html?q=samahi")
    page.wait_for_selector("#search-status[data-done]")
    assert axe_violations(page) == []


@pytest.mark.parametrize("name", ["baku-katliami-1918.html", "kafkasya-sovyetlestirilmesi.html", "persons.html",
                                  "places.html", "chronology.html", "map.html", "bibliography.html"])
def test_axe_finds_no_violation_on_the_shipped_texts(corpus_page, corpus_server, name):
    corpus_page.goto(corpus_server + name)
    assert axe_violations(corpus_page) == []


# --- search on the shipped corpus -------------------------------------------

def search(page, query: str, text: str = "", kind: str = "") -> list[dict]:
    """Run a query on search.html; each result's link, place and marked
    words."""
    page.select_option("#search-text", text)
    page.select_option("#search-kind", kind)
    page.evaluate("q => window.editionSearch(q)", query)
    page.wait_for_selector("#search-status[data-done]")
    return page.eval_on_selector_all("#search-results li", """items => items.map(li => ({
        href: li.querySelector('a').getAttribute('href'),
        where: li.querySelector('.where').textContent,
        line: li.querySelector('.kwic').textContent,
        marks: Array.from(li.querySelectorAll('mark'), m => m.textContent)}))""")


def marked(results: list[dict]) -> set[str]:
    return {m for r in results for m in r["marks"]}


def test_search_finds_whole_words_not_pieces_of_words(corpus_page, corpus_server):
    corpus_page.goto(corpus_server + "search.html")
    kars = search(corpus_page, "Kars")
    assert kars and marked(kars) == {"Kars"}
    assert all("karşı" not in m.lower() for m in marked(kars))
    assert all("rivan" not in m for m in marked(search(corpus_page, "Van")))
    baki = search(corpus_page, "Bakı")
    assert baki and not [m for m in marked(baki) if m.lower().startswith("bakım")]
    # A word's beginning is asked for with *.
    assert {"Kafkas", "Kafkasya"} <= marked(search(corpus_page, "kafkas*"))


def test_search_treats_every_apostrophe_alike(corpus_page, corpus_server):
    corpus_page.goto(corpus_server + "search.html")
    typed = search(corpus_page, "Bakü'de")
    assert len(typed) > 10
    assert typed == search(corpus_page, "Bakü’de") == search(corpus_page, "Bakü\u02bcde")
    assert any("’" in m for m in marked(typed))


def test_search_finds_an_entity_by_the_registers_other_names(corpus_page, corpus_server):
    corpus_page.goto(corpus_server + "search.html")
    assert "Erivan" in marked(search(corpus_page, "Yerevan"))
    assert "Tiflis" in marked(search(corpus_page, "Tbilisi"))
    assert "Batum" in marked(search(corpus_page, "Batumi"))


def test_phrase_search_marks_the_whole_phrase_with_context_and_page(corpus_page, corpus_server):
    corpus_page.goto(corpus_server + "search.html")
    results = search(corpus_page, '"31 Mart"')
    assert results and marked(results) == {"31 Mart"}
    assert all(r["where"].startswith(" · s. ") for r in results)
    # A line of context, not the phrase alone.
    assert all("31 Mart" in r["line"] and len(r["line"].split()) > 2 for r in results)
    # Unquoted, both words must be there, each marked.
    assert {"31", "Mart"} <= marked(search(corpus_page, "31 Mart"))


def test_search_filters_by_text_and_by_kind_of_name(corpus_page, corpus_server):
    corpus_page.goto(corpus_server + "search.html")
    everywhere = search(corpus_page, "Kafkasya")
    first_text = search(corpus_page, "Kafkasya", text="0")
    assert first_text and len(first_text) < len(everywhere)
    assert {r["href"].split("?")[0] for r in first_text} == {"baku-katliami-1918.html"}
    as_place = search(corpus_page, "Kafkasya", kind="places")
    as_person = search(corpus_page, "Kafkasya", kind="persons")
    assert 0 < len(as_place) <= len(everywhere) and as_person == []


def test_search_hit_is_marked_where_the_result_leads(corpus_page, corpus_server):
    corpus_page.goto(corpus_server + "search.html?q=%2231+Mart%22")
    corpus_page.wait_for_selector("#search-status[data-done]")
    corpus_page.locator("#search-results li a").first.click()
    corpus_page.wait_for_selector("mark.search-hit")
    hits = corpus_page.eval_on_selector_all("mark.search-hit", "ms => ms.map(m => m.textContent)")
    assert "".join(hits).replace("\u00a0", " ").count("31 Mart") >= 1
    target = corpus_page.evaluate("location.hash.slice(1)")
    assert corpus_page.evaluate("id => document.getElementById(id).querySelector('mark.search-hit') !== null", target)


def test_browser_folds_and_splits_words_as_the_index_does(corpus_page, corpus_server):
    from edition.search_index import words
    samples = ["İSTANBUL’da", "Iğdır", "ŞAMAHI", "Bakü'de", "Bakü\u02bcde", "Gâvur-Dağı", "Мuhanov 2019",
               "Tiflis’te 31 Mart 1918", "naïve café", "Ермени", "x_y", "½ 3²"]
    corpus_page.goto(corpus_server + "search.html")
    assert corpus_page.evaluate("ss => ss.map(s => window.EditionText.words(s))", samples) == [words(s) for s in samples]


def test_chronology_fits_a_phone_screen(corpus_page, corpus_server):
    corpus_page.set_viewport_size({"width": 390, "height": 844})
    corpus_page.goto(corpus_server + "chronology.html")
    assert corpus_page.evaluate("document.documentElement.scrollWidth") <= 390
    row = corpus_page.locator("tbody tr").first.bounding_box()
    assert row["width"] <= 390


# --- the map ----------------------------------------------------------------

LABELS = """() => Array.from(document.querySelectorAll('.places text'))
    .filter(t => getComputedStyle(t).display !== 'none')
    .map(t => { const b = t.getBoundingClientRect(); return {name: t.textContent, box: [b.left, b.top, b.right, b.bottom]}; })"""


def overlapping(labels: list[dict]) -> list[tuple[str, str]]:
    pairs = []
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            (l1, t1, r1, b1), (l2, t2, r2, b2) = a["box"], b["box"]
            if l1 < r2 and l2 < r1 and t1 < b2 and t2 < b1:
                pairs.append((a["name"], b["name"]))
    return pairs


@pytest.mark.parametrize("width", [1366, 390])
def test_map_labels_never_overlap_at_any_zoom(corpus_page, corpus_server, width):
    corpus_page.set_viewport_size({"width": width, "height": 900})
    corpus_page.goto(corpus_server + "map.html")
    labels = corpus_page.evaluate(LABELS)
    assert len(labels) >= 10 and overlapping(labels) == []
    # The most-mentioned place is named first; labels keep a readable size.
    assert "Bakü" in [label["name"] for label in labels]
    assert min(label["box"][3] - label["box"][1] for label in labels) >= 11
    for _ in range(2):
        corpus_page.click("button[data-zoom=in]")
        zoomed = corpus_page.evaluate(LABELS)
        assert zoomed and overlapping(zoomed) == []
    # Zoomed in on the Caspian coast, more of its places find room.
    corpus_page.click("button[data-zoom=reset]")
    corpus_page.evaluate("() => { const b = document.querySelector('.places a[href$=\"#place-baku\"] circle');"
                         " editionMap.zoom(4, +b.getAttribute('cx'), +b.getAttribute('cy')); }")
    near_baku = corpus_page.evaluate(LABELS)
    assert overlapping(near_baku) == [] and "Bakü" in [label["name"] for label in near_baku]


def test_map_zooms_and_pans_from_the_keyboard_with_legend_and_scale(corpus_page, corpus_server):
    corpus_page.goto(corpus_server + "map.html")
    whole = corpus_page.evaluate("editionMap.view().w")
    assert corpus_page.text_content(".scale-bar text").endswith(" km")
    assert corpus_page.locator(".map-legend").is_visible()
    corpus_page.focus(".places a >> nth=0")
    corpus_page.keyboard.press("+")
    assert corpus_page.evaluate("editionMap.view().w") == pytest.approx(whole / 2)
    x = corpus_page.evaluate("editionMap.view().x")
    corpus_page.keyboard.press("ArrowRight")
    assert corpus_page.evaluate("editionMap.view().x") > x
    # The scale bar follows the zoom: a shorter distance at a closer view.
    before = int(corpus_page.text_content(".scale-bar text").split()[0])
    corpus_page.keyboard.press("+")
    corpus_page.keyboard.press("+")
    assert int(corpus_page.text_content(".scale-bar text").split()[0]) < before


def test_citation_gets_the_address_and_date_accessed_and_cards_say_machine_tagged(corpus_page, corpus_server):
    corpus_page.goto(corpus_server + "baku-katliami-1918.html")
    today = corpus_page.evaluate("new Date().toISOString().slice(0, 10)")
    assert today in corpus_page.text_content(".cite-accessed")
    bibtex = corpus_page.text_content(".cite-bibtex")
    assert f"url = {{{corpus_server}baku-katliami-1918.html}}," in bibtex and f"urldate = {{{today}}}" in bibtex
    csl = json.loads(corpus_page.text_content(".cite-csl"))
    assert csl["URL"] == corpus_server + "baku-katliami-1918.html" and csl["accessed"]["date-parts"][0][0] > 2000
    corpus_page.locator("a.ent.ent-machine[data-entry]").first.click()
    assert corpus_page.locator(".note-popover .card-machine").inner_text() == "makine ile işaretlendi, editörce denetlenmedi"


@pytest.mark.parametrize("width", [1366, 390])
def test_map_labels_do_not_overlap_without_javascript(browser, corpus_server, width):
    """The stylesheet places the labels (ed:place-labels): a reader without
    scripts sees a map whose labels do not overlap either."""
    context = browser.new_context(java_script_enabled=False, viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        page.goto(corpus_server + "map.html")
        assert page.evaluate("typeof window.editionMap") == "undefined"  # the script did not run
        labels = page.evaluate(LABELS)
        assert len(labels) >= 10 and overlapping(labels) == []
        assert "Bakü" in [label["name"] for label in labels]
        # Nor does a label cover another place's dot.
        dots = page.evaluate("""() => Array.from(document.querySelectorAll('.places a')).map(a => {
            const b = a.querySelector('circle').getBoundingClientRect();
            return {name: a.querySelector('text').textContent, box: [b.left, b.top, b.right, b.bottom]}; })""")
        covered = [(label["name"], dot["name"]) for label in labels for dot in dots
                   if dot["name"] != label["name"] and overlapping([label, dot])]
        assert covered == []
    finally:
        context.close()


def test_search_filters_by_year(corpus_page, corpus_server):
    corpus_page.goto(corpus_server + "search.html")
    assert corpus_page.get_attribute("#search-year-from", "min") == corpus_page.get_attribute("#search-year-from", "placeholder")
    everywhere = search(corpus_page, "Bakü")
    corpus_page.fill("#search-year-from", "1918")
    corpus_page.fill("#search-year-to", "1918")
    in_1918 = search(corpus_page, "Bakü")
    assert in_1918 and len(in_1918) < len(everywhere)
    assert {r["href"] for r in in_1918} <= {r["href"] for r in everywhere}
    # Each block found holds a date in 1918: its record (in the shards the
    # page loaded) says so.
    spans = corpus_page.evaluate("""async hrefs => {
        const records = {};
        const shards = performance.getEntriesByType('resource').map(r => r.name).filter(n => n.includes('/search/t-'));
        for (const url of shards) {
            const text = await (await fetch(url)).text();
            const data = JSON.parse('[' + text.slice(text.indexOf('(') + 1, text.lastIndexOf(')')) + ']')[1];
            data.forEach(r => { records[r.d + '.html#' + r.a] = r.y || []; });
        }
        return hrefs.map(h => records[h.split('?')[0] + '#' + decodeURIComponent(h.split('#')[1])]);
    }""", [r["href"] for r in in_1918])
    assert all(any(start <= 1918 <= end for start, end in found) for found in spans), spans
    corpus_page.fill("#search-year-from", "1650")
    corpus_page.fill("#search-year-to", "1700")
    assert search(corpus_page, "Bakü") == []
    # The filter travels in the address.
    corpus_page.goto(corpus_server + "search.html?q=Bak%C3%BC&from=1918&to=1918")
    corpus_page.wait_for_selector("#search-status[data-done]")
    assert corpus_page.eval_on_selector_all("#search-results li a", "as => as.map(a => a.getAttribute('href'))") == \
        [r["href"] for r in in_1918]


def test_a_query_loads_small_shards_and_after_typing_enter_loads_nothing_more(corpus_page, corpus_server):
    """Why the first search answers fast: the records come in shards of a
    few kilobytes, only those of the results are loaded, and while the query
    is typed they are loaded ahead, so that Enter waits for no request."""
    corpus_page.goto(corpus_server + "search.html")
    corpus_page.type("#q", "Bakü'de", delay=30)
    corpus_page.wait_for_timeout(600)  # typing paused: the shards of the results are loaded
    before = corpus_page.evaluate("performance.getEntriesByType('resource').length")
    corpus_page.press("#q", "Enter")
    corpus_page.wait_for_selector("#search-status[data-done]")
    assert corpus_page.locator("#search-results li").count() > 10
    assert corpus_page.evaluate("performance.getEntriesByType('resource').length") == before
    shards = corpus_page.evaluate("""() => performance.getEntriesByType('resource')
        .filter(r => r.name.includes('/search/')).map(r => [r.name.split('/').pop(), r.encodedBodySize])""")
    assert shards and all(name.startswith(("w-", "t-")) for name, _ in shards)
    assert max(size for _, size in shards) < 32_000, shards
    # Only the record shards of the results, not whole texts.
    records = [name for name, _ in shards if name.startswith("t-")]
    assert 0 < len(records) < len(list((ROOT / "tei").glob("*.xml"))) * 20
