"""The only module that writes to disk.

Every tree the generator publishes (the archive, the generated part of docs/, the built site/)
is prepared in a staging folder next to its target and swapped in with one atomic rename, so a
failed or killed build leaves the previous tree whole. Files whose bytes did not change keep
their inode and mtime (they are hard-linked into the staging folder, never rewritten), and a
build that changes nothing writes nothing.

In docs/ the generator owns only the files listed in its manifest: it refuses to overwrite any
other file, and it removes the files it wrote before and no longer produces.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import OutputError
from generator.manifest import (
    MANIFEST,
    Entry,
    Manifest,
    current_entry,
    entry_for,
    manifest_bytes,
    read_manifest,
)

_NEW = ".paperfeed-new"
_OLD = ".paperfeed-old"


@dataclass(frozen=True, slots=True)
class WriteReport:
    """What publishing a tree did, in files."""

    written: int
    unchanged: int
    removed: int

    @property
    def changed(self) -> bool:
        return bool(self.written or self.removed)


def _sibling(target: Path, suffix: str) -> Path:
    return target.with_name(f".{target.name}{suffix}")


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two directories (Linux renameat2 RENAME_EXCHANGE). False if unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def recover(target: Path) -> None:
    """Undo what an interrupted publish left: restore a moved-away tree, drop staging folders."""
    old = _sibling(target, _OLD)
    if old.exists() and not target.exists():
        old.rename(target)
    for leftover in (old, _sibling(target, _NEW)):
        if leftover.exists():
            shutil.rmtree(leftover)


def swap_in(staging: Path, target: Path) -> None:
    """Make the complete tree at `staging` the new `target`. The old tree is left next to it
    (at `staging`, or `.NAME.paperfeed-old`) for `recover` to delete, so that swapping several
    trees in takes a few renames and no deleting in between."""
    if not target.exists():
        staging.rename(target)
    elif not _exchange(staging, target):
        target.rename(_sibling(target, _OLD))
        staging.rename(target)


def staging_dir(target: Path) -> Path:
    """An empty folder next to `target` to build a replacement tree in (same file system)."""
    recover(target)
    staging = _sibling(target, _NEW)
    staging.mkdir(parents=True)
    return staging


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        return False


def _check_path(rel: str) -> None:
    parts = Path(rel).parts
    if Path(rel).is_absolute() or not parts or any(p in ("..", ".", "") for p in parts):
        raise OutputError(f"refusing to write outside the output folder: {rel!r}")


@dataclass(slots=True)
class StagedTree:
    """A replacement for `target`, complete in `staging`, waiting for `commit`.

    `staging` is None when nothing would change: committing is then a no-op and `path`
    is the target itself.
    """

    target: Path
    staging: Path | None
    report: WriteReport
    durable: bool = False

    @property
    def path(self) -> Path:
        return self.staging or self.target

    def commit(self) -> None:
        """Swap the new tree in and delete the old one."""
        self.swap()
        self.discard()

    def swap(self) -> None:
        """Swap the new tree in, leaving the old one for `discard`: publishing several trees
        swaps them all, then deletes, so they change within a few renames of each other."""
        if self.staging is not None:
            try:
                swap_in(self.staging, self.target)
                if self.durable:
                    _fsync(self.target.parent)
            except OSError as error:
                raise OutputError(
                    f"cannot replace: {error.strerror}", where=str(self.target)
                ) from None
            self.staging = None

    def discard(self) -> None:
        """Delete the staging folder (or, after `commit`, the old tree); restore the old tree
        if a swap stopped half-way."""
        self.staging = None
        recover(self.target)


def stage_empty(target: Path) -> StagedTree:
    """An empty staging folder for a tree that a tool other than paperfeed fills (MkDocs)."""
    return StagedTree(target, staging_dir(target), WriteReport(0, 0, 0))


def stage(
    target: Path,
    files: Mapping[str, bytes],
    *,
    manifest: bool = True,
    durable: bool = False,
    stamp: str | None = None,
    facts: Mapping[str, Any] | None = None,
) -> StagedTree:
    """Prepare `target` to hold `files` (relative path -> bytes), atomically and minimally.

    With `manifest`, files outside `files` that the previous build wrote are removed and any
    other existing file is left alone (and never overwritten); the manifest records each file's
    stat and digest, the build's `stamp` and `facts` (generator.manifest). Without it, the
    generator owns the folder but removes nothing. `durable` (for state such as the archive)
    flushes every written file and folder to the disk before the swap, so a power cut cannot
    leave a swapped-in tree with empty files.
    """
    recover(target)
    old = read_manifest(target) if manifest else Manifest()
    changed: dict[str, bytes] = {}
    state: dict[str, Entry] = {}
    for rel, data in files.items():
        _check_path(rel)
        path = target / rel
        entry = current_entry(path, data, old.state.get(rel), old.written_ns)
        if entry is not None:
            state[rel] = entry
            continue
        if manifest and path.exists() and rel not in old.files:
            raise OutputError(
                "file exists and was not written by paperfeed; refusing to overwrite it",
                where=str(path),
                hint="move it away or rename it",
            )
        changed[rel] = data
    stale = sorted(rel for rel in old.files - files.keys() if (target / rel).exists())
    report = WriteReport(len(changed), len(files) - len(changed), len(stale))
    new_manifest: bytes | None = None
    if manifest and not changed and not stale:
        new_manifest = manifest_bytes(files, state, stamp, facts or {})
        if _same_bytes(target / MANIFEST, new_manifest):
            return StagedTree(target, None, report)
    elif not changed and not stale:
        return StagedTree(target, None, report)
    staging = staging_dir(target)
    try:
        _link_tree(target, staging, skip={*changed, *stale, MANIFEST} if manifest else {*changed})
        for rel, data in changed.items():
            path = staging / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            _write(path, data, durable)
            state[rel] = entry_for(path, data)
        if manifest:
            body = new_manifest or manifest_bytes(files, state, stamp, facts or {})
            _write_after(
                staging / MANIFEST, body, durable, max((e[1] for e in state.values()), default=0)
            )
        _prune_empty_dirs(staging, {str(Path(rel).parent) for rel in stale})
        if durable:
            for folder in {staging / Path(rel).parent for rel in changed} | {staging}:
                _fsync(folder)
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        where = str(error.filename or target)
        raise OutputError(f"cannot write: {error.strerror}", where=where) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return StagedTree(target, staging, report, durable)


def write_record(path: Path, data: bytes) -> None:
    """Replace the small file at `path` with `data` atomically (a temporary file, renamed)."""
    temporary = path.with_name(f"{path.name}.tmp")
    try:
        _write(temporary, data, durable=False)
        temporary.replace(path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise OutputError(f"cannot write: {error.strerror}", where=str(path)) from None


def remove_record(path: Path) -> None:
    """Delete the file at `path` if it exists."""
    try:
        path.unlink(missing_ok=True)
    except OSError as error:
        raise OutputError(f"cannot remove: {error.strerror}", where=str(path)) from None


def _write_after(path: Path, data: bytes, durable: bool, newest_ns: int) -> None:
    """Write the manifest with an mtime later than every file it lists (`newest_ns`), so
    that the next build can trust their stat (generator.manifest)."""
    _write(path, data, durable)
    while path.stat().st_mtime_ns <= newest_ns:
        time.sleep(0.002)
        os.utime(path)


def _write(path: Path, data: bytes, durable: bool) -> None:
    with path.open("wb") as handle:
        handle.write(data)
        if durable:
            handle.flush()
            os.fsync(handle.fileno())


def _fsync(folder: Path) -> None:
    """Flush a folder's entries (new names, renames) to the disk."""
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def publish(
    target: Path, files: Mapping[str, bytes], *, manifest: bool = True, durable: bool = False
) -> WriteReport:
    """Stage `files` for `target` and swap them in at once (for a single tree, like the archive)."""
    tree = stage(target, files, manifest=manifest, durable=durable)
    try:
        tree.commit()
    finally:
        tree.discard()
    return tree.report


def _link_tree(source: Path, staging: Path, skip: set[str]) -> None:
    """Hard-link every file of `source` into `staging`, except the relative paths in `skip`."""
    if not source.exists():
        return
    for dirpath, dirnames, filenames in os.walk(source):
        rel_dir = Path(dirpath).relative_to(source)
        (staging / rel_dir).mkdir(parents=True, exist_ok=True)
        for name in [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]:
            dirnames.remove(name)
            filenames.append(name)
        for name in filenames:
            rel = rel_dir / name
            if str(rel) in skip:
                continue
            os.link(Path(dirpath) / name, staging / rel, follow_symlinks=False)


def _prune_empty_dirs(root: Path, candidates: set[str]) -> None:
    for rel in sorted(candidates, key=lambda r: -len(Path(r).parts)):
        path = root / rel
        while path != root and path.is_dir() and not any(path.iterdir()):
            path.rmdir()
            path = path.parent


@contextlib.contextmanager
def build_lock(root: Path) -> Iterator[None]:
    """Hold an exclusive lock on the site folder so two builds never stage over each other."""
    path = root / ".paperfeed.lock"
    with path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputError(
                "another paperfeed build is running in this folder",
                where=str(root),
                hint="wait for it to finish",
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
