"""The model: frozen, typed values with no I/O. Readers make Records, the archive keeps Papers."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class Location:
    """Where a record came from, for messages: a file and a line or record number."""

    path: str
    line: int | None = None
    record: int | None = None

    def __str__(self) -> str:
        if self.line is not None:
            return f"{self.path}:{self.line}"
        if self.record is not None:
            return f"{self.path}: record {self.record}"
        return self.path


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A warning about input that was skipped or repaired; the build goes on."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(frozen=True, slots=True, order=True)
class Link:
    """A link from structured metadata. `url` is an absolute http(s) URL, validated by the reader.

    `kind` is one of LINK_KINDS; text from titles or abstracts never becomes a Link.
    """

    kind: str
    url: str


LINK_KINDS = ("arxiv", "pdf", "huggingface", "code", "project", "doi")


@dataclass(frozen=True, slots=True)
class Record:
    """One paper as one input file describes it. Text fields are already clean (generator.text),
    datetimes are aware UTC."""

    title: str
    abstract: str
    location: Location
    source: str
    arxiv_id: str | None = None
    authors: tuple[str, ...] = ()
    published: datetime | None = None
    updated: datetime | None = None
    links: tuple[Link, ...] = ()
    keywords: tuple[str, ...] = ()
    """Topic names from the source's metadata (readable arXiv categories, plain-record tags);
    generator.tagging makes them tags."""
    comment: str = ""
    """The authors' free-text note (arXiv's `arxiv:comment`: pages, venue, project page)."""


@dataclass(frozen=True, slots=True)
class Paper:
    """A paper in the archive. `key`, `slug` and `first_seen` never change once assigned."""

    key: str
    slug: str
    title: str
    abstract: str
    first_seen: date
    sources: tuple[str, ...] = ()
    arxiv_id: str | None = None
    authors: tuple[str, ...] = ()
    published: datetime | None = None
    updated: datetime | None = None
    links: tuple[Link, ...] = ()
    keywords: tuple[str, ...] = ()
    comment: str = ""

    def link(self, kind: str) -> str | None:
        """The URL of the first link of `kind`, if any."""
        return next((link.url for link in self.links if link.kind == kind), None)


@dataclass(frozen=True, slots=True, order=True)
class Tag:
    """A topic. Ordered by name for listings; `slug` names its page and feeds."""

    name: str
    slug: str = field(compare=False)


def title_key(title: str) -> str:
    """Identity of a paper known only by its title: case and spacing do not count; punctuation
    does, so that near-duplicates such as "X" and "X!" stay two papers."""
    normalized = " ".join(title.casefold().split())
    return "title:" + hashlib.sha256(normalized.encode("utf-8")).hexdigest()[:16]


def record_key(record: Record) -> str:
    """The archive key of a record: its arXiv id (without version) when known, else its title."""
    if record.arxiv_id:
        return "arxiv:" + record.arxiv_id
    return title_key(record.title)
