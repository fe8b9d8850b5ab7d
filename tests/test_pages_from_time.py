"""Day, month and archive pages, and the pagination of every listing, through real MkDocs."""

from __future__ import annotations

import itertools
import re
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.build import build
from generator.config import Settings, load_settings
from generator.errors import ConfigError
from generator.listings import paginate
from generator.models import Paper
from tests.helpers import LONG, write_listing

DAYS = (date(2026, 10, 30), date(2026, 11, 2), date(2026, 11, 3))
PER_DAY = (3, 7, 2)
"""Papers first seen on each of DAYS; with a page size of 3, the 7-paper day has 3 pages."""


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def html_page(site: Path, href: str, start: Path) -> Path:
    """The built file a relative link on page `start` (an index.html) points at."""
    target = (start.parent / href).resolve()
    return target / "index.html" if target.is_dir() else target


def listed(page: Path) -> list[str]:
    return [a.get_text() for a in soup(page).select("article li a")]


def pager_links(page: Path) -> dict[str, str]:
    pager = soup(page).select_one("article .pf-pager")
    return {} if pager is None else labelled(pager.select("a"))


def labelled(anchors: list[BeautifulSoup]) -> dict[str, str]:
    """Link label (without the arrows around it) -> href."""
    return {a.get_text().strip("«‹›» "): a["href"] for a in anchors}  # noqa: RUF001


def fake_paper(number: int) -> Paper:
    return Paper(f"k{number}", f"s{number}", f"T{number}", "A", date(2026, 1, 1))


@pytest.mark.parametrize(
    ("papers", "size", "sizes"),
    [(0, 3, [0]), (1, 3, [1]), (3, 3, [3]), (4, 3, [3, 1]), (7, 3, [3, 3, 1]), (6, 1, [1] * 6)],
)
def test_paginate_splits_at_the_page_size(papers: int, size: int, sizes: list[int]) -> None:
    pages = paginate("tags/x.md", [fake_paper(n) for n in range(papers)], size)
    assert [len(p.papers) for p in pages] == sizes
    assert [p.path for p in pages] == ["tags/x.md"] + [
        f"tags/x/page-{n}.md" for n in range(2, len(sizes) + 1)
    ]
    assert [k for p in pages for k in (x.key for x in p.papers)] == [f"k{n}" for n in range(papers)]
    assert pages[0].previous is None and pages[-1].next is None
    for before, after in itertools.pairwise(pages):
        assert (before.next, after.previous) == (after.path, before.path)
        assert after.start == before.end + 1


def test_page_size_must_be_positive(project: Path) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("page_size: 100", "page_size: 0"))
    with pytest.raises(ConfigError, match="page_size must be at least 1"):
        load_settings(config)


@pytest.fixture
def dated_site(project: Path) -> Settings:
    """A site of 12 papers first seen over three days in two months, 3 papers per page."""
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("page_size: 100", "page_size: 3"))
    settings = load_settings(config)
    number = 0
    for day, count in zip(DAYS, PER_DAY, strict=True):
        pairs = []
        for _ in range(count):
            number += 1
            title = f"Neural network paper {number:02d}"
            pairs.append((title, f"Neural networks {number}. {LONG}"))
        listing = write_listing(project / f"{day}.txt", pairs)
        build(settings, inputs=[listing], today=day, site=day == DAYS[-1], strict=True)
    return settings


def test_day_pages_list_the_papers_first_seen_that_day_across_pages(dated_site: Settings) -> None:
    site = dated_site.site_dir
    first = site / "days" / "2026-11-02" / "index.html"
    assert soup(first).select_one("article h1").get_text() == "2 Nov 2026"
    pages = [first]
    while "Next" in pager_links(pages[-1]):
        pages.append(html_page(site, pager_links(pages[-1])["Next"], pages[-1]))
    assert [p.parent.name for p in pages] == ["2026-11-02", "page-2", "page-3"]
    titles = [title for page in pages for title in listed(page)]
    assert titles == [f"Neural network paper {n:02d}" for n in range(4, 11)]
    assert [len(listed(p)) for p in pages] == [3, 3, 1]
    for number, page in enumerate(pages, start=1):
        links = pager_links(page)
        assert f"Page {number} of 3" in soup(page).select_one(".pf-pager").get_text()
        if number > 1:
            assert html_page(site, links["Previous"], page) == pages[number - 2]
            assert html_page(site, links["First"], page) == first
        else:
            assert "Previous" not in links and "First" not in links
        if number < 3:
            assert html_page(site, links["Last"], page) == pages[-1]
        else:
            assert "Next" not in links and "Last" not in links
    assert soup(pages[1]).title.get_text().startswith("2 Nov 2026 (page 2)")
    assert soup(pages[1]).select_one('a[rel="next"]') is not None


def test_a_listing_of_exactly_one_page_has_no_pager(dated_site: Settings) -> None:
    page = dated_site.site_dir / "days" / "2026-10-30" / "index.html"
    assert len(listed(page)) == 3
    assert pager_links(page) == {} and not (page.parent / "page-2").exists()


def test_days_link_to_neighbouring_days_and_their_month(dated_site: Settings) -> None:
    site = dated_site.site_dir
    page = site / "days" / "2026-11-02" / "index.html"
    links = labelled(soup(page).select("article p a"))
    assert html_page(site, links["30 Oct 2026"], page) == site / "days/2026-10-30/index.html"
    assert html_page(site, links["3 Nov 2026"], page) == site / "days/2026-11-03/index.html"
    assert html_page(site, links["November 2026"], page) == site / "months/2026-11/index.html"


def test_month_pages_list_their_days_and_papers_newest_first(dated_site: Settings) -> None:
    site = dated_site.site_dir
    november = site / "months" / "2026-11" / "index.html"
    days = [a.get_text() for a in soup(november).select("article p a") if a.get_text().isdigit()]
    assert days == ["3", "2"]
    pages = [november, *(november.parent / f"page-{n}" / "index.html" for n in (2, 3))]
    titles = [title for page in pages for title in listed(page)]
    assert titles == [f"Neural network paper {n:02d}" for n in (11, 12, *range(4, 11))]
    assert not (november.parent / "page-4").exists()
    october = listed(site / "months" / "2026-10" / "index.html")
    assert october == [f"Neural network paper {n:02d}" for n in (1, 2, 3)]


def test_archive_lists_months_newest_first_and_home_links_it(dated_site: Settings) -> None:
    site = dated_site.site_dir
    archive = site / "archive" / "index.html"
    months = [(a.get_text(), a["href"]) for a in soup(archive).select("article li a")]
    assert [label for label, _ in months] == ["November 2026", "October 2026"]
    for _, href in months:
        assert html_page(site, href, archive).is_file()
    text = soup(archive).select_one("article").get_text()
    assert "November 2026 · 9 papers on 2 days" in text
    home = site / "index.html"
    links = {a.get_text(): a["href"] for a in soup(home).select("article a")}
    assert html_page(site, links["Archive by day and month"], home) == archive
    assert html_page(site, links["3 Nov 2026"], home) == site / "days/2026-11-03/index.html"
    nav = [a.get_text(strip=True) for a in soup(home).select("nav.md-nav--primary a")]
    assert "Archive" in nav and not [n for n in nav if re.fullmatch(r"\d+ \w+ 2026", n)]


def test_tag_pages_are_paginated(dated_site: Settings) -> None:
    site = dated_site.site_dir
    first = site / "tags" / "machine-learning" / "index.html"
    pages = [first, *(first.parent / f"page-{n}" / "index.html" for n in (2, 3, 4))]
    assert [len(listed(p)) for p in pages] == [3, 3, 3, 3]
    assert not (first.parent / "page-5").exists()
    titles = [title for page in pages for title in listed(page)]
    assert titles == [f"Neural network paper {n:02d}" for n in (11, 12, *range(4, 11), 1, 2, 3)]
    assert html_page(site, pager_links(pages[3])["First"], pages[3]) == first
    feeds = soup(pages[2]).select('head link[type="application/atom+xml"]')
    assert any(f["href"].endswith("feeds/tags/machine-learning.atom.xml") for f in feeds)


def test_listing_pages_stay_out_of_the_search_index(dated_site: Settings) -> None:
    index = (dated_site.site_dir / "search" / "search_index.json").read_text()
    assert '"location":"papers/' in index
    for folder in ("days/", "months/", "tags/machine-learning/"):
        assert f'"location":"{folder}' not in index


def test_a_rebuild_of_the_dated_site_writes_nothing(dated_site: Settings) -> None:
    again = build(dated_site, inputs=[], today=date(2026, 11, 4), site=False)
    assert (again.docs.written, again.docs.removed) == (0, 0)


def test_listings_show_untrusted_titles_literally(project: Path) -> None:
    title = '<script>alert(1)</script> "quoted" & <b>bold</b> [x](http://evil)'
    settings = load_settings(project / "mkdocs.yml")
    listing = write_listing(project / "evil.txt", [(title, f"Neural networks. {LONG}")])
    build(settings, inputs=[listing], today=DAYS[0], site=True, strict=True)
    for page in ("days/2026-10-30", "months/2026-10", "tags/machine-learning"):
        html = soup(settings.site_dir / page / "index.html")
        assert listed(settings.site_dir / page / "index.html") == [title]
        assert not html.select("article script, article b")
        link = html.select_one("article li a")["href"]
        assert html_page(settings.site_dir, link, settings.site_dir / page / "index.html").is_file()
