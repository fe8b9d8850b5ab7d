"""Cleaning of untrusted text at the boundary: everything downstream trusts these guarantees.

Clean text has no characters that XML 1.0 forbids, no bidirectional overrides or isolates,
no line breaks, and single spaces between words. Nothing else is changed: Markdown, HTML and
template syntax stay exactly as given (they are escaped on output, never interpreted).
"""

from __future__ import annotations

import re

# XML 1.0 forbids C0 controls other than tab/LF/CR, lone surrogates, U+FFFE and U+FFFF.
# Bidi embeddings/overrides/isolates can make displayed text differ from its logical order.
_REMOVED = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f"
    "\ud800-\udfff\ufffe\uffff\u202a-\u202e\u2066-\u2069]"
)


def clean_text(raw: str) -> str:
    """Remove unshowable characters and collapse all whitespace runs to one space."""
    # \x0b, \x0c and \x1c-\x1f count as whitespace for str.split(); treat them as separators,
    # not as glue, so "a\x0bb" reads as "a b".
    spaced = re.sub("[\x0b\x0c\x1c-\x1f\x85]", " ", raw)
    return " ".join(_REMOVED.sub("", spaced).split())


def split_lines(data: str) -> list[str]:
    """Split on "\\n" only (with an optional "\\r" before it).

    `str.splitlines()` would also split on \\x0b, \\x0c, \\x1c-\\x1e, \\x85, \\u2028 and \\u2029,
    which occur inside scraped text and would misalign a line-oriented format.
    """
    return [line.removesuffix("\r") for line in data.split("\n")]


def decode(data: bytes) -> tuple[str, list[int]]:
    """Decode UTF-8 (with or without BOM); invalid bytes become U+FFFD.

    Returns the text and the numbers of the lines where bytes were replaced, so that the
    caller can warn about each one instead of failing the whole file.
    """
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        text = data.decode("utf-8-sig", errors="replace")
        lines = split_lines(text)
        return text, [number for number, line in enumerate(lines, start=1) if "\ufffd" in line]
