"""Full builds from the real Hugging Face and arXiv samples, through real MkDocs."""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup

from generator.build import BuildSummary, build
from generator.config import Settings, load_settings
from generator.readers import read_file
from tests.conftest import make_project
from tests.helpers import DAY, FIXTURES, LONG, write_listing

HF_SAMPLE = FIXTURES / "hf-daily-papers-2026-06-12.json"
ARXIV_SAMPLE = FIXTURES / "arxiv-api-query.xml"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, BuildSummary]:
    root = make_project(tmp_path_factory.mktemp("sources") / "site-project")
    settings = load_settings(root / "mkdocs.yml")
    summary = build(settings, inputs=[HF_SAMPLE, ARXIV_SAMPLE], today=DAY, strict=True)
    return settings, summary


def test_one_page_per_paper_with_authors_and_arxiv_links(
    built: tuple[Settings, BuildSummary],
) -> None:
    settings, summary = built
    assert (summary.records, summary.papers, summary.warnings) == (35, 35, ())
    assert summary.site_warnings == 0
    records = {r.title: r for path in (HF_SAMPLE, ARXIV_SAMPLE) for r in read_file(path).records}
    pages = sorted((settings.site_dir / "papers").glob("*/index.html"))
    assert len(pages) == 35
    for page in pages:
        article = soup(page).select_one("article")
        record = records[article.select_one("h1.pf-title").get_text()]
        assert article.select_one("p.pf-authors").get_text() == ", ".join(record.authors)
        links = {a.get_text(): a["href"] for a in article.select("p.pf-links a")}
        assert links["arXiv"] == f"https://arxiv.org/abs/{record.arxiv_id}"
        assert links["PDF"] == f"https://arxiv.org/pdf/{record.arxiv_id}"
        assert set(links.values()) == {link.url for link in record.links}


def test_hf_code_and_project_links_are_shown(built: tuple[Settings, BuildSummary]) -> None:
    settings, _ = built
    page = next((settings.site_dir / "papers").glob("webchallenger*/index.html"))
    links = {a.get_text(): a["href"] for a in soup(page).select("article p.pf-links a")}
    assert links == {
        "arXiv": "https://arxiv.org/abs/2606.10423",
        "PDF": "https://arxiv.org/pdf/2606.10423",
        "Hugging Face": "https://huggingface.co/papers/2606.10423",
        "Code": "https://github.com/jayoohwang1/webchallenger",
        "Project page": "https://jayoohwang1.github.io/webchallenger-site/",
    }


def test_arxiv_categories_become_tags_with_pages_and_feeds(
    built: tuple[Settings, BuildSummary],
) -> None:
    settings, _ = built
    page = next((settings.site_dir / "papers").glob("mana-*/index.html"))
    chips = [a.get_text() for a in soup(page).select("article .pf-tags a.md-tag")]
    assert {"Robotics", "Artificial Intelligence", "Computer Vision"} <= set(chips)
    assert chips.count("Machine Learning") == 1  # cs.LG joins the taxonomy tag
    robotics = soup(settings.site_dir / "tags" / "robotics" / "index.html")
    listed = [a.get_text() for a in robotics.select("article li a")]
    assert "Mana: Dexterous Manipulation of Articulated Tools" in listed
    feed = feedparser.parse((settings.site_dir / "feeds/tags/robotics.atom.xml").read_bytes())
    assert not feed.bozo and len(feed.entries) == 2


def test_a_second_build_writes_nothing(built: tuple[Settings, BuildSummary]) -> None:
    settings, _ = built
    again = build(settings, inputs=[HF_SAMPLE, ARXIV_SAMPLE], today=DAY, site=False)
    assert (again.docs.written, again.docs.removed, again.merge.unchanged) == (0, 0, 35)


def test_title_only_paper_keeps_its_url_when_its_arxiv_id_arrives(
    project: Path, settings: Settings
) -> None:
    hf_title = read_file(HF_SAMPLE).records[0].title
    listing = write_listing(project / "l.txt", [(hf_title, LONG)])
    build(settings, inputs=[listing], today=DAY, site=False)
    (before,) = (settings.docs_dir / "papers").glob("*.md")
    summary = build(settings, inputs=[HF_SAMPLE], today=DAY.replace(day=28), strict=True)
    assert (summary.merge.new, summary.merge.updated) == (29, 1)
    page = settings.site_dir / "papers" / before.stem / "index.html"
    article = soup(page).select_one("article")
    assert article.select_one("time")["datetime"] == DAY.isoformat()
    hrefs = [a["href"] for a in article.select("p.pf-links a")]
    assert "https://arxiv.org/abs/2606.00467" in hrefs
