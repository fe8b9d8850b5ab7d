"""Site search that stays small for the reader as the archive grows.

Material's search (lunr) ships one index of every page, downloaded whole on the first query:
about 1.6 KB a paper, 16 MB at 10,000 papers. Pagefind indexes the built site into chunks; a
query downloads only its entry file, the metadata and the chunks and fragments it touches.
Pagefind (PyPI `pagefind[bin]`) runs offline over the staged site, after MkDocs and before
the site is swapped in, so a failed indexing leaves the previous site whole. Only paper pages
are indexed (the theme marks their article `data-pagefind-body`), not listings or navigation.
"""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

from generator.config import Settings
from generator.errors import SiteBuildError

logger = logging.getLogger(__name__)

BUNDLE = "pagefind"
"""The folder of the site that holds the Pagefind index and UI."""


def use_pagefind(settings: Settings, papers: int) -> bool:
    """Whether this build indexes with Pagefind instead of Material's search."""
    if settings.search == "auto":
        return papers > settings.pagefind_above
    return settings.search == "pagefind"


def index_site(site_dir: Path) -> None:
    """Run Pagefind over the built site in `site_dir`; it writes `site_dir/pagefind/`."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--silent"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as error:
        raise SiteBuildError(f"cannot run Pagefind: {error.strerror}") from None
    if result.returncode != 0 or not (site_dir / BUNDLE / "pagefind.js").is_file():
        detail = " ".join((result.stderr or result.stdout).split())[-300:]
        raise SiteBuildError(
            f"Pagefind failed: {detail or f'exit code {result.returncode}'}",
            where=str(site_dir),
            hint="install it with pip install 'pagefind[bin]', or set extra.paperfeed.search: lunr",
        )
    logger.info("indexed the site for search with Pagefind")
