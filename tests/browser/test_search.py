"""Pagefind search in a real browser: a query finds the paper, and what it downloads is small."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest

from bench.synth import synthesize
from generator.archive import load_archive, serialize
from generator.build import build
from generator.config import load_settings
from tests.browser.conftest import Traffic, serve_folder
from tests.conftest import BuiltSite, make_project
from tests.helpers import DAY, ROOT

SYNTHETIC = 1_500
FIRST_QUERY_BUDGET = 1_000_000
"""Bytes a reader may download for the search page and a first query (issue: <= 1 MB)."""


@pytest.fixture(scope="session")
def pagefind_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The bundled sample plus 1,500 synthetic papers, with `search: auto` (Pagefind above
    1,000 papers)."""
    root = make_project(tmp_path_factory.mktemp("pagefind") / "site-project")
    archive = root / "data" / "archive"
    archive.mkdir(parents=True)
    for name, data in serialize(synthesize(SYNTHETIC, ROOT / "data" / "taxonomy.yml")).items():
        (archive / name).write_bytes(data)
    config = root / "mkdocs.yml"
    # Three Pagefind indexes of at most 800 papers, merged by the search page.
    config.write_text(config.read_text().replace("pagefind_shard: 10000", "pagefind_shard: 800"))
    settings = load_settings(config)
    return BuiltSite(settings, build(settings, today=DAY, strict=True))


@pytest.fixture(scope="session")
def search_url(pagefind_site: BuiltSite) -> Iterator[str]:
    server, url = serve_folder(pagefind_site.site)
    yield url + "search/"
    server.shutdown()
    server.server_close()


def test_the_large_site_uses_pagefind_for_paper_pages_only(pagefind_site: BuiltSite) -> None:
    site = pagefind_site.site
    bundles = sorted(p.parent.name for p in site.glob("pagefind*/pagefind.js"))
    assert bundles == ["pagefind", "pagefind-2", "pagefind-3"]
    assert not (site / "search" / "search_index.json").exists()
    counts = [
        json.loads((site / b / "pagefind-entry.json").read_text())["languages"]["en"]["page_count"]
        for b in bundles
    ]
    assert sum(counts) == pagefind_site.summary.papers and max(counts) <= 800


def test_a_query_finds_the_paper_and_downloads_little(
    page: object, search_url: str, traffic: Traffic
) -> None:
    page.goto(search_url)  # type: ignore[attr-defined]
    page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    loaded = traffic.bytes_received
    page.fill(".pagefind-ui__search-input", "adam stochastic optimization")  # type: ignore[attr-defined]
    results = page.locator(".pagefind-ui__result-link")  # type: ignore[attr-defined]
    results.first.wait_for(timeout=20_000)
    page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    titles = results.all_inner_texts()
    assert "Adam: A Method for Stochastic Optimization" in titles
    query_bytes = traffic.bytes_received - loaded
    print(f"search page {loaded:,} bytes, first query {query_bytes:,} bytes")
    assert query_bytes > 0 and traffic.bytes_received <= FIRST_QUERY_BUDGET
    assert traffic.console_errors == [] and traffic.blocked == []
    results.filter(has_text="Adam: A Method").first.click()
    page.wait_for_load_state()  # type: ignore[attr-defined]
    heading = page.locator("article h1").inner_text()  # type: ignore[attr-defined]
    assert heading == "Adam: A Method for Stochastic Optimization"


def _word_of_one_paper(site: BuiltSite) -> tuple[str, str]:
    """(word, title): a word of the title of a paper that other paper pages list (as related or
    as a neighbour of the day), and that no other paper's own text has, not even its stem."""
    papers = list(load_archive(site.settings.archive_dir).values())
    own = {p.slug: " ".join((p.title, p.abstract, *p.authors)).lower() for p in papers}
    listed: dict[str, int] = {}
    for markdown in (site.docs / "papers").glob("*.md"):
        for slug in set(re.findall(r'href="\.\./([^/"]+)/"', markdown.read_text())):
            listed[slug] = listed.get(slug, 0) + 1
    for paper in sorted(papers, key=lambda p: -listed.get(p.slug, 0)):
        for word in re.findall(r"[A-Za-z]{8,}", paper.title):
            stem = word.lower()[:6]
            if not any(stem in text for slug, text in own.items() if slug != paper.slug):
                return word, paper.title
    raise AssertionError("no paper has a title word of its own")


def test_a_paper_is_found_by_its_own_text_not_by_pages_that_link_to_it(
    page: object, search_url: str, pagefind_site: BuiltSite
) -> None:
    """Related papers, neighbours of the day and citations are left out of the index: a word
    of one paper's title finds that paper alone, not the pages that list it."""
    word, title = _word_of_one_paper(pagefind_site)
    page.goto(search_url)  # type: ignore[attr-defined]
    page.fill(".pagefind-ui__search-input", word)  # type: ignore[attr-defined]
    results = page.locator(".pagefind-ui__result-link")  # type: ignore[attr-defined]
    results.first.wait_for(timeout=20_000)
    page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    message = page.locator(".pagefind-ui__message").inner_text()  # type: ignore[attr-defined]
    assert (results.all_inner_texts(), message) == ([title], f"1 result for {word}")
