"""RSS 2.0, Atom and JSON Feed 1.1 feeds; the only module that uses feedgen.

RSS and Atom come from feedgen; JSON Feed (which feedgen does not know) is written with the
json module from the same entries, so all three carry the same papers in the same order.
Every field is set explicitly. feedgen's traps: `add_entry` prepends unless told to append,
and feed/entry `updated` and RSS `lastBuildDate` default to the current time, which would make
every rebuild differ. Here all dates come from the papers, so the same archive gives the same
bytes.

Text must show as given in a feed reader. Atom says so itself (type "text"). RSS text has no
type: readers render a description as HTML, and a title as HTML when it looks like HTML (a
closing tag or an entity). So in RSS, titles and descriptions are escaped as HTML content.
JSON Feed says so itself too (`content_text`, and titles are plain text).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
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


@dataclass(frozen=True, slots=True)
class FeedSpec:
    """One feed: what it is called, which page it belongs to, where it lives, its papers."""

    title: str
    subtitle: str
    page: str
    self_path: str
    papers: Sequence[Paper]


def _feed(settings: Settings, catalog: Catalog, spec: FeedSpec, kind: str) -> bytes:
    entries = spec.papers[: settings.feed_entries]
    shown = html_content if kind == "rss" else str
    updated = _midnight(entries[0].first_seen) if entries else EPOCH
    home_url = urls.page_url(spec.page, settings.site_url, settings.use_directory_urls)
    fg = FeedGenerator()
    fg.id(home_url)
    fg.title(shown(spec.title))
    fg.description(shown(spec.subtitle))
    fg.author({"name": settings.site_name})
    fg.link(href=home_url, rel="alternate")
    fg.link(href=settings.site_url + spec.self_path, rel="self", type=urls.FEED_TYPES[kind])
    fg.language("en")
    fg.generator("paperfeed")
    fg.updated(updated)
    fg.lastBuildDate(updated)
    for paper in entries:
        url = _paper_url(settings, paper)
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


def _json_feed(settings: Settings, catalog: Catalog, spec: FeedSpec) -> bytes:
    """A JSON Feed 1.1 document (https://jsonfeed.org/version/1.1) with the same entries as the
    RSS and Atom feeds. `content_text` is the raw abstract: feed readers show it as text."""
    items = []
    for paper in spec.papers[: settings.feed_entries]:
        item: dict[str, object] = {
            "id": entry_id(paper),
            "url": _paper_url(settings, paper),
            "title": paper.title,
            "content_text": paper.abstract,
            "date_published": _midnight(paper.first_seen).isoformat(),
        }
        if paper.authors:
            item["authors"] = [{"name": author} for author in paper.authors]
        tags = [tag.name for tag in catalog.paper_tags[paper.key]]
        if tags:
            item["tags"] = tags
        items.append(item)
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": spec.title,
        "description": spec.subtitle,
        "home_page_url": urls.page_url(spec.page, settings.site_url, settings.use_directory_urls),
        "feed_url": settings.site_url + spec.self_path,
        "language": "en",
        "authors": [{"name": settings.site_name}],
        "items": items,
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _paper_url(settings: Settings, paper: Paper) -> str:
    return urls.page_url(
        urls.paper_path(paper.slug), settings.site_url, settings.use_directory_urls
    )


def _render(settings: Settings, catalog: Catalog, spec: FeedSpec, kind: str) -> bytes:
    if kind == "json":
        return _json_feed(settings, catalog, spec)
    return _feed(settings, catalog, spec, kind)


def render_feeds(settings: Settings, catalog: Catalog) -> dict[str, bytes]:
    """Site-wide and per-tag RSS, Atom and JSON feeds: docs-relative path -> bytes."""
    files: dict[str, bytes] = {}
    for kind, path in urls.SITE_FEEDS.items():
        spec = FeedSpec(
            title=settings.site_name,
            subtitle=f"Newest papers on {settings.site_name}",
            page=urls.HOME,
            self_path=path,
            papers=catalog.papers,
        )
        files[path] = _render(settings, catalog, spec, kind)
    for tag in catalog.tags:
        for kind, path in urls.tag_feeds(tag.slug).items():
            spec = FeedSpec(
                title=f"{settings.site_name}: {tag.name}",
                subtitle=f"Newest papers tagged {tag.name} on {settings.site_name}",
                page=urls.tag_path(tag.slug),
                self_path=path,
                papers=catalog.tag_papers[tag.slug],
            )
            files[path] = _render(settings, catalog, spec, kind)
    return files
