"""What a reader downloads to search a built site: `python -m bench.search_payload SITE QUERY`.

Serves SITE on 127.0.0.1, opens its search in Debian's Chromium (Playwright), types QUERY and
waits for results; prints the bytes of the search page and of the first query. With Pagefind
the query loads its entry file, metadata, WebAssembly and the index chunks and fragments it
needs; with Material's search, the whole `search_index.json`.
"""

from __future__ import annotations

import argparse
import functools
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def measure(site: Path, query: str) -> dict[str, int | list[str]]:
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    pagefind = (site / "pagefind").is_dir()
    received = [0]
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=["--no-sandbox"]
            )
            page = browser.new_page()
            page.on(
                "response",
                lambda r: received.__setitem__(
                    0, received[0] + int(r.headers.get("content-length", "0"))
                ),
            )
            if pagefind:
                page.goto(base + "search/")
                page.wait_for_load_state("networkidle")
                loaded = received[0]
                page.fill(".pagefind-ui__search-input", query)
                results = page.locator(".pagefind-ui__result-link")
            else:
                page.goto(base)
                page.wait_for_load_state("networkidle")
                loaded = received[0]
                page.click("label.md-search__icon, .md-search__input")
                page.fill(".md-search__input", query)
                results = page.locator(".md-search-result__item")
            results.first.wait_for(timeout=120_000)
            page.wait_for_load_state("networkidle")
            titles = [text.split("\n")[0] for text in results.all_inner_texts()[:5]]
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return {"page_bytes": loaded, "query_bytes": received[0] - loaded, "results": titles}


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.search_payload", description=__doc__)
    parser.add_argument("site", type=Path)
    parser.add_argument("query")
    args = parser.parse_args()
    result = measure(args.site, args.query)
    print(
        f"search page {result['page_bytes']:,} bytes; first query {result['query_bytes']:,} "
        f"bytes; results: {result['results']}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
