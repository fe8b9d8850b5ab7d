"""What a reader sees on the built pages (real MkDocs): paper pages, home, tags, head meta."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from tests.conftest import BuiltSite


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def paper_page(site: BuiltSite, slug: str) -> BeautifulSoup:
    return soup(site.site / "papers" / slug / "index.html")


def resolve(page_dir: Path, href: str) -> Path:
    return (page_dir / href.split("#")[0] / "index.html").resolve()


def test_paper_page_shows_authors_dates_links_and_math(math_site: BuiltSite) -> None:
    html = paper_page(math_site, "sharp-bounds-for-lp-regression")
    article = html.select_one("article")
    assert article.select_one(".pf-authors").get_text() == "Ada Lovelace, Grace Hopper"
    meta = article.select_one(".pf-meta")
    assert " ".join(meta.get_text().split()) == (
        "First seen 12 Jun 2026 · submitted to arXiv 10 Jun 2026 · updated 11 Jun 2026"
    )
    assert [t["datetime"] for t in meta.select("time")] == [
        "2026-06-12",
        "2026-06-10",
        "2026-06-11",
    ]
    links = [(a.get_text(), a["href"]) for a in article.select(".pf-links a")]
    assert links == [
        ("arXiv", "https://arxiv.org/abs/2606.01234"),
        ("PDF", "https://arxiv.org/pdf/2606.01234"),
        ("Hugging Face", "https://huggingface.co/papers/2606.01234"),
        ("Code", "https://github.com/example/lp-regression"),
        ("Project page", "https://example.org/lp/"),
    ]
    title_math = [s.get_text() for s in article.select("h1 .arithmatex")]
    assert title_math == ["\\(\\ell_p\\)"]
    spans = article.select(".pf-abstract .arithmatex")
    assert [s.get_text() for s in spans] == [
        "\\(\\ell_p\\)",
        "\\(1 \\le p < 2\\)",
        "\\(O(n \\log n)\\)",
        "\\[\\mathbb{E}\\|\\hat\\beta-\\beta\\|_2^2 \\lesssim \\frac{d}{n}\\]",
    ]
    assert "less than $5 per run" in article.select_one(".pf-abstract").get_text()
    chips = [a.get_text() for a in article.select(".pf-tags a.md-tag")]
    assert {"Statistics Theory", "Machine Learning"} <= set(chips)  # keywords become tags
    head = html.select_one("head")
    assert head.select_one('link[href$="assets/katex/katex.min.css"]')
    assert html.select_one('script[src$="assets/katex/katex.min.js"]')
    assert (math_site.site / "assets" / "katex" / "katex.min.js").is_file()


def test_pages_without_math_load_no_katex(sample_site: BuiltSite) -> None:
    html = paper_page(sample_site, "adam-a-method-for-stochastic-optimization")
    assert not html.select('script[src*="katex"]')
    assert not html.select('link[href*="katex"]')


def test_bibtex_entry_is_escaped_text_in_a_code_block(math_site: BuiltSite) -> None:
    html = paper_page(math_site, "sharp-bounds-for-lp-regression")
    block = html.select_one("article pre.pf-bibtex > code")
    assert block.get_text() == (
        "@misc{lovelace2026sharp,\n"
        "  title = {{Sharp bounds for \\$\\textbackslash{}ell\\_p\\$ regression"
        " with heavy tails}},\n"
        "  author = {Ada Lovelace and Grace Hopper},\n"
        "  year = {2026},\n"
        "  eprint = {2606.01234},\n"
        "  archivePrefix = {arXiv},\n"
        "  url = {https://arxiv.org/abs/2606.01234}\n"
        "}\n"
    )


def test_related_papers_and_same_day_neighbours(math_site: BuiltSite) -> None:
    page_dir = math_site.site / "papers" / "sharp-bounds-for-lp-regression"
    html = soup(page_dir / "index.html")
    related = html.select_one("article h2#related-papers").find_next_sibling("ul")
    titles = [a.get_text() for a in related.select("a")]
    assert titles[0] == "A survey of heavy-tailed regression"
    for a in related.select("a"):
        assert resolve(page_dir, a["href"]).is_file()
    # Same-day listing order (by title): "A survey...", "Message passing...", "Sharp bounds..."
    nav = html.select_one("article nav.pf-daynav")
    shown = [a.get_text() for a in nav.select("a")]
    assert shown == ["← Message passing on \\(k\\)-regular graphs"]
    assert nav.select_one("a")["rel"] == ["prev"]
    first = paper_page(math_site, "a-survey-of-heavy-tailed-regression")
    assert [a["rel"] for a in first.select("nav.pf-daynav a")] == [["next"]]
    older = paper_page(math_site, "an-older-paper-on-graphs")
    assert older.select("nav.pf-daynav") == []  # alone on its day


def test_sharing_meta_tags(math_site: BuiltSite) -> None:
    html = paper_page(math_site, "sharp-bounds-for-lp-regression")

    def meta(attribute: str, name: str) -> str:
        return str(html.select_one(f'meta[{attribute}="{name}"]')["content"])

    assert meta("property", "og:title") == "Sharp bounds for $\\ell_p$ regression with heavy tails"
    assert meta("property", "og:description").startswith("We study $\\ell_p$ regression")
    assert meta("property", "og:url") == (
        "https://example.org/paperfeed/papers/sharp-bounds-for-lp-regression/"
    )
    assert meta("property", "og:type") == "article"
    assert meta("name", "twitter:card") == "summary"
    home = soup(math_site.site / "index.html")
    assert home.select_one('meta[property="og:type"]')["content"] == "website"


def test_home_shows_the_latest_day_busiest_tags_and_subscribe(math_site: BuiltSite) -> None:
    home = soup(math_site.site / "index.html")
    article = home.select_one("article")
    assert article.select_one("h2").get_text() == "Latest papers: 12 Jun 2026"
    entries = article.select(".pf-entry")
    assert [e.select_one(".pf-entry__title").get_text() for e in entries] == [
        "A survey of heavy-tailed regression",
        "Message passing on \\(k\\)-regular graphs",
        "Sharp bounds for \\(\\ell_p\\) regression with heavy tails",
    ]
    snippet = entries[2].select_one(".pf-entry__snippet")
    assert snippet.get_text().startswith("We study \\(\\ell_p\\) regression")
    assert home.select_one('script[src$="assets/katex/katex.min.js"]')
    chips = [a.get_text() for a in article.select(".pf-tags a.md-tag")]
    assert chips[0] == "Statistics (4)"
    subscribe = article.select_one("h2#subscribe").find_next_sibling("ul")
    hrefs = [a["href"] for a in subscribe.select("a")]
    assert hrefs == ["feeds/rss.xml", "feeds/atom.xml", "feeds/feed.json", "tags/#feeds"]
    for href in hrefs[:3]:
        assert (math_site.site / href).is_file()
    assert "RSS-to-email" in article.get_text()


def test_all_tags_page_lists_counts_and_three_feeds_per_tag(sample_site: BuiltSite) -> None:
    page_dir = sample_site.site / "tags"
    html = soup(page_dir / "index.html")
    assert html.select_one("#feeds")
    for row in html.select("article table tbody tr"):
        cells = row.select("td")
        assert int(cells[1].get_text()) > 0
        feeds = [(a.get_text(), a["href"]) for a in cells[2].select("a")]
        assert [label for label, _ in feeds] == ["RSS", "Atom", "JSON"]
        for _, href in feeds:
            assert (page_dir / href).is_file()


def test_tag_page_links_and_advertises_its_feeds(sample_site: BuiltSite) -> None:
    page_dir = sample_site.site / "tags" / "physics"
    html = soup(page_dir / "index.html")
    links = {a.get_text(): a["href"] for a in html.select("article p a")}
    for label, name in [("RSS", "rss.xml"), ("Atom", "atom.xml"), ("JSON Feed", "json")]:
        assert links[label].endswith(f"physics.{name}")
        assert (page_dir / links[label]).is_file()
    types = [link["type"] for link in html.select('head link[rel="alternate"]')]
    assert types.count("application/feed+json") == 2  # the site's and the tag's


def test_samples_paper_page_shows_authors_dates_links_and_keywords(samples_site: BuiltSite) -> None:
    """A paper from the arXiv Atom sample in tests/fixtures, through ingest and MkDocs."""
    html = paper_page(samples_site, "mana-dexterous-manipulation-of-articulated-tools")
    article = html.select_one("article")
    assert article.select_one(".pf-authors").get_text().startswith("Zhao-Heng Yin, ")
    meta = " ".join(article.select_one(".pf-meta").get_text().split())
    assert meta == "First seen 27 Nov 2026 · submitted to arXiv 11 Jun 2026"
    links = [(a.get_text(), a["href"]) for a in article.select(".pf-links a")]
    assert links == [
        ("arXiv", "https://arxiv.org/abs/2606.13677"),
        ("PDF", "https://arxiv.org/pdf/2606.13677"),
    ]
    chips = {a.get_text() for a in article.select(".pf-tags a.md-tag")}
    assert {"Robotics", "Artificial Intelligence", "Computer Vision"} <= chips  # arXiv keywords
    assert "eprint = {2606.13677}" in article.select_one("pre.pf-bibtex code").get_text()
