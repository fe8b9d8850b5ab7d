"""Paginated listings of papers: a tag, a day or a month split into pages of a fixed size.

No listing page grows with the archive: a listing of N papers becomes ceil(N / size) pages.
The first page keeps the listing's address; later pages follow `urls.listing_page_path`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from generator import urls
from generator.models import Paper


@dataclass(frozen=True, slots=True)
class ListingPage:
    """One page of a listing: its papers and where it sits among the listing's pages."""

    path: str
    """This page's docs file."""
    number: int
    """1-based."""
    count: int
    """How many pages the listing has."""
    papers: Sequence[Paper]
    total: int
    """Papers in the whole listing."""
    first: str
    """The docs file of page 1, from which every other page's path follows."""
    size: int
    """Papers per page."""

    def page_path(self, number: int) -> str:
        return urls.listing_page_path(self.first, number)

    @property
    def previous(self) -> str | None:
        return self.page_path(self.number - 1) if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return self.page_path(self.number + 1) if self.number < self.count else None

    @property
    def start(self) -> int:
        """1-based position of this page's first paper in the listing."""
        return (self.number - 1) * self.size + 1 if self.papers else 0

    @property
    def end(self) -> int:
        """1-based position of this page's last paper in the listing."""
        return (self.number - 1) * self.size + len(self.papers)


def paginate(first: str, papers: Sequence[Paper], size: int) -> tuple[ListingPage, ...]:
    """Split `papers` (in listing order) into pages of `size`; an empty listing has one page."""
    count = max(1, -(-len(papers) // size))
    return tuple(
        ListingPage(
            path=urls.listing_page_path(first, number),
            number=number,
            count=count,
            papers=papers[(number - 1) * size : number * size],
            total=len(papers),
            first=first,
            size=size,
        )
        for number in range(1, count + 1)
    )
