"""The too-few-papers guard, the fetch log it remembers counts in, and the fetch settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config import FetchSettings, FetchSource, load_settings
from generator.errors import ArchiveError, ConfigError, FetchError
from generator.fetch import Fetched, check_count
from generator.fetchlog import load_fetch_log, serialize_fetch_log
from generator.models import Location, Record
from generator.readers import ReadResult
from tests.fetching import write_fetch_config


def fetched(count: int, requested: int | None = None) -> Fetched:
    records = tuple(Record(f"T{i}", "A.", Location("u", record=i), "hf") for i in range(count))
    return Fetched("hf", (ReadResult(records),), requested)


@pytest.fixture
def fetch_settings(project: Path) -> FetchSettings:
    return load_settings(write_fetch_config(project, "http://127.0.0.1:9")).fetch


@pytest.mark.parametrize(
    ("count", "requested", "previous", "refused"),
    [
        (5, None, None, False),
        (4, None, None, True),
        (8, None, 32, False),  # a quarter of the previous fetch is a light day, not a broken one
        (7, None, 32, True),
        (100, None, 5, False),
        (0, None, 0, True),
        (3, 3, None, False),  # asked for three: three is all there is to have
        (2, 3, None, True),
        (3, 3, 100, False),  # the previous fetch asked for more
        (0, 3, 100, True),
    ],
)
def test_check_count(
    fetch_settings: FetchSettings,
    count: int,
    requested: int | None,
    previous: int | None,
    refused: bool,
) -> None:
    if refused:
        with pytest.raises(FetchError, match="the archive was not changed"):
            check_count(fetched(count, requested), previous, fetch_settings)
    else:
        check_count(fetched(count, requested), previous, fetch_settings)


def test_fetch_log_round_trip(tmp_path: Path) -> None:
    assert load_fetch_log(tmp_path) == {}
    data = serialize_fetch_log({"hf": 30, "arxiv cat:cs.LG": 5})
    assert data == b'{\n  "last_count": {\n    "arxiv cat:cs.LG": 5,\n    "hf": 30\n  }\n}\n'
    (tmp_path / "fetches.json").write_bytes(data)
    assert load_fetch_log(tmp_path) == {"hf": 30, "arxiv cat:cs.LG": 5}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "unreadable fetch log (Expecting property name enclosed in double quotes: "),
        ('{"last_count": {"hf": "many"}}', 'fetch log must be {"last_count": {source: number}}'),
        ("[]", 'fetch log must be {"last_count": {source: number}}'),
    ],
)
def test_broken_fetch_log_is_an_archive_error(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "fetches.json").write_text(text)
    with pytest.raises(ArchiveError) as caught:
        load_fetch_log(tmp_path)
    assert caught.value.what.startswith(message)
    assert caught.value.hint == "restore it from git"


def test_fetch_settings_defaults_to_the_real_services(project: Path) -> None:
    settings = load_settings(project / "mkdocs.yml").fetch
    assert settings.hf_url == "https://huggingface.co"
    assert settings.arxiv_url == "https://export.arxiv.org"
    assert settings.contact == "https://example.org/paperfeed"
    assert settings.sources == (FetchSource("hf"),)
    assert (settings.min_items, settings.min_fraction) == (5, 0.25)


def test_fetch_sources(project: Path) -> None:
    path = write_fetch_config(
        project, "http://127.0.0.1:9", sources=["hf", {"arxiv": " cat:cs.CL ", "max": 20}]
    )
    assert load_settings(path).fetch.sources == (
        FetchSource("hf"),
        FetchSource("arxiv", "cat:cs.CL", 20),
    )


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"sources": ["rss"]}, "extra.paperfeed.fetch.sources: cannot use 'rss'"),
        ({"sources": [{"arxiv": "x", "max": 0}]}, "extra.paperfeed.fetch.sources: cannot use"),
        ({"sources": "hf"}, "extra.paperfeed.fetch.sources must be a list"),
        ({"min_items": 0}, "extra.paperfeed.fetch.min_items must be a number of at least 1"),
        ({"timeout": "fast"}, "extra.paperfeed.fetch.timeout must be a number of at least"),
        ({"retries": True}, "extra.paperfeed.fetch.retries must be a number of at least 0"),
        ({"contact": "mailto:me@example.org"}, "extra.paperfeed.fetch.contact must be"),
    ],
)
def test_bad_fetch_settings(project: Path, options: dict[str, object], message: str) -> None:
    path = write_fetch_config(project, "http://127.0.0.1:9", **options)
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert caught.value.what.startswith(message)
