"""The sample site in a real browser: it loads, it is self-contained, its feeds resolve."""

from __future__ import annotations

from urllib.request import urlopen

from tests.browser.conftest import Traffic


def test_home_page_loads_without_errors_or_outside_requests(
    page: object, site_url: str, traffic: Traffic
) -> None:
    page.goto(site_url)  # type: ignore[attr-defined]
    page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    assert "paperfeed" in page.title()  # type: ignore[attr-defined]
    assert traffic.console_errors == []
    assert traffic.blocked == []
    assert any(url.endswith(".css") for url in traffic.requests)


def test_every_feed_link_in_the_head_resolves(page: object, site_url: str) -> None:
    page.goto(site_url + "tags/physics/")  # type: ignore[attr-defined]
    hrefs = page.eval_on_selector_all(  # type: ignore[attr-defined]
        'link[rel="alternate"]', "links => links.map(l => l.href)"
    )
    assert len(hrefs) == 6  # RSS, Atom and JSON Feed: the site's and the tag's
    for href in hrefs:
        with urlopen(href, timeout=10) as response:
            assert response.status == 200
            body = response.read().lstrip()
            assert body.startswith(b"{" if href.endswith(".json") else b"<?xml")
