"""The listing text format: a Hugging Face papers listing copied as text.

Two header lines ("Get trending papers in your email inbox..."), then one line per title and
one per abstract. The first title has the "Subscribe" button's label glued to its front.
A title is told from an abstract by its shape, so that a missing line costs one record and a
warning, never a silent misalignment of every record after it.
"""

from __future__ import annotations

import re

from generator.models import Diagnostic, Location, Record
from generator.text import clean_text, split_lines

HEADER_PREFIX = "get trending papers in your email inbox"
SUBSCRIBE = "Subscribe"
# Titles in real listings are at most ~200 characters; abstracts are several sentences.
ABSTRACT_MIN_CHARS = 200
_SENTENCE_BREAK = re.compile(r"[.!?]\s+\S")


def looks_like_abstract(line: str) -> bool:
    """An abstract is long, or is several sentences; a title is neither."""
    if len(line) >= ABSTRACT_MIN_CHARS:
        return True
    return line.endswith((".", "!", "?")) and _SENTENCE_BREAK.search(line) is not None


def read(text: str, where: str, source: str) -> tuple[list[Record], list[Diagnostic]]:
    """Pair title and abstract lines into records; report every line that cannot be paired."""
    records: list[Record] = []
    warnings: list[Diagnostic] = []
    pending: tuple[int, str] | None = None
    first_title = True
    for number, raw in enumerate(split_lines(text), start=1):
        line = clean_text(raw)
        if not line:
            continue
        if first_title and line.casefold().startswith(HEADER_PREFIX):
            continue
        if pending is None:
            if looks_like_abstract(line):
                warnings.append(
                    Diagnostic(f"{where}:{number}", "abstract with no title before it; skipped")
                )
                continue
            if first_title and line.startswith(SUBSCRIBE) and len(line) > len(SUBSCRIBE):
                line = line[len(SUBSCRIBE) :].lstrip()
            first_title = False
            pending = (number, line)
        elif looks_like_abstract(line):
            title_line, title = pending
            records.append(Record(title, line, Location(where, line=title_line), source))
            pending = None
        else:
            warnings.append(
                Diagnostic(f"{where}:{pending[0]}", "title with no abstract after it; skipped")
            )
            pending = (number, line)
    if pending is not None:
        warnings.append(
            Diagnostic(f"{where}:{pending[0]}", "title with no abstract after it; skipped")
        )
    return records, warnings
