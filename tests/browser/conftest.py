"""Browser fixtures: a built site served on 127.0.0.1 and Debian's Chromium driven by Playwright.

Playwright cannot download its own browser here; it drives /usr/bin/chromium (`make test`
installs it). Every request a page makes is recorded, and any request to a host other than
127.0.0.1 is aborted and recorded, so tests can assert the site is self-contained.
Screenshots go to test-artifacts/ (not committed).
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import BuiltSite
from tests.helpers import ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--dns-prefetch-disable",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]
ARTIFACTS = ROOT / "test-artifacts"

pytestmark = pytest.mark.browser


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve_folder(folder: Path) -> tuple[ThreadingHTTPServer, str]:
    """Serve `folder` over HTTP on 127.0.0.1 (a free port) from a daemon thread."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def _served(site: BuiltSite) -> Iterator[str]:
    """Serve a built site on 127.0.0.1 for as long as the generator runs."""
    server, url = serve_folder(site.site)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def site_url(sample_site: BuiltSite) -> Iterator[str]:
    """The bundled sample site, served on 127.0.0.1."""
    yield from _served(sample_site)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run 'make browser-deps' (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@dataclass
class Traffic:
    """What a page asked for: every URL, the ones blocked for leaving 127.0.0.1, console errors."""

    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    bytes_received: int = 0


@pytest.fixture
def traffic() -> Traffic:
    return Traffic()


@pytest.fixture
def page(browser: object, traffic: Traffic, request: pytest.FixtureRequest) -> Iterator[object]:
    """A fresh page whose requests outside 127.0.0.1 are aborted and recorded."""
    context = browser.new_context()  # type: ignore[attr-defined]
    tab = context.new_page()

    def route(route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        traffic.requests.append(url)
        if urlsplit(url).hostname != "127.0.0.1" and not url.startswith(("data:", "blob:")):
            traffic.blocked.append(url)
            route.abort()  # type: ignore[attr-defined]
        else:
            route.continue_()  # type: ignore[attr-defined]

    def on_response(response: object) -> None:
        length = response.headers.get("content-length", "0")  # type: ignore[attr-defined]
        traffic.bytes_received += int(length)

    context.route("**/*", route)
    tab.on("console", lambda m: m.type == "error" and traffic.console_errors.append(m.text))
    tab.on("pageerror", lambda e: traffic.console_errors.append(str(e)))
    tab.on("response", on_response)
    yield tab
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        tab.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    finally:
        context.close()


@pytest.fixture(scope="session")
def math_site_url(math_site: BuiltSite) -> Iterator[str]:
    """The hand-made archive with TeX, authors, dates and links (tests/fixtures/math-archive)."""
    yield from _served(math_site)


@pytest.fixture(scope="session")
def samples_site_url(samples_site: BuiltSite) -> Iterator[str]:
    """The site built from the Hugging Face JSON and arXiv Atom samples in tests/fixtures."""
    yield from _served(samples_site)
