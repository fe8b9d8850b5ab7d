"""The hostile corpus built through the real pipeline and MkDocs: parsed, every input text shows
as text, exactly, and no element, attribute, script or link target comes from input, on any
page, in the search index or in any feed."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
import pytest
from bs4 import BeautifulSoup

from generator.slugs import MAX_LENGTH, RESERVED
from generator.tex import plain_text
from tests.helpers import feed_text
from tests.hostile.conftest import HostileSite
from tests.hostile.corpus import ALL_CASES, CASES, CONTROL, PWNED, TAXONOMY, Case
from tests.hostile.html import (
    TEXT_ATTRIBUTES,
    URL_ATTRIBUTES,
    attribute_values,
    elements,
    skeleton,
    soup,
    text,
)

pytestmark = pytest.mark.slow
HOSTILE = [case for case in ALL_CASES if case is not CONTROL]
MATERIAL_LINKS = ("https://squidfunk.github.io/mkdocs-material/",)


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def by_slug(hostile_site: HostileSite) -> dict[str, Case]:
    return {hostile_site.paper(case).slug: case for case in ALL_CASES}


def test_every_record_builds_strictly(hostile_site: HostileSite) -> None:
    summary = hostile_site.summary
    assert (summary.records, summary.merge.new, summary.papers) == (len(ALL_CASES),) * 3
    assert summary.warnings == () and summary.site_warnings == 0


def paper_skeleton(path: Path) -> object:
    """The page's structure without the parts that list other papers (related papers, the
    previous/next of the day, and the table of contents that names them): those vary with
    the paper's neighbours, not its text, and their titles are checked as listings. Math is
    the one structure that text asks for (generator.tex): its spans are unwrapped and KaTeX's
    files, loaded only on pages with math, are left out."""
    page = soup(path)
    for part in page.select(
        "nav.pf-daynav, h2#related-papers + ul, h2#related-papers, .md-nav--secondary, "
        'link[href*="assets/katex/"], script[src*="assets/katex/"], '
        'script[src*="paperfeed-math"]'
    ):
        part.decompose()
    for span in page.select("span.arithmatex"):
        span.unwrap()
    return skeleton(page)


@pytest.mark.parametrize("case", HOSTILE, ids=lambda case: case.name)
def test_paper_page_has_the_structure_of_the_control_page(
    hostile_site: HostileSite, case: Case
) -> None:
    assert paper_skeleton(hostile_site.page(case)) == paper_skeleton(hostile_site.page(CONTROL))


@pytest.mark.parametrize("case", ALL_CASES, ids=lambda case: case.name)
def test_paper_page_shows_the_text_as_given(hostile_site: HostileSite, case: Case) -> None:
    page = soup(hostile_site.page(case))
    # Math shows as \(...\) until KaTeX renders it; all other text as given.
    assert page.select_one("article h1.pf-title").get_text() == plain_text(case.shown_title)
    assert page.select_one("article p.pf-abstract").get_text() == plain_text(case.shown_abstract)
    assert page.title.get_text() == f"{case.shown_title} - paperfeed"
    topic = page.select(".md-header__topic .md-ellipsis")[-1]
    assert topic.get_text().strip() == case.shown_title
    description = page.select_one('meta[name="description"]')["content"]
    assert case.shown_abstract.startswith(description.removesuffix("…"))
    meta = {m.get("property") or m.get("name"): m["content"] for m in page.select("meta[content]")}
    assert meta["og:title"] == meta["twitter:title"] == case.shown_title
    assert meta["og:description"] == meta["twitter:description"] == description


def test_tag_names_are_text_everywhere(hostile_site: HostileSite) -> None:
    """The taxonomy's hostile tag name (keywords from input take the same path): tag page,
    <title>, all-tags table, feed links in <head>, and the titles of its feeds."""
    site = hostile_site.site
    (name,) = [line.strip('":') for line in TAXONOMY.splitlines() if line.startswith('"')]
    (tag_dir,) = [p for p in (site / "tags").iterdir() if p.name.startswith("b-bold-b")]
    page = soup(tag_dir / "index.html")
    assert page.select_one("article h1").get_text() == name
    assert page.title.get_text() == f"{name} - paperfeed"
    heads = [link["title"] for link in page.select('head link[rel="alternate"]')]
    assert {f"{name} (RSS)", f"{name} (Atom)"} <= set(heads)
    table = soup(site / "tags" / "index.html").select("article table a")
    assert name in [a.get_text() for a in table]
    for feed in sorted((site / "feeds" / "tags").glob(f"{tag_dir.name}.*")):
        if feed.suffix == ".json":
            assert json.loads(feed.read_bytes())["title"] == f"paperfeed: {name}"
        else:
            parsed = feedparser.parse(feed.read_bytes())
            assert feed_text(parsed.feed.title_detail) == f"paperfeed: {name}", feed.name


def test_entities_stay_entities_on_screen(hostile_site: HostileSite) -> None:
    (case,) = [case for case in CASES if case.name == "entities"]
    shown = soup(hostile_site.page(case)).select_one("article h1").get_text()
    assert shown.startswith("&amp; &lt;b&gt; &#60;i&#62;")


def _listed_items(page: BeautifulSoup) -> list[BeautifulSoup]:
    return [li for li in page.select("article li") if li.a and "papers/" in li.a.get("href", "")]


def test_listings_show_titles_as_text(hostile_site: HostileSite) -> None:
    """Home, tag, day and month pages: each listed paper is one link whose text is its title."""
    slugs = by_slug(hostile_site)
    listings = [hostile_site.site / "index.html"]
    for folder in ("tags", "days", "months"):
        listings += sorted((hostile_site.site / folder).rglob("index.html"))
    checked = 0
    for path in listings:
        items = _listed_items(soup(path))
        for li in items:
            slug = urlsplit(urljoin(f"/{path.relative_to(hostile_site.site)}", li.a["href"]))
            case = slugs[slug.path.strip("/").removeprefix("papers/")]
            assert li.a.get_text() == plain_text(case.shown_title), path
            for span in li.select("span.arithmatex"):  # math in a title: generator.tex
                span.unwrap()
            assert skeleton(li) == skeleton(items[0]), (path, case.name)
        checked += len(items)
    # The home page, both tag pages and the day page (and its month) each list every paper.
    assert checked >= 4 * len(ALL_CASES)


def _allowed_url(value: str, page: Path, site: Path, site_url: str) -> bool:
    if value.startswith(MATERIAL_LINKS) or value.startswith("#"):
        return True
    if value.startswith(site_url):
        target = site / urlsplit(value.removeprefix(site_url)).path
    elif value.startswith(urlsplit(site_url).path):
        target = site / urlsplit(value.removeprefix(urlsplit(site_url).path)).path
    else:
        if urlsplit(value).scheme or value.startswith("//"):
            return False
        target = (page.parent / urlsplit(value).path).resolve()
    return target.is_file() or (target / "index.html").is_file()


def test_no_attribute_script_or_link_target_from_input(hostile_site: HostileSite) -> None:
    site, site_url = hostile_site.site, hostile_site.settings.site_url
    pages = html_pages(site)
    assert len(pages) > len(ALL_CASES)
    for path in pages:
        page = soup(path)
        for element, name, value in attribute_values(page):
            where = f"{path.relative_to(site)}: <{element} {name}={value[:60]!r}>"
            assert not name.startswith("on"), where
            if name in URL_ATTRIBUTES:
                assert _allowed_url(value, path, site, site_url), where
            elif PWNED in value:
                assert name in TEXT_ATTRIBUTES, where
        for script in page.find_all("script"):
            assert PWNED not in script.get_text(), path
        for forbidden in ("iframe", "base", "object", "embed", "textarea", "math", "style"):
            found = [el for el in page.find_all(forbidden) if el.name != "style" or PWNED in el]
            assert found == [], (path, forbidden)


def test_addresses_are_safe_unique_and_only_under_papers(hostile_site: HostileSite) -> None:
    slugs = [hostile_site.paper(case).slug for case in ALL_CASES]
    assert len(set(slugs)) == len(slugs)
    for slug in slugs:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug) and len(slug) <= MAX_LENGTH, slug
        assert slug not in RESERVED
    built = {p.name for p in (hostile_site.site / "papers").iterdir() if p.is_dir()}
    assert built == set(slugs)
    top = {p.name for p in hostile_site.site.iterdir()}
    assert not top & {"etc", "passwd", "windows", "hidden", ".hidden", "x"}


# Markup that Material's search index keeps from page content; all of it from our templates.
SEARCH_MARKUP = {"p", "ul", "li", "code", "pre", "table", "thead", "tbody", "tr", "th", "td", "a"}


def test_search_index_renders_as_text(hostile_site: HostileSite) -> None:
    """Material's search UI inserts titles and text as HTML: they must read as the input."""
    index = json.loads((hostile_site.site / "search" / "search_index.json").read_text())
    slugs = by_slug(hostile_site)
    found = set()
    for doc in index["docs"]:
        assert elements(doc["title"]) == [], doc["location"]
        assert set(elements(doc["text"])) <= SEARCH_MARKUP, doc["location"]
        match = re.fullmatch(r"papers/([a-z0-9-]+)/", doc["location"])
        if match:
            case = slugs[match[1]]
            assert text(doc["title"]) == case.shown_title
            assert plain_text(case.shown_abstract) in " ".join(text(doc["text"]).split())
            found.add(case.name)
    assert found == {case.name for case in ALL_CASES}


def test_feeds_parse_strictly_and_show_text(hostile_site: HostileSite) -> None:
    slugs = by_slug(hostile_site)
    feeds = sorted(
        p for p in (hostile_site.site / "feeds").rglob("*.xml") if "sitemap" not in p.name
    )
    assert len(feeds) == 6 and hostile_site.summary.feeds == 9  # and 3 JSON Feeds
    for path in sorted((hostile_site.site / "feeds").rglob("*.json")):
        items = json.loads(path.read_bytes())["items"]
        assert len(items) == len(ALL_CASES)
        for item in items:
            case = slugs[item["url"].rstrip("/").rsplit("/", 1)[1]]
            assert (item["title"], item["content_text"]) == (case.shown_title, case.shown_abstract)
    for path in feeds:
        ET.parse(path)
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert len(parsed.entries) == len(ALL_CASES)
        for entry in parsed.entries:
            case = slugs[entry.link.rstrip("/").rsplit("/", 1)[1]]
            where = (path.name, case.name)
            assert feed_text(entry.title_detail) == case.shown_title, where
            assert feed_text(entry.summary_detail) == case.shown_abstract, where
            assert "content" not in entry, where
