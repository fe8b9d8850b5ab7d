"""`paperfeed fetch` and `paperfeed update` as a user runs them, against 127.0.0.1: exact
lines, exit codes, the archive's bytes; and the scheduled workflow's shape."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.archive import load_archive
from generator.cli import main
from tests.fetching import (
    ARXIV_PATH,
    HF_PATH,
    HF_SAMPLE,
    UA,
    arxiv_page,
    configure,
    hf_papers,
    write_fetch_config,
)
from tests.fetching import snapshot as archive_snapshot
from tests.localserver import LocalServer, Reply


def run(project: Path, *args: str) -> int:
    return main(["--config", str(project / "mkdocs.yml"), *args])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["fetch", "arxiv"], "the following arguments are required: --query"),
        (["fetch", "arxiv", "--query", "x", "--max", "0"], "not a positive whole number: '0'"),
        (["fetch", "hf", "--date", "today"], "not a date in YYYY-MM-DD form: 'today'"),
        (["fetch", "rss"], "invalid choice: 'rss'"),
    ],
)
def test_usage_errors(
    project: Path, args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        run(project, *args)
    assert caught.value.code == 2
    assert message in capsys.readouterr().err


def test_bad_fetch_config(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_fetch_config(project, "ftp://127.0.0.1/")
    assert run(project, "fetch", "hf") == 1
    assert capsys.readouterr().err == (
        f"paperfeed: error: {project / 'mkdocs.yml'}: extra.paperfeed.fetch.hf_url must be an "
        "absolute http(s) URL, not 'ftp://127.0.0.1/'\n"
    )


def test_update_without_sources(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    configure(project, "http://127.0.0.1:9", sources=[])
    assert run(project, "update") == 1
    assert capsys.readouterr().err == (
        f"paperfeed: error: {project / 'mkdocs.yml'}: no fetch sources configured "
        "(list them under extra.paperfeed.fetch.sources)\n"
    )


def fetch_sample_day(project: Path, server: LocalServer, *options: str) -> int:
    """`paperfeed fetch hf --date 2026-06-12` with the real sample served."""
    configure(project, server.url)
    server.script(HF_PATH, Reply(body=HF_SAMPLE))
    return run(project, *options, "fetch", "hf", "--date", "2026-06-12")


def test_fetch_hf_prints_one_line(
    project: Path, server: LocalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    assert fetch_sample_day(project, server) == 0
    out, err = capsys.readouterr()
    assert out == (
        "fetched hf: 30 papers (30 new, 0 updated, 0 unchanged, 0 merged; 0 rejected); 0 warnings; "
        "2 archive files written\n"
    )
    assert err == ""
    assert [(s.path, s.user_agent) for s in server.seen] == [(f"{HF_PATH}?date=2026-06-12", UA)]
    assert {p.first_seen.isoformat() for p in load_archive(project / "data/archive").values()} == {
        "2026-06-12"
    }


def test_fetch_failure_is_one_line_and_exit_1(
    project: Path, server: LocalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    assert fetch_sample_day(project, server, "-q") == 0
    before = archive_snapshot(project / "data/archive")
    capsys.readouterr()
    server.script(HF_PATH, Reply(body=hf_papers(1)))
    assert run(project, "fetch", "hf") == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        "paperfeed: error: hf: only 1 paper, fewer than the minimum of 5; the archive was not "
        "changed (the source may be mid-update; try again later, or lower fetch.min_items)\n"
    )
    assert archive_snapshot(project / "data/archive") == before


def test_fetch_arxiv(
    project: Path, server: LocalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    configure(project, server.url)
    server.script(ARXIV_PATH, Reply(body=arxiv_page(0)))
    args = ("fetch", "arxiv", "--query", "cat:cs.LG", "--max", "5", "--date", "2026-06-14")
    assert run(project, *args) == 0
    assert capsys.readouterr().out == (
        "fetched arxiv cat:cs.LG: 5 papers (5 new, 0 updated, 0 unchanged, 0 merged; "
        "0 rejected); 0 warnings; 2 archive files written\n"
    )
    paper = load_archive(project / "data/archive")["arxiv:2606.13677"]
    assert paper.sources == ("arxiv:cat:cs.LG",)
    assert paper.first_seen.isoformat() == "2026-06-14"


@pytest.mark.slow
def test_update_runs_the_workflow_steps(
    project: Path, server: LocalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    """What `make update` and the scheduled workflow run: fetch every configured source, then a
    strict build of docs/ and site/; a second run with the same answers changes nothing."""
    sources = ["hf", {"arxiv": "cat:cs.LG", "max": 5}]
    configure(project, server.url, sources=sources, backoff=0)
    server.script(HF_PATH, Reply(body=HF_SAMPLE))
    server.script(ARXIV_PATH, Reply(body=arxiv_page(0)))
    assert run(project, "update") == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (
        "fetched hf: 30 papers, arxiv cat:cs.LG: 5 papers (35 new, 0 updated, 0 unchanged, "
        "0 merged; 0 rejected); 0 warnings; 2 archive files written"
    )
    assert out[1].startswith("139 records read from 1 file")
    assert [s.path.split("?")[0] for s in server.seen] == [HF_PATH, ARXIV_PATH]
    today = datetime.now(UTC).date()
    assert (project / "data/archive" / f"{today:%Y-%m}.jsonl").is_file()
    assert (project / "site/index.html").is_file()
    assert len(load_archive(project / "data/archive")) >= 30 + 5
    before = archive_snapshot(project / "data/archive")

    assert run(project, "update") == 0
    assert capsys.readouterr().out.splitlines()[0].endswith("archive unchanged")
    assert archive_snapshot(project / "data/archive") == before

    server.script(HF_PATH, Reply(503))
    assert run(project, "update") == 1
    assert "HTTP 503 Service Unavailable (3 attempts)" in capsys.readouterr().err
    assert archive_snapshot(project / "data/archive") == before
