"""Tags from a taxonomy file (tag name -> phrases) matched on title + abstract.

A phrase matches whole words, case-insensitively; a trailing `*` lets the last word go on
(`optimi*` matches optimizer, optimization); a space in a phrase also matches a hyphen.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.errors import ConfigError
from generator.models import Paper, Tag
from generator.slugs import assign_slugs


@dataclass(frozen=True, slots=True)
class Taxonomy:
    """Tags in taxonomy order, each with the compiled pattern of its phrases."""

    rules: tuple[tuple[Tag, re.Pattern[str]], ...]

    @property
    def tags(self) -> tuple[Tag, ...]:
        return tuple(tag for tag, _ in self.rules)

    def tags_for(self, paper: Paper) -> tuple[Tag, ...]:
        text = f"{paper.title}\n{paper.abstract}"
        return tuple(tag for tag, pattern in self.rules if pattern.search(text))


def _phrase_pattern(phrase: str) -> str:
    prefix = phrase.endswith("*")
    words = phrase.rstrip("*").split()
    body = r"[\s-]+".join(re.escape(word) for word in words)
    return body + (r"\w*" if prefix else "")


def compile_taxonomy(spec: Mapping[str, Iterable[str]]) -> Taxonomy:
    """Build a Taxonomy from a mapping of tag name -> phrases (already validated)."""
    slugs = assign_slugs({name: name for name in spec}, fallback="tag")
    rules = []
    for name, phrases in spec.items():
        alternatives = "|".join(_phrase_pattern(p) for p in phrases)
        pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
        rules.append((Tag(name, slugs[name]), pattern))
    return Taxonomy(tuple(rules))


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
