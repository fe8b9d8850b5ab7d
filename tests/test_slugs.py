from __future__ import annotations

import itertools
import re

from generator.slugs import MAX_LENGTH, RESERVED, assign_slugs, base_slug

SAFE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def test_readable_slug() -> None:
    assert base_slug("Adam: A Method for Stochastic Optimization") == (
        "adam-a-method-for-stochastic-optimization"
    )


def test_empty_slug_falls_back() -> None:
    assert base_slug("???") == "paper"
    assert base_slug("🎉🎉") == "paper"
    assert base_slug("", fallback="tag") == "tag"


def test_reserved_names_are_never_used() -> None:
    for name in RESERVED:
        slug = base_slug(name)
        assert slug not in RESERVED
        assert slug.startswith(name)
    assert base_slug("Page 2") == "page-2-paper"


def test_long_titles_are_cut_at_a_word_boundary() -> None:
    title = "Scaling " * 100
    slug = base_slug(title)
    assert len(slug) <= MAX_LENGTH
    assert slug.endswith("scaling")


def test_path_like_titles_stay_in_their_folder() -> None:
    for title in ["../../etc/passwd", "/absolute/path", "a/../../b", "..", "C:\\Windows"]:
        slug = base_slug(title)
        assert SAFE.match(slug), slug


def test_collisions_get_suffixes_independent_of_order() -> None:
    wanted = {"k1": "Hello World", "k2": "Hello, World!", "k3": "hello world?", "k4": "Other"}
    results = [
        assign_slugs(dict(permutation)) for permutation in itertools.permutations(wanted.items())
    ]
    assert all(result == results[0] for result in results)
    slugs = results[0]
    assert slugs["k4"] == "other"
    assert len(set(slugs.values())) == 4
    assert all(slugs[k].startswith("hello-world-") for k in ("k1", "k2", "k3"))


def test_taken_slugs_are_kept_and_avoided() -> None:
    slugs = assign_slugs({"new": "Hello World"}, taken={"hello-world"})
    assert slugs["new"].startswith("hello-world-")
    assert slugs["new"] != "hello-world"


def test_suffixes_never_collide_with_taken_suffixed_slugs() -> None:
    first = assign_slugs({"a": "X", "b": "X"})
    second = assign_slugs({"a": "X"}, taken={first["a"], "x"})
    assert second["a"] not in {first["a"], "x"}


def test_all_slugs_are_safe_and_unique() -> None:
    titles = ["", "?", "中文标题", "../x", "index", "x" * 500, "A", "a", "A!"]
    slugs = assign_slugs({str(i): t for i, t in enumerate(titles)})
    assert len(set(slugs.values())) == len(titles)
    for slug in slugs.values():
        assert SAFE.match(slug) and len(slug) <= MAX_LENGTH and slug not in RESERVED
