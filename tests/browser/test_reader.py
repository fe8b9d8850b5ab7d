"""The reader's experience in a real browser: search, tags, math, feeds, phone, palettes, and
not one request leaving 127.0.0.1. Screenshots land in test-artifacts/."""

from __future__ import annotations

import json
from typing import Any
from urllib.request import urlopen

import pytest

from tests.browser.conftest import ARTIFACTS, Traffic

MATH_PAPER = "papers/sharp-bounds-for-lp-regression/"
PHONE = {"width": 390, "height": 844}

Page = Any  # playwright.sync_api.Page; the fixtures hand it over untyped


def visit(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def assert_clean(traffic: Traffic) -> None:
    assert traffic.console_errors == []
    assert traffic.blocked == []


def test_search_finds_a_paper_by_a_word_of_its_title(
    page: Page, site_url: str, traffic: Traffic
) -> None:
    visit(page, site_url)
    page.click("label.md-search__icon, .md-search__input")
    page.locator("input.md-search__input").press_sequentially("Adafactor", delay=50)
    result = page.locator(".md-search-result__item a", has_text="Adafactor").first
    result.wait_for(timeout=15_000)
    shot(page, "search-adafactor")
    result.click()
    page.wait_for_load_state("networkidle")
    assert "adafactor-adaptive-learning-rates" in page.url
    assert page.locator("h1.pf-title").inner_text().startswith("Adafactor")
    assert_clean(traffic)


def test_tag_chip_leads_to_the_tag_page_listing_the_paper(
    page: Page, site_url: str, traffic: Traffic
) -> None:
    visit(page, site_url + "papers/adam-a-method-for-stochastic-optimization/")
    title = page.locator("h1.pf-title").inner_text()
    page.locator(".pf-tags a.md-tag", has_text="Optimization").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/tags/optimization/")
    assert page.locator("article li a", has_text=title).count() == 1
    assert_clean(traffic)


def test_paper_page_shows_authors_abstract_and_rendered_math(
    page: Page, math_site_url: str, traffic: Traffic
) -> None:
    visit(page, math_site_url + MATH_PAPER)
    assert page.locator(".pf-authors").inner_text() == "Ada Lovelace, Grace Hopper"
    abstract = page.locator("p.pf-abstract")
    assert abstract.inner_text().startswith("We study")
    spans = page.locator(".pf-abstract .arithmatex")
    assert spans.count() == 4
    assert page.locator(".pf-abstract .arithmatex[data-pf-math=rendered]").count() == 4
    assert page.locator(".pf-abstract .katex").count() == 4
    assert page.locator(".pf-abstract .katex-display").count() == 1
    assert page.locator("h1 .katex").count() == 1
    shown = abstract.evaluate(
        """el => { const c = el.cloneNode(true);
                  c.querySelectorAll('.katex').forEach(k => k.remove()); return c.textContent; }"""
    )
    assert "\\(" not in shown and "\\[" not in shown
    assert shown.count("$") == 1  # only the literal "$5", never around math
    shot(page, "paper-math")
    assert_clean(traffic)


def test_tex_cannot_make_links_or_run_scripts(
    page: Page, math_site_url: str, traffic: Traffic
) -> None:
    visit(page, math_site_url + "papers/hostile-tex-in-an-abstract/")
    assert page.locator(".pf-abstract .katex").count() >= 1
    assert page.locator(".pf-abstract a").count() == 0
    assert page.evaluate("window.__pwned === undefined")
    assert_clean(traffic)


def test_bibtex_copy_button_copies_the_entry(
    page: Page, math_site_url: str, traffic: Traffic
) -> None:
    origin = math_site_url.rstrip("/")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
    visit(page, math_site_url + MATH_PAPER)
    block = page.locator("pre.pf-bibtex")
    block.hover()
    block.locator("button[data-md-type=copy]").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("@misc{lovelace2026sharp,")
    assert copied.rstrip().endswith("}")
    assert_clean(traffic)


@pytest.mark.parametrize(
    "path", ["", MATH_PAPER, "tags/", "archive/"], ids=["home", "paper", "tags", "archive"]
)
def test_every_feed_link_resolves(page: Page, math_site_url: str, path: str) -> None:
    visit(page, math_site_url + path)
    links = page.eval_on_selector_all(
        'link[rel="alternate"]', "ls => ls.map(l => [l.type, l.href])"
    )
    assert {kind for kind, _ in links} >= {
        "application/rss+xml",
        "application/atom+xml",
        "application/feed+json",
    }
    for kind, href in links:
        with urlopen(href, timeout=10) as response:
            body = response.read()
        if kind == "application/feed+json":
            assert json.loads(body)["version"] == "https://jsonfeed.org/version/1.1"
        else:
            assert body.lstrip().startswith(b"<?xml")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    "path", ["", MATH_PAPER, "tags/", "tags/statistics/"], ids=["home", "paper", "tags", "tag"]
)
def test_phone_width_has_no_horizontal_scroll(
    page: Page, math_site_url: str, traffic: Traffic, path: str, scheme: str
) -> None:
    page.set_viewport_size(PHONE)
    page.emulate_media(color_scheme=scheme)
    visit(page, math_site_url + path)
    expected = "slate" if scheme == "dark" else "default"
    assert page.locator("body").get_attribute("data-md-color-scheme") == expected
    width = page.evaluate("document.documentElement.scrollWidth")
    shot(page, f"phone-{scheme}-{path.strip('/').replace('/', '-') or 'home'}")
    assert width <= PHONE["width"]
    assert_clean(traffic)


def test_samples_site_paper_page(page: Page, samples_site_url: str, traffic: Traffic) -> None:
    """A paper from the arXiv Atom sample: authors, dates, links, keyword tags and math."""
    visit(
        page,
        samples_site_url
        + "papers/gf-dit-scheduling-parallelism-for-diffusion-transformer-serving/",
    )
    assert page.locator(".pf-authors").inner_text().count(",") >= 1
    meta = page.locator(".pf-meta").inner_text()
    assert "First seen" in meta and "submitted to arXiv" in meta
    labels = page.locator(".pf-links a").all_inner_texts()
    assert labels[:2] == ["arXiv", "PDF"]
    assert page.locator(".pf-tags a.md-tag").count() >= 1
    assert page.locator(".pf-abstract .katex").count() >= 1
    assert page.locator("h2#related-papers").count() == 1
    shot(page, "samples-paper")
    visit(page, samples_site_url)
    assert page.locator(".pf-entry").count() >= 20
    shot(page, "samples-home")
    assert_clean(traffic)
