"""The persistent archive: every paper ever ingested, with its permanent key, slug and date.

On disk it is a folder of JSON Lines files, one per month of first sighting (`2026-11.jsonl`),
one paper per line, sorted by key: diffs are per paper, and new papers only touch the current
month, so concurrent updates merge cleanly in git. Loading and merging are pure; the writer
(generator.output) saves it atomically.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path

from generator.errors import ArchiveError
from generator.links import web_url
from generator.models import LINK_KINDS, Link, Paper, Record, record_key, title_key
from generator.slugs import assign_slugs

FORMAT_VERSION = 1


@dataclass(frozen=True, slots=True)
class Change:
    """One paper that ingesting added or changed, or one record folded into a paper that an
    earlier record of the same run already gave (`merged`)."""

    kind: str
    """"new", "updated" or "merged"."""
    key: str
    title: str
    where: str = ""
    """For "merged": the record that was folded in."""

    def __str__(self) -> str:
        if self.kind == "merged":
            return f"merged: {self.where} into {self.key} (seen earlier in this run)"
        return f"{self.kind}: {self.key} {self.title}"


@dataclass(frozen=True, slots=True)
class MergeReport:
    """What ingesting records changed. Every record is counted once:
    records = new + updated + unchanged + merged (`merged`: a paper's second and later records
    in one run). `changes` lists the new, updated and merged ones, sorted."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    merged: int = 0
    changes: tuple[Change, ...] = ()


def paper_to_json(paper: Paper) -> dict[str, object]:
    record: dict[str, object] = {
        "key": paper.key,
        "slug": paper.slug,
        "first_seen": paper.first_seen.isoformat(),
        "title": paper.title,
        "abstract": paper.abstract,
        "sources": list(paper.sources),
    }
    if paper.arxiv_id:
        record["arxiv_id"] = paper.arxiv_id
    if paper.authors:
        record["authors"] = list(paper.authors)
    if paper.published:
        record["published"] = paper.published.isoformat()
    if paper.updated:
        record["updated"] = paper.updated.isoformat()
    if paper.links:
        record["links"] = [{"kind": link.kind, "url": link.url} for link in paper.links]
    if paper.keywords:
        record["keywords"] = list(paper.keywords)
    if paper.comment:
        record["comment"] = paper.comment
    return record


def _datetime(value: object) -> datetime | None:
    if not value:
        return None
    parsed = datetime.fromisoformat(str(value))
    if parsed.tzinfo is None:
        raise ValueError(f"datetime without time zone: {value}")
    return parsed.astimezone(UTC)


def _link(data: object) -> Link:
    if not isinstance(data, dict) or data.get("kind") not in LINK_KINDS:
        raise ValueError(f"link of unknown kind: {data}")
    url = web_url(str(data.get("url")))
    if url is None:
        raise ValueError(f"link is not an absolute http(s) URL: {data}")
    return Link(str(data["kind"]), url)


def paper_from_json(data: object) -> Paper:
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    return Paper(
        key=str(data["key"]),
        slug=str(data["slug"]),
        first_seen=date.fromisoformat(str(data["first_seen"])),
        title=str(data["title"]),
        abstract=str(data["abstract"]),
        sources=tuple(str(s) for s in data.get("sources", ())),
        arxiv_id=str(data["arxiv_id"]) if data.get("arxiv_id") else None,
        authors=tuple(str(a) for a in data.get("authors", ())),
        published=_datetime(data.get("published")),
        updated=_datetime(data.get("updated")),
        links=tuple(_link(x) for x in data.get("links", ())),
        keywords=tuple(str(k) for k in data.get("keywords", ())),
        comment=str(data.get("comment", "")),
    )


def load_archive(folder: Path) -> dict[str, Paper]:
    """Read every shard of the archive; a missing folder is an empty archive."""
    papers: dict[str, Paper] = {}
    if not folder.exists():
        return papers
    for path in sorted(folder.glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, start=1):
                if not line.strip():
                    continue
                try:
                    paper = paper_from_json(json.loads(line))
                except (ValueError, KeyError, TypeError) as error:
                    raise ArchiveError(
                        f"unreadable archive record ({error})",
                        where=f"{path}:{number}",
                        hint="fix the line or restore the file from git",
                    ) from None
                if paper.key in papers:
                    raise ArchiveError(
                        f"paper {paper.key} is stored twice",
                        where=f"{path}:{number}",
                        hint="remove one of the two lines",
                    )
                papers[paper.key] = paper
    return papers


def serialize(papers: Iterable[Paper]) -> dict[str, bytes]:
    """The archive's files (name -> bytes): one shard per month, one sorted line per paper."""
    shards: dict[str, list[Paper]] = {}
    for paper in papers:
        shards.setdefault(f"{paper.first_seen:%Y-%m}.jsonl", []).append(paper)
    return {
        name: "".join(
            json.dumps(paper_to_json(p), ensure_ascii=False, separators=(",", ":")) + "\n"
            for p in sorted(shard, key=lambda p: p.key)
        ).encode("utf-8")
        for name, shard in sorted(shards.items())
    }


def _merge_links(old: tuple[Link, ...], new: tuple[Link, ...]) -> tuple[Link, ...]:
    """Newer links replace older ones of the same kind; kinds only one side knows are kept."""
    kinds = {link.kind for link in new}
    return tuple(sorted({*new, *(link for link in old if link.kind not in kinds)}))


def _merge_one(old: Paper, record: Record) -> Paper:
    """A later sighting updates text, fills gaps and adds its source; key, slug, date stay."""
    published = [d for d in (old.published, record.published) if d]
    updated = [d for d in (old.updated, record.updated) if d]
    return replace(
        old,
        title=record.title,
        abstract=record.abstract or old.abstract,
        arxiv_id=old.arxiv_id or record.arxiv_id,
        authors=record.authors or old.authors,
        sources=tuple(sorted({*old.sources, record.source})),
        published=min(published) if published else None,
        updated=max(updated) if updated else None,
        links=_merge_links(old.links, record.links),
        keywords=tuple(dict.fromkeys((*old.keywords, *record.keywords))),
        comment=record.comment or old.comment,
    )


def merge(
    archive: Mapping[str, Paper], records: Iterable[Record], today: date
) -> tuple[dict[str, Paper], MergeReport]:
    """Fold records into the archive. New papers are first seen `today` and get fresh slugs."""
    papers = dict(archive)
    by_title = {title_key(p.title): p.key for p in papers.values()}
    by_arxiv = {p.arxiv_id: p.key for p in papers.values() if p.arxiv_id}
    new_keys: set[str] = set()
    touched: set[str] = set()
    merged: list[Change] = []
    for record in records:
        key = record_key(record)
        existing = by_arxiv.get(record.arxiv_id or "") or (
            key if key in papers else by_title.get(title_key(record.title))
        )
        if (
            existing
            and record.arxiv_id
            and papers[existing].arxiv_id not in (None, record.arxiv_id)
        ):
            existing = None  # same title, different arXiv paper
        if existing is None:
            papers[key] = Paper(
                key=key,
                slug="",
                title=record.title,
                abstract=record.abstract,
                first_seen=today,
                sources=(record.source,),
                arxiv_id=record.arxiv_id,
                authors=record.authors,
                published=record.published,
                updated=record.updated,
                links=tuple(sorted(set(record.links))),
                keywords=tuple(dict.fromkeys(record.keywords)),
                comment=record.comment,
            )
            new_keys.add(key)
            existing = key
        else:
            if existing in touched or existing in new_keys:
                merged.append(Change("merged", existing, record.title, str(record.location)))
            papers[existing] = _merge_one(papers[existing], record)
            touched.add(existing)
        by_title[title_key(record.title)] = existing
        if record.arxiv_id:
            by_arxiv[record.arxiv_id] = existing
    taken = {p.slug for k, p in papers.items() if k not in new_keys}
    slugs = assign_slugs({k: papers[k].title for k in new_keys}, taken)
    for key in new_keys:
        papers[key] = replace(papers[key], slug=slugs[key])
    updated = sorted(k for k in touched - new_keys if papers[k] != archive[k])
    changes = [Change("new", k, papers[k].title) for k in sorted(new_keys)]
    changes += [Change("updated", k, papers[k].title) for k in updated]
    report = MergeReport(
        new=len(new_keys),
        updated=len(updated),
        unchanged=len(touched - new_keys) - len(updated),
        merged=len(merged),
        changes=tuple(changes + merged),
    )
    return papers, report
