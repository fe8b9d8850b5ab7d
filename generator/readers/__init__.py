"""Input formats behind one entry point: `read_bytes` detects the format and reads records.

Formats are told apart by content, never by file name: XML is an arXiv API response
(`arxiv-atom`), a JSON array of objects with a `paper` is Hugging Face daily papers
(`hf-json`), any other JSON (an array of records, or one object per line) is `jsonl`, and
plain text is the `listing` format.
"""

from __future__ import annotations

import json
from pathlib import Path

from generator.errors import InputError
from generator.models import Diagnostic
from generator.readers import arxiv_atom, hf_json, jsonl, listing
from generator.readers.result import ReadResult
from generator.text import decode, not_text

__all__ = ["FORMATS", "ReadResult", "detect_format", "read_bytes", "read_file"]

FORMATS = ("listing", "hf-json", "arxiv-atom", "jsonl")
MAX_INPUT_BYTES = 64 * 1024 * 1024
_NOT_PARSED = object()
# What may follow the opening bracket of JSON: a key or "}" in an object, a value or "]".
_JSON_AFTER_OPEN = {"{": frozenset('"}'), "[": frozenset('{["]-0123456789tfn')}


def _whole_json(text: str) -> object:
    """The input parsed as one JSON document, or _NOT_PARSED (JSON Lines, or broken)."""
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return _NOT_PARSED


def _json_start(stripped: str) -> bool:
    """Opens with a JSON array or object: `[` or `{` then a JSON value, a key or the close.
    A listing title such as "[Re] Reproducing ..." does not."""
    if not stripped.startswith(("[", "{")):
        return False
    rest = stripped[1:].lstrip()
    return not rest or rest[0] in _JSON_AFTER_OPEN[stripped[0]]


def detect_format(text: str, parsed: object = _NOT_PARSED) -> str:
    """Name the format of a decoded input from its content."""
    stripped = text.lstrip()
    if stripped.startswith("<"):
        return "arxiv-atom"
    if _json_start(stripped):
        if parsed is _NOT_PARSED:
            parsed = _whole_json(text)
        if hf_json.looks_like(parsed):
            return "hf-json"
        if parsed is _NOT_PARSED and stripped.startswith("["):
            raise InputError(
                f"not valid JSON: {_json_error(text)}",
                hint="fix the JSON, or give one JSON object per line",
            )
        return "jsonl"
    return "listing"


def _json_error(text: str) -> str:
    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        return f"{error.msg.removesuffix(' at')} at line {error.lineno} column {error.colno}"
    except RecursionError:
        return "nested too deeply"
    except ValueError:
        return "a number with too many digits"
    return "unreadable"


def read_file(path: Path, fmt: str | None = None) -> ReadResult:
    """Read one input file in the given or detected format."""
    where = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise InputError(
                f"file is {size} bytes, more than the {MAX_INPUT_BYTES} bytes accepted",
                where=where,
                hint="split it into smaller files",
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", where=where, hint="check the path") from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file", where=where, hint="name a file") from None
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror}", where=where) from None
    return read_bytes(data, where=where, source=path.name, fmt=fmt)


def read_bytes(data: bytes, *, where: str, source: str, fmt: str | None = None) -> ReadResult:
    """Parse the bytes of one input (a file, or a fetched response) in the given or detected
    format. `where` names it in messages; `source` is recorded on every paper it yields."""
    if fmt is not None and fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}", where=where, hint=f"use one of {FORMATS}")
    kind = not_text(data)
    if kind is not None:
        raise InputError(
            f"not UTF-8 text but {kind}",
            where=where,
            hint="give a listing saved as UTF-8 text, JSON or XML",
        )
    text, bad_lines = decode(data)
    if not text.strip():
        raise InputError("file is empty", where=where, hint="give a file with papers in it")
    parsed = _whole_json(text) if fmt in (None, "hf-json", "jsonl") else _NOT_PARSED
    try:
        fmt = fmt or detect_format(text, parsed)
    except InputError as error:
        raise InputError(error.what, where=where, hint=error.hint) from None
    if fmt == "hf-json":
        if parsed is _NOT_PARSED:
            raise InputError(f"not valid JSON: {_json_error(text)}", where=where)
        result = hf_json.read(parsed, where, source)
    elif fmt == "arxiv-atom":
        result = arxiv_atom.read(text, where, source)
    elif fmt == "jsonl":
        result = jsonl.read(text, where, source, parsed)
    else:
        records, rejected = listing.read(text, where, source=source)
        result = ReadResult(tuple(records), rejected=tuple(rejected))
    replaced = tuple(
        Diagnostic(f"{where}:{line}", "invalid UTF-8 replaced with U+FFFD (save the file as UTF-8)")
        for line in bad_lines
    )
    return ReadResult(result.records, replaced + result.warnings, result.rejected)
