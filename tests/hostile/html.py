"""Reading built pages the way a browser would, to tell input-made markup from template markup.

Pages are parsed with BeautifulSoup, never grepped. A page's *skeleton* is the sequence of its
elements with their attribute names: text never changes it, so two pages built from the same
template have the same skeleton unless input text became an element or an attribute.
"""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup, Tag

Skeleton = list[tuple[str, tuple[str, ...]]]

# Attributes that may carry text derived from input, shown as text (never as a URL or code).
TEXT_ATTRIBUTES = frozenset({"content", "title", "aria-label", "alt", "datetime"})
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "data")


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def fragment(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def skeleton(node: Tag) -> Skeleton:
    return [(el.name, tuple(sorted(el.attrs))) for el in node.find_all(True)]


def elements(html: str) -> list[str]:
    """The names of the elements a browser would create from an HTML fragment."""
    return [el.name for el in fragment(html).find_all(True)]


def text(html: str) -> str:
    """What a browser shows for an HTML fragment (entities decoded, tags dropped)."""
    return fragment(html).get_text()


def attribute_values(page: BeautifulSoup) -> list[tuple[str, str, str]]:
    """Every (element, attribute, value) of a page, list values joined."""
    found = []
    for el in page.find_all(True):
        for name, value in el.attrs.items():
            joined = " ".join(value) if isinstance(value, list) else str(value)
            found.append((el.name, name, joined))
    return found
