"""The fetch recipe: download every requested source, check each, merge, then save the archive.

All downloads and checks happen before anything is written, so a failed, truncated or
suspiciously small fetch of any source leaves the archive's bytes exactly as they were.
Merging only adds and updates papers; a merge that would lose one is refused outright.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from generator.archive import load_archive, serialize
from generator.config import FetchSource, Settings
from generator.errors import ArchiveError
from generator.fetch import Clients, Fetched, check_count, fetch, make_clients
from generator.fetchlog import FILE as FETCH_LOG
from generator.fetchlog import load_fetch_log, serialize_fetch_log
from generator.ingest import Ingested, fold
from generator.output import WriteReport, build_lock, publish
from generator.text import counted


@dataclass(frozen=True, slots=True)
class FetchSummary:
    """What a fetch brought in and what it changed; `line()` is the CLI's report."""

    fetched: tuple[tuple[str, int], ...]
    ingested: Ingested
    archive: WriteReport

    def line(self) -> str:
        sources = ", ".join(f"{name}: {counted(count, 'paper')}" for name, count in self.fetched)
        m = self.ingested.merge
        a = self.archive
        changed = "archive unchanged"
        if a.changed:
            changed = f"{counted(a.written, 'archive file')} written"
        return (
            f"fetched {sources} ({m.new} new, {m.updated} updated, {m.unchanged} unchanged, "
            f"{m.merged} merged; {len(self.ingested.rejected)} rejected); "
            f"{counted(len(self.ingested.warnings), 'warning')}; {changed}"
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

    with build_lock(settings.root):
        counts = load_fetch_log(settings.archive_dir)
        for one in fetched:
            check_count(one, counts.get(one.source), settings.fetch)
        archive = load_archive(settings.archive_dir)
        ingested = fold([r for one in fetched for r in one.results], archive, today)
        lost = sorted(archive.keys() - ingested.papers.keys())
        if lost:
            raise ArchiveError(
                f"merging would drop {len(lost)} papers (first: {lost[0]}); nothing was saved",
                where=str(settings.archive_dir),
                hint="this is a bug in paperfeed; please report it",
            )
        counts |= {one.source: one.count for one in fetched}
        files = serialize(ingested.papers.values())
        files[FETCH_LOG] = serialize_fetch_log(counts)
        report = publish(settings.archive_dir, files, manifest=False, durable=True)

    return FetchSummary(
        fetched=tuple((one.source, one.count) for one in fetched),
        ingested=ingested,
        archive=report,
    )
