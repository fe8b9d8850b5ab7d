from __future__ import annotations

import posixpath

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from generator import urls

_part = st.sampled_from(["a", "b", "tags", "x.md", "page-2.md", "index.md"])
_path = st.lists(_part, min_size=1, max_size=4).map("/".join)


@given(_path, _path)
def test_relative_is_posix_relpath_for_clean_paths(target: str, source: str) -> None:
    # Two files of one tree: neither is a folder on the other's path.
    assume(not source.startswith(target + "/") and not target.startswith(source + "/"))
    assert urls.relative(target, source) == posixpath.relpath(
        target, posixpath.dirname(source) or "."
    )


def test_listing_pages_follow_the_first_page() -> None:
    assert urls.listing_page_path("tags/physics.md", 1) == "tags/physics.md"
    assert urls.listing_page_path("tags/physics.md", 2) == "tags/physics/page-2.md"
    assert urls.relative("tags/physics.md", "tags/physics/page-2.md") == "../physics.md"


@pytest.mark.parametrize(
    ("target", "source", "directory_urls", "expected"),
    [
        ("papers/a.md", "days/2026-11-27.md", True, "../../papers/a/"),
        ("papers/a.md", "days/2026-11-27/page-2.md", True, "../../../papers/a/"),
        ("tags/x.md", "tags/x/page-2.md", True, "../"),
        ("tags/x/page-3.md", "tags/x/page-2.md", True, "../page-3/"),
        ("index.md", "tags/index.md", True, "../"),
        ("tags/index.md", "index.md", True, "tags/"),
        ("index.md", "index.md", True, "./"),
        ("papers/a.md", "days/2026-11-27.md", False, "../papers/a.html"),
        ("tags/x.md", "tags/x/page-2.md", False, "../x.html"),
        ("index.md", "tags/index.md", False, "../index.html"),
    ],
)
def test_href_is_the_url_mkdocs_would_link(
    target: str, source: str, directory_urls: bool, expected: str
) -> None:
    assert urls.href(target, source, directory_urls) == expected
