"""Hostile structured metadata (authors, tags, URLs, ids) through the real readers, the real
pipeline and real MkDocs: shown as text, never markup, link targets, YAML or paths."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import feedparser
import pytest

from generator.build import BuildSummary, build
from generator.config import Settings, load_settings
from generator.slugs import RESERVED
from generator.text import clean_text
from tests.conftest import make_project
from tests.helpers import DAY, LONG
from tests.hostile.html import URL_ATTRIBUTES, attribute_values, soup

PWNED = "window.__pwned"
TAGS = [
    f"<script>{PWNED}=1</script>",
    f"[x](javascript:{PWNED}=2)",
    "{{ config.site_name }} {% raw %}",
    "../../etc/passwd",
    "index",
    "title: injected\n---",
    "\u202eevil\u202c Tag",
]
AUTHORS = [f'<img src=x onerror="{PWNED}=3">', "*Ada* `Lovelace`", "A\x00da\u2028B"]
RECORDS = [
    {
        "title": "Hostile metadata paper",
        "abstract": LONG,
        "authors": AUTHORS,
        "tags": TAGS,
        "id": "2601.00001",
    },
    {"title": "Bad url paper", "abstract": LONG, "url": f"javascript:{PWNED}=4"},
    {"title": "Bad id paper", "abstract": LONG, "id": "../../etc/passwd"},
]
HF = [
    {
        "paper": {
            "id": "2601.00002",
            "title": "HF paper with hostile links",
            "summary": LONG,
            "authors": [{"name": "</title><script>x</script>"}],
            "githubRepo": f'https://github.com/x"onmouseover="{PWNED}=5',
            "projectPage": "data:text/html,<script>alert(1)</script>",
        }
    }
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, BuildSummary]:
    root = make_project(tmp_path_factory.mktemp("hostile-meta") / "site-project")
    jsonl = root / "hostile.jsonl"
    jsonl.write_text("\n".join(json.dumps(r) for r in RECORDS) + "\n", encoding="utf-8")
    hf = root / "hostile-hf.json"
    hf.write_text(json.dumps(HF), encoding="utf-8")
    settings = load_settings(root / "mkdocs.yml")
    return settings, build(settings, inputs=[jsonl, hf], today=DAY)


def test_bad_records_and_links_are_reported_not_published(
    built: tuple[Settings, BuildSummary],
) -> None:
    settings, summary = built
    root = settings.root
    assert [str(w) for w in summary.warnings] == [
        f"{root / 'hostile.jsonl'}:2: url: not an absolute http(s) URL: "
        "'javascript:window.__pwned=4'; skipped",
        f"{root / 'hostile.jsonl'}:3: id: not an arXiv id (like 2401.12345): "
        "'../../etc/passwd'; skipped",
        f"{root / 'hostile-hf.json'}: record 1: paper.githubRepo: not an absolute http(s) URL: "
        '\'https://github.com/x"onmouseover="wind…; link dropped',
        f"{root / 'hostile-hf.json'}: record 1: paper.projectPage: not an absolute http(s) "
        "URL: 'data:text/html,<script>alert(1)</scrip…; link dropped",
    ]
    assert (summary.records, summary.papers, summary.site_warnings) == (2, 2, 0)


def test_tags_from_metadata_are_text_with_safe_addresses(
    built: tuple[Settings, BuildSummary],
) -> None:
    settings, _ = built
    page = next((settings.site_dir / "papers").glob("hostile-metadata-paper/index.html"))
    chips = soup(page).select("article .pf-tags a.md-tag")
    shown = {chip.get_text(): chip["href"] for chip in chips}
    assert {clean_text(t) for t in TAGS} <= set(shown)
    for name, href in shown.items():
        slug = href.rstrip("/").rsplit("/", 1)[-1]
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug) and slug not in RESERVED, name
        tag_page = soup(page.parent / href / "index.html")
        assert tag_page.select_one("article h1").get_text() == name
        assert tag_page.title.get_text().startswith(name)
    tags_dir = settings.site_dir / "tags"
    assert {p.name for p in tags_dir.iterdir()} >= {"etc-passwd", "index-tag"}
    assert not (settings.site_dir / "etc").exists()


def test_authors_are_text(built: tuple[Settings, BuildSummary]) -> None:
    settings, _ = built
    page = soup(settings.site_dir / "papers" / "hostile-metadata-paper" / "index.html")
    authors = page.select_one("article p.pf-authors")
    assert authors.get_text() == ", ".join(clean_text(a) for a in AUTHORS)
    assert authors.find_all(True) == []


def test_no_script_attribute_or_link_target_from_input(
    built: tuple[Settings, BuildSummary],
) -> None:
    settings, _ = built
    for path in sorted(settings.site_dir.rglob("*.html")):
        page = soup(path)
        for element, name, value in attribute_values(page):
            where = f"{path}: <{element} {name}={value[:60]!r}>"
            assert not name.startswith("on"), where
            if name in URL_ATTRIBUTES:
                assert not value.startswith(("javascript:", "data:")), where
                assert "onmouseover" not in value, where
        for script in page.find_all("script"):
            assert PWNED not in script.get_text(), path
    hf_page = soup(settings.site_dir / "papers" / "hf-paper-with-hostile-links" / "index.html")
    kinds = [a.get_text() for a in hf_page.select("article p.pf-links a")]
    assert kinds == ["arXiv", "PDF", "Hugging Face"]


def test_feeds_carry_tag_names_as_text(built: tuple[Settings, BuildSummary]) -> None:
    settings, _ = built
    data = (settings.site_dir / "feeds" / "atom.xml").read_bytes()
    ET.fromstring(data)
    feed = feedparser.parse(data)
    assert not feed.bozo
    (entry,) = [e for e in feed.entries if e.title == "Hostile metadata paper"]
    labels = {t.get("label") for t in entry.tags}
    assert {clean_text(t) for t in TAGS} <= labels
