from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

import feedparser

from generator.catalog import build_catalog
from generator.config import Settings
from generator.feeds import render_feeds
from generator.models import Paper
from generator.tagging import compile_taxonomy
from tests.helpers import feed_text

TAXONOMY = compile_taxonomy({"Optimization": ["optimi*"], "Stats <&>": ["statistics"]})


def papers(count: int) -> list[Paper]:
    start = date(2026, 1, 1)
    return [
        Paper(
            key=f"arxiv:2601.{i:05d}",
            slug=f"paper-{i}",
            title=f"Optimizing thing {i} <b>&amp;</b>",
            abstract=f'Statistics of thing {i}. "Quoted" & <script>x</script>',
            first_seen=start + timedelta(days=i),
            authors=("Ada Lovelace",) if i % 2 else (),
        )
        for i in range(count)
    ]


def check_json_feed(data: bytes) -> dict[str, Any]:
    """The rules of JSON Feed 1.1 that a reader relies on; returns the parsed document."""
    document: dict[str, Any] = json.loads(data.decode("utf-8"))
    assert document["version"] == "https://jsonfeed.org/version/1.1"
    assert isinstance(document["title"], str)
    assert document["feed_url"].startswith("https://")
    for item in document["items"]:
        assert isinstance(item["id"], str) and item["id"]
        assert isinstance(item.get("content_text", item.get("content_html")), str)
        assert datetime.fromisoformat(item["date_published"]).tzinfo is not None
        assert all(isinstance(a["name"], str) for a in item.get("authors", []))
        assert all(isinstance(t, str) for t in item.get("tags", []))
    return document


def feeds_for(settings: Settings, items: list[Paper]) -> dict[str, bytes]:
    return render_feeds(settings, build_catalog(items, TAXONOMY))


def test_site_and_tag_feeds_exist_and_parse(settings: Settings) -> None:
    files = feeds_for(settings, papers(3))
    assert sorted(files) == [
        "feeds/atom.xml",
        "feeds/feed.json",
        "feeds/rss.xml",
        "feeds/tags/optimization.atom.xml",
        "feeds/tags/optimization.json",
        "feeds/tags/optimization.rss.xml",
        "feeds/tags/stats.atom.xml",
        "feeds/tags/stats.json",
        "feeds/tags/stats.rss.xml",
    ]
    for name, data in files.items():
        if name.endswith(".json"):
            assert len(check_json_feed(data)["items"]) == 3
            continue
        ET.fromstring(data)  # strict XML
        parsed = feedparser.parse(data)
        assert not parsed.bozo, (name, parsed.get("bozo_exception"))
        assert len(parsed.entries) == 3


def test_entries_are_newest_first_with_absolute_links_and_stable_ids(settings: Settings) -> None:
    files = feeds_for(settings, papers(3))
    for name in ("feeds/rss.xml", "feeds/atom.xml"):
        parsed = feedparser.parse(files[name])
        entry = parsed.entries[0]
        assert entry.id == "urn:paperfeed:arxiv:2601.00002"
        assert entry.link == "https://example.org/paperfeed/papers/paper-2/"
        assert feed_text(entry.title_detail) == "Optimizing thing 2 <b>&amp;</b>"
        assert entry.published_parsed[:3] == (2026, 1, 3)
        assert [e.id[-1] for e in parsed.entries] == ["2", "1", "0"]
        self_links = [link.href for link in parsed.feed.links if link.rel == "self"]
        assert self_links == [f"https://example.org/paperfeed/{name}"]


def test_feed_text_is_the_paper_text(settings: Settings) -> None:
    files = feeds_for(settings, papers(1))
    atom = ET.fromstring(files["feeds/atom.xml"])
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert atom.findtext("a:entry/a:title", namespaces=ns) == "Optimizing thing 0 <b>&amp;</b>"
    assert atom.findtext("a:entry/a:summary", namespaces=ns) == (
        'Statistics of thing 0. "Quoted" & <script>x</script>'
    )
    # RSS readers render titles and descriptions as HTML: the text is escaped once more.
    rss = ET.fromstring(files["feeds/rss.xml"])
    assert rss.findtext("channel/item/title") == "Optimizing thing 0 &lt;b&gt;&amp;amp;&lt;/b&gt;"
    assert rss.findtext("channel/item/description") == (
        'Statistics of thing 0. "Quoted" &amp; &lt;script&gt;x&lt;/script&gt;'
    )


def test_feeds_are_capped(settings: Settings) -> None:
    capped = replace(settings, feed_entries=5)
    files = feeds_for(capped, papers(12))
    assert len(feedparser.parse(files["feeds/rss.xml"]).entries) == 5
    assert feedparser.parse(files["feeds/atom.xml"]).entries[0].id.endswith("2601.00011")


def test_feeds_are_deterministic_and_dated_by_papers(settings: Settings) -> None:
    items = papers(4)
    first = feeds_for(settings, items)
    second = feeds_for(settings, list(reversed(items)))
    assert first == second
    parsed = feedparser.parse(first["feeds/rss.xml"])
    assert parsed.feed.updated_parsed[:3] == (2026, 1, 4)
    assert b"lastBuildDate>Sun, 04 Jan 2026 00:00:00 +0000<" in first["feeds/rss.xml"]


def test_empty_archive_gives_valid_empty_feeds(settings: Settings) -> None:
    files = feeds_for(settings, [])
    assert sorted(files) == ["feeds/atom.xml", "feeds/feed.json", "feeds/rss.xml"]
    assert not feedparser.parse(files["feeds/atom.xml"]).bozo
    assert json.loads(files["feeds/feed.json"])["items"] == []


def test_json_feed_has_the_same_entries_in_the_same_order(settings: Settings) -> None:
    files = feeds_for(replace(settings, feed_entries=3), papers(5))
    document = check_json_feed(files["feeds/feed.json"])
    assert document["version"] == "https://jsonfeed.org/version/1.1"
    assert document["feed_url"] == "https://example.org/paperfeed/feeds/feed.json"
    assert document["home_page_url"] == "https://example.org/paperfeed/"
    atom = feedparser.parse(files["feeds/atom.xml"])
    assert [item["id"] for item in document["items"]] == [e.id for e in atom.entries]
    assert [item["url"] for item in document["items"]] == [e.link for e in atom.entries]
    first = document["items"][0]
    assert first == {
        "id": "urn:paperfeed:arxiv:2601.00004",
        "url": "https://example.org/paperfeed/papers/paper-4/",
        "title": "Optimizing thing 4 <b>&amp;</b>",
        "content_text": 'Statistics of thing 4. "Quoted" & <script>x</script>',
        "date_published": "2026-01-05T00:00:00+00:00",
        "tags": ["Optimization", "Stats <&>"],
    }
    assert document["items"][1]["authors"] == [{"name": "Ada Lovelace"}]
    tag_feed = json.loads(files["feeds/tags/stats.json"])
    assert tag_feed["title"] == "paperfeed: Stats <&>"
    assert tag_feed["home_page_url"] == "https://example.org/paperfeed/tags/stats/"
    assert len(tag_feed["items"]) == 3
