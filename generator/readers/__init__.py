"""Input formats behind one entry point: `read_file` detects the format and reads records."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import InputError
from generator.models import Diagnostic, Record
from generator.readers import listing
from generator.text import decode


@dataclass(frozen=True, slots=True)
class ReadResult:
    """The records of one file and the warnings about what could not be read."""

    records: tuple[Record, ...]
    warnings: tuple[Diagnostic, ...] = field(default=())


FORMATS = ("listing",)
MAX_INPUT_BYTES = 64 * 1024 * 1024


def detect_format(text: str) -> str:
    """Name the format of a decoded input. Only the listing text format exists so far."""
    stripped = text.lstrip()
    if stripped.startswith(("{", "[", "<")):
        raise InputError(
            "looks like JSON or XML, which is not a supported input format yet",
            hint="give a Hugging Face papers listing saved as text",
        )
    return "listing"


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
    text, bad_lines = decode(data)
    if not text.strip():
        raise InputError("file is empty", where=where, hint="give a file with papers in it")
    try:
        fmt = fmt or detect_format(text)
    except InputError as error:
        raise InputError(error.what, where=where, hint=error.hint) from None
    if fmt != "listing":
        raise InputError(f"unknown format {fmt!r}", where=where, hint=f"use one of {FORMATS}")
    records, warnings = listing.read(text, where, source=source)
    replaced = tuple(
        Diagnostic(f"{where}:{line}", "invalid UTF-8 replaced with U+FFFD (save the file as UTF-8)")
        for line in bad_lines
    )
    return ReadResult(tuple(records), replaced + tuple(warnings))
