"""arXiv API responses: an Atom feed with one `entry` per paper, read by namespace.

The XML parser is defusedxml's: entity declarations and external references are refused, so a
response can neither expand into gigabytes nor make the parser fetch anything. Titles and
abstracts that older responses wrap across indented lines are joined into single-spaced text.
The entry's version (`v2`) is dropped from the id; abstract and PDF links are built from the
id. Categories become tags under readable names (generator.categories), primary first.
`arxiv:comment` is kept as the paper's comment (text only: a URL in it never becomes a link);
`arxiv:journal_ref` is not kept.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from generator.categories import category_name
from generator.errors import InputError
from generator.links import arxiv_links, doi_link
from generator.models import Link, Location, Record
from generator.readers import fields
from generator.readers.fields import BadField
from generator.readers.result import ReadResult
from generator.text import clean_text

ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"
ERROR_ID_PREFIX = "http://arxiv.org/api/errors"


def _text(entry: Element, tag: str, *, required: bool = False) -> str:
    name = tag.removeprefix(ATOM).replace(ARXIV, "arxiv:")
    element = entry.find(tag)
    if element is None or element.text is None:
        if required:
            raise BadField(name, "missing")
        return ""
    value = clean_text(element.text)
    if required and not value:
        raise BadField(name, "empty")
    return value


def _categories(entry: Element) -> tuple[str, ...]:
    primary = entry.find(f"{ARXIV}primary_category")
    terms = [primary.get("term", "")] if primary is not None else []
    terms += [c.get("term", "") for c in entry.findall(f"{ATOM}category")]
    names = (category_name(clean_text(term)) for term in terms if clean_text(term))
    return tuple(dict.fromkeys(names))


def _record(entry: Element, location: Location, source: str) -> tuple[Record, list[str]]:
    if _text(entry, f"{ATOM}id").startswith(ERROR_ID_PREFIX):
        raise InputError(
            f"the arXiv API answered with an error: {_text(entry, f'{ATOM}summary')}",
            where=str(location),
            hint="fix the query",
        )
    identifier = fields.arxiv(_text(entry, f"{ATOM}id", required=True), "id", required=True)
    assert identifier is not None
    links: list[Link] = list(arxiv_links(identifier))
    dropped = []
    doi = _text(entry, f"{ARXIV}doi")
    if doi:
        link = doi_link(doi.split()[0])
        if link is None:
            dropped.append(f"arxiv:doi: not a DOI: {fields.shown(doi)}; link dropped")
        else:
            links.append(link)
    authors = [_text(author, f"{ATOM}name") for author in entry.findall(f"{ATOM}author")]
    dropped += [f"author[{i}]: no name; left out" for i, a in enumerate(authors) if not a]
    record = Record(
        title=_text(entry, f"{ATOM}title", required=True),
        abstract=_text(entry, f"{ATOM}summary", required=True),
        location=location,
        source=source,
        arxiv_id=identifier,
        authors=tuple(dict.fromkeys(a for a in authors if a)),
        published=fields.timestamp(_text(entry, f"{ATOM}published"), "published"),
        updated=fields.timestamp(_text(entry, f"{ATOM}updated"), "updated"),
        links=tuple(links),
        keywords=_categories(entry),
        comment=_text(entry, f"{ARXIV}comment"),
    )
    return record, dropped


def parse(text: str, where: str) -> Element:
    """The feed element of an Atom document, parsed without entities or network access."""
    try:
        root: Element = SafeET.fromstring(text)
    except DefusedXmlException as error:
        raise InputError(
            f"XML refused: {type(error).__name__} (entity declarations are not allowed)",
            where=where,
            hint="give an arXiv API response as saved",
        ) from None
    except ParseError as error:
        raise InputError(
            f"not well-formed XML: {error}",
            where=where,
            hint="if it is a listing whose first title starts with '<', pass --format listing",
        ) from None
    if root.tag != f"{ATOM}feed":
        raise InputError(
            f"not an Atom feed (root element {clean_text(root.tag)!r})",
            where=where,
            hint="give an arXiv API response, or choose another --format",
        )
    return root


def read(text: str, where: str, source: str) -> ReadResult:
    """Records from an arXiv API response, one per entry."""
    entries = parse(text, where).findall(f"{ATOM}entry")
    items = ((Location(where, record=n), entry) for n, entry in enumerate(entries, start=1))
    return fields.read_items(items, lambda entry, location: _record(entry, location, source))
