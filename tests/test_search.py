"""Which search a site gets: Material's lunr index for small archives, Pagefind above the
threshold or when asked (the browser tests drive Pagefind itself)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from generator.config import Settings, load_settings
from generator.errors import ConfigError
from generator.search import shards, use_pagefind
from tests.conftest import BuiltSite


@pytest.mark.parametrize(
    ("mode", "papers", "expected"),
    [
        ("auto", 1_000, False),
        ("auto", 1_001, True),
        ("lunr", 100_000, False),
        ("pagefind", 1, True),
    ],
)
def test_pagefind_above_the_threshold_or_when_asked(
    settings: Settings, mode: str, papers: int, expected: bool
) -> None:
    assert use_pagefind(replace(settings, search=mode), papers) is expected


def test_search_mode_is_validated(project: Path) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("search: auto", "search: x"))
    with pytest.raises(ConfigError, match="search must be one of auto, lunr, pagefind"):
        load_settings(config)


def test_a_small_site_keeps_materials_search(sample_site: BuiltSite) -> None:
    site = sample_site.site
    assert (site / "search" / "search_index.json").is_file()
    assert not (site / "pagefind").exists() and not (sample_site.docs / "search.md").exists()
    home = (site / "index.html").read_text()
    assert "md-search" in home and 'href="search/"' not in home


def test_large_archives_get_several_pagefind_indexes_by_first_letter() -> None:
    slugs = ["alpha", "apple", "beta", "bravo", "bingo", "c1", "zeta", "9lives"]
    assert shards(slugs, 8) == (("pagefind", None),)
    assert shards(slugs, 3) == (
        ("pagefind", "papers/[9a]*/index.html"),
        ("pagefind-2", "papers/[b]*/index.html"),
        ("pagefind-3", "papers/[cz]*/index.html"),
    )
    assert shards(slugs, 1, use_directory_urls=False)[0] == ("pagefind", "papers/[9]*.html")
