"""The fetch recipe: download every requested source, check each, merge, then save the archive.

All downloads and checks happen before anything is written, so a failed, truncated or
suspiciously small fetch of any source leaves the archive's bytes exactly as they were.
Merging only adds and updates papers; a merge that would lose one is refused outright.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from generator.archive import MergeReport, load_archive, merge, serialize
from generator.config import FetchSource, Settings
from generator.errors import ArchiveError
from generator.fetch import Clients, Fetched, check_count, fetch, make_clients
from generator.fetchlog import FILE as FETCH_LOG
from generator.fetchlog import load_fetch_log, serialize_fetch_log
from generator.output import WriteReport, build_lock, stage

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class FetchSummary:
    """What a fetch brought in and what it changed; `line()` is the CLI's report."""

    fetched: tuple[tuple[str, int], ...]
    merge: MergeReport
    archive: WriteReport
    warnings: int

    def line(self) -> str:
        sources = ", ".join(f"{name}: {count} papers" for name, count in self.fetched)
        m = self.merge
        a = self.archive
        changed = f"{a.written} archive files written" if a.changed else "archive unchanged"
        return (
            f"fetched {sources} ({m.new} new, {m.updated} updated, {m.unchanged} unchanged, "
            f"{m.merged} merged); {self.warnings} warnings; {changed}"
        )


def fetch_into_archive(
    settings: Settings,
    sources: Sequence[FetchSource],
    *,
    today: date,
    day: date | None = None,
    clients: Clients | None = None,
) -> FetchSummary:
    """Fetch `sources` (the Hugging Face one for `day`, else the latest) and merge them into
    the archive with first-seen date `today`."""
    clients = clients or make_clients(settings.fetch)
    fetched: list[Fetched] = [fetch(clients, settings.fetch, s, day) for s in sources]
    warnings = [w for f in fetched for w in f.warnings]
    for warning in warnings:
        logger.warning("%s", warning)

    with build_lock(settings.root):
        counts = load_fetch_log(settings.archive_dir)
        for result in fetched:
            check_count(result, counts.get(result.source), settings.fetch)
        archive = load_archive(settings.archive_dir)
        records = [record for result in fetched for record in result.records]
        papers, report = merge(archive, records, today)
        lost = sorted(archive.keys() - papers.keys())
        if lost:
            raise ArchiveError(
                f"merging would drop {len(lost)} papers (first: {lost[0]}); nothing was saved",
                where=str(settings.archive_dir),
                hint="this is a bug in paperfeed; please report it",
            )
        counts |= {result.source: len(result.records) for result in fetched}
        files = serialize(papers.values()) | {FETCH_LOG: serialize_fetch_log(counts)}
        tree = stage(settings.archive_dir, files, manifest=False, durable=True)
        try:
            tree.commit()
        finally:
            tree.discard()

    return FetchSummary(
        fetched=tuple((result.source, len(result.records)) for result in fetched),
        merge=report,
        archive=tree.report,
        warnings=len(warnings),
    )
