"""The hostile corpus built once, strictly, through the real pipeline and real MkDocs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.archive import load_archive
from generator.build import BuildSummary, build
from generator.config import Settings, load_settings
from generator.models import Paper
from tests.conftest import make_project
from tests.helpers import DAY
from tests.hostile.corpus import ALL_CASES, TAXONOMY, Case, write_corpus


def set_option(config_path: Path, name: str, value: int | str) -> None:
    """Change one `extra.paperfeed` option of a copied mkdocs.yml in place."""
    text = config_path.read_text(encoding="utf-8")
    text, count = re.subn(rf"(?m)^(\s+{name}:) .*$", rf"\g<1> {value}", text)
    assert count == 1, name
    config_path.write_text(text, encoding="utf-8")


def make_hostile_project(root: Path) -> list[Path]:
    """A project whose home page, feeds and tag pages list every paper of the corpus; returns
    the corpus files."""
    make_project(root)
    for option in ("home_entries", "feed_entries"):
        set_option(root / "mkdocs.yml", option, 1000)
    (root / "data" / "taxonomy.yml").write_text(TAXONOMY, encoding="utf-8")
    return write_corpus(root / "data" / "sources")


@dataclass(frozen=True)
class HostileSite:
    settings: Settings
    summary: BuildSummary
    papers: dict[str, Paper]
    """Archive papers by their (cleaned) title."""

    @property
    def site(self) -> Path:
        return self.settings.site_dir

    def paper(self, case: Case) -> Paper:
        return self.papers[case.shown_title]

    def page(self, case: Case) -> Path:
        return self.site / "papers" / self.paper(case).slug / "index.html"


def build_hostile_site(root: Path, search: str = "auto") -> HostileSite:
    sources = make_hostile_project(root)
    set_option(root / "mkdocs.yml", "search", search)
    settings = load_settings(root / "mkdocs.yml")
    summary = build(settings, inputs=sources, today=DAY, strict=True)
    papers = {p.title: p for p in load_archive(settings.archive_dir).values()}
    assert len(papers) == len(ALL_CASES)
    return HostileSite(settings, summary, papers)


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> HostileSite:
    """The corpus with Material's search (lunr)."""
    return build_hostile_site(tmp_path_factory.mktemp("hostile") / "site-project")


@pytest.fixture(scope="session")
def hostile_pagefind_site(tmp_path_factory: pytest.TempPathFactory) -> HostileSite:
    """The corpus with Pagefind search."""
    root = tmp_path_factory.mktemp("hostile-pagefind") / "site-project"
    return build_hostile_site(root, search="pagefind")
