"""The recipe: read -> archive -> tag -> render, all in memory; then write everything at once.

Nothing touches disk until every page, feed and the MkDocs site are ready in staging folders;
then the archive, docs/ and site/ are swapped in. A failure before that leaves all three as
they were.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import logging
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from generator import urls
from generator.archive import MergeReport, load_archive, serialize
from generator.catalog import build_catalog
from generator.config import Settings
from generator.feeds import render_feeds
from generator.ingest import Ingested, fold, read_inputs
from generator.manifest import unchanged_since
from generator.models import Diagnostic, Paper
from generator.output import (
    StagedTree,
    WriteReport,
    build_lock,
    recover,
    remove_record,
    stage,
    stage_empty,
    write_record,
)
from generator.readers import ReadResult
from generator.related import related_papers
from generator.render import render_pages
from generator.search import index_site, shards, use_pagefind
from generator.site import build_site, check_assets
from generator.sitestamp import SiteRecord, record_path, site_inputs, site_tree, up_to_date
from generator.stamp import build_stamp
from generator.tagging import load_taxonomy
from generator.text import counted

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
    """Whether the build ended with a site (built now, or already up to date)."""
    site_rebuilt: bool = False
    """Whether MkDocs (and Pagefind) ran: False when the site was already up to date."""

    @property
    def records(self) -> int:
        return self.ingested.records

    @property
    def merge(self) -> MergeReport:
        return self.ingested.merge

    def line(self) -> str:
        warnings = counted(self.site_warnings, "MkDocs warning")
        if not self.site_built:
            site = ", no site"
        elif self.site_rebuilt:
            site = f", site: {warnings}"
        else:
            site = f", site up to date ({warnings} when built)"
        return (
            f"{self.ingested.counts()}; {counted(self.papers, 'paper')}, "
            f"{counted(self.pages, 'page')}, {counted(self.tags, 'tag')}, "
            f"{counted(self.feeds, 'feed')}; {counted(self.docs.written, 'file')} written, "
            f"{self.docs.removed:,} removed; {counted(len(self.warnings), 'warning')}{site}"
        )


def _site(
    settings: Settings, docs: Path, *, strict: bool, pagefind: Sequence[Sequence[str | None]]
) -> _SiteStep:
    """Build the site from `docs` into a staging folder (MkDocs, then Pagefind if on), unless
    the site folder already holds what that build would make (generator.sitestamp)."""
    recover(settings.site_dir)  # what an interrupted build left next to the site
    check_assets(settings.theme_dir)
    inputs = site_inputs(settings, docs, strict=strict, pagefind=pagefind)
    record = up_to_date(settings.site_dir, inputs)
    if record is not None:
        logger.info("site/ is up to date with docs/, the config and the theme: not rebuilt")
        return _SiteStep(None, record.warnings, inputs)
    tree = stage_empty(settings.site_dir)
    assert tree.staging is not None
    try:
        started = time.perf_counter()
        warnings = build_site(
            settings.config_path,
            docs,
            tree.staging,
            strict=strict,
            pagefind=bool(pagefind),
            plugins=settings.plugins,
        )
        logger.info("MkDocs built the site in %.1f s", time.perf_counter() - started)
        if pagefind:
            _release_memory()  # MkDocs' pages, before Pagefind's own peak
            started = time.perf_counter()
            index_site(tree.staging, pagefind)
            logger.info(
                "Pagefind indexed the site in %.1f s (%d indexes)",
                time.perf_counter() - started,
                len(pagefind),
            )
    except BaseException:
        tree.discard()
        raise
    return _SiteStep(tree, warnings, inputs)


@dataclass(frozen=True, slots=True)
class _SiteStep:
    tree: StagedTree | None
    """The staged site; None when the site folder is up to date."""
    warnings: int
    inputs: str

    @property
    def staged(self) -> tuple[StagedTree, ...]:
        return (self.tree,) if self.tree is not None else ()

    def swap_all(self, settings: Settings, staged: Sequence[StagedTree]) -> None:
        """Swap `staged` and the new site in; the site's record is removed before and written
        after, so that an interrupted swap leaves no record and the next build rebuilds."""
        record = record_path(settings.site_dir)
        if self.tree is not None:
            remove_record(record)
        for tree in (*staged, *self.staged):
            tree.swap()
        if self.tree is not None:
            tree_digest = site_tree(settings.site_dir)
            write_record(record, SiteRecord(self.inputs, tree_digest, self.warnings).to_bytes())


def _stage_state(
    settings: Settings,
    papers: Mapping[str, Paper],
    files: Mapping[str, bytes],
    facts: Mapping[str, Any],
) -> list[StagedTree]:
    """Stage the archive and docs/ (discarded again if staging fails half-way)."""
    staged: list[StagedTree] = []
    try:
        staged.append(
            stage(settings.archive_dir, serialize(papers.values()), manifest=False, durable=True)
        )
        static = dict.fromkeys(urls.FEED_SITEMAPS, urls.EMPTY_SITEMAP)
        stamp = build_stamp(settings, staged[0].path)
        staged.append(stage(settings.docs_dir, {**files, **static}, stamp=stamp, facts=facts))
    except BaseException:
        for tree in staged:
            tree.discard()
        raise
    return staged


def _publish(
    settings: Settings,
    staged: list[StagedTree],
    facts: Mapping[str, Any],
    *,
    site: bool,
    strict: bool,
) -> _SiteStep | None:
    """Build the site from the staged docs, then swap the archive, docs/ and site/ in: archive
    first, so that a build killed between two swaps leaves an archive ahead of the site, which
    the next build catches up, and never a site showing papers the archive does not have."""
    step = None
    try:
        _release_memory()
        if site:
            docs = staged[1].path
            step = _site(settings, docs, strict=strict, pagefind=facts["pagefind"])
            step.swap_all(settings, staged)
        else:
            for tree in staged:
                tree.swap()
    finally:
        for tree in (*staged, *(step.staged if step else ())):
            tree.discard()
    return step


def _release_memory() -> None:
    """Hand the generator's freed memory back to the system before MkDocs and Pagefind run:
    at 100,000 papers the rendered pages, the catalog and the similarity data are gigabytes
    that would otherwise stay resident under MkDocs' own peak."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).malloc_trim(0)


def _unchanged_build(
    settings: Settings, facts: Mapping[str, Any], *, site: bool, strict: bool
) -> BuildSummary:
    """A build with no input whose stamp and docs match the last build's: the docs and the
    archive stay as they are; only the site is rebuilt, if asked and not up to date."""
    logger.info("nothing changed since the last build: docs/ and the archive are up to date")
    step = None
    if site:
        step = _site(settings, settings.docs_dir, strict=strict, pagefind=facts["pagefind"])
        try:
            step.swap_all(settings, ())
        finally:
            for tree in step.staged:
                tree.discard()
    pages, feeds = int(facts["pages"]), int(facts["feeds"])
    return BuildSummary(
        ingested=Ingested(0, 0, (), (), {}, MergeReport()),
        papers=int(facts["papers"]),
        pages=pages,
        tags=int(facts["tags"]),
        feeds=feeds,
        docs=WriteReport(0, pages + feeds + len(urls.FEED_SITEMAPS), 0),
        warnings=(),
        site_warnings=step.warnings if step else 0,
        untagged=tuple(str(title) for title in facts["untagged"]),
        site_built=site,
        site_rebuilt=bool(step and step.staged),
    )


def build(
    settings: Settings,
    *,
    inputs: Sequence[Path] | None = None,
    today: date,
    strict: bool = False,
    site: bool = True,
    fmt: str | None = None,
) -> BuildSummary:
    """Ingest `inputs` (default: the configured sources), render the archive and build the site.

    With no input files and nothing changed since the last build (generator.stamp), nothing is
    read or rendered."""
    sources = settings.sources if inputs is None else tuple(inputs)
    results = read_inputs(sources, fmt)
    # The lock covers reading the archive too: two builds that both read it would each write
    # back their own version, and the later one would lose the other's papers.
    with build_lock(settings.root):
        if not sources:
            facts = unchanged_since(settings.docs_dir, build_stamp(settings))
            if facts is not None:
                return _unchanged_build(settings, facts, site=site, strict=strict)
        staged, summary, facts = _generate(settings, results, today, strict=strict)
        step = _publish(settings, staged, facts, site=site, strict=strict)
    return replace(
        summary,
        site_warnings=step.warnings if step else 0,
        site_built=site,
        site_rebuilt=bool(step and step.staged),
    )


def _generate(
    settings: Settings, results: Sequence[ReadResult], today: date, *, strict: bool
) -> tuple[list[StagedTree], BuildSummary, dict[str, Any]]:
    """Fold the inputs into the archive, render every page and feed, and stage the archive and
    docs/. Only the staged trees and the counts outlive this call: the papers, the catalog and
    the rendered bytes are freed before MkDocs starts."""
    started = time.perf_counter()
    ingested = fold(results, load_archive(settings.archive_dir), today, strict=strict)
    papers = ingested.papers
    catalog = build_catalog(papers.values(), load_taxonomy(settings.taxonomy_path))
    indexes = (
        shards(
            (p.slug for p in catalog.papers),
            settings.pagefind_shard,
            settings.use_directory_urls,
        )
        if use_pagefind(settings, len(catalog.papers))
        else ()
    )
    pages = render_pages(
        settings,
        catalog,
        related_papers(catalog.papers),
        pagefind=tuple(bundle for bundle, _ in indexes),
    )
    feeds = render_feeds(settings, catalog)
    for paper in catalog.untagged:
        logger.info("untagged: %s (%s)", paper.title, paper.key)
    untagged = [p.title for p in catalog.untagged]
    facts = {
        "papers": len(catalog.papers),
        "pages": len(pages),
        "tags": len(catalog.tags),
        "feeds": len(feeds),
        "untagged": untagged,
        "pagefind": [list(index) for index in indexes],
    }
    staged = _stage_state(settings, papers, pages | feeds, facts)
    logger.info("generated and staged docs/ in %.1f s", time.perf_counter() - started)
    summary = BuildSummary(
        ingested=replace(ingested, papers={}),  # the summary must not keep the papers alive
        papers=len(catalog.papers),
        pages=len(pages),
        tags=len(catalog.tags),
        feeds=len(feeds),
        docs=staged[1].report,
        warnings=ingested.rejected + ingested.warnings,
        site_warnings=0,
        untagged=tuple(untagged),
        site_built=False,
    )
    return staged, summary, facts
