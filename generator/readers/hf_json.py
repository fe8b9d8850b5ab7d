"""Hugging Face daily papers: the JSON array that `/api/daily_papers` returns.

Each item holds a `paper` object: `id` (the arXiv id), `title`, `summary`, `authors[].name`,
`publishedAt`, and optionally `githubRepo` and `projectPage`. Links to arXiv, the PDF and the
Hugging Face page are built from the id. `ai_keywords` are left out of the tags: they are
generated per paper (283 distinct keywords for 289 uses in a 30-paper day), so as tags they
would be hundreds of one-paper pages, and the taxonomy already matches the abstract they were
extracted from. `upvotes` and `submittedOnDailyAt` change daily and are not kept; the paper's
first-seen date is the day it was ingested.
"""

from __future__ import annotations

from collections.abc import Mapping

from generator.errors import InputError
from generator.links import arxiv_links, huggingface_link, web_link
from generator.models import Link, Location, Record
from generator.readers import fields
from generator.readers.fields import BadField
from generator.readers.result import ReadResult

OPTIONAL_LINKS = (("githubRepo", "code"), ("projectPage", "project"))


def looks_like(data: object) -> bool:
    """A JSON array whose first item has a `paper` object: the daily papers shape."""
    return (
        isinstance(data, list)
        and bool(data)
        and isinstance(data[0], dict)
        and isinstance(data[0].get("paper"), dict)
    )


def _authors(paper: Mapping[str, object]) -> tuple[str, ...]:
    authors = paper.get("authors")
    if authors is None:
        return ()
    if not isinstance(authors, list):
        raise BadField("paper.authors", "must be a list of objects with a name")
    result = []
    for index, author in enumerate(authors):
        if not isinstance(author, dict):
            raise BadField(f"paper.authors[{index}]", "must be an object with a name")
        result.append(
            fields.text(author, "name", required=True, label=f"paper.authors[{index}].name")
        )
    return tuple(dict.fromkeys(result))


def _record(item: object, location: Location, source: str) -> tuple[Record, list[str]]:
    if not isinstance(item, dict):
        raise BadField("item", "must be an object")
    paper = item.get("paper")
    if not isinstance(paper, dict):
        raise BadField("paper", "missing" if paper is None else "must be an object")
    identifier = fields.arxiv(paper.get("id"), "paper.id", required=True)
    assert identifier is not None
    title = fields.text(paper, "title", required=True, label="paper.title")
    abstract = fields.text(paper, "summary", required=True, label="paper.summary")
    links: list[Link] = [*arxiv_links(identifier), huggingface_link(identifier)]
    dropped = []
    for name, kind in OPTIONAL_LINKS:
        raw = fields.text(paper, name, label=f"paper.{name}")
        if raw:
            link = web_link(kind, raw)
            if link is None:
                problem = f"not an absolute http(s) URL: {fields.shown(raw)}"
                dropped.append(f"paper.{name}: {problem}; link dropped")
            else:
                links.append(link)
    record = Record(
        title=title,
        abstract=abstract,
        location=location,
        source=source,
        arxiv_id=identifier,
        authors=_authors(paper),
        published=fields.timestamp(paper.get("publishedAt"), "paper.publishedAt"),
        links=tuple(links),
    )
    return record, dropped


def read(data: object, where: str, source: str) -> ReadResult:
    """Records from the parsed JSON array, one per item."""
    if not isinstance(data, list):
        raise InputError(
            "not Hugging Face daily papers: the top level is not a JSON array",
            where=where,
            hint="give the /api/daily_papers response as saved, or choose another --format",
        )
    items = ((Location(where, record=n), item) for n, item in enumerate(data, start=1))
    return fields.read_items(items, lambda item, location: _record(item, location, source))
