"""Math in untrusted text: segments, escaping, snippets."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.escape import html_text
from generator.tex import (
    MAX_INLINE,
    Segment,
    has_math,
    math_html,
    plain_text,
    segments,
    snippet_html,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("energy $E=mc^2$ here", [("energy ", False), ("E=mc^2", True), (" here", False)]),
        ("$$\\sum_i x_i$$", [("\\sum_i x_i", True)]),
        ("a \\(x\\) b \\[y\\]", [("a ", False), ("x", True), (" b ", False), ("y", True)]),
        ("costs $5 and $10", [("costs $5 and $10", False)]),
        ("one $ alone", [("one $ alone", False)]),
        ("escaped \\$x$ stays", [("escaped \\$x$ stays", False)]),
        ("$ x$ and $x $", [("$ x$ and $x $", False)]),
        ("$$$$", [("$$$$", False)]),
        ("$" + "x" * (MAX_INLINE + 1) + "$", [("$" + "x" * (MAX_INLINE + 1) + "$", False)]),
    ],
)
def test_segments(text: str, expected: list[tuple[str, bool]]) -> None:
    assert [(s.text, s.math) for s in segments(text)] == expected


def test_display_math_is_marked_display() -> None:
    assert segments("$$a$$ \\[b\\] $c$") == (
        Segment("a", math=True, display=True),
        Segment(" "),
        Segment("b", math=True, display=True),
        Segment(" "),
        Segment("c", math=True),
    )


def test_math_html_escapes_text_and_formulas() -> None:
    html = math_html("<b>x</b> & $a<b$ then $$</span><script>$$")
    assert html == (
        "&lt;b&gt;x&lt;/b&gt; &amp; "
        '<span class="arithmatex">\\(a&lt;b\\)</span> then '
        '<span class="arithmatex arithmatex-display">\\[&lt;/span&gt;&lt;script&gt;\\]</span>'
    )


def test_plain_text_is_what_the_page_shows_before_katex() -> None:
    assert plain_text("a $x$ b $$y$$ c $5") == "a \\(x\\) b \\[y\\] c $5"
    assert has_math("a $x$") and not has_math("a $5 b")


def test_snippet_cuts_at_a_word_and_never_inside_a_formula() -> None:
    assert snippet_html("alpha beta gamma delta", 12) == "alpha beta…"
    assert snippet_html("short", 100) == "short"
    text = "one two $x+y$ three"
    assert snippet_html(text, 9) == "one two …"
    assert snippet_html(text, 12) == 'one two <span class="arithmatex">\\(x+y\\)</span>…'
    assert snippet_html("a $$x$$ b", 20) == 'a <span class="arithmatex">\\(x\\)</span> b'
    assert snippet_html("<&> " * 10, 8) == "&lt;&amp;&gt; &lt;&amp;&gt;…"


@given(st.text(alphabet=st.sampled_from("ab $\\()[]<&>{} "), max_size=60))
def test_segments_keep_all_text_and_html_has_no_markup_from_input(text: str) -> None:
    assert all(segment.text for segment in segments(text))
    if "$" not in text and "\\" not in text:
        assert segments(text) == ((Segment(text),) if text else ())
        assert math_html(text) == html_text(text)
    html = math_html(text)
    stripped = html.replace('<span class="arithmatex arithmatex-display">', "")
    stripped = stripped.replace('<span class="arithmatex">', "").replace("</span>", "")
    assert "<" not in stripped and ">" not in stripped
