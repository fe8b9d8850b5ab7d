"""Fetching into the archive against a real HTTP server on 127.0.0.1 that serves the real
samples and misbehaves on purpose. Every failure must leave the archive's bytes untouched."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from generator.archive import load_archive
from generator.build import build
from generator.config import FetchSource, Settings
from generator.errors import FetchError
from generator.fetch import make_clients
from generator.update import FetchSummary, fetch_into_archive
from tests.fetching import (
    ARXIV_PATH,
    HF_DAY,
    HF_PATH,
    HF_SAMPLE,
    JSON,
    RETRY_HINT,
    UA,
    arxiv_page,
    configure,
    hf_papers,
    snapshot,
)
from tests.helpers import DAY, FakeClock
from tests.localserver import LocalServer, Reply, refused_url


def run_fetch(
    settings: Settings, *sources: FetchSource, clock: FakeClock, day: date | None = HF_DAY
) -> FetchSummary:
    clients = make_clients(settings.fetch, clock=clock, sleep=clock.sleep)
    return fetch_into_archive(
        settings, sources or [FetchSource("hf")], today=day or DAY, day=day, clients=clients
    )


@pytest.fixture
def seeded(project: Path, server: LocalServer) -> Settings:
    """The project with an archive of the bundled listing (139 papers), fetching from `server`."""
    settings = configure(project, server.url)
    build(settings, today=DAY, site=False)
    return settings


def test_hf_fetch_adds_the_day_to_the_archive(seeded: Settings, server: LocalServer) -> None:
    server.script(HF_PATH, Reply(body=HF_SAMPLE, headers=JSON))
    before = load_archive(seeded.archive_dir)
    clock = FakeClock()
    summary = run_fetch(seeded, clock=clock)
    assert summary.line() == (
        "fetched hf: 30 papers (30 new, 0 updated, 0 unchanged, 0 merged; 0 rejected); 0 warnings; "
        "2 archive files written"
    )
    assert [(s.path, s.user_agent, s.accept) for s in server.seen] == [
        (f"{HF_PATH}?date=2026-06-12", UA, "application/json")
    ]
    after = load_archive(seeded.archive_dir)
    assert len(after) == len(before) + 30
    assert all(after[key] == paper for key, paper in before.items())
    assert after["arxiv:2606.00467"].first_seen == HF_DAY
    assert sorted(p.name for p in seeded.archive_dir.iterdir()) == [
        "2026-06.jsonl",
        "2026-11.jsonl",
        "fetches.json",
    ]
    log = json.loads((seeded.archive_dir / "fetches.json").read_text())
    assert log == {"last_count": {"hf": 30}}
    assert clock.sleeps == []


def test_latest_day_without_date(seeded: Settings, server: LocalServer) -> None:
    server.script(HF_PATH, Reply(body=HF_SAMPLE, headers=JSON))
    run_fetch(seeded, clock=FakeClock(), day=None)
    assert [s.path for s in server.seen] == [HF_PATH]
    assert load_archive(seeded.archive_dir)["arxiv:2606.00467"].first_seen == DAY


def test_fetching_the_same_day_twice_writes_nothing(seeded: Settings, server: LocalServer) -> None:
    server.script(HF_PATH, Reply(body=HF_SAMPLE, headers=JSON))
    run_fetch(seeded, clock=FakeClock())
    before = snapshot(seeded.archive_dir)
    summary = run_fetch(seeded, clock=FakeClock())
    assert summary.line() == (
        "fetched hf: 30 papers (0 new, 0 updated, 30 unchanged, 0 merged; 0 rejected); 0 warnings; "
        "archive unchanged"
    )
    assert snapshot(seeded.archive_dir) == before


@pytest.mark.parametrize(
    ("replies", "sleeps"),
    [
        ([Reply(500), Reply(body=HF_SAMPLE)], [1.0]),
        ([Reply(503), Reply(502), Reply(body=HF_SAMPLE)], [1.0, 2.0]),
        ([Reply(429, headers={"Retry-After": "5"}), Reply(body=HF_SAMPLE)], [5.0]),
        ([Reply(body=HF_SAMPLE, length=len(HF_SAMPLE) + 10), Reply(body=HF_SAMPLE)], [1.0]),
    ],
    ids=["500-then-ok", "503-502-then-ok", "429-retry-after", "truncated-then-ok"],
)
def test_transient_failures_are_retried(
    seeded: Settings, server: LocalServer, replies: list[Reply], sleeps: list[float]
) -> None:
    server.script(HF_PATH, *replies)
    clock = FakeClock()
    assert run_fetch(seeded, clock=clock).ingested.merge.new == 30
    assert len(server.seen) == len(replies)
    assert {s.user_agent for s in server.seen} == {UA}
    assert clock.sleeps == sleeps


URL = f"{HF_PATH}?date=2026-06-12"
FAILURES = {
    "always-500": (
        [Reply(500)],
        3,
        f"{{url}}{URL}: HTTP 500 Internal Server Error (3 attempts) {RETRY_HINT}",
    ),
    "429-too-long": (
        [Reply(429, headers={"Retry-After": "86400"})],
        1,
        f"{{url}}{URL}: HTTP 429 Too Many Requests; the server asks to wait 86400 s "
        "(try again later)",
    ),
    "slow": (
        [Reply(body=HF_SAMPLE, delay=3.0)],
        3,
        f"{{url}}{URL}: no response within 1 s (3 attempts) {RETRY_HINT}",
    ),
    "truncated": (
        [Reply(body=HF_SAMPLE[:5000], length=len(HF_SAMPLE))],
        3,
        f"{{url}}{URL}: truncated response: 5000 of {len(HF_SAMPLE)} bytes (3 attempts) "
        f"{RETRY_HINT}",
    ),
    "cut-json": (
        [Reply(body=HF_SAMPLE[:5000])],
        1,
        f"{{url}}{URL}: not Hugging Face daily papers JSON: not valid JSON: "
        "Unterminated string starting at line 1 column 3433 "
        "(the service may be changing; try later)",
    ),
    "html": (
        [Reply(body=b"<!doctype html><title>Maintenance</title>", headers={"X": "y"})],
        1,
        f"{{url}}{URL}: not Hugging Face daily papers JSON: not valid JSON: "
        "Expecting value at line 1 column 1 (the service may be changing; try later)",
    ),
    "too-few": (
        [Reply(body=hf_papers(2))],
        1,
        "hf: only 2 papers, fewer than the minimum of 5; the archive was not changed "
        "(the source may be mid-update; try again later, or lower fetch.min_items)",
    ),
    "empty-day": (
        [Reply(body=b"[]")],
        1,
        "hf: only 0 papers, fewer than the minimum of 5; the archive was not changed "
        "(the source may be mid-update; try again later, or lower fetch.min_items)",
    ),
    "not-found": (
        [Reply(404, body=b'{"error": "no"}')],
        1,
        f"{{url}}{URL}: HTTP 404 Not Found (check the URL, query and date)",
    ),
}


@pytest.mark.parametrize(("replies", "requests", "message"), FAILURES.values(), ids=FAILURES)
def test_failed_fetch_leaves_the_archive_untouched(
    project: Path, server: LocalServer, replies: list[Reply], requests: int, message: str
) -> None:
    settings = configure(project, server.url, timeout=1)
    build(settings, today=DAY, site=False)
    before = snapshot(settings.archive_dir)
    server.script(HF_PATH, *replies)
    with pytest.raises(FetchError) as caught:
        run_fetch(settings, clock=FakeClock())
    assert caught.value.one_line() == message.format(url=server.url)
    assert len(server.seen) == requests
    assert snapshot(settings.archive_dir) == before


def test_connection_refused_leaves_the_archive_untouched(seeded: Settings) -> None:
    url = refused_url()
    settings = configure(seeded.root, url)
    before = snapshot(settings.archive_dir)
    clock = FakeClock()
    with pytest.raises(FetchError) as caught:
        run_fetch(settings, clock=clock)
    assert caught.value.one_line() == (
        f"{url}{URL}: cannot connect: Connection refused (3 attempts) {RETRY_HINT}"
    )
    assert clock.sleeps == [1.0, 2.0]
    assert snapshot(settings.archive_dir) == before


def test_far_fewer_than_the_previous_fetch_is_refused(
    seeded: Settings, server: LocalServer
) -> None:
    server.script(HF_PATH, Reply(body=HF_SAMPLE), Reply(body=hf_papers(7)))
    run_fetch(seeded, clock=FakeClock())
    before = snapshot(seeded.archive_dir)
    with pytest.raises(FetchError) as caught:
        run_fetch(seeded, clock=FakeClock(), day=date(2026, 6, 13))
    assert caught.value.one_line() == (
        "hf: only 7 papers, against 30 in the previous fetch; the archive was not changed "
        "(the source may be mid-update; try again later, or lower fetch.min_fraction)"
    )
    assert snapshot(seeded.archive_dir) == before


def test_a_quarter_of_the_previous_fetch_is_accepted(seeded: Settings, server: LocalServer) -> None:
    (seeded.archive_dir / "fetches.json").write_text('{"last_count": {"hf": 32}}\n')
    server.script(HF_PATH, Reply(body=hf_papers(8)))
    summary = run_fetch(seeded, clock=FakeClock())
    assert summary.fetched == (("hf", 8),)
    assert json.loads((seeded.archive_dir / "fetches.json").read_text()) == {
        "last_count": {"hf": 8}
    }


def arxiv_requests(server: LocalServer) -> list[dict[str, list[str]]]:
    return [parse_qs(urlsplit(s.path).query) for s in server.seen]


def test_arxiv_pages_are_spaced_three_seconds_apart(project: Path, server: LocalServer) -> None:
    settings = configure(project, server.url, arxiv_page_size=5)
    server.script(
        ARXIV_PATH, Reply(body=arxiv_page(0)), Reply(body=arxiv_page(1)), Reply(body=arxiv_page(2))
    )
    clock = FakeClock()
    query = "all:transformer AND cat:cs.LG"
    summary = run_fetch(settings, FetchSource("arxiv", query, 12), clock=clock, day=None)
    assert summary.line() == (
        "fetched arxiv all:transformer AND cat:cs.LG: 15 papers "
        "(15 new, 0 updated, 0 unchanged, 0 merged; 0 rejected); 0 warnings; "
        "2 archive files written"
    )
    assert [(q["start"], q["max_results"]) for q in arxiv_requests(server)] == [
        (["0"], ["5"]),
        (["5"], ["5"]),
        (["10"], ["2"]),
    ]
    assert arxiv_requests(server)[0]["search_query"] == [query]
    assert arxiv_requests(server)[0]["sortBy"] == ["submittedDate"]
    assert {(s.user_agent, s.accept) for s in server.seen} == {(UA, "application/atom+xml")}
    assert clock.sleeps == [3.0, 3.0]
    papers = load_archive(settings.archive_dir)
    assert "arxiv:2606.13677" in papers and "arxiv:2606.15501" in papers


def test_arxiv_stops_at_total_results(project: Path, server: LocalServer) -> None:
    settings = configure(project, server.url, arxiv_page_size=5, min_items=1)
    page = arxiv_page(0).replace(b">28946<", b">5<")
    server.script(ARXIV_PATH, Reply(body=page))
    clock = FakeClock()
    summary = run_fetch(settings, FetchSource("arxiv", "cat:cs.LG", 50), clock=clock, day=None)
    assert summary.fetched == (("arxiv cat:cs.LG", 5),)
    assert len(server.seen) == 1 and clock.sleeps == []


def test_arxiv_short_page_is_asked_again_then_refused(project: Path, server: LocalServer) -> None:
    settings = configure(project, server.url)
    server.script(ARXIV_PATH, Reply(body=arxiv_page(0)))
    clock = FakeClock()
    with pytest.raises(FetchError) as caught:
        run_fetch(settings, FetchSource("arxiv", "cat:cs.LG", 10), clock=clock, day=None)
    url = f"{server.url}{ARXIV_PATH}?search_query=cat%3Acs.LG&start=0&max_results=10"
    assert caught.value.one_line() == (
        f"{url}&sortBy=submittedDate&sortOrder=descending: arXiv returned 5 of the 10 entries "
        "it promised (totalResults 28946) (arXiv answers short pages now and then; "
        "try again later)"
    )
    assert len(server.seen) == 3 and clock.sleeps == [3.0, 3.0]
    assert not settings.archive_dir.exists()


def test_one_bad_source_keeps_every_source_out(seeded: Settings, server: LocalServer) -> None:
    server.script(HF_PATH, Reply(body=HF_SAMPLE))
    server.script(ARXIV_PATH, Reply(500))
    before = snapshot(seeded.archive_dir)
    with pytest.raises(FetchError, match="HTTP 500"):
        run_fetch(
            seeded, FetchSource("hf"), FetchSource("arxiv", "cat:cs.LG", 5), clock=FakeClock()
        )
    assert snapshot(seeded.archive_dir) == before
