"""The recipe: read -> archive -> tag -> render, all in memory; then write everything at once.

Nothing touches disk until every page, feed and the MkDocs site are ready in staging folders;
then the archive, docs/ and site/ are swapped in. A failure before that leaves all three as
they were.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from generator import urls
from generator.archive import MergeReport, load_archive, serialize
from generator.catalog import build_catalog
from generator.config import Settings
from generator.feeds import render_feeds
from generator.ingest import Ingested, fold, read_inputs
from generator.models import Diagnostic, Paper
from generator.output import StagedTree, WriteReport, build_lock, stage, stage_empty
from generator.related import related_papers
from generator.render import render_pages
from generator.search import index_site, use_pagefind
from generator.site import build_site
from generator.tagging import load_taxonomy

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class BuildSummary:
    """What a build read, produced and wrote; `line()` is the CLI's closing line."""

    ingested: Ingested
    papers: int
    pages: int
    tags: int
    feeds: int
    docs: WriteReport
    warnings: tuple[Diagnostic, ...]
    site_warnings: int
    untagged: tuple[str, ...]
    site_built: bool

    @property
    def records(self) -> int:
        return self.ingested.records

    @property
    def merge(self) -> MergeReport:
        return self.ingested.merge

    def line(self) -> str:
        site = f", site: {self.site_warnings} MkDocs warnings" if self.site_built else ", no site"
        return (
            f"{self.ingested.counts()}; "
            f"{self.papers} papers, {self.pages} pages, {self.tags} tags, {self.feeds} feeds; "
            f"{self.docs.written} files written, {self.docs.removed} removed; "
            f"{len(self.warnings)} warnings{site}"
        )


def _publish(
    settings: Settings,
    papers: Mapping[str, Paper],
    files: Mapping[str, bytes],
    *,
    site: bool,
    strict: bool,
    pagefind: bool,
) -> tuple[WriteReport, int]:
    """Stage the archive, docs/ and site/, then swap them in: archive first, so that a build
    killed between two swaps leaves an archive ahead of the site, which the next build
    catches up, and never a site showing papers the archive does not have."""
    staged: list[StagedTree] = []
    try:
        staged.append(
            stage(settings.archive_dir, serialize(papers.values()), manifest=False, durable=True)
        )
        static = dict.fromkeys(urls.FEED_SITEMAPS, urls.EMPTY_SITEMAP)
        docs = stage(settings.docs_dir, {**files, **static})
        staged.append(docs)
        site_warnings = 0
        if site:
            site_tree = stage_empty(settings.site_dir)
            staged.append(site_tree)
            assert site_tree.staging is not None
            site_warnings = build_site(
                settings.config_path,
                docs.path,
                site_tree.staging,
                strict=strict,
                pagefind=pagefind,
                plugins=settings.plugins,
            )
            if pagefind:
                index_site(site_tree.staging)
        for tree in staged:
            tree.swap()
    finally:
        for tree in staged:
            tree.discard()
    return docs.report, site_warnings


def build(
    settings: Settings,
    *,
    inputs: Sequence[Path] | None = None,
    today: date,
    strict: bool = False,
    site: bool = True,
    fmt: str | None = None,
) -> BuildSummary:
    """Ingest `inputs` (default: the configured sources), render the archive and build the site."""
    sources = settings.sources if inputs is None else tuple(inputs)
    results = read_inputs(sources, fmt)
    # The lock covers reading the archive too: two builds that both read it would each write
    # back their own version, and the later one would lose the other's papers.
    with build_lock(settings.root):
        ingested = fold(results, load_archive(settings.archive_dir), today, strict=strict)
        papers = ingested.papers
        catalog = build_catalog(papers.values(), load_taxonomy(settings.taxonomy_path))
        pagefind = use_pagefind(settings, len(catalog.papers))
        pages = render_pages(settings, catalog, related_papers(catalog.papers), pagefind=pagefind)
        feeds = render_feeds(settings, catalog)
        for paper in catalog.untagged:
            logger.info("untagged: %s (%s)", paper.title, paper.key)
        docs, site_warnings = _publish(
            settings, papers, pages | feeds, site=site, strict=strict, pagefind=pagefind
        )

    return BuildSummary(
        ingested=ingested,
        papers=len(catalog.papers),
        pages=len(pages),
        tags=len(catalog.tags),
        feeds=len(feeds),
        docs=docs,
        warnings=ingested.rejected + ingested.warnings,
        site_warnings=site_warnings,
        untagged=tuple(p.title for p in catalog.untagged),
        site_built=site,
    )
