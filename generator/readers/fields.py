"""Checked access to the fields of one structured record (JSON object, XML entry).

A reader calls these while building a Record; the first bad field raises BadField, and the
reader turns it into a Diagnostic naming the file, the record and the field, skips the record
and goes on with the next. Every value that comes out is normalized: clean text (no line
breaks or control characters), aware UTC datetimes, version-less arXiv ids.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from typing import TypeVar

from dateutil.parser import isoparse

from generator.links import arxiv_id
from generator.models import Diagnostic, Location, Record
from generator.readers.result import ReadResult
from generator.text import clean_text

MAX_SHOWN = 40


class BadField(Exception):
    """A field of a record is missing or malformed; the record is skipped."""

    def __init__(self, name: str, problem: str) -> None:
        super().__init__(f"{name}: {problem}")
        self.name = name
        self.problem = problem


def rejection(location: Location, error: BadField) -> Diagnostic:
    """The message for a skipped record: `file: record N: field: problem; skipped`."""
    return Diagnostic(str(location), f"{error.name}: {error.problem}; skipped")


def shown(value: object) -> str:
    """A short, single-line rendering of a bad value for a message."""
    text = clean_text(repr(value))
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"


def _type_name(value: object) -> str:
    return {dict: "an object", list: "a list", bool: "true/false", type(None): "null"}.get(
        type(value), type(value).__name__
    )


def text(data: Mapping[str, object], name: str, *, required: bool = False, label: str = "") -> str:
    """A string field, cleaned. Missing, null or blank is "" unless `required`."""
    label = label or name
    value = data.get(name)
    if value is None:
        if required:
            raise BadField(label, "missing")
        return ""
    if not isinstance(value, str):
        raise BadField(label, f"must be a string, not {_type_name(value)}")
    cleaned = clean_text(value)
    if required and not cleaned:
        raise BadField(label, "empty")
    return cleaned


def names(values: object, label: str) -> tuple[str, ...]:
    """A list of strings, cleaned, blanks and repeats dropped, order kept."""
    if values is None:
        return ()
    if not isinstance(values, list):
        raise BadField(label, f"must be a list of strings, not {_type_name(values)}")
    result: list[str] = []
    for index, value in enumerate(values):
        if not isinstance(value, str):
            raise BadField(f"{label}[{index}]", f"must be a string, not {_type_name(value)}")
        result.append(clean_text(value))
    return tuple(dict.fromkeys(name for name in result if name))


def timestamp(value: object, label: str) -> datetime | None:
    """An ISO 8601 date or datetime as aware UTC; a value without offset is taken as UTC."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise BadField(label, f"must be an ISO 8601 date string, not {_type_name(value)}")
    try:
        parsed = isoparse(value.strip())
        return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
    except (ValueError, OverflowError):
        raise BadField(label, f"not an ISO 8601 date: {shown(value)}") from None


def arxiv(value: object, label: str, *, required: bool = False) -> str | None:
    """A version-less arXiv id from an id, `arXiv:` id or abs URL."""
    if value is None or value == "":
        if required:
            raise BadField(label, "missing")
        return None
    if not isinstance(value, str):
        raise BadField(label, f"must be a string, not {_type_name(value)}")
    identifier = arxiv_id(value)
    if identifier is None:
        raise BadField(label, f"not an arXiv id (like 2401.12345): {shown(value)}")
    return identifier


Item = TypeVar("Item")
Maker = Callable[[Item, Location], tuple[Record, list[str]]]


def read_items(items: Iterable[tuple[Location, Item]], make: Maker[Item]) -> ReadResult:
    """Build a record from each item; a bad item is skipped with a message naming its field.

    `make` returns the record and messages about optional values it dropped (a bad link, a
    nameless author), which become
    warnings: the record itself is kept.
    """
    records: list[Record] = []
    rejected: list[Diagnostic] = []
    warnings: list[Diagnostic] = []
    for location, item in items:
        try:
            record, dropped = make(item, location)
        except BadField as error:
            rejected.append(rejection(location, error))
            continue
        records.append(record)
        warnings.extend(Diagnostic(str(location), problem) for problem in dropped)
    return ReadResult(tuple(records), tuple(warnings), tuple(rejected))
