"""How fast input is read, merged into the archive and tagged, at archive scale.

Run: `.venv/bin/python -m bench.bench_ingest [PAPERS]` (default 10,000). Prints seconds per
step for synthetic plain records (JSON Lines with authors, an arXiv id, a date and two tags)
and for the Hugging Face sample repeated under fresh ids. No disk writes besides a temp file.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from datetime import date
from typing import TypeVar

from generator.archive import merge, serialize
from generator.models import Paper
from generator.readers import read_bytes
from generator.tagging import Taxonomy, load_taxonomy
from tests.helpers import FIXTURES, LONG, ROOT

T = TypeVar("T")
DAY = date(2026, 11, 27)


def timed(label: str, step: Callable[[], T]) -> T:
    start = time.perf_counter()
    result = step()
    print(f"{label:<44} {time.perf_counter() - start:7.3f} s")
    return result


def jsonl_bytes(count: int) -> bytes:
    lines = (
        json.dumps(
            {
                "title": f"Paper number {i} on optimization of things",
                "abstract": LONG,
                "authors": ["Ada Lovelace", f"Author {i}"],
                "id": f"26{i // 90000:02d}.{i % 90000 + 10000:05d}",
                "date": "2026-06-12",
                "tags": ["Robotics", f"Topic {i % 50}"],
            }
        )
        for i in range(count)
    )
    return ("\n".join(lines) + "\n").encode()


def hf_bytes(count: int) -> bytes:
    items = json.loads((FIXTURES / "hf-daily-papers-2026-06-12.json").read_bytes())
    out = []
    for i in range(count):
        item = json.loads(json.dumps(items[i % len(items)]))
        item["paper"]["id"] = f"27{i // 90000:02d}.{i % 90000 + 10000:05d}"
        item["paper"]["title"] += f" {i}"
        out.append(item)
    return json.dumps(out).encode()


def run(name: str, data: bytes, taxonomy: Taxonomy, count: int) -> None:
    print(f"{name}: {count} records, {len(data) / 1e6:.1f} MB")
    result = timed("  read_bytes (detect, parse, validate)", lambda: read_bytes(data, where="b", source="b"))  # fmt: skip  # noqa: E501
    papers, _ = timed("  merge into an empty archive", lambda: merge({}, result.records, DAY))
    again = timed("  merge again (all unchanged)", lambda: merge(papers, result.records, DAY))
    assert again[1].unchanged == count
    timed("  serialize the archive", lambda: serialize(papers.values()))
    values: list[Paper] = list(papers.values())
    extended = timed("  metadata tags (with_keywords)", lambda: taxonomy.with_keywords(values))
    timed("  tags for every paper (taxonomy + keywords)", lambda: [extended.tags_for(p) for p in values])  # fmt: skip  # noqa: E501


def main(count: int) -> None:
    taxonomy = load_taxonomy(ROOT / "data" / "taxonomy.yml")
    run("jsonl", jsonl_bytes(count), taxonomy, count)
    run("hf-json", hf_bytes(count), taxonomy, count)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
