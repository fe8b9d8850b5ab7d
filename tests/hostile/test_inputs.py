"""Broken and oversized inputs through the real command: one clear line each, never a
traceback, and nothing written when the build stops."""

from __future__ import annotations

import gzip
import io
import signal
import sys
import zipfile
from pathlib import Path

import pytest

from generator.cli import main
from generator.entry import INTERRUPTED
from generator.readers import MAX_INPUT_BYTES, read_file
from tests.helpers import LONG, SAMPLE, write_listing

ERROR_HINT = "(give a listing saved as UTF-8 text, JSON or XML)"


def run(project: Path, *args: str) -> int:
    return main(["--config", str(project / "mkdocs.yml"), *args])


def nothing_written(project: Path) -> bool:
    return (
        not (project / "data" / "archive").exists() and not (project / "docs" / "papers").exists()
    )


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("listing.txt", SAMPLE.read_bytes())
    return buffer.getvalue()


BROKEN = [
    ("empty.txt", b"", "file is empty (give a file with papers in it)"),
    ("blank.txt", b"\xef\xbb\xbf\n \r\n\t\n", "file is empty (give a file with papers in it)"),
    (
        "listing.txt",
        gzip.compress(SAMPLE.read_bytes(), mtime=0),
        f"not UTF-8 text but gzip data {ERROR_HINT}",
    ),
    ("listing.json", _zip(), f"not UTF-8 text but a zip archive {ERROR_HINT}"),
    (
        "paper.txt",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
        f"not UTF-8 text but a PDF document {ERROR_HINT}",
    ),
    (
        "figure.xml",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        f"not UTF-8 text but a PNG image {ERROR_HINT}",
    ),
    (
        "windows.txt",
        SAMPLE.read_text().encode("utf-16"),
        f"not UTF-8 text but UTF-16 text {ERROR_HINT}",
    ),
    (
        "random.txt",
        bytes((i * 7919 + 13) % 256 for i in range(4096)),
        f"not UTF-8 text but binary data, or text in another encoding than UTF-8 {ERROR_HINT}",
    ),
    (
        "page.xml",
        b"<!DOCTYPE html>\n<html><body><script>alert(1)</script></body></html>\n",
        "not an Atom feed (root element 'html') "
        "(give an arXiv API response, or choose another --format)",
    ),
    (
        "feed.xml",
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>',
        "not an Atom feed (root element 'rss') "
        "(give an arXiv API response, or choose another --format)",
    ),
    (
        "bomb.xml",
        b'<?xml version="1.0"?><!DOCTYPE f [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]>'
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>&b;</title></feed>',
        "XML refused: EntitiesForbidden (entity declarations are not allowed) "
        "(give an arXiv API response as saved)",
    ),
    (
        "truncated.json",
        b'[{"title": "A", "abstract": "B"}, {"title": ',
        "not valid JSON: Expecting value at line 1 column 45 "
        "(fix the JSON, or give one JSON object per line)",
    ),
]


@pytest.mark.parametrize(("name", "data", "message"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_file_is_one_line_and_nothing_is_written(
    project: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes, message: str
) -> None:
    path = project / name
    path.write_bytes(data)
    assert run(project, "build", "--input", str(path)) == 1
    captured = capsys.readouterr()
    assert captured.err == f"paperfeed: error: {path}: {message}\n"
    assert captured.out == ""
    assert nothing_written(project)


def test_a_folder_and_an_oversized_file(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(project, "build", "--input", str(project / "docs")) == 1
    assert capsys.readouterr().err == (
        f"paperfeed: error: {project / 'docs'}: is a directory, not a file (name a file)\n"
    )
    huge = project / "huge.txt"
    with huge.open("wb") as handle:  # sparse: no 64 MB written
        handle.truncate(MAX_INPUT_BYTES + 1)
    assert run(project, "build", "--input", str(huge)) == 1
    assert capsys.readouterr().err == (
        f"paperfeed: error: {huge}: file is {MAX_INPUT_BYTES + 1} bytes, more than the "
        f"{MAX_INPUT_BYTES} bytes accepted (split it into smaller files)\n"
    )
    assert nothing_written(project)


def test_invalid_utf8_is_replaced_with_a_warning_per_line_and_fails_strict(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = project / "latin1.txt"
    path.write_bytes(
        b"Caf\xe9 society title\n" + f"About caf\xe9s. {LONG}".encode("latin-1") + b"\n"
        b"Fine title\n" + LONG.encode() + b"\n"
    )
    assert run(project, "build", "--strict", "--no-site", "--input", str(path)) == 3
    assert capsys.readouterr().err.splitlines() == [
        f"warning: {path}:1: invalid UTF-8 replaced with U+FFFD (save the file as UTF-8)",
        f"warning: {path}:2: invalid UTF-8 replaced with U+FFFD (save the file as UTF-8)",
        "paperfeed: error: 2 input warnings (fix the input or run without --strict)",
    ]
    assert nothing_written(project)
    assert run(project, "build", "--no-site", "--input", str(path)) == 0
    assert "2 warnings" in capsys.readouterr().out
    titles = [r.title for r in read_file(path).records]
    assert titles == ["Caf\ufffd society title", "Fine title"]


def test_a_10_mb_input_file_is_read_whole(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    count = 10_000_000 // (5 * len(LONG) + 60) + 1
    path = write_listing(
        project / "big.txt",
        [(f"Big input paper number {i}", f"Abstract {i}. {LONG * 5}") for i in range(count)],
    )
    assert path.stat().st_size > 9_500_000
    assert run(project, "--quiet", "ingest", str(path), "--date", "2026-11-27") == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1].startswith(
        f"{count:,} records read from 1 file ({count} new, 0 updated, 0 unchanged, 0 merged; "
        "0 rejected)"
    )


def test_interrupt_while_loading_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ctrl-C while the libraries load (before the CLI can catch anything) is still one line."""
    from generator import entry

    class Loading:
        def __getattr__(self, name: str) -> object:
            raise KeyboardInterrupt

    monkeypatch.setitem(sys.modules, "generator.cli", Loading())
    previous = signal.getsignal(signal.SIGTERM)
    try:
        assert entry.main() == 130
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert capsys.readouterr().err == f"{INTERRUPTED}\n"
