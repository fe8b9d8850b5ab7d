"""Site search that stays small for the reader as the archive grows.

Material's search (lunr) ships one index of every page, downloaded whole on the first query:
about 1.6 KB a paper, 16 MB at 10,000 papers. Pagefind indexes the built site into chunks; a
query downloads only its entry file, the metadata and the chunks and fragments it touches.
Pagefind (PyPI `pagefind[bin]`) runs offline over the staged site, after MkDocs and before
the site is swapped in, so a failed indexing leaves the previous site whole. Only paper pages
are indexed (the theme marks their article `data-pagefind-body`), not listings or navigation.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from generator.config import Settings
from generator.errors import SiteBuildError

BUNDLE = "pagefind"
"""The folder of the site that holds the Pagefind index and UI."""


def use_pagefind(settings: Settings, papers: int) -> bool:
    """Whether this build indexes with Pagefind instead of Material's search."""
    if settings.search == "auto":
        return papers > settings.pagefind_above
    return settings.search == "pagefind"


def shards(
    slugs: Iterable[str], size: int, use_directory_urls: bool = True
) -> tuple[tuple[str, str | None], ...]:
    """Pagefind indexes as (bundle folder, glob of the paper pages it indexes; None: all).

    Pagefind holds its whole index in memory while it builds it (about 150 KB per paper page),
    so archives of more than `size` papers are split into several indexes by the first
    character of the slug, each of at most `size` papers unless one character alone has more;
    the search page merges them (Pagefind's mergeIndex), at the cost of one index's entry and
    metadata per shard in the first query.
    """
    counts = Counter(slug[0] for slug in slugs)
    if sum(counts.values()) <= size:
        return ((BUNDLE, None),)
    groups: list[list[str]] = [[]]
    filled = 0
    for char in sorted(counts):
        if groups[-1] and filled + counts[char] > size:
            groups.append([])
            filled = 0
        groups[-1].append(char)
        filled += counts[char]
    page = "*/index.html" if use_directory_urls else "*.html"
    return tuple(
        (BUNDLE if index == 0 else f"{BUNDLE}-{index + 1}", f"papers/[{''.join(chars)}]{page}")
        for index, chars in enumerate(groups)
    )


def index_site(site_dir: Path, indexes: Sequence[Sequence[str | None]]) -> None:
    """Run Pagefind over the built site in `site_dir`, once per (bundle, glob) of `indexes`
    (see `shards`); each writes `site_dir/<bundle>/`."""
    for bundle, glob in indexes:
        assert bundle is not None
        command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--silent"]
        command += ["--output-subdir", bundle, *(["--glob", glob] if glob else [])]
        try:
            result = subprocess.run(command, capture_output=True, text=True, check=False)
        except OSError as error:
            raise SiteBuildError(f"cannot run Pagefind: {error.strerror}") from None
        if result.returncode != 0 or not (site_dir / bundle / "pagefind.js").is_file():
            detail = " ".join((result.stderr or result.stdout).split())[-300:]
            raise SiteBuildError(
                f"Pagefind failed: {detail or f'exit code {result.returncode}'}",
                where=str(site_dir),
                hint="install it: pip install 'pagefind[bin]'; or set extra.paperfeed.search: lunr",
            )
