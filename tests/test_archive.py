from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from generator.archive import load_archive, merge, serialize
from generator.errors import ArchiveError
from generator.models import Link, Location, Record, title_key
from generator.output import stage
from tests.helpers import DAY


def record(title: str, abstract: str = "Abstract.", **kw: object) -> Record:
    return Record(title, abstract, Location("in.txt", line=1), kw.pop("source", "in.txt"), **kw)  # type: ignore[arg-type]


def save(folder: Path, papers: dict) -> None:  # type: ignore[type-arg]
    stage(folder, serialize(papers.values()), manifest=False).commit()


def test_new_papers_get_key_slug_and_first_seen() -> None:
    papers, report = merge({}, [record("A Paper"), record("B", arxiv_id="2601.00001")], DAY)
    assert report.new == 2
    a = papers[title_key("A Paper")]
    assert (a.slug, a.first_seen) == ("a-paper", DAY)
    assert papers["arxiv:2601.00001"].slug == "b"


def test_round_trip_through_disk(tmp_path: Path) -> None:
    papers, _ = merge(
        {},
        [
            record(
                "Ünïcode <title>",
                authors=("Ada",),
                arxiv_id="2601.00001",
                published=datetime(2026, 1, 2, 3, 4, tzinfo=UTC),
                links=(Link("arxiv", "https://arxiv.org/abs/2601.00001"),),
                keywords=("Machine Learning",),
            )
        ],
        DAY,
    )
    save(tmp_path / "archive", papers)
    assert load_archive(tmp_path / "archive") == papers
    assert sorted(p.name for p in (tmp_path / "archive").iterdir()) == ["2026-11.jsonl"]


def test_seen_again_keeps_slug_date_and_updates_text() -> None:
    first, _ = merge({}, [record("A Paper", "Old abstract.")], DAY)
    later = date(2027, 1, 1)
    second, report = merge(first, [record("A paper", "New abstract.", source="b.txt")], later)
    (paper,) = second.values()
    assert (report.new, report.updated) == (0, 1)
    assert (paper.slug, paper.first_seen, paper.abstract) == ("a-paper", DAY, "New abstract.")
    assert paper.sources == ("b.txt", "in.txt")


def test_ingesting_twice_changes_nothing() -> None:
    first, _ = merge({}, [record("A"), record("B")], DAY)
    second, report = merge(first, [record("A"), record("B")], date(2027, 1, 1))
    assert second == first
    assert (report.new, report.updated, report.unchanged) == (0, 0, 2)


def test_title_only_paper_is_reconciled_with_its_arxiv_id() -> None:
    first, _ = merge({}, [record("A Study of Things")], DAY)
    second, report = merge(first, [record("A Study of Things", arxiv_id="2601.00002")], DAY)
    (paper,) = second.values()
    assert paper.key == title_key("A Study of Things")
    assert (paper.arxiv_id, paper.slug) == ("2601.00002", "a-study-of-things")
    assert report.new == 0


def test_duplicates_in_one_batch_are_merged() -> None:
    papers, report = merge({}, [record("Same"), record("Same")], DAY)
    assert len(papers) == 1 and report.merged == 1 and report.new == 1


def test_colliding_titles_get_distinct_stable_slugs() -> None:
    papers, _ = merge({}, [record("Hello World"), record("Hello, World!", arxiv_id="1")], DAY)
    slugs = sorted(p.slug for p in papers.values())
    assert len(set(slugs)) == 2 and all(s.startswith("hello-world-") for s in slugs)


def test_unreadable_archive_line(tmp_path: Path) -> None:
    (tmp_path / "2026-11.jsonl").write_text('{"key": "x"}\n', encoding="utf-8")
    with pytest.raises(ArchiveError) as caught:
        load_archive(tmp_path)
    assert caught.value.one_line().startswith(f"{tmp_path / '2026-11.jsonl'}:1: unreadable")
