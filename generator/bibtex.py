"""A BibTeX entry for a paper, built from untrusted text.

Every character that means something to BibTeX or LaTeX is escaped the same way every time,
so a title cannot close a field, open a new one or run a macro. The page shows the entry as
escaped text in `<pre><code>` (never in a fenced block, which a ``` in a title would end).
"""

from __future__ import annotations

import re

from generator.models import Paper
from generator.slugs import base_slug

_SPECIAL = str.maketrans(
    {
        "\\": r"\textbackslash{}",
        "{": r"\{",
        "}": r"\}",
        "$": r"\$",
        "&": r"\&",
        "%": r"\%",
        "#": r"\#",
        "_": r"\_",
        "^": r"\^{}",
        "~": r"\~{}",
    }
)
# In URL fields (printed verbatim by LaTeX's url package), only what could end the field or
# break the entry is percent-encoded.
_URL_SPECIAL = str.maketrans({"{": "%7B", "}": "%7D", "\\": "%5C", " ": "%20", "%": "%25"})


def escape(text: str) -> str:
    """Text that BibTeX and LaTeX print literally; whitespace runs become one space."""
    return " ".join(text.split()).translate(_SPECIAL)


def _url(url: str) -> str:
    return url.translate(_URL_SPECIAL)


def cite_key(paper: Paper) -> str:
    """First author's surname, year, first long title word, in ASCII letters and digits
    (kingma2014adam); without authors, the title word and year (adam2014)."""
    year = (paper.published.date() if paper.published else paper.first_seen).year
    surname = base_slug(paper.authors[0].split()[-1], fallback="") if paper.authors else ""
    words = [w for w in base_slug(paper.title, fallback="").split("-") if len(w) > 3]
    word = words[0] if words else ""
    key = f"{surname}{year}{word}" if surname else f"{word or 'paper'}{year}"
    return re.sub(r"[^a-z0-9]", "", key)


def entry(paper: Paper) -> str:
    """A `@misc` entry (arXiv's own choice for preprints) with the fields that are known."""
    year = (paper.published.date() if paper.published else paper.first_seen).year
    fields = [("title", "{" + escape(paper.title) + "}")]
    if paper.authors:
        fields.append(("author", " and ".join(escape(name) for name in paper.authors)))
    fields.append(("year", str(year)))
    if paper.arxiv_id:
        fields += [
            ("eprint", escape(paper.arxiv_id)),
            ("archivePrefix", "arXiv"),
        ]
    doi = paper.link("doi")
    if doi:
        fields.append(("doi", _url(doi.split("doi.org/", 1)[-1])))
    url = paper.link("arxiv") or paper.link("huggingface") or paper.link("project")
    if url:
        fields.append(("url", _url(url)))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{cite_key(paper)},\n{body}\n}}\n"
