"""RSS 2.0 and Atom feeds: the only module that uses feedgen.

Every field is set explicitly. feedgen's traps: `add_entry` prepends unless told to append,
and feed/entry `updated` and RSS `lastBuildDate` default to the current time, which would make
every rebuild differ. Here all dates come from the papers, so the same archive gives the same
bytes.

Text must show as given in a feed reader. Atom says so itself (type "text"). RSS text has no
type: readers render a description as HTML, and a title as HTML when it looks like HTML (a
closing tag or an entity). So in RSS, titles and descriptions are escaped as HTML content.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime

from feedgen.feed import FeedGenerator

from generator import urls
from generator.catalog import Catalog
from generator.config import Settings
from generator.escape import html_content
from generator.models import Paper

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def entry_id(paper: Paper) -> str:
    """A paper's permanent feed id: its archive key never changes, whatever the site URL."""
    return f"urn:paperfeed:{paper.key}"


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def _feed(
    settings: Settings,
    catalog: Catalog,
    *,
    title: str,
    subtitle: str,
    page: str,
    self_path: str,
    kind: str,
    papers: Sequence[Paper],
) -> bytes:
    entries = papers[: settings.feed_entries]
    shown = html_content if kind == "rss" else str
    updated = _midnight(entries[0].first_seen) if entries else EPOCH
    fg = FeedGenerator()
    fg.id(urls.page_url(page, settings.site_url, settings.use_directory_urls))
    fg.title(shown(title))
    fg.description(shown(subtitle))
    fg.author({"name": settings.site_name})
    fg.link(
        href=urls.page_url(page, settings.site_url, settings.use_directory_urls), rel="alternate"
    )
    fg.link(href=settings.site_url + self_path, rel="self", type=urls.FEED_TYPES[kind])
    fg.language("en")
    fg.generator("paperfeed")
    fg.updated(updated)
    fg.lastBuildDate(updated)
    for paper in entries:
        url = urls.page_url(
            urls.paper_path(paper.slug), settings.site_url, settings.use_directory_urls
        )
        published = _midnight(paper.first_seen)
        fe = fg.add_entry(order="append")
        fe.id(entry_id(paper))
        fe.guid(entry_id(paper), permalink=False)
        fe.title(shown(paper.title))
        fe.link(href=url, rel="alternate")
        if kind == "rss":
            fe.description(shown(paper.abstract))
        else:
            fe.summary(paper.abstract)
        fe.published(published)
        fe.updated(published)
        for author in paper.authors:
            fe.author({"name": author})
        for tag in catalog.paper_tags[paper.key]:
            fe.category(term=tag.slug, label=tag.name)
    data: bytes = fg.rss_str(pretty=True) if kind == "rss" else fg.atom_str(pretty=True)
    return data


def render_feeds(settings: Settings, catalog: Catalog) -> dict[str, bytes]:
    """Site-wide and per-tag RSS and Atom feeds: docs-relative path -> bytes."""
    files: dict[str, bytes] = {}
    for kind, path in urls.SITE_FEEDS.items():
        files[path] = _feed(
            settings,
            catalog,
            title=settings.site_name,
            subtitle=f"Newest papers on {settings.site_name}",
            page=urls.HOME,
            self_path=path,
            kind=kind,
            papers=catalog.papers,
        )
    for tag in catalog.tags:
        for kind, path in urls.tag_feeds(tag.slug).items():
            files[path] = _feed(
                settings,
                catalog,
                title=f"{settings.site_name}: {tag.name}",
                subtitle=f"Newest papers tagged {tag.name} on {settings.site_name}",
                page=urls.tag_path(tag.slug),
                self_path=path,
                kind=kind,
                papers=catalog.tag_papers[tag.slug],
            )
    return files
