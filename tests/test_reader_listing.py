from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import InputError
from generator.readers import detect_format, read_file
from generator.readers.listing import read
from tests.helpers import LONG, SAMPLE, write_listing


def test_bundled_sample_has_139_distinct_papers() -> None:
    result = read_file(SAMPLE)
    assert len(result.records) == 139
    assert len({r.title for r in result.records}) == 139
    assert result.warnings == ()
    first = result.records[0]
    assert first.title.startswith("AFSD-Physics: Exploring the governing equations")
    assert first.location.line == 3
    assert first.source == SAMPLE.name


def test_header_and_subscribe_are_dropped() -> None:
    text = (
        "Get trending papers in your email inbox once a day!\n"
        "Get trending papers in your email inbox!\n"
        f"SubscribeFirst Title\n{LONG}\nSecond Title\n{LONG}\n"
    )
    records, warnings = read(text, "x.txt", "x.txt")
    assert [r.title for r in records] == ["First Title", "Second Title"]
    assert warnings == []


def test_subscribe_is_only_stripped_from_the_first_title() -> None:
    records, _ = read(f"A\n{LONG}\nSubscribers of Rank\n{LONG}\n", "x", "x")
    assert [r.title for r in records] == ["A", "Subscribers of Rank"]


def test_crlf_bom_and_blank_lines(tmp_path: Path) -> None:
    text = f"\r\nTitle One\r\n\r\n{LONG}\r\n\r\n\r\nTitle Two\r\n{LONG}\r\n"
    path = tmp_path / "in.txt"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    result = read_file(path)
    assert [r.title for r in result.records] == ["Title One", "Title Two"]
    assert [r.location.line for r in result.records] == [2, 7]
    assert all("\r" not in r.abstract for r in result.records)


@pytest.mark.parametrize(
    "char", ["\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]
)
def test_line_separators_inside_a_line_do_not_split_records(char: str) -> None:
    text = f"Title{char}One\n{LONG}{char}More.\nTitle Two\n{LONG}\n"
    records, warnings = read(text, "x", "x")
    assert [r.title for r in records] == ["Title One", "Title Two"]
    assert records[0].abstract.endswith("More.")
    assert warnings == []


def test_title_without_abstract_is_reported_and_the_rest_stays_aligned() -> None:
    text = f"Title One\n{LONG}\nOrphan Title\nTitle Three\n{LONG}\n"
    records, warnings = read(text, "feed.txt", "feed.txt")
    assert [r.title for r in records] == ["Title One", "Title Three"]
    assert [str(w) for w in warnings] == ["feed.txt:3: title with no abstract after it; skipped"]


def test_abstract_without_title_is_reported() -> None:
    text = f"Title One\n{LONG}\n{LONG}\nTitle Two\n{LONG}\n"
    records, warnings = read(text, "feed.txt", "feed.txt")
    assert [r.title for r in records] == ["Title One", "Title Two"]
    assert [str(w) for w in warnings] == ["feed.txt:3: abstract with no title before it; skipped"]


def test_trailing_title_is_reported() -> None:
    records, warnings = read(f"Title One\n{LONG}\nLast Title\n", "f", "f")
    assert len(records) == 1
    assert [str(w) for w in warnings] == ["f:3: title with no abstract after it; skipped"]


def test_short_multi_sentence_abstract_is_an_abstract() -> None:
    records, warnings = read("Tiny\nWe do X. It works.\n", "f", "f")
    assert [(r.title, r.abstract) for r in records] == [("Tiny", "We do X. It works.")]
    assert warnings == []


def test_invalid_utf8_is_replaced_and_reported_by_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(b"Title \xff One\n" + LONG.encode() + b"\n")
    result = read_file(path)
    assert result.records[0].title == "Title \ufffd One"
    assert [str(w) for w in result.warnings] == [
        f"{path}:1: invalid UTF-8 replaced with U+FFFD (save the file as UTF-8)"
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "file is empty"),
        (b"\n\r\n  \n", "file is empty"),
        (b'[{"title": "x"', "not valid JSON: Expecting ',' delimiter at line 1 column 15"),
    ],
)
def test_unreadable_files_raise_one_clear_error(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "in.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        read_file(path)
    assert message in caught.value.one_line()
    assert str(path) in caught.value.one_line()


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_file(tmp_path / "nope.txt")


def test_helper_writes_the_real_layout(tmp_path: Path) -> None:
    path = write_listing(tmp_path / "l.txt", [("A Title", LONG), ("B Title", LONG)])
    assert [r.title for r in read_file(path).records] == ["A Title", "B Title"]


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ("[Re] Reproducing a Study\n" + LONG, "listing"),
        ("{Curly} Title\n" + LONG, "listing"),
        ("{true} Title\n" + LONG, "listing"),
        ('[{"title": "x"}]', "jsonl"),
        ('[\n  {"title": "x"}\n]', "jsonl"),
        ("[]", "jsonl"),
        ('{"title": "x"}\n{"title": "y"}\n', "jsonl"),
        ('[{"paper": {"id": "2601.00001"}}]', "hf-json"),
        ("<?xml version='1.0'?><feed/>", "arxiv-atom"),
    ],
)
def test_format_is_detected_from_content(text: str, fmt: str) -> None:
    assert detect_format(text) == fmt


def test_a_listing_whose_first_title_has_brackets_is_read_as_a_listing(tmp_path: Path) -> None:
    path = write_listing(tmp_path / "l.txt", [("[Re] Reproducing X", LONG)], header=False)
    assert [r.title for r in read_file(path).records] == ["[Re] Reproducing X"]
