"""Markdown pages from templates: models in, strings out. No I/O besides loading templates.

Untrusted text reaches templates only through the `html` and `md` filters (generator.escape);
the Jinja environment has no autoescape because its output is Markdown, so templates must
always use one of the two filters on paper text.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import jinja2

from generator import urls
from generator.catalog import Catalog
from generator.config import Settings
from generator.escape import front_matter, html_text, markdown_inline
from generator.models import LINK_KINDS, Link, Paper, Tag

_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
DESCRIPTION_CHARS = 200
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


def long_date(day: date) -> str:
    """`27 Nov 2026`, independent of the locale."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


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
    return env


def _description(text: str) -> str:
    if len(text) <= DESCRIPTION_CHARS:
        return text
    return text[:DESCRIPTION_CHARS].rsplit(" ", 1)[0] + "…"


def _feed_meta(feeds: dict[str, str], title: str) -> list[dict[str, str]]:
    return [
        {"type": urls.FEED_TYPES[kind], "title": f"{title} ({urls.FEED_NAMES[kind]})", "href": path}
        for kind, path in feeds.items()
    ]


class Renderer:
    """Renders every generated Markdown page of the site."""

    def __init__(self, settings: Settings, catalog: Catalog) -> None:
        self.settings = settings
        self.catalog = catalog
        self.env = _environment()

    def _page(self, template: str, path: str, front: dict[str, object], **context: object) -> str:
        def link(target: str) -> str:
            return urls.relative(target, path)

        return self.env.get_template(template).render(
            front=front_matter(front), link=link, urls=urls, **context
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
        return self._page(
            "paper.md.j2",
            path,
            front,
            paper=paper,
            tags=self.catalog.paper_tags[paper.key],
            links=ordered_links(paper.links),
            link_labels=LINK_LABELS,
        )

    def tag(self, tag: Tag) -> str:
        path = urls.tag_path(tag.slug)
        front: dict[str, object] = {
            "title": html_text(tag.name),
            "feeds": _feed_meta(urls.tag_feeds(tag.slug), tag.name),
        }
        return self._page(
            "tag.md.j2",
            path,
            front,
            tag=tag,
            papers=self.catalog.tag_papers[tag.slug],
            feeds=urls.tag_feeds(tag.slug),
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
        front: dict[str, object] = {"title": html_text(self.settings.site_name)}
        return self._page(
            "home.md.j2",
            urls.HOME,
            front,
            site_name=self.settings.site_name,
            papers=self.catalog.papers[: self.settings.home_entries],
            total=len(self.catalog.papers),
            tags=self.catalog.tags,
        )


def render_pages(settings: Settings, catalog: Catalog) -> dict[str, bytes]:
    """Every generated Markdown page: docs-relative path -> UTF-8 bytes."""
    renderer = Renderer(settings, catalog)
    pages = {urls.HOME: renderer.home(), urls.ALL_TAGS: renderer.all_tags()}
    pages.update({urls.paper_path(p.slug): renderer.paper(p) for p in catalog.papers})
    pages.update({urls.tag_path(t.slug): renderer.tag(t) for t in catalog.tags})
    return {path: text.encode("utf-8") for path, text in pages.items()}
