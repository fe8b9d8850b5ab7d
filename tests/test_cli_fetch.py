"""`paperfeed fetch` and `paperfeed update` as a user runs them, against 127.0.0.1: exact
lines, exit codes, the archive's bytes; and the scheduled workflow's shape."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from tests.fetching import (
    configure,
    write_fetch_config,
)


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
