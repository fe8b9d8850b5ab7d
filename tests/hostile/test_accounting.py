"""Nothing lost: every input record ends as exactly one of rendered (new, updated or
unchanged), merged into a paper, or rejected with a reason naming its file and line or
record; the summary line adds up."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.archive import load_archive
from generator.cli import main
from tests.helpers import LONG, write_listing
from tests.hostile.corpus import ALL_CASES, write_corpus

SUMMARY = re.compile(
    r"(?P<records>\d+) records read from (?P<files>\d+) files \((?P<new>\d+) new, "
    r"(?P<updated>\d+) updated, (?P<unchanged>\d+) unchanged, (?P<merged>\d+) merged; "
    r"(?P<rejected>\d+) rejected\); (?P<papers>\d+) papers"
)


def build(
    project: Path, capsys: pytest.CaptureFixture[str], *inputs: Path
) -> tuple[dict[str, int], list[str]]:
    args = ["--config", str(project / "mkdocs.yml"), "build", "--no-site", "--date", "2026-11-27"]
    for path in inputs:
        args += ["--input", str(path)]
    assert main(args) == 0
    captured = capsys.readouterr()
    match = SUMMARY.match(captured.out.splitlines()[-1])
    assert match, captured.out
    warnings = [line for line in captured.err.splitlines() if line.startswith("warning: ")]
    return {name: int(value) for name, value in match.groupdict().items()}, warnings


def test_every_record_is_rendered_merged_or_rejected(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    listing = write_listing(
        project / "listing.txt",
        [
            ("Alpha paper", f"Alpha. {LONG}"),
            ("Beta paper", f"Beta. {LONG}"),
            ("Alpha paper", f"Alpha again. {LONG}"),  # merged: same title, same run
        ],
    )
    # Two more listing records, both rejected: a title alone, an abstract alone.
    with listing.open("a", encoding="utf-8") as handle:
        handle.write(f"Lonely title\nGamma paper\nGamma. {LONG}\n{LONG}\n")
    records = [
        {"title": "Delta paper", "abstract": "Delta.", "id": "2401.00001"},
        {"title": "Alpha paper", "abstract": "Alpha from JSON."},  # merged
        {"abstract": "No title at all."},  # rejected: title missing
        {"title": "Bad id", "id": "2401.00001v2<script>"},  # rejected: id
        {"title": "   ", "abstract": "Blank title."},  # rejected: title empty
        "not an object",  # rejected: record
        {"title": "Epsilon", "url": "javascript:alert(1)"},  # rejected: url
    ]
    jsonl = project / "records.jsonl"
    lines = [json.dumps(r) for r in records] + ['{"title": "Broken']  # rejected: line
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")

    counts, warnings = build(project, capsys, listing, jsonl)
    assert counts == {
        "records": 6,  # Alpha, Beta, Alpha, Gamma from the listing; Delta, Alpha from JSON
        "files": 2,
        "new": 4,  # Alpha, Beta, Gamma, Delta
        "updated": 0,
        "unchanged": 0,
        "merged": 2,  # Alpha's second and third records
        "rejected": 8,
        "papers": 4,
    }
    inputs = 6 + len(lines)  # listing: 3 pairs, a lone title, a pair, a lone abstract
    assert counts["records"] + counts["rejected"] == inputs
    assert counts["records"] == sum(counts[k] for k in ("new", "updated", "unchanged", "merged"))
    assert warnings == [
        f"warning: {listing}:9: title with no abstract after it; skipped",
        f"warning: {listing}:12: abstract with no title before it; skipped",
        f"warning: {jsonl}:3: title: missing; skipped",
        f"warning: {jsonl}:4: id: not an arXiv id (like 2401.12345): "
        "'2401.00001v2<script>'; skipped",
        f"warning: {jsonl}:5: title: empty; skipped",
        f"warning: {jsonl}:6: record: must be a JSON object; skipped",
        f"warning: {jsonl}:7: url: not an absolute http(s) URL: 'javascript:alert(1)'; skipped",
        f"warning: {jsonl}:8: line: not valid JSON (Unterminated string starting at column 11); "
        "skipped",
    ]
    papers = load_archive(project / "data" / "archive")
    titles = sorted(p.title for p in papers.values())
    assert titles == ["Alpha paper", "Beta paper", "Delta paper", "Gamma paper"]
    pages = sorted((project / "docs" / "papers").glob("*.md"))
    assert sorted(p.stem for p in pages) == sorted(p.slug for p in papers.values())

    # The same inputs again: every readable record is now unchanged or merged, none new.
    again, _ = build(project, capsys, listing, jsonl)
    assert (again["new"], again["updated"], again["rejected"]) == (0, 0, 8)
    assert (again["unchanged"], again["merged"]) == (4, 2)


def test_strict_fails_the_hostile_corpus_on_one_bad_record(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The corpus alone builds under --strict (it is hostile, not broken); one rejected record
    makes --strict exit 3 before anything is written, and a normal build publishes the rest."""
    sources = write_corpus(project / "data" / "sources")
    bad = project / "bad.jsonl"
    bad.write_text('{"title": "<b>ok</b>", "abstract": "fine"}\n{"abstract": "no title"}\n')
    args = ["--config", str(project / "mkdocs.yml"), "build", "--no-site"]
    inputs = [arg for path in [*sources, bad] for arg in ("--input", str(path))]
    assert main([*args, "--strict", *inputs]) == 3
    assert capsys.readouterr().err.splitlines()[-2:] == [
        f"warning: {bad}:2: title: missing; skipped",
        "paperfeed: error: 1 input warning (fix the input or run without --strict)",
    ]
    assert not (project / "data" / "archive").exists()
    counts, warnings = build(project, capsys, *sources, bad)
    assert (counts["new"], counts["rejected"]) == (len(ALL_CASES) + 1, 1)
    assert warnings == [f"warning: {bad}:2: title: missing; skipped"]
