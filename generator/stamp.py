"""The stamp of a build: a digest of everything the generated docs depend on besides the input
files (which only change the archive): mkdocs.yml, the taxonomy, the archive's files (by stat),
the generator's own code and templates, and the versions of the libraries that shape its
output. A build with no input files whose stamp matches the last build's, and whose docs files
are untouched, would write nothing: it skips reading and rendering (generator.manifest).
"""

from __future__ import annotations

import functools
import hashlib
from importlib import metadata
from pathlib import Path

from generator.config import Settings

PACKAGE = Path(__file__).resolve().parent
LIBRARIES = ("Jinja2", "MarkupSafe", "PyYAML", "python-slugify", "feedgen")


def _code() -> bytes:
    """The generator's source and templates, with their paths."""
    parts = []
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in (".py", ".j2") and "__pycache__" not in path.parts:
            parts.append(str(path.relative_to(PACKAGE)).encode() + b"\0" + path.read_bytes())
    return b"\0\0".join(parts)


@functools.cache
def code_digest() -> str:
    """A digest of the generator's source and templates."""
    return hashlib.blake2b(_code(), digest_size=16).hexdigest()


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


class LabelledDigest:
    """A digest of labelled parts: each part is hashed after its label and length, so that two
    parts can never run into each other."""

    def __init__(self) -> None:
        self._digest = hashlib.blake2b(digest_size=16)

    def add(self, label: str, data: bytes) -> None:
        self._digest.update(f"{label}\0{len(data)}\0".encode())
        self._digest.update(data)

    def hexdigest(self) -> str:
        return self._digest.hexdigest()


def build_stamp(settings: Settings, archive_dir: Path | None = None) -> str:
    """The stamp for building `settings` from the archive in `archive_dir` (default: the
    configured one; a staged archive has the same files, inodes and mtimes once swapped in)."""
    digest = LabelledDigest()
    add = digest.add
    add("config", settings.config_path.read_bytes())
    add("taxonomy", settings.taxonomy_path.read_bytes() if settings.taxonomy_path.exists() else b"")
    add("code", _code())
    add("libraries", " ".join(f"{n}={_version(n)}" for n in LIBRARIES).encode())
    folder = archive_dir or settings.archive_dir
    shards = sorted(folder.glob("*.jsonl")) if folder.exists() else []
    for shard in shards:
        info = shard.stat()
        add("shard", f"{shard.name} {info.st_size} {info.st_mtime_ns} {info.st_ino}".encode())
    return digest.hexdigest()
