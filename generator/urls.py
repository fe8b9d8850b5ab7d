"""Where each generated file lives in docs/ and which URL MkDocs gives it.

Every path here is built from slugs (generator.slugs), never from raw input text.
"""

from __future__ import annotations

from datetime import date

HOME = "index.md"
ALL_TAGS = "tags/index.md"
ARCHIVE = "archive.md"
SEARCH = "search.md"
"""The Pagefind search page (only when the site uses Pagefind)."""
PAGEFIND_UI = "pagefind/pagefind-ui.js"
PAGEFIND_CSS = "pagefind/pagefind-ui.css"
SITE_FEEDS = {"rss": "feeds/rss.xml", "atom": "feeds/atom.xml", "json": "feeds/feed.json"}
FEED_NAMES = {"rss": "RSS", "atom": "Atom", "json": "JSON Feed"}
FEED_TYPES = {
    "rss": "application/rss+xml",
    "atom": "application/atom+xml",
    "json": "application/feed+json",
}


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
    return {
        "rss": f"feeds/tags/{slug}.rss.xml",
        "atom": f"feeds/tags/{slug}.atom.xml",
        "json": f"feeds/tags/{slug}.json",
    }


def relative(target: str, source: str) -> str:
    """The link from docs file `source` to docs file `target`, for Markdown links.

    Both are clean docs-relative paths (no `.`, `..` or empty parts), so this is posixpath's
    relpath without its normalisation: it runs for every link of every page.
    """
    source_dir = source.split("/")[:-1]
    parts = target.split("/")
    common = 0
    while (
        common < len(source_dir) and common < len(parts) - 1 and source_dir[common] == parts[common]
    ):
        common += 1
    return "/".join([".."] * (len(source_dir) - common) + parts[common:])


def site_path(path: str, use_directory_urls: bool = True) -> str:
    """The path below the site root at which MkDocs serves docs file `path`."""
    if not path.endswith(".md"):
        return path
    stem = path.removesuffix(".md")
    if not use_directory_urls:
        return f"{stem}.html"
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/"


def page_url(path: str, site_url: str, use_directory_urls: bool = True) -> str:
    """The absolute URL MkDocs gives the page built from docs file `path`."""
    return site_url + site_path(path, use_directory_urls)


def href(target: str, source: str, use_directory_urls: bool = True) -> str:
    """The relative URL from the built page of docs file `source` to that of `target`: what
    MkDocs makes of a Markdown link, for raw HTML links that MkDocs does not rewrite (long
    listings, where Markdown links cost MkDocs a file lookup each)."""

    def file(path: str) -> str:
        served = site_path(path, use_directory_urls)
        return served + "index.html" if served.endswith("/") or not served else served

    link = relative(file(target), file(source))
    if use_directory_urls and link.endswith("index.html"):
        link = link.removesuffix("index.html") or "./"
    return link
