"""Full builds of the bundled sample through the real pipeline and real MkDocs."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup

from generator.build import build
from generator.config import Settings
from generator.readers import read_file
from generator.tex import plain_text
from tests.conftest import BuildFn, BuiltSite
from tests.helpers import DAY, LONG, SAMPLE, write_listing


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_summary_counts(sample_site: BuiltSite) -> None:
    s = sample_site.summary
    assert (s.records, s.papers, s.merge.new) == (139, 139, 139)
    assert s.tags >= 10
    # papers, tags (none over 100 papers), home, all tags, archive, 2 pages of the one day
    # and 2 of its month
    assert s.pages == 139 + s.tags + 2 + 1 + 2 + 2
    assert s.feeds == 3 * (s.tags + 1)
    assert s.warnings == () and s.site_warnings == 0
    assert s.untagged == ()


def test_every_paper_page_shows_its_title_and_abstract_unchanged(sample_site: BuiltSite) -> None:
    pages = sorted((sample_site.site / "papers").glob("*/index.html"))
    assert len(pages) == 139
    shown = {}
    for page in pages:
        html = soup(page)
        title = html.select_one("article h1.pf-title").get_text()
        shown[title] = html.select_one("article p.pf-abstract").get_text()
        assert html.title.get_text() == f"{title} - paperfeed"
    # Before KaTeX runs, math shows as \(...\); everything else is the text as given.
    expected = {plain_text(r.title): plain_text(r.abstract) for r in read_file(SAMPLE).records}
    assert shown == expected


def test_paper_pages_link_their_tags(sample_site: BuiltSite) -> None:
    page = next((sample_site.site / "papers").glob("adam-a-method-for-stochastic-optimization*"))
    chips = soup(page / "index.html").select("article .pf-tags a.md-tag")
    assert "Optimization" in [chip.get_text() for chip in chips]
    for chip in chips:
        assert (page / chip["href"] / "index.html").resolve().is_file()


def test_tag_pages_and_all_tags_page(sample_site: BuiltSite) -> None:
    all_tags = soup(sample_site.site / "tags" / "index.html")
    rows = all_tags.select("article table tbody tr")
    assert len(rows) == sample_site.summary.tags
    assert "Survival Analysis" in [row.a.get_text() for row in rows]
    survival = soup(sample_site.site / "tags" / "survival-analysis" / "index.html")
    listed = [a.get_text() for a in survival.select("article li a")]
    assert "A Flexible Parametric Modelling Framework for Survival Analysis" in listed


def test_paper_pages_are_out_of_the_navigation(sample_site: BuiltSite) -> None:
    home = soup(sample_site.site / "index.html")
    nav_links = [a.get_text(strip=True) for a in home.select("nav.md-nav--primary a.md-nav__link")]
    assert len(nav_links) < 10


def test_every_page_advertises_the_site_feeds(sample_site: BuiltSite) -> None:
    for page in [
        sample_site.site / "index.html",
        next((sample_site.site / "papers").glob("*/index.html")),
        sample_site.site / "tags" / "physics" / "index.html",
    ]:
        links = soup(page).select('head link[rel="alternate"]')
        hrefs = {(link["type"], (page.parent / link["href"]).resolve()) for link in links}
        assert ("application/rss+xml", (sample_site.site / "feeds/rss.xml").resolve()) in hrefs
        assert ("application/atom+xml", (sample_site.site / "feeds/atom.xml").resolve()) in hrefs
        for _, target in hrefs:
            assert target.is_file()
    tag_links = soup(sample_site.site / "tags/physics/index.html").select('link[rel="alternate"]')
    assert any(link["href"].endswith("feeds/tags/physics.atom.xml") for link in tag_links)


def test_site_and_tag_feeds_parse_and_link_absolutely(sample_site: BuiltSite) -> None:
    feeds = sorted(
        p for p in (sample_site.site / "feeds").rglob("*.xml") if p.name != "sitemap.xml"
    )
    json_feeds = sorted((sample_site.site / "feeds").rglob("*.json"))
    assert len(feeds) + len(json_feeds) == sample_site.summary.feeds
    assert len(json_feeds) == len(feeds) // 2
    for path in json_feeds:
        document = json.loads(path.read_bytes())
        assert 0 < len(document["items"]) <= 50
        assert document["feed_url"].startswith("https://example.org/paperfeed/feeds/")
    for path in feeds:
        ET.parse(path)
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, path
        assert 0 < len(parsed.entries) <= 50
        for entry in parsed.entries:
            assert entry.link.startswith("https://example.org/paperfeed/papers/")
            assert entry.id.startswith("urn:paperfeed:")
    site_feed = feedparser.parse((sample_site.site / "feeds" / "atom.xml").read_bytes())
    assert len(site_feed.entries) == 50


def test_a_second_build_writes_nothing(sample_site: BuiltSite) -> None:
    docs_files = sorted(p for p in sample_site.docs.rglob("*") if p.is_file())
    before = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in docs_files}
    archive_before = {p: p.stat().st_mtime_ns for p in sample_site.settings.archive_dir.iterdir()}
    again = build(sample_site.settings, today=DAY.replace(day=28), site=False)
    assert (again.docs.written, again.docs.removed, again.merge.new) == (0, 0, 0)
    assert again.merge.unchanged == 139
    assert {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in docs_files} == before
    assert {
        p: p.stat().st_mtime_ns for p in sample_site.settings.archive_dir.iterdir()
    } == archive_before


def test_untrusted_text_is_shown_literally(settings: Settings, run_build: BuildFn) -> None:
    title = "<script>alert(1)</script> *bold* _u_ `code` [x](http://evil) {{ x }} &amp; ---"
    abstract = (
        "A: b\x0b# not a heading <img src=x onerror=alert(1)> ![i](http://evil/i.png) "
        "<https://evil.example/> &lt;&amp; !!python/object:os.system {% raw %} " + LONG
    )
    path = write_listing(settings.root / "evil.txt", [(title, abstract)])
    run_build(inputs=[path], site=True, strict=True)
    page = next((settings.site_dir / "papers").glob("*/index.html"))
    html = soup(page)
    article = html.select_one("article")
    assert article.select_one("h1").get_text() == title
    expected_abstract = " ".join(abstract.replace("\x0b", " ").split())
    assert article.select_one("p.pf-abstract").get_text() == expected_abstract
    assert html.title.get_text() == f"{title} - paperfeed"
    assert html.select("script[src*=evil]") == [] and html.select("img[src*=evil]") == []
    assert not [s for s in html.find_all("script") if "alert(1)" in s.get_text()]
    assert not [a for a in html.find_all("a") if "evil" in a.get("href", "")]
    description = html.select_one('meta[name="description"]')["content"]
    assert expected_abstract.startswith(description.removesuffix("…"))
    # Sharing tags: escaped exactly once, so a reader shows the text as given.
    assert html.select_one('meta[property="og:title"]')["content"] == title
    assert html.select_one('meta[name="twitter:title"]')["content"] == title
    og_description = html.select_one('meta[property="og:description"]')["content"]
    assert og_description == description
    slug = page.parent.name
    assert slug.startswith("script-alert-1-script-bold")


def test_a_theme_without_katex_is_named_with_the_fix(
    run_build: BuildFn, project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    shutil.rmtree(project / "theme" / "assets" / "katex", ignore_errors=True)
    run_build(site=True)
    assert "KaTeX is missing" in caplog.text and "make assets" in caplog.text
    caplog.clear()
    assert not run_build(site=True).site_rebuilt  # and again when the site is up to date
    assert "KaTeX is missing" in caplog.text


def test_the_home_page_title_is_the_site_name(sample_site: BuiltSite) -> None:
    home = BeautifulSoup((sample_site.site / "index.html").read_text(), "html.parser")
    assert home.title is not None and home.title.get_text() == "paperfeed"
