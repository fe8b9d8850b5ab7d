"""The docs manifest: which files the generator owns, and what it knows about each of them.

For every file it wrote, the manifest keeps its size, mtime, inode and a digest of its bytes.
A later build then compares new bytes with a digest instead of reading the file, as long as
the file's stat still matches (a hand edit changes the mtime). As git does with its index, a
file modified in the same clock tick as the manifest was written is not trusted by its stat,
and is read. The manifest also keeps the build's stamp (generator.stamp) and a few facts about
the build, so that a build whose inputs did not change can prove it would write nothing
without rendering anything.

Reading only: generator.output writes the manifest with everything else.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.errors import OutputError

MANIFEST = ".paperfeed-manifest.json"

Entry = tuple[int, int, int, str]
"""size, mtime_ns, inode, digest of the bytes."""


@dataclass(frozen=True, slots=True)
class Manifest:
    files: frozenset[str] = frozenset()
    state: Mapping[str, Entry] = field(default_factory=dict)
    stamp: str | None = None
    facts: Mapping[str, Any] = field(default_factory=dict)
    written_ns: int = 0
    """The manifest file's own mtime: files changed at or after it are not trusted by stat."""


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def read_manifest(target: Path) -> Manifest:
    path = target / MANIFEST
    try:
        written_ns = path.stat().st_mtime_ns
        data = json.loads(path.read_bytes())
        files = frozenset(str(name) for name in data["files"])
        state = {
            str(rel): (int(e[0]), int(e[1]), int(e[2]), str(e[3]))
            for rel, e in data.get("state", {}).items()
        }
        stamp = data.get("stamp")
        facts = data.get("facts", {})
        if not isinstance(facts, dict) or not (stamp is None or isinstance(stamp, str)):
            raise TypeError("bad stamp or facts")
    except FileNotFoundError:
        return Manifest()
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        raise OutputError(
            "generator manifest is unreadable",
            where=str(path),
            hint="delete the generated folders and the manifest, then build again",
        ) from None
    return Manifest(files, state, stamp, facts, written_ns)


def manifest_bytes(
    files: Iterable[str], state: Mapping[str, Entry], stamp: str | None, facts: Mapping[str, Any]
) -> bytes:
    body = {
        "files": sorted(files),
        "stamp": stamp,
        "facts": dict(facts),
        "state": {rel: list(state[rel]) for rel in sorted(state)},
    }
    return (json.dumps(body, separators=(",", ":"), sort_keys=True) + "\n").encode("utf-8")


def _stat_key(info: os.stat_result) -> tuple[int, int, int]:
    return (info.st_size, info.st_mtime_ns, info.st_ino)


def entry_for(path: Path, data: bytes) -> Entry:
    """The manifest entry of a file just written with `data`."""
    return (*_stat_key(path.stat()), digest(data))


def current_entry(path: Path, data: bytes, known: Entry | None, written_ns: int) -> Entry | None:
    """The entry of the file at `path` if it holds exactly `data`, else None. With a `known`
    entry whose stat still matches, the bytes are compared by digest, without reading."""
    try:
        info = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        return None
    if not stat.S_ISREG(info.st_mode) or info.st_size != len(data):
        return None
    new_digest = digest(data)
    trusted = known is not None and known[:3] == _stat_key(info) and info.st_mtime_ns < written_ns
    if trusted:
        assert known is not None
        same = known[3] == new_digest
    else:
        same = path.read_bytes() == data
    return (*_stat_key(info), new_digest) if same else None


def unchanged_since(target: Path, stamp: str) -> Mapping[str, Any] | None:
    """The facts of the last build if it had this `stamp` and none of its files in `target`
    changed since (by stat); None if a build must run."""
    manifest = read_manifest(target)
    if manifest.stamp != stamp or set(manifest.state) != manifest.files:
        return None
    for rel, entry in manifest.state.items():
        try:
            info = os.stat(target / rel)
        except (FileNotFoundError, NotADirectoryError):
            return None
        if _stat_key(info) != entry[:3] or info.st_mtime_ns >= manifest.written_ns:
            return None
    return manifest.facts
