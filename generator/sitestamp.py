"""Whether site/ already is what MkDocs and Pagefind would build from docs/.

A rebuild with nothing changed would otherwise re-run MkDocs and Pagefind over the whole
archive (nearly 90 % of a full build's time). After each site build the build records, next to
the site folder, a digest of everything the site was built from and a digest of the site tree
it built. A later build whose inputs and site tree have the same digests skips MkDocs and
Pagefind.

The inputs: mkdocs.yml; every file in docs/ (the generated ones by the digests of their bytes in
the docs manifest, which the build has just checked, the others by their bytes); every file of
the theme's custom_dir; paperfeed's code; the Python version and every installed distribution's
version (MkDocs, Material, Markdown extensions, plugins, Pagefind); the build options (--strict,
the Pagefind indexes). Not covered: environment variables that mkdocs.yml reads with `!ENV`, and
files that mkdocs.yml or a Markdown extension reads from outside docs/ and the theme (an
`INHERIT`ed config, `hooks`, snippets); delete the site folder to force a rebuild.

The site tree: the path, size, mtime and inode of every file in it, so a file changed, added or
removed by hand, or a site built by `mkdocs build` directly, is rebuilt.

The record lives next to the site folder, never in it, so it is not deployed. The build removes
it before swapping a new site in and writes it after (generator.output), so an interrupted
build leaves no record and the next build rebuilds the site.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from generator.config import Settings
from generator.manifest import MANIFEST, read_manifest
from generator.stamp import LabelledDigest, code_digest


@dataclass(frozen=True, slots=True)
class SiteRecord:
    """What the site in the site folder was built from, and what it was."""

    inputs: str
    tree: str
    warnings: int

    def to_bytes(self) -> bytes:
        body = {"inputs": self.inputs, "tree": self.tree, "warnings": self.warnings}
        return (json.dumps(body, sort_keys=True) + "\n").encode("utf-8")


def record_path(site_dir: Path) -> Path:
    """Where the record of `site_dir` lives: `.paperfeed-site.json` next to `site/`."""
    return site_dir.with_name(f".paperfeed-{site_dir.name}.json")


def _paths(folder: Path) -> list[str]:
    """Every file under `folder`, following symbolic links as MkDocs does, by relative path."""
    found: list[str] = []
    for top, _, names in os.walk(folder, followlinks=True):
        base = os.path.relpath(top, folder)
        found.extend(name if base == "." else f"{base}/{name}" for name in names)
    return sorted(found)


def _bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:  # a broken symbolic link, or deleted meanwhile
        return b"\0missing"


def _distributions() -> str:
    names = {f"{dist.metadata['Name']}={dist.version}".lower() for dist in metadata.distributions()}
    return " ".join(sorted(names))


def site_inputs(
    settings: Settings, docs: Path, *, strict: bool, pagefind: Sequence[Sequence[str | None]]
) -> str:
    """The digest of everything a site built from `docs` (the docs folder or its staged
    replacement, whose manifest the build has just checked) depends on."""
    digest = LabelledDigest()
    add = digest.add
    add("config", settings.config_path.read_bytes())
    add("options", json.dumps([strict, [list(index) for index in pagefind]]).encode())
    add("code", code_digest().encode())
    add("python", sys.version.encode())
    add("distributions", _distributions().encode())
    manifest = read_manifest(docs)
    for rel in sorted(manifest.state):
        add("generated", f"{rel}\0{manifest.state[rel][3]}".encode())
    for rel in _paths(docs):
        if rel != MANIFEST and rel not in manifest.state:
            add("docs", rel.encode() + b"\0" + _bytes(docs / rel))
    if settings.theme_dir is not None:
        for rel in _paths(settings.theme_dir):
            add("theme", rel.encode() + b"\0" + _bytes(settings.theme_dir / rel))
    return digest.hexdigest()


def site_tree(site_dir: Path) -> str:
    """The digest of the site folder's files by path, size, mtime and inode."""
    digest = hashlib.blake2b(digest_size=16)
    for rel in _paths(site_dir):
        try:
            info = os.stat(site_dir / rel)
        except FileNotFoundError:
            digest.update(f"{rel}\0missing\n".encode())
            continue
        digest.update(f"{rel}\0{info.st_size}\0{info.st_mtime_ns}\0{info.st_ino}\n".encode())
    return digest.hexdigest()


def read_record(site_dir: Path) -> SiteRecord | None:
    """The record of the last site build, or None (missing or unreadable: rebuild)."""
    try:
        body = json.loads(record_path(site_dir).read_bytes())
        return SiteRecord(str(body["inputs"]), str(body["tree"]), int(body["warnings"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def up_to_date(site_dir: Path, inputs: str) -> SiteRecord | None:
    """The record of the site in `site_dir` if it was built from `inputs` and is untouched."""
    record = read_record(site_dir)
    if record is None or record.inputs != inputs or not site_dir.is_dir():
        return None
    return record if site_tree(site_dir) == record.tree else None
