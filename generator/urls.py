"""Where each generated file lives in docs/ and which URL MkDocs gives it.

Every path here is built from slugs (generator.slugs), never from raw input text.
"""

from __future__ import annotations

import posixpath
from datetime import date

HOME = "index.md"
ALL_TAGS = "tags/index.md"
ARCHIVE = "archive.md"
SITE_FEEDS = {"rss": "feeds/rss.xml", "atom": "feeds/atom.xml"}
FEED_NAMES = {"rss": "RSS", "atom": "Atom"}
FEED_TYPES = {"rss": "application/rss+xml", "atom": "application/atom+xml"}


# Material's JavaScript fetches "sitemap.xml" relative to every <link rel="alternate"> on a
# page (for its language selector). Feeds are alternates, so each folder of feeds gets an
# empty sitemap: the fetch is tiny and succeeds instead of a 404 (or the whole site's
# sitemap) on every page view.
FEED_SITEMAPS = ("feeds/sitemap.xml", "feeds/tags/sitemap.xml")
EMPTY_SITEMAP = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n'
)


def paper_path(slug: str) -> str:
    return f"papers/{slug}.md"


def tag_path(slug: str) -> str:
    return f"tags/{slug}.md"


def day_path(day: date) -> str:
    return f"days/{day.isoformat()}.md"


def month_path(month: str) -> str:
    """`month` is "YYYY-MM"."""
    return f"months/{month}.md"


def listing_page_path(first: str, number: int) -> str:
    """Page `number` (from 1) of the listing whose first page is docs file `first`.

    Later pages live in a folder named after the first page (`tags/physics/page-2.md`), so the
    first page keeps its address as the listing grows. `page` is a reserved slug, so no tag,
    paper or day can take these names.
    """
    if number == 1:
        return first
    return f"{first.removesuffix('.md')}/page-{number}.md"


def tag_feeds(slug: str) -> dict[str, str]:
    return {"rss": f"feeds/tags/{slug}.rss.xml", "atom": f"feeds/tags/{slug}.atom.xml"}


def relative(target: str, source: str) -> str:
    """The link from docs file `source` to docs file `target`, for Markdown links."""
    return posixpath.relpath(target, posixpath.dirname(source) or ".")


def page_url(path: str, site_url: str, use_directory_urls: bool = True) -> str:
    """The absolute URL MkDocs gives the page built from docs file `path`."""
    if not path.endswith(".md"):
        return site_url + path
    stem = path.removesuffix(".md")
    if not use_directory_urls:
        return f"{site_url}{stem}.html"
    if stem == "index" or stem.endswith("/index"):
        return site_url + stem.removesuffix("index")
    return f"{site_url}{stem}/"
