"""Hypothesis properties over reader -> model -> render -> feeds, on arbitrary text (control
characters, lone surrogates, markup of every kind): nothing crashes, every page escapes what it
shows, slugs are safe and unique, feeds always parse.

Pages are turned into HTML the way MkDocs does it (its front-matter reader, Python-Markdown
with the extensions of mkdocs.yml) and parsed: a hostile paper's page must have exactly the
element structure of a harmless one, and show the text as given.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import date
from functools import cache

import feedparser
import markdown
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config
from mkdocs.utils.meta import get_data

from generator import urls
from generator.archive import merge
from generator.catalog import build_catalog
from generator.config import Settings, load_settings
from generator.errors import InputError
from generator.escape import html_text
from generator.feeds import render_feeds
from generator.models import Paper
from generator.readers import listing, read_bytes
from generator.render import render_pages
from generator.slugs import MAX_LENGTH, RESERVED, assign_slugs, base_slug
from generator.tagging import compile_taxonomy
from generator.tex import plain_text
from generator.text import clean_text
from tests.helpers import DAY, LONG, ROOT, feed_text
from tests.hostile.html import skeleton

EXAMPLES = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Any text: every code point class, including C0/C1 controls, surrogates, bidi overrides,
# plus fragments of the syntaxes that could become markup somewhere down the line.
SYNTAX = st.sampled_from(
    ["<", ">", "&", "&amp;", '"', "'", "`", "*", "_", "[", "](", ")", "!", "#", "{:", "{{",
     "}}", "{%", "%}", "---", ": ", "\n", "\r", "$", "\\(", "\\)", "$$", "<script>", "]]>",
     "\x00", "\ud800", "\u202e", "\u2028", "\ufeff", "|", "~~~", "```", "    "]
)  # fmt: skip
TEXT = st.lists(st.one_of(st.text(), SYNTAX), max_size=12).map("".join)
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


@cache
def site_settings() -> Settings:
    return load_settings(ROOT / "mkdocs.yml")


@cache
def markdown_config() -> tuple[list[object], dict[str, object]]:
    config = load_config(str(ROOT / "mkdocs.yml"))
    return config.markdown_extensions, config.mdx_configs


def to_html(page: bytes) -> tuple[BeautifulSoup, dict[str, object]]:
    """A generated page as MkDocs reads it: front matter, then Markdown with our extensions."""
    body, meta = get_data(page.decode("utf-8"))
    extensions, configs = markdown_config()
    html = markdown.Markdown(extensions=extensions, extension_configs=configs).convert(body)
    return BeautifulSoup(html, "html.parser"), meta


def without_math(html: BeautifulSoup) -> BeautifulSoup:
    """Math spans are the one structure text asks for (generator.tex); unwrap them."""
    for span in html.select("span.arithmatex"):
        span.unwrap()
    return html


def paper(key: str, title: str, abstract: str) -> Paper:
    """A paper as the readers hand it on: clean text, a title that is not empty."""
    return Paper(key, base_slug(key), clean_text(title) or "t", clean_text(abstract), DAY)


CONTROL = paper("control", "Control paper", f"Plain. {LONG}")


def site_for(*papers: Paper) -> tuple[dict[str, bytes], dict[str, bytes]]:
    catalog = build_catalog(papers, compile_taxonomy({}))
    return render_pages(site_settings(), catalog), render_feeds(site_settings(), catalog)


@EXAMPLES
@given(title=TEXT, abstract=TEXT)
@example(title="$0$", abstract="")  # once failed in CI: math in a title listed on another page
def test_paper_page_escapes_everything(title: str, abstract: str) -> None:
    hostile = paper("hostile", title, abstract)
    pages, _ = site_for(hostile, CONTROL)
    html, meta = to_html(pages[urls.paper_path(hostile.slug)])
    control, control_meta = to_html(pages[urls.paper_path(CONTROL.slug)])
    # The control page lists the hostile paper (related, same day), whose title may hold math.
    assert skeleton(without_math(html)) == skeleton(without_math(control))
    assert html.select_one("h1.pf-title").get_text() == plain_text(hostile.title)
    assert html.select_one("p.pf-abstract").get_text() == plain_text(hostile.abstract)
    assert meta["title"] == html_text(hostile.title)  # pre-escaped: Material inserts it raw
    assert set(meta) == set(control_meta) | ({"math"} if "math" in meta else set())


@EXAMPLES
@given(titles=st.lists(TEXT, min_size=1, max_size=4))
def test_listings_show_titles_as_link_text(titles: list[str]) -> None:
    papers = [
        paper(f"p{i}", title or "t", f"Abstract {i}. {LONG}") for i, title in enumerate(titles)
    ]
    pages, _ = site_for(*papers, CONTROL)
    by_slug = {p.slug: p.title for p in (*papers, CONTROL)}
    home, _ = to_html(pages[urls.HOME])
    entries = home.select(".pf-entry")
    day, _ = to_html(pages[urls.day_path(DAY)])
    items = day.select("ul.pf-list li")
    assert len(entries) == len(items) == len(by_slug)
    for item in [*entries, *items]:
        link = item.select_one("a")
        slug = link["href"].rstrip("/").rsplit("/", 1)[-1].removesuffix(".md")
        assert link.get_text() == plain_text(by_slug[slug])  # math: generator.tex
        reference = entries[0] if item.name == "div" else items[0]
        assert skeleton(without_math(item)) == skeleton(without_math(reference))


@EXAMPLES
@given(title=TEXT, abstract=TEXT, authors=st.lists(TEXT, max_size=3))
def test_feeds_always_parse_and_show_the_text(
    title: str, abstract: str, authors: list[str]
) -> None:
    hostile = Paper(
        "hostile",
        "hostile",
        clean_text(title) or "t",
        clean_text(abstract),
        DAY,
        authors=tuple(a for a in map(clean_text, authors) if a),
    )
    _, feeds = site_for(hostile)
    for path, data in feeds.items():
        if path.endswith(".json"):
            (item,) = json.loads(data)["items"]
            assert (item["title"], item["content_text"]) == (hostile.title, hostile.abstract)
            continue
        ET.fromstring(data)
        parsed = feedparser.parse(data)
        assert not parsed.bozo, parsed.get("bozo_exception")
        (entry,) = parsed.entries
        assert feed_text(entry.title_detail) == _as_feedparser_shows(hostile.title)
        if hostile.abstract:
            assert feed_text(entry.summary_detail) == _as_feedparser_shows(hostile.abstract)


def _as_feedparser_shows(text: str) -> str:
    """feedparser "repairs" text that reads as UTF-8 mis-decoded as Latin-1 ("Â¡" -> "¡",
    feedparser/mixin.py); the feed itself carries the text as given."""
    try:
        return text.encode("iso-8859-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


@EXAMPLES
@given(data=st.one_of(st.binary(), TEXT.map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_any_bytes_are_read_or_refused_in_one_line(data: bytes) -> None:
    for prefix in (b"", b"[", b"{", b"<"):
        try:
            result = read_bytes(prefix + data, where="in.txt", source="in.txt")
        except InputError as error:
            assert "\n" not in error.one_line()
            continue
        for record in result.records:
            for value in (record.title, record.abstract, *record.authors, *record.keywords):
                assert value == clean_text(value)
            assert record.title


@EXAMPLES
@given(records=st.lists(st.fixed_dictionaries({"title": TEXT, "abstract": TEXT}), max_size=6))
def test_json_lines_account_for_every_record(records: list[dict[str, str]]) -> None:
    data = "\n".join(json.dumps(r) for r in records).encode() + b"\n{}\n"
    result = read_bytes(data, where="in.jsonl", source="in.jsonl")
    assert len(result.records) + len(result.rejected) == len(records) + 1
    read = iter(result.records)
    for record in records:
        if clean_text(record["title"]):
            got = next(read)
            assert (got.title, got.abstract) == (
                clean_text(record["title"]),
                clean_text(record["abstract"]),
            )


@EXAMPLES
@given(lines=st.lists(TEXT, max_size=10))
def test_listing_reader_never_crashes_and_cleans(lines: list[str]) -> None:
    records, warnings = listing.read("\n".join(lines), "in.txt", "in.txt")
    for record in records:
        assert record.title == clean_text(record.title) and record.title
        assert record.abstract == clean_text(record.abstract)
    assert all(w.where.startswith("in.txt:") for w in warnings)


@EXAMPLES
@given(
    wanted=st.dictionaries(st.text(max_size=8), TEXT, max_size=12),
    taken=st.sets(st.sampled_from(["x", "paper", "index-paper", "x-1", "a"]), max_size=3),
)
def test_slugs_are_safe_unique_and_stable(wanted: dict[str, str], taken: set[str]) -> None:
    slugs = assign_slugs(wanted, taken)
    assert set(slugs) == set(wanted)
    values = list(slugs.values())
    assert len(set(values)) == len(values) and not set(values) & taken
    for slug in values:
        assert SLUG.fullmatch(slug) and len(slug) <= MAX_LENGTH and slug not in RESERVED, slug
    assert assign_slugs(dict(reversed(wanted.items())), taken) == slugs  # order-independent


@EXAMPLES
@given(titles=st.lists(TEXT, min_size=1, max_size=6))
def test_merged_papers_keep_their_addresses(titles: list[str]) -> None:
    """Slugs handed out are never changed by papers that arrive later with similar titles."""
    from generator.models import Location, Record

    def records(items: list[str]) -> list[Record]:
        return [
            Record(clean_text(t) or "t", "a", Location("in.txt", line=i), "in.txt")
            for i, t in enumerate(items)
        ]

    first, _ = merge({}, records(titles[:1]), DAY)
    later, _ = merge(first, records(titles), date(2026, 11, 28))
    for key, old in first.items():
        assert later[key].slug == old.slug
    slugs = [p.slug for p in later.values()]
    assert len(set(slugs)) == len(slugs)
