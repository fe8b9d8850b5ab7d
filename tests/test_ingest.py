"""`paperfeed ingest` and archive identity across formats, with the real samples."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from generator.archive import load_archive, merge
from generator.cli import main
from generator.config import Settings
from generator.ingest import ingest
from generator.models import Location, Record, title_key
from generator.readers import read_file
from tests.helpers import DAY, FIXTURES, LONG, SAMPLE, write_listing

HF_SAMPLE = FIXTURES / "hf-daily-papers-2026-06-12.json"
ARXIV_SAMPLE = FIXTURES / "arxiv-api-query.xml"
DAY2 = date(2026, 11, 28)
DAY3 = date(2026, 11, 29)


def cli(settings: Settings, *args: str) -> int:
    return main(["--config", str(settings.config_path), "ingest", *args])


def snapshot(folder: Path) -> dict[Path, tuple[int, int]]:
    return {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


def test_both_samples_give_one_paper_each_and_twice_changes_nothing(settings: Settings) -> None:
    first = ingest(settings, [HF_SAMPLE, ARXIV_SAMPLE], today=DAY)
    assert (first.ingested.records, first.ingested.merge.new, first.archive.written) == (35, 35, 1)
    papers = load_archive(settings.archive_dir)
    assert len(papers) == 35
    for paper in papers.values():
        assert paper.arxiv_id and paper.authors and paper.first_seen == DAY
        assert paper.link("arxiv") == f"https://arxiv.org/abs/{paper.arxiv_id}"
        assert paper.link("pdf") == f"https://arxiv.org/pdf/{paper.arxiv_id}"
    mana = papers["arxiv:2606.13677"]
    assert mana.comment == "Project Page: https://zhaohengyin.github.io/mana"
    assert mana.keywords == (
        "Robotics",
        "Artificial Intelligence",
        "Computer Vision",
        "Machine Learning",
    )
    before = snapshot(settings.archive_dir)
    again = ingest(settings, [HF_SAMPLE, ARXIV_SAMPLE], today=DAY2)
    m = again.ingested.merge
    assert (m.new, m.updated, m.unchanged, m.merged, again.archive.written) == (0, 0, 35, 0, 0)
    assert m.changes == ()
    assert snapshot(settings.archive_dir) == before
    assert not (settings.docs_dir / "papers").exists()


def test_listing_plus_hf_keeps_every_first_seen_date(settings: Settings) -> None:
    ingest(settings, [SAMPLE], today=DAY)
    ingest(settings, [HF_SAMPLE], today=DAY2)
    ingest(settings, [HF_SAMPLE, SAMPLE], today=DAY3)
    papers = load_archive(settings.archive_dir).values()
    seen = sorted((p.first_seen, p.sources) for p in papers)
    assert len(seen) == 139 + 30
    assert [p for p in papers if p.first_seen == DAY3] == []
    assert {p.first_seen for p in papers if p.sources == ("hf-papers-listing.txt",)} == {DAY}
    hf = "hf-daily-papers-2026-06-12.json"
    assert {p.first_seen for p in papers if p.sources == (hf,)} == {DAY2}


def test_title_only_paper_later_with_arxiv_id_keeps_slug_date_and_gains_links(
    settings: Settings,
) -> None:
    hf_first = read_file(HF_SAMPLE).records[0]
    listing = write_listing(settings.root / "l.txt", [(hf_first.title.upper(), LONG)])
    ingest(settings, [listing], today=DAY)
    (before,) = load_archive(settings.archive_dir).values()
    assert before.key == title_key(hf_first.title) and before.arxiv_id is None
    result = ingest(settings, [HF_SAMPLE], today=DAY2)
    assert (result.ingested.merge.new, result.ingested.merge.updated) == (29, 1)
    after = load_archive(settings.archive_dir)[before.key]
    assert (after.slug, after.first_seen, after.arxiv_id) == (before.slug, DAY, "2606.00467")
    assert after.title == hf_first.title and after.abstract == hf_first.abstract
    assert after.link("arxiv") == "https://arxiv.org/abs/2606.00467"
    assert after.authors == hf_first.authors
    assert after.sources == ("hf-daily-papers-2026-06-12.json", "l.txt")


def test_same_title_different_arxiv_papers_stay_two() -> None:
    def rec(identifier: str) -> Record:
        return Record("Introduction", "A.", Location("x", record=1), "x", arxiv_id=identifier)

    papers, report = merge({}, [rec("2601.00001"), rec("2601.00002")], DAY)
    assert sorted(papers) == ["arxiv:2601.00001", "arxiv:2601.00002"]
    assert report.new == 2
    again, _ = merge(papers, [rec("2601.00002")], DAY2)
    assert again == papers


def test_a_record_without_abstract_keeps_the_known_one() -> None:
    full = Record("T", "Known abstract.", Location("a", line=1), "a")
    bare = Record("T", "", Location("b", line=1), "b")
    papers, _ = merge({}, [full], DAY)
    (paper,) = merge(papers, [bare], DAY2)[0].values()
    assert paper.abstract == "Known abstract."


def test_cli_prints_every_change_and_every_rejection(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    path = settings.root / "extra.jsonl"
    records = [
        {"title": "Mana again", "id": "2606.13677v2", "authors": ["Z. Yin"]},
        {"title": "Fresh paper", "date": "2026-06-01"},
        {"title": 7},
        {"title": "Fresh  paper"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    assert cli(settings, "--date", "2026-11-27", str(ARXIV_SAMPLE)) == 0
    capsys.readouterr()
    assert cli(settings, "--date", "2026-11-28", str(path)) == 0
    out, err = capsys.readouterr()
    fresh = title_key("Fresh paper")
    assert out.splitlines() == [
        f"new: {fresh} Fresh paper",
        "updated: arxiv:2606.13677 Mana again",
        f"merged: {path}:4 into {fresh} (seen earlier in this run)",
        "3 records read from 1 file (1 new, 1 updated, 0 unchanged, 1 merged; 1 rejected); "
        "6 papers in the archive; archive: 1 file written; 0 warnings",
    ]
    assert err.splitlines() == [f"warning: {path}:3: title: must be a string, not int; skipped"]
    mana = load_archive(settings.archive_dir)["arxiv:2606.13677"]
    assert (mana.title, mana.authors, mana.first_seen) == ("Mana again", ("Z. Yin",), DAY)
    assert mana.abstract.startswith("Articulated tool manipulation")


def test_cli_forced_format_and_strict(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    path = settings.root / "papers.json"
    path.write_text('[{"title": "x"}]', encoding="utf-8")
    assert cli(settings, "--format", "hf-json", "--strict", str(path)) == 3
    assert capsys.readouterr().err.splitlines() == [
        f"warning: {path}: record 1: paper: missing; skipped",
        "paperfeed: error: 1 input warning (fix the input or run without --strict)",
    ]
    assert not settings.archive_dir.exists()
    assert main(["--config", str(settings.config_path), "-q", "ingest", str(path)]) == 0
    assert capsys.readouterr().out.startswith("1 record read from 1 file (1 new,")


def test_cli_unreadable_file_writes_nothing(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = settings.root / "bad.xml"
    bad.write_text("<feed>", encoding="utf-8")
    assert cli(settings, str(HF_SAMPLE), str(bad)) == 1
    assert capsys.readouterr().err == (
        f"paperfeed: error: {bad}: not well-formed XML: no element found: line 1, column 6 "
        "(if it is a listing whose first title starts with '<', pass --format listing)\n"
    )
    assert not settings.archive_dir.exists()
