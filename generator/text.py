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


_MAGIC = {
    b"\x1f\x8b": "gzip data",
    b"PK\x03\x04": "a zip archive",
    b"%PDF-": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\xff\xfe": "UTF-16 text",
    b"\xfe\xff": "UTF-16 text",
}
# Text with a few bad bytes (or NULs) is decoded with replacements and a warning per line; past
# this share of them it is not UTF-8 text at all, and reading it would publish garbage.
MAX_INVALID_SHARE = 0.05
_SNIFF_BYTES = 64 * 1024


def not_text(data: bytes) -> str | None:
    """What `data` is if it is not UTF-8 text (`"gzip data"`, `"binary data"`), else None."""
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            return kind
    head = data[:_SNIFF_BYTES]
    invalid = len(head) - len(head.decode("utf-8", errors="ignore").encode("utf-8"))
    if invalid + head.count(b"\x00") > max(16, MAX_INVALID_SHARE * len(head)):
        return "binary data, or text in another encoding than UTF-8"
    return None


def counted(number: int, noun: str) -> str:
    """`1 paper`, `1,234 papers`."""
    return f"{number:,} {noun}{'' if number == 1 else 's'}"
