"""The one slugify for every URL and tag, with deterministic collision handling.

A slug is ASCII `[a-z0-9-]`, never empty, at most MAX_LENGTH characters (cut at a word
boundary), never a reserved name, and unique within its folder. When several items want the
same slug, every new one of them gets a suffix derived from its key, so the result does not
depend on input order; slugs already handed out (kept in the archive) never change.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping

from slugify import slugify as _slugify

MAX_LENGTH = 80
# Names that generated folders use for their own pages, or that static hosts treat specially.
RESERVED = frozenset({"index", "tags", "papers", "feeds", "search", "assets", "404", "page"})


def base_slug(text: str, fallback: str = "paper") -> str:
    """A readable slug for `text`: transliterated, lowercase, cut at a word boundary."""
    slug = _slugify(text, max_length=MAX_LENGTH, word_boundary=True, save_order=True)
    if not slug:
        slug = fallback
    if slug in RESERVED or slug.startswith("page-"):
        slug = f"{slug}-{fallback}"
    return slug


def _suffixed(base: str, key: str, length: int) -> str:
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:length]
    return f"{base[: MAX_LENGTH - length - 1].rstrip('-')}-{digest}"


def assign_slugs(
    wanted: Mapping[str, str], taken: Iterable[str] = (), fallback: str = "paper"
) -> dict[str, str]:
    """Give each key in `wanted` (key -> text) a unique slug that is not in `taken`."""
    used = set(taken)
    by_base: dict[str, list[str]] = defaultdict(list)
    for key, text in wanted.items():
        by_base[base_slug(text, fallback)].append(key)
    result: dict[str, str] = {}
    plain = {base: keys[0] for base, keys in by_base.items() if len(keys) == 1 and base not in used}
    for base, key in plain.items():
        result[key] = base
    used.update(plain)
    for base, keys in sorted(by_base.items()):
        if base in plain:
            continue
        for key in sorted(keys):
            length = 6
            slug = _suffixed(base, key, length)
            while slug in used:
                length += 2
                slug = _suffixed(base, key, length)
            result[key] = slug
            used.add(slug)
    return result
