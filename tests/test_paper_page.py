"""The paper page's authors and links, through the real pipeline and real MkDocs."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from generator.archive import merge, serialize
from generator.config import Settings
from generator.links import arxiv_links, huggingface_link
from generator.models import Link, Location, Record
from generator.output import stage
from tests.conftest import BuildFn
from tests.helpers import DAY, LONG


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def save_archive(settings: Settings, *records: Record) -> None:
    papers, _ = merge({}, records, DAY)
    stage(settings.archive_dir, serialize(papers.values()), manifest=False).commit()


def test_paper_page_shows_authors_and_links_in_order(
    settings: Settings, run_build: BuildFn
) -> None:
    links = (
        Link("project", "https://example.org/a?x=1&y=2"),
        Link("code", "https://github.com/IBM/Flash-GMM"),
        huggingface_link("2606.00467"),
        *arxiv_links("2606.00467"),
    )
    authors = ("Ada <Lovelace>", "*Grace* Hopper")
    save_archive(
        settings,
        Record(
            "A Paper on Optimization",
            LONG,
            Location("x.json", record=1),
            "x.json",
            arxiv_id="2606.00467",
            authors=authors,
            links=links,
        ),
    )
    run_build(inputs=[], site=True, strict=True)
    html = soup(settings.site_dir / "papers" / "a-paper-on-optimization" / "index.html")
    article = html.select_one("article")
    assert article.select_one("p.pf-authors").get_text() == "Ada <Lovelace>, *Grace* Hopper"
    shown = [(a.get_text(), a["href"]) for a in article.select("p.pf-links a")]
    assert shown == [
        ("arXiv", "https://arxiv.org/abs/2606.00467"),
        ("PDF", "https://arxiv.org/pdf/2606.00467"),
        ("Hugging Face", "https://huggingface.co/papers/2606.00467"),
        ("Code", "https://github.com/IBM/Flash-GMM"),
        ("Project page", "https://example.org/a?x=1&y=2"),
    ]


def test_paper_without_links_or_authors_has_neither_block(
    settings: Settings, run_build: BuildFn
) -> None:
    save_archive(settings, Record("Plain", LONG, Location("x.txt", line=1), "x.txt"))
    run_build(inputs=[], site=True, strict=True)
    article = soup(settings.site_dir / "papers" / "plain" / "index.html").select_one("article")
    assert article.select("p.pf-links") == [] and article.select("p.pf-authors") == []
