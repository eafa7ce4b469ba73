"""The HTML edition in a real browser: Debian's chromium driven by Playwright,
the site served from 127.0.0.1. A reader opens a text, opens a note, follows
a register link, searches; axe-core finds no serious accessibility problem;
and no request ever leaves the machine."""

from __future__ import annotations

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


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    out = tmp_path_factory.mktemp("browser-site")
    result = render([FIXTURES / "sample.xml"], out, RenderOptions(), registers=FIXTURES / "registers.xml")
    assert result.warnings == []
    handler = functools.partial(QuietHandler, directory=str(out / "html"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server):
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
    yield page
    context.close()
    assert foreign == [], f"requests that left the machine, or script errors: {foreign}"


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
    assert page.evaluate("document.activeElement.id") == "fnref2"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    marker.click()
    page.screenshot(path=str(SCREENSHOTS / "sample-note.png"), full_page=False)


def test_keyboard_focus_on_a_place_shows_its_register_card(page, server):
    page.goto(server + "sample.html")
    page.focus("#m4")
    card = page.locator(".note-popover")
    card.wait_for(state="visible")
    assert "Bakü" in card.inner_text() and "40.37767, 49.89201" in card.inner_text()


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
    first = page.locator("#search-results li").first
    first.wait_for()
    assert first.locator("mark").first.inner_text() == "Şamahı"
    first.locator("a").click()
    page.wait_for_url("**/sample.html#t*")
    page.goto(server + "search.html?q=" + "İSTANBUL")
    assert page.locator("#search-results li mark").first.inner_text() == "İstanbul"
    page.screenshot(path=str(SCREENSHOTS / "search.png"))


@pytest.mark.parametrize("name", ["index.html", "sample.html", "persons.html", "places.html", "organisations.html",
                                  "chronology.html", "map.html", "bibliography.html", "search.html"])
def test_axe_finds_no_serious_or_critical_violation(page, server, name):
    page.goto(server + name)
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("async () => (await axe.run(document)).violations"
                               ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' '))}))")
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == [], serious
