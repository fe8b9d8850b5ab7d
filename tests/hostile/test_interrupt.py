"""Builds killed at random moments (SIGKILL, SIGINT, SIGTERM) leave the previous docs/, site/
and archive whole, and the next build recovers and succeeds.

Each iteration copies a project holding a finished build (the "old" state), starts a real
`python -m generator build` that adds papers, kills it after a random delay spread over a whole
build, then checks every tree file by file against the old and the new state.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import generator.build
from generator.archive import load_archive
from generator.config import Settings
from generator.entry import INTERRUPTED
from generator.manifest import MANIFEST
from generator.models import Paper
from tests.conftest import make_project
from tests.helpers import DAY, LONG, ROOT, write_listing

pytestmark = pytest.mark.slow

SEED = 20261127
ITERATIONS = 16
DATE = "2026-11-27"
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1795737600"}  # MkDocs' sitemap dates
TREES = {"docs": "docs", "site": "site", "archive": "data/archive"}

State = dict[str, dict[str, str]]


def snapshot(root: Path) -> State:
    """Every file of every published tree, by relative path, with the hash of its bytes."""
    state: State = {}
    for name, rel in TREES.items():
        tree = root / rel
        state[name] = {
            str(path.relative_to(tree)): hashlib.sha256(_content(path)).hexdigest()
            for path in sorted(tree.rglob("*"))
            if path.is_file()
        }
    return state


def _content(path: Path) -> bytes:
    """A file's bytes; for the docs manifest, the part that does not depend on the copy's
    inodes and mtimes (its list of files and the build's facts)."""
    if path.name != MANIFEST:
        return path.read_bytes()
    manifest = json.loads(path.read_bytes())
    return json.dumps([manifest["files"], manifest.get("facts")]).encode()


def leftovers(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob(".*.paperfeed-*"))


def build_command(root: Path, *inputs: Path) -> list[str]:
    args = [sys.executable, "-m", "generator", "--config", str(root / "mkdocs.yml"), "build"]
    for path in inputs:
        args += ["--input", str(path)]
    return [*args, "--date", DATE]


def run_build(root: Path, *inputs: Path) -> float:
    start = time.monotonic()
    done = subprocess.run(
        build_command(root, *inputs), cwd=ROOT, env=ENV, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return time.monotonic() - start


def check_interrupted(code: int, err: str, sig: signal.Signals, where: str) -> None:
    """Ctrl-C or SIGTERM: one line and exit code 130, or the build had finished (0), or the
    signal came before Python could handle it (killed by it, or a traceback from the
    interpreter's own start-up, before any paperfeed code ran)."""
    if "Traceback" in err:
        assert "generator" not in err, f"{where}\n{err}"
        return
    assert code in (0, 130, -sig), f"{where}\n{err}"
    if code == 130:
        assert err.splitlines()[-1] == INTERRUPTED, where


def papers(prefix: str, count: int) -> list[tuple[str, str]]:
    return [(f"{prefix} paper number {i}", f"{prefix} abstract {i}. {LONG}") for i in range(count)]


def test_killed_builds_leave_the_previous_output_whole(tmp_path: Path) -> None:
    base = make_project(tmp_path / "base")
    first = write_listing(tmp_path / "first.txt", papers("First", 20))
    second = write_listing(tmp_path / "second.txt", papers("Second", 20))
    run_build(base, first)
    old = snapshot(base)

    reference = tmp_path / "reference"
    shutil.copytree(base, reference, symlinks=True)
    duration = run_build(reference, first, second)
    new = snapshot(reference)
    for name in TREES:
        assert old[name] != new[name], name

    rng = random.Random(SEED)
    outcomes: dict[str, int] = {}
    for iteration in range(ITERATIONS):
        work = tmp_path / f"run-{iteration}"
        shutil.copytree(base, work, symlinks=True)
        sig = rng.choice([signal.SIGKILL, signal.SIGINT, signal.SIGTERM])
        # Every other kill aims at the end of the build: MkDocs' last pages and the swaps.
        delay = duration * (rng.uniform(0, 1.1) if iteration % 2 else rng.uniform(0.7, 1.05))
        process = subprocess.Popen(
            build_command(work, first, second),
            cwd=ROOT,
            env=ENV,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(delay)
        process.send_signal(sig)
        _, err = process.communicate(timeout=120)
        where = f"iteration {iteration}: {sig.name} after {delay:.2f}s, exit {process.returncode}"
        if sig != signal.SIGKILL:
            check_interrupted(process.returncode, err, sig, where)

        state = snapshot(work)
        seen = []
        for name in TREES:
            assert state[name] in (old[name], new[name]), f"{where}: {name} is half-built"
            seen.append("new" if state[name] == new[name] else "old")
        outcome = "/".join(seen)
        outcomes[outcome] = outcomes.get(outcome, 0) + 1

        run_build(work, first, second)
        assert snapshot(work) == new, where
        assert leftovers(work) == [], where
        shutil.rmtree(work)
    print(f"killed builds (build: {duration:.2f}s), docs/site/archive states: {outcomes}")


def test_the_archive_is_read_under_the_build_lock(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two builds that both read the archive before locking would each write back their own
    version, and the later one would lose the other's new papers."""
    locked: list[bool] = []

    def load_while_checking_the_lock(folder: Path) -> dict[str, Paper]:
        with (settings.root / ".paperfeed.lock").open("a") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                locked.append(True)
            else:
                locked.append(False)
                fcntl.flock(handle, fcntl.LOCK_UN)
        return load_archive(folder)

    monkeypatch.setattr(generator.build, "load_archive", load_while_checking_the_lock)
    generator.build.build(settings, today=DAY, site=False)
    assert locked == [True]
