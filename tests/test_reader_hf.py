"""The Hugging Face daily papers reader, on the real sample and small broken cases."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.errors import InputError
from generator.models import Link
from generator.readers import ReadResult, detect_format, read_bytes, read_file
from tests.helpers import FIXTURES

HF_SAMPLE = FIXTURES / "hf-daily-papers-2026-06-12.json"


def read_items(items: object, fmt: str | None = None) -> ReadResult:
    return read_bytes(json.dumps(items).encode(), where="hf.json", source="hf.json", fmt=fmt)


def item(**paper: object) -> dict[str, object]:
    base: dict[str, object] = {
        "id": "2606.00467",
        "title": "A Title",
        "summary": "An abstract.",
        "authors": [{"name": "Ada Lovelace", "hidden": False}],
        "publishedAt": "2026-05-30T00:00:00.000Z",
    }
    base.update(paper)
    return {"paper": {k: v for k, v in base.items() if v is not ...}}


def test_real_sample_gives_30_papers_with_ids_authors_dates_and_links() -> None:
    result = read_file(HF_SAMPLE)
    assert len(result.records) == 30 and result.diagnostics == ()
    first = result.records[0]
    assert first.arxiv_id == "2606.00467"
    assert first.title.startswith("On the Limits of LLM Adaptability")
    assert first.authors == ("Etienne Casanova", "Rafal Kocielnik", "R. Michael Alvarez")
    assert first.published == datetime(2026, 5, 30, tzinfo=UTC)
    assert first.links == (
        Link("arxiv", "https://arxiv.org/abs/2606.00467"),
        Link("pdf", "https://arxiv.org/pdf/2606.00467"),
        Link("huggingface", "https://huggingface.co/papers/2606.00467"),
    )
    assert first.keywords == ()
    assert str(first.location) == f"{HF_SAMPLE}: record 1"
    assert len({r.arxiv_id for r in result.records}) == 30
    assert all(r.authors and r.abstract and r.published for r in result.records)
    with_code = [r for r in result.records if any(link.kind == "code" for link in r.links)]
    assert len(with_code) == 16
    second = result.records[1]
    assert Link(
        "code", "https://github.com/psychology-of-AI/Rethinking-Pyschometric-Eval-LLMs"
    ) in (second.links)
    third = result.records[2]
    assert Link("project", "https://chicychen.github.io/dense-hetero-latent-mas/") in third.links


def test_detected_by_content_not_name(tmp_path: Path) -> None:
    path = tmp_path / "papers.txt"
    path.write_bytes(HF_SAMPLE.read_bytes())
    assert len(read_file(path).records) == 30
    assert detect_format(json.dumps([item()])) == "hf-json"


@pytest.mark.parametrize(
    ("paper", "message"),
    [
        ({"title": ...}, "hf.json: record 2: paper.title: missing; skipped"),
        ({"title": "  "}, "hf.json: record 2: paper.title: empty; skipped"),
        ({"title": ["x"]}, "hf.json: record 2: paper.title: must be a string, not a list; skipped"),
        ({"summary": 5}, "hf.json: record 2: paper.summary: must be a string, not int; skipped"),
        ({"id": ...}, "hf.json: record 2: paper.id: missing; skipped"),
        (
            {"id": "../../etc"},
            "hf.json: record 2: paper.id: not an arXiv id (like 2401.12345): '../../etc'; skipped",
        ),
        (
            {"publishedAt": "yesterday"},
            "hf.json: record 2: paper.publishedAt: not an ISO 8601 date: 'yesterday'; skipped",
        ),
        (
            {"authors": [{"name": None}]},
            "hf.json: record 2: paper.authors[0].name: missing; skipped",
        ),
        (
            {"authors": ["Ada"]},
            "hf.json: record 2: paper.authors[0]: must be an object with a name; skipped",
        ),
    ],
)
def test_bad_record_is_skipped_and_named(paper: dict[str, object], message: str) -> None:
    result = read_items([item(id="2601.00001"), item(**paper), item(id="2601.00003")])
    assert [r.arxiv_id for r in result.records] == ["2601.00001", "2601.00003"]
    assert [str(d) for d in result.rejected] == [message]
    assert result.warnings == ()


def test_item_without_paper_object() -> None:
    result = read_items([item(), {"title": "x"}], fmt="hf-json")
    assert [str(d) for d in result.rejected] == ["hf.json: record 2: paper: missing; skipped"]


def test_unsafe_link_is_dropped_with_a_warning_and_the_paper_kept() -> None:
    result = read_items([item(githubRepo="javascript:alert(1)", projectPage="https://ok.org/")])
    (record,) = result.records
    assert [link.kind for link in record.links] == ["arxiv", "pdf", "huggingface", "project"]
    assert [str(d) for d in result.warnings] == [
        "hf.json: record 1: paper.githubRepo: not an absolute http(s) URL: "
        "'javascript:alert(1)'; link dropped"
    ]


def test_versioned_id_and_offsets_are_normalized() -> None:
    (record,) = read_items(
        [item(id="2606.00467v3", publishedAt="2026-05-30T02:00:00+02:00")]
    ).records
    assert record.arxiv_id == "2606.00467"
    assert record.published == datetime(2026, 5, 30, tzinfo=UTC)


def test_forced_format_on_the_wrong_shape() -> None:
    with pytest.raises(InputError) as caught:
        read_bytes(b'{"title": "x"}', where="x.json", source="x.json", fmt="hf-json")
    assert caught.value.one_line() == (
        "x.json: not Hugging Face daily papers: the top level is not a JSON array "
        "(give the /api/daily_papers response as saved, or choose another --format)"
    )
