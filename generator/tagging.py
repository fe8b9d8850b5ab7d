"""Tags from a taxonomy file (tag name -> phrases) matched on title + abstract, joined by the
topic names a paper's metadata gives (its `keywords`: readable arXiv categories, JSONL tags).

A phrase matches whole words, case-insensitively; a trailing `*` lets the last word go on
(`optimi*` matches optimizer, optimization); a space in a phrase also matches a hyphen.
A keyword is the same tag as a taxonomy tag, or as another keyword, when their slugs are the
same ("machine learning" joins "Machine Learning"); so a metadata tag's slug depends only on
its name and never on which other papers exist.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.errors import ConfigError
from generator.models import Paper, Tag
from generator.slugs import assign_slugs, base_slug

TAG_FALLBACK = "tag"


@dataclass(frozen=True, slots=True)
class Taxonomy:
    """Tags in taxonomy order, each with the compiled pattern of its phrases; then the tags
    that only metadata names (`with_keywords`), by name."""

    rules: tuple[tuple[Tag, re.Pattern[str]], ...]
    by_base: Mapping[str, Tag] = field(default_factory=dict)
    """Base slug of every known tag name (taxonomy and keywords) -> its tag."""
    extra: tuple[Tag, ...] = ()
    """Tags from metadata that the taxonomy does not have, sorted by name."""
    needles: tuple[tuple[str, ...] | None, ...] = ()
    """Per rule, lowercase words of which an ASCII text must contain one for the rule to match
    (the first word of each phrase), or None. A cheap test that spares most regex searches."""

    @property
    def tags(self) -> tuple[Tag, ...]:
        return tuple(tag for tag, _ in self.rules) + self.extra

    def tags_for(self, paper: Paper) -> tuple[Tag, ...]:
        text = f"{paper.title}\n{paper.abstract}"
        # On ASCII text, IGNORECASE matching and lower() agree, so the needles are exact.
        lowered = text.lower() if text.isascii() else None
        found: set[Tag] = set()
        for (tag, pattern), needles in zip(self.rules, self._needles(), strict=True):
            start = 0
            if lowered is not None and needles is not None:
                at = [index for index in map(lowered.find, needles) if index >= 0]
                if not at:
                    continue
                # A match begins with a phrase's first word: not before its first occurrence.
                start = min(at)
            if pattern.search(text, start):
                found.add(tag)
        found.update(self.by_base[b] for b in _bases(paper.keywords) if b in self.by_base)
        return tuple(tag for tag in self.tags if tag in found)

    def _needles(self) -> tuple[tuple[str, ...] | None, ...]:
        return self.needles or (None,) * len(self.rules)

    def with_keywords(self, papers: Iterable[Paper]) -> Taxonomy:
        """This taxonomy plus a tag for every keyword of `papers` that no tag has yet."""
        by_base = dict(self.by_base)
        wanted: dict[str, str] = {}
        for paper in papers:
            for keyword in paper.keywords:
                base = _base(keyword)
                if base not in by_base and (base not in wanted or keyword < wanted[base]):
                    wanted[base] = keyword
        taken = {tag.slug for tag in self.tags}
        slugs = assign_slugs(wanted, taken, fallback=TAG_FALLBACK)
        new = {base: Tag(name, slugs[base]) for base, name in wanted.items()}
        by_base.update(new)
        extra = tuple(sorted({*self.extra, *new.values()}))
        return Taxonomy(self.rules, by_base, extra, self.needles)


@functools.lru_cache(maxsize=4096)
def _base(keyword: str) -> str:
    """The slug that identifies a keyword's tag; cached: archives repeat a few keywords."""
    return base_slug(keyword, TAG_FALLBACK)


def _bases(keywords: Iterable[str]) -> set[str]:
    return {_base(keyword) for keyword in keywords}


def _needles(phrases: Iterable[str]) -> tuple[str, ...] | None:
    words = {phrase.rstrip("*").split()[0].lower() for phrase in phrases}
    if not all(word.isascii() for word in words):
        return None
    # A text containing "lora" contains "lo": the shorter needle is enough.
    return tuple(sorted(w for w in words if not any(o != w and w.startswith(o) for o in words)))


def _phrase_pattern(phrase: str) -> str:
    prefix = phrase.endswith("*")
    words = phrase.rstrip("*").split()
    body = r"[\s-]+".join(re.escape(word) for word in words)
    return body + (r"\w*" if prefix else "")


def compile_taxonomy(spec: Mapping[str, Iterable[str]]) -> Taxonomy:
    """Build a Taxonomy from a mapping of tag name -> phrases (already validated)."""
    slugs = assign_slugs({name: name for name in spec}, fallback=TAG_FALLBACK)
    rules = []
    by_base: dict[str, Tag] = {}
    for name, phrases in spec.items():
        alternatives = "|".join(_phrase_pattern(p) for p in phrases)
        pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
        tag = Tag(name, slugs[name])
        rules.append((tag, pattern))
        by_base.setdefault(base_slug(name, TAG_FALLBACK), tag)
    return Taxonomy(
        tuple(rules), by_base, needles=tuple(_needles(phrases) for phrases in spec.values())
    )


def load_taxonomy(path: Path) -> Taxonomy:
    """Read and validate a taxonomy YAML file."""
    where = str(path)
    try:
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(
            "taxonomy file not found", where=where, hint="create it or fix extra.paperfeed.taxonomy"
        ) from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        detail = " ".join(str(error).split())
        raise ConfigError(f"cannot read taxonomy: {detail}", where=where) from None
    if spec is None:
        spec = {}
    if not isinstance(spec, dict):
        raise ConfigError("taxonomy must map tag names to lists of phrases", where=where)
    for name, phrases in spec.items():
        ok = isinstance(name, str) and name.strip() and isinstance(phrases, list) and phrases
        if not ok or not all(isinstance(p, str) and p.strip("* ") for p in phrases):
            raise ConfigError(
                f"tag {name!r} must have a non-empty list of non-empty phrases", where=where
            )
    return compile_taxonomy(spec)
