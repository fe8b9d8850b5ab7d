"""Shared pieces of the fetch tests: the real samples, a project pointed at 127.0.0.1, and
archive snapshots to prove that a failed fetch changed nothing."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import yaml

from generator.config import Settings, load_settings
from tests.helpers import FIXTURES

HF_SAMPLE = (FIXTURES / "hf-daily-papers-2026-06-12.json").read_bytes()
ARXIV_SAMPLE = (FIXTURES / "arxiv-api-query.xml").read_bytes()
HF_DAY = date(2026, 6, 12)
HF_PATH = "/api/daily_papers"
ARXIV_PATH = "/api/query"
UA = "paperfeed/0.1.0 (+https://example.org/paperfeed)"
RETRY_HINT = "(the source may be down; try again later)"
JSON = {"Content-Type": "application/json"}


def configure(project: Path, url: str, **options: object) -> Settings:
    """Point the project's fetchers at `url` with fast retries; `options` override."""
    return load_settings(write_fetch_config(project, url, **options))


def write_fetch_config(project: Path, url: str, **options: object) -> Path:
    config_path = project / "mkdocs.yml"
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    fetch = {"hf_url": url, "arxiv_url": url, "timeout": 2, "retries": 2, "backoff": 1}
    config["extra"]["paperfeed"]["fetch"] = fetch | options
    config_path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return config_path


def hf_papers(count: int) -> bytes:
    return json.dumps(json.loads(HF_SAMPLE)[:count]).encode()


def arxiv_page(page: int) -> bytes:
    """The arXiv sample with ids and titles made unique to `page`."""
    text = ARXIV_SAMPLE.decode().replace("2606.13", f"2606.{13 + page}")
    return text.replace("<title>", f"<title>Page {page}: ").encode()


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every archive file's bytes and mtime."""
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}
