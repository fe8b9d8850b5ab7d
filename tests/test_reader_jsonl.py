"""The plain-record reader: JSON Lines or a JSON array, with exact messages for bad records."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from generator.errors import InputError
from generator.models import Link
from generator.readers import ReadResult, detect_format, read_bytes

FULL = {
    "title": "A  Title\n",
    "abstract": "An abstract.",
    "authors": ["Ada Lovelace", "Ada Lovelace", " Grace Hopper "],
    "id": "arXiv:2601.00001v2",
    "url": "https://example.org/paper",
    "date": "2026-01-02",
    "tags": ["Robotics", "robotics", ""],
    "ignored": {"nested": True},
}


def read(text: str, fmt: str | None = None) -> ReadResult:
    return read_bytes(text.encode(), where="in.jsonl", source="in.jsonl", fmt=fmt)


def lines(*records: object) -> str:
    return "\n".join(json.dumps(r) for r in records) + "\n"


def test_full_record_is_normalized() -> None:
    (record,) = read(lines(FULL)).records
    assert record.title == "A Title"
    assert record.authors == ("Ada Lovelace", "Grace Hopper")
    assert record.arxiv_id == "2601.00001"
    assert record.published == datetime(2026, 1, 2, tzinfo=UTC)
    assert record.links == (
        Link("arxiv", "https://arxiv.org/abs/2601.00001"),
        Link("pdf", "https://arxiv.org/pdf/2601.00001"),
        Link("project", "https://example.org/paper"),
    )
    assert record.keywords == ("Robotics", "robotics")
    assert str(record.location) == "in.jsonl:1"


def test_title_alone_is_enough() -> None:
    (record,) = read('{"title": "Only a title"}').records
    assert (record.abstract, record.arxiv_id, record.links) == ("", None, ())


def test_json_array_of_records_counts_records() -> None:
    text = json.dumps([FULL, {"abstract": "no title"}], indent=2)
    assert detect_format(text) == "jsonl"
    result = read(text)
    assert len(result.records) == 1
    assert [str(d) for d in result.rejected] == ["in.jsonl: record 2: title: missing; skipped"]


BAD_LINES = [
    ('{"abstract": "x"}', "title: missing"),
    ('{"title": 42}', "title: must be a string, not int"),
    ('{"title": "x", "authors": "Ada"}', "authors: must be a list of strings, not str"),
    ('{"title": "x", "authors": ["A", 1]}', "authors[1]: must be a string, not int"),
    ('{"title": "x", "tags": {"a": 1}}', "tags: must be a list of strings, not an object"),
    ('{"title": "x", "date": "2026-13-45"}', "date: not an ISO 8601 date: '2026-13-45'"),
    ('{"title": "x", "date": 20260101}', "date: must be an ISO 8601 date string, not int"),
    (
        '{"title": "x", "id": "doi:10.1/x"}',
        "id: not an arXiv id (like 2401.12345): 'doi:10.1/x'",
    ),
    (
        '{"title": "x", "url": "javascript:alert(1)"}',
        "url: not an absolute http(s) URL: 'javascript:alert(1)'",
    ),
    (
        '{"title": "x",',
        "line: not valid JSON (Expecting property name enclosed in double quotes at column 15)",
    ),
    ('["title"]', "record: must be a JSON object"),
]


@pytest.mark.parametrize(("line", "problem"), BAD_LINES)
def test_bad_line_is_skipped_and_named(line: str, problem: str) -> None:
    result = read(lines({"title": "first"}) + line + "\n\n" + lines({"title": "last"}))
    assert [r.title for r in result.records] == ["first", "last"]
    assert [str(d) for d in result.rejected] == [f"in.jsonl:2: {problem}; skipped"]


def test_null_optional_fields_are_missing_fields() -> None:
    text = '{"title": "x", "abstract": null, "authors": null, "date": null, "id": null}'
    (record,) = read(text).records
    assert (record.abstract, record.authors, record.published, record.arxiv_id) == (
        "",
        (),
        None,
        None,
    )


def test_untrusted_text_is_cleaned_not_interpreted() -> None:
    record = {"title": "<b>x</b>\u202e\x00 [a](javascript:x)", "tags": ["<script>"]}
    (read_back,) = read(lines(record)).records
    assert read_back.title == "<b>x</b> [a](javascript:x)"
    assert read_back.keywords == ("<script>",)
    assert read_back.links == ()


def test_broken_json_array_is_one_clear_error() -> None:
    with pytest.raises(InputError) as caught:
        read('[{"title": "x"},\n')
    assert caught.value.one_line() == (
        "in.jsonl: not valid JSON: Expecting value at line 2 column 1 "
        "(fix the JSON, or give one JSON object per line)"
    )


def test_unknown_format_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        read("{}", fmt="csv")
    assert caught.value.one_line() == (
        "in.jsonl: unknown format 'csv' (use one of ('listing', 'hf-json', 'arxiv-atom', 'jsonl'))"
    )


def test_deeply_nested_json_is_an_error_not_a_crash() -> None:
    with pytest.raises(InputError) as caught:
        read("[" * 100_000)
    assert caught.value.one_line() == (
        "in.jsonl: not valid JSON: nested too deeply "
        "(fix the JSON, or give one JSON object per line)"
    )
    result = read(
        lines({"title": "ok"}) + '{"a": ' + "[" * 100_000 + "\n" + '{"a": ' + "1" * 5000 + "}\n"
    )
    assert [str(d) for d in result.rejected] == [
        "in.jsonl:2: line: not valid JSON (nested too deeply); skipped",
        "in.jsonl:3: line: not valid JSON (a number with too many digits); skipped",
    ]
    with pytest.raises(InputError, match="not valid JSON: a number with too many digits"):
        read("[" + "1" * 5000 + ",")
