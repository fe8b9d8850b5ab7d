"""Untrusted text made inert for each place it goes. Every value from an input feed passes here.

- `html_text`: for raw HTML blocks in Markdown and for front-matter values that MkDocs and
  Material insert into HTML unescaped (page titles, meta descriptions).
- `html_content`: for RSS titles and descriptions, which feed readers render as HTML.
- `markdown_inline`: for text inside Markdown syntax (link labels). Every ASCII punctuation
  character becomes a numeric character reference, so Markdown (and its extensions) sees only
  letters, digits and spaces, while the browser shows the original characters.
"""

from __future__ import annotations

import html
import string

import yaml

# libyaml's safe dumper when PyYAML has it (ten times faster: front matter is written for every
# page); the pure-Python one otherwise. Both use the safe representer: no value becomes a tag.
_SAFE_DUMPER: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_PUNCTUATION = {ord(c): f"&#{ord(c)};" for c in string.punctuation}


def html_text(text: str) -> str:
    """Escape for HTML element content and attribute values (quotes included)."""
    return html.escape(text, quote=True)


def html_content(text: str) -> str:
    """Escape `&`, `<` and `>` only: for text that a reader may or may not render as HTML (RSS
    titles), quotes and apostrophes stay readable either way."""
    return html.escape(text, quote=False)


def markdown_inline(text: str) -> str:
    """Text that Python-Markdown renders literally inside inline syntax."""
    return text.translate(_PUNCTUATION)


def front_matter(data: dict[str, object]) -> str:
    """A YAML front matter block, written by PyYAML so that no value can become structure."""
    body = yaml.dump(
        data,
        Dumper=_SAFE_DUMPER,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=10_000,
    )
    return f"---\n{body}---\n"
