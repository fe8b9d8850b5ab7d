"""The hostile corpus: titles and abstracts that try to become markup, script, links, YAML
structure or paths, or that carry characters no page or feed may contain.

Every payload that could run script sets `window.__pwned` (or calls alert), so the browser
tests can tell whether anything from input ran. Cases are Python literals so that invisible
characters are visible in review; `write_corpus` turns them into input files.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from generator.text import clean_text
from tests.helpers import LONG, write_listing

PWNED = "window.__pwned"


@dataclass(frozen=True)
class Case:
    """One hostile paper: a name for messages, its raw title and its raw abstract."""

    name: str
    title: str
    abstract: str

    @property
    def shown_title(self) -> str:
        """What a reader must see: the input after the documented cleaning (generator.text)."""
        return clean_text(self.title)

    @property
    def shown_abstract(self) -> str:
        return clean_text(self.abstract)


def _abstract(payload: str) -> str:
    """An abstract the listing reader recognises as one, with the payload at both ends."""
    return f"{payload} {LONG}{payload} {LONG}"


_TITLES: list[tuple[str, str]] = [
    # HTML: elements, attributes, breaking out of <title>, attributes and comments.
    ("script", f"<script>{PWNED}=1</script> Script in a title"),
    ("img-onerror", f'<img src=x onerror="{PWNED}=2;alert(2)"> Image with onerror'),
    ("title-breakout", f"</title><script>{PWNED}=3</script><title>"),
    ("attr-breakout", f"\"><svg onload={PWNED}=4> and '><b onmouseover={PWNED}=5>x</b>"),
    ("textarea-breakout", f"</textarea></noscript></style><script>{PWNED}=6</script>"),
    ("comment", f"<!-- hidden --> visible --> <![CDATA[ {PWNED}=7 ]]> ]]> end"),
    ("iframe", f'<iframe srcdoc="<script>parent.{PWNED}=8</script>"></iframe> framed'),
    ("meta-base", '<meta http-equiv="refresh" content="0;url=http://127.0.0.9/"><base href=//x/>'),
    ("style", "<style>body{display:none}</style><link rel=stylesheet href=//127.0.0.9/x.css>"),
    ("mxss", f"<math><mtext><table><mglyph><style><img src=x onerror={PWNED}=9>"),
    ("svg", f"<svg><a xlink:href=javascript:{PWNED}=10><text>svg link</text></a></svg>"),
    # Entities must stay literal: "&amp;" is shown as "&amp;", never as "&".
    ("entities", "&amp; &lt;b&gt; &#60;i&#62; &#x3C;script&#x3E; &copy; &nbsp;&unknown; & <"),
    # Markdown, including the extensions the site enables (attr_list, md_in_html, tables).
    ("md-inline", "*em* _under_ **strong** __bold__ `code` ``two`` ~~del~~ ==mark== ^^ins^^"),
    ("md-links", f"[link](javascript:{PWNED}=11) ![img](x) [ref][1] <https://127.0.0.9/auto>"),
    ("md-autolink", "Mail <evil@example.org> and https://127.0.0.9/bare and www.example.org"),
    ("md-attr-list", f'Attr list {{ onclick="{PWNED}=12" }} {{: #id .cls }} {{#anchor}}'),
    ("md-in-html", f'<div markdown="1">**bold** {{ onclick="{PWNED}=13" }}</div>'),
    ("md-block-heading", "# Not a heading"),
    ("md-block-quote", "> Not a quote"),
    ("md-block-list", "- not a list item"),
    ("md-block-ordered", "1. not an ordered list"),
    ("md-table", "| not | a table |"),
    ("md-fence", "```html and ~~~ fences"),
    ("md-escapes", r"Back\slash \*not em\* \\ \` \< \& \[ \] \_"),
    ("md-footnote", "Footnote[^1] and *[HTML]: abbreviation and [^1]: note"),
    ("md-hr", "***"),
    # Templates: Jinja (ours and MkDocs'), other template languages.
    ("jinja", "{{ config.site_name }} {% if true %}yes{% endif %} {# comment #} {{ 7*7 }}"),
    ("jinja-raw", "{% raw %}{{ x }}{% endraw %} {%- set x = 1 -%} ${7*7} #{7*7}"),
    # YAML-looking text, as titles and as front-matter structure.
    ("yaml-doc", "---"),
    ("yaml-key", "title: injected"),
    ("yaml-tag", "!!python/object/apply:os.system ['true']"),
    ("yaml-flow", "{a: 1, b: [2, 3]} & *anchor | > %YAML"),
    # Link-like text that must never become a link target.
    ("javascript-url", f"javascript:{PWNED}=14"),
    ("data-url", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="),
    # Characters that must be removed: XML-illegal controls, bidi overrides and isolates.
    ("controls", "Nul\x00 bell\x07 esc\x1b[31m del\x7f c1\x85\x9b end"),
    ("bidi", "Safe \u202eexe.txt\u202c and \u2066isolate\u2069 \u202aembed\u202c"),
    ("separators", "Line\u2028sep\u2029para \x0bvt \x0cff"),
    # Addresses: empty after slugifying, path-like, reserved, near-duplicates.
    ("slug-empty", "???"),
    ("slug-emoji", "\U0001f916\U0001f680"),
    ("slug-cjk", "\u6df1\u5ea6\u5b66\u4e60"),
    ("slug-path", "../../etc/passwd"),
    ("slug-win-path", "..\\..\\windows\\system32 C:\\ CON"),
    ("slug-index", "index"),
    ("slug-tags", "Tags"),
    ("slug-papers", "papers"),
    ("slug-search", "search"),
    ("slug-dot", ".hidden"),
    ("near-dup-plain", "X"),
    ("near-dup-bang", "X!"),
    ("near-dup-question", "X?"),
    # TeX: literal until math rendering exists, never executable.
    ("tex", r"Math $x^2 + \frac{a}{b}$ and $\href{javascript:alert(1)}{click}$"),
]

CASES: tuple[Case, ...] = tuple(Case(name, title, _abstract(title)) for name, title in _TITLES)

HUGE_ABSTRACT = Case(
    "huge-abstract",
    "A paper with a 100 KB abstract",
    ("<b>bold?</b> &amp; " + LONG) * (100_000 // (len(LONG) + 20) + 1),
)

# Abstracts whose start would be a Markdown or YAML block if the text reached Markdown raw.
BLOCK_ABSTRACTS: tuple[Case, ...] = tuple(
    Case(f"abstract-{name}", f"Block abstract {name}", f"{start} {LONG}")
    for name, start in [
        ("heading", "# Heading"),
        ("yaml", "--- title: x"),
        ("indent", "    indented code"),
        ("fence", "```"),
        ("html-block", "<div>"),
        ("admonition", "!!! note"),
    ]
)

# Text only structured inputs can carry (JSON escapes, newlines inside a field, any length).
JSON_CASES: tuple[Case, ...] = tuple(
    Case(name, title, _abstract(title))
    for name, title in [
        ("json-surrogates", "Lone \ud800 high and \udfff low surrogates \ud83d"),
        ("json-newlines", "Title with\nnewline\tand tab\r\nand CRLF\u2028and LS"),
        ("json-bom-zwsp", "\ufeffBOM and zero\u200bwidth \u00a0nbsp"),
        ("json-long", "<b>Long</b> " + " ".join(f"word{i} &amp; <i>x</i>" for i in range(40))),
        ("json-near-dup", "X!!"),
        ("json-controls-only", "\x00\x01 ?!? \x02"),
    ]
)

CONTROL = Case("control", "A plain control paper", f"Plain text. {LONG}")
"""A harmless paper: every hostile page must have exactly the structure of this one's."""

LISTING_CASES: tuple[Case, ...] = (CONTROL, *CASES, HUGE_ABSTRACT, *BLOCK_ABSTRACTS)
ALL_CASES: tuple[Case, ...] = (*LISTING_CASES, *JSON_CASES)


TAXONOMY = """\
# Tag names are configuration, but keywords from structured inputs become tags too.
"<b>Bold</b> & {{ tags }} [x](javascript:alert(1))":
  - study
Plain:
  - problem
"""
"""Two tags that every paper in the corpus gets (each abstract says "We study a problem")."""


def write_corpus(folder: Path) -> list[Path]:
    """The corpus as input files: a listing, and JSON Lines for what only JSON can carry."""
    listing = write_listing(
        folder / "hostile.txt", [(case.title, case.abstract) for case in LISTING_CASES]
    )
    jsonl = folder / "hostile.jsonl"
    lines = [json.dumps({"title": c.title, "abstract": c.abstract}) for c in JSON_CASES]
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [listing, jsonl]
