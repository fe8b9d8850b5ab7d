"""The site's content, computed once: papers newest first, each paper's tags, each tag's papers.

Sorting has explicit tie-breakers (date, title, key) so the same archive gives the same site.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from generator.models import Paper, Tag
from generator.tagging import Taxonomy


def newest_first(paper: Paper) -> tuple[int, str, str]:
    """Newest first; within a day alphabetically by title, then by key (titles can repeat)."""
    return (-paper.first_seen.toordinal(), paper.title.casefold(), paper.key)


@dataclass(frozen=True, slots=True)
class Catalog:
    papers: tuple[Paper, ...]
    """Every paper, newest first."""
    tags: tuple[Tag, ...]
    """Tags that have at least one paper: taxonomy order, then metadata-only tags by name."""
    paper_tags: Mapping[str, tuple[Tag, ...]]
    """Paper key -> its tags."""
    tag_papers: Mapping[str, tuple[Paper, ...]]
    """Tag slug -> its papers, newest first."""
    days: Mapping[date, tuple[Paper, ...]]
    """First-seen day -> the papers first seen that day; newest day first."""
    months: Mapping[str, tuple[Paper, ...]]
    """"YYYY-MM" -> the papers first seen that month, newest first; newest month first."""

    @property
    def untagged(self) -> tuple[Paper, ...]:
        return tuple(p for p in self.papers if not self.paper_tags[p.key])


def build_catalog(papers: Iterable[Paper], taxonomy: Taxonomy) -> Catalog:
    ordered = tuple(sorted(papers, key=newest_first))
    taxonomy = taxonomy.with_keywords(ordered)
    paper_tags = {paper.key: taxonomy.tags_for(paper) for paper in ordered}
    tag_papers: dict[str, list[Paper]] = {tag.slug: [] for tag in taxonomy.tags}
    for paper in ordered:
        for tag in paper_tags[paper.key]:
            tag_papers[tag.slug].append(paper)
    tags = tuple(tag for tag in taxonomy.tags if tag_papers[tag.slug])
    days: dict[date, list[Paper]] = {}
    months: dict[str, list[Paper]] = {}
    for paper in ordered:
        days.setdefault(paper.first_seen, []).append(paper)
        months.setdefault(f"{paper.first_seen:%Y-%m}", []).append(paper)
    return Catalog(
        papers=ordered,
        tags=tags,
        paper_tags=paper_tags,
        tag_papers={tag.slug: tuple(tag_papers[tag.slug]) for tag in tags},
        days={day: tuple(papers) for day, papers in days.items()},
        months={month: tuple(papers) for month, papers in months.items()},
    )
