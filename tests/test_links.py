"""URL validation and the links built from identifiers."""

from __future__ import annotations

import pytest

from generator.links import arxiv_id, arxiv_links, doi_link, web_url
from generator.models import Link


@pytest.mark.parametrize(
    "url",
    [
        "https://github.com/IBM/Flash-GMM",
        "http://example.org/a?b=c&d=e#f",
        "https://zju-xyc.github.io/1D-Fusion-Project-Page/",
        "https://example.org:8443/x%20y",
    ],
)
def test_safe_urls_are_kept(url: str) -> None:
    assert web_url(url) == url


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "data:text/html,<script>",
        "//example.org/x",
        "/relative/path",
        "ftp://example.org/",
        "https://",
        "https://exa mple.org/",
        'https://example.org/"onmouseover="x',
        "https://example.org/<script>",
        "https://user:pw@example.org/",
        "https://example.org:99999/",
        "https://ex\u0430mple.org/",
        "https://example.org/\n",
        "https://-bad-.org/",
        "https://example.org/" + "a" * 2000,
    ],
)
def test_unsafe_urls_are_refused(url: str) -> None:
    assert web_url(url) is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2606.00467", "2606.00467"),
        ("http://arxiv.org/abs/2606.13677v1", "2606.13677"),
        ("arXiv:1706.03762v7", "1706.03762"),
        ("hep-th/9901001v2", "hep-th/9901001"),
        ("math.GT/0309136", "math.GT/0309136"),
        ("2606.0046", "2606.0046"),
        ("12345", None),
        ("2606.00467/../x", None),
        ("../etc/passwd", None),
        ("", None),
    ],
)
def test_arxiv_ids(raw: str, expected: str | None) -> None:
    assert arxiv_id(raw) == expected


def test_arxiv_links_are_built_from_the_id() -> None:
    assert arxiv_links("2606.00467") == (
        Link("arxiv", "https://arxiv.org/abs/2606.00467"),
        Link("pdf", "https://arxiv.org/pdf/2606.00467"),
    )


def test_doi_links() -> None:
    assert doi_link("10.1145/3292500.3330701") == Link(
        "doi", "https://doi.org/10.1145/3292500.3330701"
    )
    assert doi_link("not a doi") is None
    assert doi_link("10.1000/a b") is None
