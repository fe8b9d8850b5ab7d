"""The hostile corpus in a real browser: no script, handler or request from input runs on any
page, and search results for hostile titles render as text (Material's search and Pagefind).

Every payload that could run sets `window.__pwned` or opens a dialog; every payload that could
load something points at 127.0.0.9, which the `page` fixture blocks and records.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import Traffic, _served
from tests.hostile.conftest import HostileSite, hostile_pagefind_site, hostile_site
from tests.hostile.corpus import ALL_CASES, CASES, Case

__all__ = ["hostile_pagefind_site", "hostile_site"]  # fixtures used here

Page = Any  # playwright.sync_api.Page

# Anything input could have made executable, found in the live DOM (after Material's and
# KaTeX's scripts ran): handler attributes, script URLs, elements that load or embed.
FIND_ACTIVE = r"""() => {
  const urls = ["href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "data"];
  const found = [];
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      const value = attr.value.trim().toLowerCase();
      const url = urls.includes(attr.name) &&
        /^(javascript|data|vbscript):|127\.0\.0\.9/.test(value);
      // Pagefind's own search form: <form action="javascript:void(0);">.
      const pagefind = value === "javascript:void(0);" && el.closest(".pagefind-ui");
      if (attr.name.startsWith("on") || attr.name === "http-equiv" || (url && !pagefind)) {
        found.push(`<${el.localName} ${attr.name}="${attr.value.slice(0, 60)}">`);
      }
    }
    const embeds = ["iframe", "object", "embed", "base", "textarea", "frame", "portal"];
    if (embeds.includes(el.localName) || (el.localName === "math" && !el.closest(".katex"))) {
      found.push(`<${el.localName}>`);
    }
  }
  return found;
}"""


@pytest.fixture(scope="session")
def hostile_url(hostile_site: HostileSite) -> Iterator[str]:
    yield from _served(hostile_site)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def hostile_pagefind_url(hostile_pagefind_site: HostileSite) -> Iterator[str]:
    yield from _served(hostile_pagefind_site)  # type: ignore[arg-type]


@pytest.fixture
def dialogs(page: Page) -> list[str]:
    """Every alert/confirm/prompt a page opens (dismissed at once)."""
    opened: list[str] = []

    def on_dialog(dialog: Any) -> None:
        opened.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return opened


def assert_inert(page: Page, traffic: Traffic, dialogs: list[str], where: str) -> None:
    assert page.evaluate("() => window.__pwned") is None, where
    assert dialogs == [], where
    assert page.evaluate(FIND_ACTIVE) == [], where
    assert traffic.blocked == [], where
    assert traffic.console_errors == [], where


def test_no_page_runs_anything_from_input(
    page: Page, hostile_site: HostileSite, hostile_url: str, traffic: Traffic, dialogs: list[str]
) -> None:
    site = hostile_site.site
    paths = [hostile_site.page(case) for case in ALL_CASES]
    paths += [site / "index.html", *sorted((site / "tags").rglob("index.html"))]
    paths += [
        *sorted((site / "days").rglob("index.html")),
        *sorted((site / "months").rglob("index.html")),
    ]
    for path in paths:
        url = hostile_url + str(path.parent.relative_to(site)).removeprefix(".") + "/"
        page.goto(url.replace("//", "/").replace(":/", "://", 1), wait_until="load")
        assert_inert(page, traffic, dialogs, url)
    math = next(case for case in CASES if case.name == "tex")
    page.goto(hostile_url + f"papers/{hostile_site.paper(math).slug}/", wait_until="load")
    page.wait_for_selector('.arithmatex[data-pf-math="rendered"]')
    assert page.locator(".pf-abstract a").count() == 0  # \href{javascript:...} is no link
    assert_inert(page, traffic, dialogs, "math")


def _case(name: str) -> Case:
    return next(case for case in CASES if case.name == name)


# Words of each case's title that the search tokenizers see as words.
QUERIES = {
    "img-onerror": "Image onerror",
    "script": "Script in a title",
    "attr-breakout": "onmouseover",
    "iframe": "framed",
    "comment": "hidden visible",
}


def _search_titles(page: Page, selector: str, case: Case) -> list[str]:
    """The result titles shown once the case's own title is among them."""
    page.locator(selector, has_text=case.shown_title[-12:]).first.wait_for(timeout=15_000)
    return [" ".join(t.split()) for t in page.locator(selector).all_inner_texts()]


@pytest.mark.parametrize("name", QUERIES)
def test_material_search_results_are_text(
    page: Page, hostile_url: str, traffic: Traffic, dialogs: list[str], name: str
) -> None:
    case = _case(name)
    page.goto(hostile_url, wait_until="load")
    page.click("label.md-search__icon, .md-search__input")
    page.locator("input.md-search__input").press_sequentially(QUERIES[name], delay=30)
    assert case.shown_title in _search_titles(page, ".md-search-result__item h1", case)
    results = page.locator(".md-search-result__list")
    assert results.locator("script, img, iframe, svg, b, style").count() == 0
    assert_inert(page, traffic, dialogs, f"search {name}")


@pytest.mark.parametrize("name", QUERIES)
def test_pagefind_results_are_text(
    page: Page, hostile_pagefind_url: str, traffic: Traffic, dialogs: list[str], name: str
) -> None:
    case = _case(name)
    page.goto(hostile_pagefind_url + "search/", wait_until="load")
    page.fill(".pagefind-ui__search-input", QUERIES[name])
    assert case.shown_title in _search_titles(page, ".pagefind-ui__result-title", case)
    results = page.locator(".pagefind-ui__results")
    assert results.locator("script, img, iframe, svg, b, style").count() == 0
    assert_inert(page, traffic, dialogs, f"pagefind {name}")
