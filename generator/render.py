"""Markdown pages from templates: models in, strings out. No I/O besides loading templates.

Untrusted text reaches templates only through the `html` and `md` filters (generator.escape);
the Jinja environment has no autoescape because its output is Markdown, so templates must
always use one of the two filters on paper text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from itertools import chain
from pathlib import Path

import jinja2

from generator import bibtex, tex, urls
from generator.catalog import Catalog
from generator.config import Settings
from generator.escape import front_matter, html_text, markdown_inline
from generator.listings import ListingPage, paginate
from generator.models import LINK_KINDS, Link, Paper, Tag
from generator.text import counted

_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_MONTH_NAMES = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
DESCRIPTION_CHARS = 200
SNIPPET_CHARS = 280
BUSIEST_TAGS = 12
LINK_LABELS = {
    "arxiv": "arXiv",
    "pdf": "PDF",
    "huggingface": "Hugging Face",
    "code": "Code",
    "project": "Project page",
    "doi": "DOI",
}


def ordered_links(links: tuple[Link, ...]) -> tuple[Link, ...]:
    """A paper's links in reading order (LINK_KINDS), whatever order the archive keeps."""
    return tuple(sorted(links, key=lambda link: (LINK_KINDS.index(link.kind), link.url)))


def long_date(day: date | datetime) -> str:
    """`27 Nov 2026`, independent of the locale."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def month_label(month: str) -> str:
    """`November 2026` for "2026-11", independent of the locale."""
    year, number = month.split("-")
    return f"{_MONTH_NAMES[int(number) - 1]} {year}"


def _paged_title(title: str, listing: ListingPage) -> str:
    return title if listing.number == 1 else f"{title} (page {listing.number})"


# Listing pages repeat paper titles that the paper pages already carry: leaving them out of
# the search index keeps it from growing three times over.
_NO_SEARCH: dict[str, object] = {"search": {"exclude": True}}


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["html"] = html_text
    env.filters["md"] = markdown_inline
    env.filters["long_date"] = long_date
    env.filters["counted"] = counted
    env.filters["math"] = tex.math_html
    env.filters["snippet"] = lambda text: tex.snippet_html(text, SNIPPET_CHARS)
    return env


def _description(text: str) -> str:
    if len(text) <= DESCRIPTION_CHARS:
        return text
    return text[:DESCRIPTION_CHARS].rsplit(" ", 1)[0] + "…"


def _day_neighbours(catalog: Catalog) -> dict[str, tuple[Paper | None, Paper | None]]:
    """Paper key -> (previous, next) paper of the same first-seen day, in listing order."""
    neighbours: dict[str, tuple[Paper | None, Paper | None]] = {}
    for papers in catalog.days.values():
        for index, paper in enumerate(papers):
            neighbours[paper.key] = (
                papers[index - 1] if index > 0 else None,
                papers[index + 1] if index + 1 < len(papers) else None,
            )
    return neighbours


def _math_flag(texts: Iterable[str]) -> dict[str, object]:
    """Front matter that makes the theme load KaTeX, for a page showing any of `texts` with
    math in it; none otherwise, so that pages without math load no KaTeX."""
    return {"math": True} if any(tex.has_math(text) for text in texts) else {}


def _feed_meta(feeds: dict[str, str], title: str) -> list[dict[str, str]]:
    return [
        {"type": urls.FEED_TYPES[kind], "title": f"{title} ({urls.FEED_NAMES[kind]})", "href": path}
        for kind, path in feeds.items()
    ]


class Renderer:
    """Renders every generated Markdown page of the site."""

    def __init__(
        self, settings: Settings, catalog: Catalog, related: Mapping[str, Sequence[Paper]]
    ) -> None:
        self.settings = settings
        self.catalog = catalog
        self.related = related
        self.neighbours = _day_neighbours(catalog)
        self.env = _environment()

    def _page(self, template: str, path: str, front: dict[str, object], **context: object) -> str:
        def link(target: str) -> str:
            return urls.relative(target, path)

        def href(target: str) -> str:
            return urls.href(target, path, self.settings.use_directory_urls)

        return self.env.get_template(template).render(
            front=front_matter(front), link=link, href=href, urls=urls, **context
        )

    def paper(self, paper: Paper) -> str:
        path = urls.paper_path(paper.slug)
        front: dict[str, object] = {
            "title": html_text(paper.title),
            "description": html_text(_description(paper.abstract)),
            "paper": {
                "key": paper.key,
                "first_seen": paper.first_seen.isoformat(),
                "tags": [tag.slug for tag in self.catalog.paper_tags[paper.key]],
            },
        }
        previous, following = self.neighbours[paper.key]
        related = self.related.get(paper.key, ())
        shown = [paper.abstract, paper.title, *(p.title for p in related)]
        shown += [p.title for p in (previous, following) if p]
        front |= _math_flag(shown)
        return self._page(
            "paper.md.j2",
            path,
            front,
            paper=paper,
            tags=self.catalog.paper_tags[paper.key],
            links=ordered_links(paper.links),
            link_labels=LINK_LABELS,
            bibtex=bibtex.entry(paper),
            related=related,
            previous=previous,
            following=following,
        )

    def _listing(
        self,
        template: str,
        first: str,
        papers: Sequence[Paper],
        title: str,
        front: dict[str, object],
        **context: object,
    ) -> dict[str, str]:
        """Every page of a paginated listing: docs path -> Markdown."""
        return {
            listing.path: self._page(
                template,
                listing.path,
                {
                    "title": _paged_title(title, listing),
                    **front,
                    **_NO_SEARCH,
                    **_math_flag(p.title for p in listing.papers),
                },
                listing=listing,
                **context,
            )
            for listing in paginate(first, papers, self.settings.page_size)
        }

    def tag(self, tag: Tag) -> dict[str, str]:
        return self._listing(
            "tag.md.j2",
            urls.tag_path(tag.slug),
            self.catalog.tag_papers[tag.slug],
            html_text(tag.name),
            {"feeds": _feed_meta(urls.tag_feeds(tag.slug), tag.name)},
            tag=tag,
            feeds=urls.tag_feeds(tag.slug),
        )

    def days(self) -> dict[str, str]:
        days = list(self.catalog.days)
        pages: dict[str, str] = {}
        for index, day in enumerate(days):
            month = f"{day:%Y-%m}"
            pages |= self._listing(
                "day.md.j2",
                urls.day_path(day),
                self.catalog.days[day],
                long_date(day),
                {},
                day=day,
                month=month,
                month_label=month_label(month),
                newer=days[index - 1] if index > 0 else None,
                older=days[index + 1] if index + 1 < len(days) else None,
            )
        return pages

    def month(self, month: str) -> dict[str, str]:
        papers = self.catalog.months[month]
        counts = Counter(paper.first_seen for paper in papers)
        return self._listing(
            "month.md.j2",
            urls.month_path(month),
            papers,
            month_label(month),
            {},
            month=month,
            month_label=month_label(month),
            days=sorted(counts.items(), reverse=True),
        )

    def search(self, bundles: Sequence[str]) -> str:
        front: dict[str, object] = {"title": "Search", **_NO_SEARCH}
        hrefs = [
            urls.href(f"{bundle}/", urls.SEARCH, self.settings.use_directory_urls)
            for bundle in bundles
        ]
        return self._page(
            "search.md.j2", urls.SEARCH, front, total=len(self.catalog.papers), bundles=hrefs
        )

    def archive(self) -> str:
        years: dict[str, list[tuple[str, str, int, int]]] = {}
        for month, papers in self.catalog.months.items():
            days = len({paper.first_seen for paper in papers})
            years.setdefault(month[:4], []).append((month, month_label(month), len(papers), days))
        return self._page(
            "archive.md.j2",
            urls.ARCHIVE,
            {"title": "Archive"},
            years=list(years.items()),
            latest=next(iter(self.catalog.days), None),
            total=len(self.catalog.papers),
        )

    def all_tags(self) -> str:
        front: dict[str, object] = {"title": "Tags"}
        return self._page(
            "tags.md.j2",
            urls.ALL_TAGS,
            front,
            tags=self.catalog.tags,
            counts={t.slug: len(self.catalog.tag_papers[t.slug]) for t in self.catalog.tags},
            untagged=len(self.catalog.untagged),
            total=len(self.catalog.papers),
        )

    def home(self) -> str:
        day = next(iter(self.catalog.days), None)
        day_papers = self.catalog.days[day] if day else ()
        latest = day_papers[: self.settings.home_entries]
        counts = {t.slug: len(self.catalog.tag_papers[t.slug]) for t in self.catalog.tags}
        busiest = sorted(self.catalog.tags, key=lambda t: (-counts[t.slug], t.name.casefold()))
        front: dict[str, object] = {"title": html_text(self.settings.site_name)}
        front |= _math_flag(chain.from_iterable((p.title, p.abstract) for p in latest))
        return self._page(
            "home.md.j2",
            urls.HOME,
            front,
            site_name=self.settings.site_name,
            latest_day=day,
            papers=latest,
            more=len(day_papers) - len(latest),
            total=len(self.catalog.papers),
            tags=busiest[:BUSIEST_TAGS],
            counts=counts,
            tag_total=len(self.catalog.tags),
        )


def render_pages(
    settings: Settings,
    catalog: Catalog,
    related: Mapping[str, Sequence[Paper]] | None = None,
    *,
    pagefind: Sequence[str] = (),
) -> dict[str, bytes]:
    """Every generated Markdown page: docs-relative path -> UTF-8 bytes. `related` maps a
    paper key to the papers its page recommends (generator.related); `pagefind` adds the
    search page over these Pagefind bundles (generator.search)."""
    renderer = Renderer(settings, catalog, related or {})
    pages = {urls.HOME: renderer.home(), urls.ALL_TAGS: renderer.all_tags()}
    pages.update({urls.paper_path(p.slug): renderer.paper(p) for p in catalog.papers})
    for tag in catalog.tags:
        pages |= renderer.tag(tag)
    pages |= renderer.days()
    for month in catalog.months:
        pages |= renderer.month(month)
    pages[urls.ARCHIVE] = renderer.archive()
    if pagefind:
        pages[urls.SEARCH] = renderer.search(pagefind)
    return {path: text.encode("utf-8") for path, text in pages.items()}
