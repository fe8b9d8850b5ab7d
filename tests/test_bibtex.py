"""BibTeX entries from untrusted text."""

from __future__ import annotations

from datetime import UTC, date, datetime

from generator.bibtex import cite_key, entry, escape
from generator.models import Link, Paper


def paper(**fields: object) -> Paper:
    base: dict[str, object] = {
        "key": "arxiv:1412.6980",
        "slug": "adam",
        "title": "Adam: A Method for Stochastic Optimization",
        "abstract": "We introduce Adam.",
        "first_seen": date(2026, 11, 27),
    }
    return Paper(**(base | fields))  # type: ignore[arg-type]


def test_full_entry() -> None:
    text = entry(
        paper(
            arxiv_id="1412.6980",
            authors=("Diederik P. Kingma", "Jimmy Ba"),
            published=datetime(2014, 12, 22, tzinfo=UTC),
            links=(
                Link("arxiv", "https://arxiv.org/abs/1412.6980"),
                Link("doi", "https://doi.org/10.48550/arXiv.1412.6980"),
            ),
        )
    )
    assert text == (
        "@misc{kingma2014adam,\n"
        "  title = {{Adam: A Method for Stochastic Optimization}},\n"
        "  author = {Diederik P. Kingma and Jimmy Ba},\n"
        "  year = {2014},\n"
        "  eprint = {1412.6980},\n"
        "  archivePrefix = {arXiv},\n"
        "  doi = {10.48550/arXiv.1412.6980},\n"
        "  url = {https://arxiv.org/abs/1412.6980}\n"
        "}\n"
    )


def test_minimal_entry_uses_first_seen_year() -> None:
    assert entry(paper()) == (
        "@misc{adam2026,\n"
        "  title = {{Adam: A Method for Stochastic Optimization}},\n"
        "  year = {2026}\n"
        "}\n"
    )


def test_special_characters_cannot_break_out() -> None:
    hostile = "x}, author = {Evil} @misc{y, \\input{/etc/passwd} 100% #1 $a_b^c$ ~ &"
    text = entry(paper(title=hostile, authors=("Zoë {Brace}}",)))
    title_line = text.splitlines()[1]
    assert title_line == (
        "  title = {{x\\}, author = \\{Evil\\} @misc\\{y, \\textbackslash{}input\\{/etc/passwd\\}"
        " 100\\% \\#1 \\$a\\_b\\^{}c\\$ \\~{} \\&}},"
    )
    assert text.count("\n  ") == 3  # title, author, year: no field smuggled in
    assert text.startswith("@misc{brace2026")
    # Braces stay balanced, so BibTeX sees exactly one entry.
    depth = 0
    unescaped = text.replace("\\{", "").replace("\\}", "")
    for char in unescaped:
        depth += {"{": 1, "}": -1}.get(char, 0)
        assert depth >= 0
    assert depth == 0


def test_escape_is_deterministic_and_collapses_whitespace() -> None:
    assert escape("a\n\tb  c") == "a b c"
    assert escape("{}") == "\\{\\}"


def test_cite_key_is_plain_ascii() -> None:
    assert cite_key(paper(authors=("Søren Ærø-Ünïcode",), title="Ça va")) == "aerounicode2026"
    assert cite_key(paper(title="!!!")) == "paper2026"
