"""Reader's benchmark of the HTML site: how fast the largest page is ready
and how fast a search answers, in Debian's chromium through Playwright.

    python benchmarks/site_bench.py                       # the shipped tei/
    python benchmarks/site_bench.py /tmp/s1000/tei        # any folder of TEI (+ registers.xml)
    python benchmarks/site_bench.py --queries Kars "31 Mart" Yerevan kafkas*

The folder is rendered once (CPU and wall seconds printed) into a temporary
folder, served from 127.0.0.1, and then:

* every HTML page is loaded; "ready" is the time from navigation start to the
  end of the load event (scripts run, map labels placed), from the browser's
  Navigation Timing, the median of --runs loads; the largest page (bytes) and
  the slowest page are reported. Target: under 500 ms.
* each query runs on search.html, from the query to the results shown
  (status marked done): typed as a reader types it, then Enter ("typed": the
  shards were loaded ahead while typing); by `editionSearch` at once after the
  page loaded ("cold": every shard fetched over HTTP); and again on the same
  page ("warm"). Target: under 50 ms.

Timings never go in unit tests; on a shared machine, compare runs made at
the same time.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
QUERIES = ["Kars", "Bakü'de", "Yerevan", '"31 Mart"', "kafkas*", "Şaumyan Bakü"]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    # Connections kept alive, as any static host keeps them.
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass


def render_site(tei_dir: Path, out: Path, jobs: int = 1) -> tuple[float, float]:
    from edition.render import RenderOptions, render

    files = sorted(p for p in tei_dir.glob("*.xml") if p.name != "registers.xml")
    start, cpu = time.perf_counter(), time.process_time()
    result = render(files, out, RenderOptions(), registers=tei_dir / "registers.xml", jobs=jobs)
    if result.failed:
        raise SystemExit(f"{len(result.failed)} documents not rendered: {result.failed[0].message}")
    return time.perf_counter() - start, time.process_time() - cpu


DONE = """() => new Promise(resolve => {
    const t = performance.now(), status = document.getElementById('search-status');
    new MutationObserver((_, observer) => {
        if (status.hasAttribute('data-done')) { observer.disconnect(); resolve(performance.now() - t); }
    }).observe(status, {attributes: true});
    document.querySelector('form.search').requestSubmit(); })"""


def typed_search(page, base: str, query: str) -> float:
    """A fresh search page, the query typed, a pause, Enter: ms to the results."""
    page.goto(base + "search.html", wait_until="load")
    page.type("#q", query, delay=40)
    page.wait_for_timeout(400)
    return float(page.evaluate(DONE))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tei", nargs="?", type=Path, default=ROOT / "tei")
    parser.add_argument("--queries", nargs="+", default=QUERIES)
    parser.add_argument("--runs", type=int, default=5, help="loads per page and searches per query (median)")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes for the render")
    parser.add_argument("--site", type=Path, default=None, help="an HTML site rendered already (not rendered again)")
    parser.add_argument("--search-only", action="store_true", help="time the searches, not the page loads")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="site-bench-") as tmp:
        if args.site is None:
            wall, cpu = render_site(args.tei, Path(tmp), args.jobs)
            print(f"render: {wall:.2f} s wall, {cpu:.2f} s CPU (this process)")
        site = args.site.resolve() if args.site is not None else Path(tmp) / "html"
        handler = functools.partial(QuietHandler, directory=str(site))
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{httpd.server_address[1]}/"
        pages = sorted(site.glob("*.html"), key=lambda p: -p.stat().st_size)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox"])
                page = browser.new_page(viewport={"width": 1366, "height": 900})
                ready = {}
                for html in [] if args.search_only else pages:
                    times = []
                    for _ in range(args.runs):
                        page.goto(base + html.name, wait_until="load")
                        times.append(page.evaluate("() => { const n = performance.getEntriesByType('navigation')[0];"
                                                   " return n.loadEventEnd - n.startTime; }"))
                    ready[html.name] = statistics.median(times)
                if ready:
                    largest = pages[0].name
                    slowest = max(ready, key=ready.get)
                    print(f"largest page: {largest} ({pages[0].stat().st_size / 1e6:.2f} MB) ready in"
                          f" {ready[largest]:.0f} ms (median of {args.runs})")
                    print(f"slowest page: {slowest} ready in {ready[slowest]:.0f} ms")
                    for name in sorted(ready, key=ready.get, reverse=True):
                        print(f"  {name:40s} {ready[name]:7.0f} ms")
                print("search, ms from the query to every result shown: typed = as a reader does (typed,"
                      " a pause, Enter; the shards were loaded ahead while typing); cold = editionSearch()"
                      " at once after the page loaded; warm = again on the same page:")
                for query in args.queries:
                    typed = [typed_search(page, base, query) for _ in range(args.runs)]
                    page.goto(base + "search.html", wait_until="load")
                    times = []
                    for _ in range(args.runs):
                        times.append(page.evaluate("""async q => { const t = performance.now();
                            await window.editionSearch(q); return performance.now() - t; }""", query))
                    hits = page.text_content("#search-status")
                    print(f"  {query!s:20s} typed {statistics.median(typed):6.1f}  cold {times[0]:6.1f}"
                          f"  warm {statistics.median(times[1:] or times):6.1f}   {hits}")
                browser.close()
        finally:
            httpd.shutdown()
            httpd.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
