"""TeX math in untrusted text: split into literal text and math segments, render to safe HTML.

Abstracts (and some titles) carry TeX as arXiv writes it: `$...$`, `$$...$$`, `\\(...\\)`,
`\\[...\\]`. The page shows text segments as escaped text and wraps each math segment, escaped
too, in `<span class="arithmatex">\\(...\\)</span>` (display math: `\\[...\\]`), the markup of
pymdownx.arithmatex's generic mode; the site's own KaTeX renders those spans in the browser
(theme/assets/javascripts/paperfeed-math.js). Nothing outside a math segment changes.

A single `$` opens math only when a non-space follows it, and closes only when a non-space
precedes it and no digit follows (pandoc's rule), so prices like "$5 and $10" stay text; a
`$` without a partner, or escaped as `\\$`, stays literal. Inline math longer than
MAX_INLINE characters stays literal too: that is a stray `$` pairing up across prose (real
inline formulas are short), which would otherwise turn sentences into one unbreakable formula.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.escape import html_text

MAX_INLINE = 200

_MATH = re.compile(
    r"""
      \$\$(?P<display>[^$]+?)\$\$
    | \\\[(?P<bracket>.+?)\\\]
    | \\\((?P<paren>.+?)\\\)
    | (?<![\\$])\$(?P<inline>[^\s$](?:[^$]*?[^\s\\$])?)\$(?![\d$])
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of literal text, or a TeX formula (without its delimiters)."""

    text: str
    math: bool = False
    display: bool = False


def segments(text: str) -> tuple[Segment, ...]:
    """`text` as literal-text and math segments, in order; joined back they give the text
    (delimiters aside)."""
    parts: list[Segment] = []
    position = 0
    for match in _MATH.finditer(text):
        if match.start() > position:
            parts.append(Segment(text[position : match.start()]))
        display = match.group("display") or match.group("bracket")
        formula = display or match.group("paren") or match.group("inline")
        if not formula.strip() or (display is None and len(formula) > MAX_INLINE):
            parts.append(Segment(match.group(0)))
        else:
            parts.append(Segment(formula, math=True, display=display is not None))
        position = match.end()
    if position < len(text):
        parts.append(Segment(text[position:]))
    return tuple(parts)


def has_math(text: str) -> bool:
    return any(segment.math for segment in segments(text))


def _segment_html(segment: Segment) -> str:
    if not segment.math:
        return html_text(segment.text)
    if segment.display:
        return f'<span class="arithmatex arithmatex-display">\\[{html_text(segment.text)}\\]</span>'
    return f'<span class="arithmatex">\\({html_text(segment.text)}\\)</span>'


def math_html(text: str) -> str:
    """`text` as HTML element content: escaped text, math wrapped for KaTeX."""
    return "".join(_segment_html(segment) for segment in segments(text))


def plain_text(text: str) -> str:
    """What `math_html(text)` shows before KaTeX runs: math in `\\(...\\)` / `\\[...\\]`."""
    out = []
    for segment in segments(text):
        if not segment.math:
            out.append(segment.text)
        elif segment.display:
            out.append(f"\\[{segment.text}\\]")
        else:
            out.append(f"\\({segment.text}\\)")
    return "".join(out)


def snippet_html(text: str, limit: int) -> str:
    """The first `limit` characters or so of `text` as `math_html`, cut at a word boundary and
    never inside a formula (a formula that does not fit ends the snippet). Display formulas
    are shown inline: a snippet is a few lines of text."""
    out: list[str] = []
    used = 0
    for segment in segments(text):
        room = limit - used
        if segment.math:
            if len(segment.text) > room:
                out.append("…")
                break
            out.append(_segment_html(Segment(segment.text, math=True)))
            used += len(segment.text)
            continue
        if len(segment.text) <= room:
            out.append(html_text(segment.text))
            used += len(segment.text)
            continue
        cut = segment.text[:room].rsplit(" ", 1)[0] if " " in segment.text[:room] else ""
        out.append(html_text(cut.rstrip()) + "…")
        break
    return "".join(out)
