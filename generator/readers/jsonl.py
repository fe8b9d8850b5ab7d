"""Plain records, one JSON object per line (JSON Lines) or a JSON array of them.

The documented format for any other source. Fields: `title` (required), `abstract`,
`authors` (list of strings), `id` (arXiv id: bare, `arXiv:`, versioned or an abs URL),
`url` (the paper's web page, an absolute http(s) URL), `date` (ISO 8601 date or datetime,
UTC if no offset), `tags` (list of strings). Other fields are ignored. A record with a bad
field is skipped with a message naming its line (or array index) and the field.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from generator.links import arxiv_links, web_link
from generator.models import Location, Record
from generator.readers import fields
from generator.readers.fields import BadField
from generator.readers.result import ReadResult
from generator.text import split_lines


class _Unreadable:
    """A line that is not JSON, kept so that its record number can be reported."""

    def __init__(self, problem: str) -> None:
        self.problem = problem


def _record(data: object, location: Location, source: str) -> tuple[Record, list[str]]:
    if isinstance(data, _Unreadable):
        raise BadField("line", data.problem)
    if not isinstance(data, dict):
        raise BadField("record", "must be a JSON object")
    identifier = fields.arxiv(data.get("id"), "id")
    links = list(arxiv_links(identifier)) if identifier else []
    url = fields.text(data, "url")
    if url:
        link = web_link("project", url)
        if link is None:
            raise BadField("url", f"not an absolute http(s) URL: {fields.shown(url)}")
        links.append(link)
    record = Record(
        title=fields.text(data, "title", required=True),
        abstract=fields.text(data, "abstract"),
        location=location,
        source=source,
        arxiv_id=identifier,
        authors=fields.names(data.get("authors"), "authors"),
        published=fields.timestamp(data.get("date"), "date"),
        links=tuple(links),
        keywords=fields.names(data.get("tags"), "tags"),
    )
    return record, []


def _lines(text: str, where: str) -> Iterator[tuple[Location, object]]:
    for number, line in enumerate(split_lines(text), start=1):
        if not line.strip():
            continue
        value: object
        try:
            value = json.loads(line)
        except json.JSONDecodeError as error:
            # json's messages may end in " at" ("Unterminated string starting at").
            message = error.msg.removesuffix(" at")
            value = _Unreadable(f"not valid JSON ({message} at column {error.colno})")
        except RecursionError:
            value = _Unreadable("not valid JSON (nested too deeply)")
        except ValueError:  # a number too long to convert
            value = _Unreadable("not valid JSON (a number with too many digits)")
        yield Location(where, line=number), value


def read(text: str, where: str, source: str, parsed: object = None) -> ReadResult:
    """Records from JSON Lines, or from `parsed` when the whole input is one JSON document
    (an array of records, or a single record over several lines)."""
    items: Iterable[tuple[Location, object]]
    if isinstance(parsed, dict) and len([x for x in split_lines(text) if x.strip()]) > 1:
        parsed = [parsed]  # one record written over several lines
    if isinstance(parsed, list):
        items = ((Location(where, record=n), v) for n, v in enumerate(parsed, start=1))
    else:
        items = _lines(text, where)
    return fields.read_items(items, lambda value, location: _record(value, location, source))
