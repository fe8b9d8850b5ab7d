"""Ingesting: read input files, fold their records into the archive, and account for each one.

`ingest` is `paperfeed ingest` (the archive only); `paperfeed build` uses `read_inputs` and
`fold` to ingest in memory before it renders, and writes the archive with the site.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from generator.archive import MergeReport, load_archive, merge, serialize
from generator.config import Settings
from generator.errors import StrictModeError
from generator.models import Diagnostic, Paper
from generator.output import WriteReport, build_lock, publish
from generator.readers import ReadResult, read_file
from generator.text import counted

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Ingested:
    """Input read and folded into the archive, in memory.

    Every record read is accounted for: `records` = new + updated + unchanged + merged (in
    `merge`); records that could not be read are in `rejected`, one message each.
    """

    files: int
    records: int
    rejected: tuple[Diagnostic, ...]
    warnings: tuple[Diagnostic, ...]
    papers: Mapping[str, Paper]
    merge: MergeReport

    def counts(self) -> str:
        """`N records read from F files (new, updated, unchanged, merged; rejected)`."""
        m = self.merge
        return (
            f"{counted(self.records, 'record')} read from {counted(self.files, 'file')} "
            f"({m.new} new, {m.updated} updated, {m.unchanged} unchanged, {m.merged} merged; "
            f"{len(self.rejected)} rejected)"
        )


def read_inputs(paths: Sequence[Path], fmt: str | None = None) -> list[ReadResult]:
    """Read every input file; an unreadable file stops everything (InputError)."""
    return [read_file(path, fmt) for path in paths]


def fold(
    results: Sequence[ReadResult],
    archive: Mapping[str, Paper],
    today: date,
    *,
    strict: bool = False,
) -> Ingested:
    """Merge the records of `results` into `archive`; log every rejection and repair.

    With `strict`, any of them raises StrictModeError before anything is merged.
    """
    rejected = tuple(d for result in results for d in result.rejected)
    warnings = tuple(d for result in results for d in result.warnings)
    for diagnostic in rejected + warnings:
        logger.warning("%s", diagnostic)
    if strict and (rejected or warnings):
        raise StrictModeError(
            f"{counted(len(rejected) + len(warnings), 'input warning')}",
            hint="fix the input or run without --strict",
        )
    records = [record for result in results for record in result.records]
    papers, report = merge(archive, records, today)
    return Ingested(len(results), len(records), rejected, warnings, papers, report)


@dataclass(frozen=True, slots=True)
class IngestSummary:
    """What `paperfeed ingest` did; `line()` is the CLI's closing line."""

    ingested: Ingested
    archive: WriteReport

    def line(self) -> str:
        a = self.archive
        return (
            f"{self.ingested.counts()}; {counted(len(self.ingested.papers), 'paper')} in the "
            f"archive; archive: {counted(a.written, 'file')} written; "
            f"{counted(len(self.ingested.warnings), 'warning')}"
        )


def ingest(
    settings: Settings,
    paths: Sequence[Path],
    *,
    today: date,
    fmt: str | None = None,
    strict: bool = False,
) -> IngestSummary:
    """Fold input files into the archive on disk (atomically); docs/ and site/ are untouched."""
    results = read_inputs(paths, fmt)
    with build_lock(settings.root):
        ingested = fold(results, load_archive(settings.archive_dir), today, strict=strict)
        files = serialize(ingested.papers.values())
        report = publish(settings.archive_dir, files, manifest=False, durable=True)
    return IngestSummary(ingested, report)
