from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.errors import OutputError
from generator.manifest import MANIFEST
from generator.output import recover, stage


def publish(target: Path, files: dict[str, bytes], manifest: bool = True) -> None:
    tree = stage(target, files, manifest=manifest)
    tree.commit()


def test_writes_files_and_manifest(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    publish(docs, {"a.md": b"A", "sub/b.md": b"B"})
    assert (docs / "a.md").read_bytes() == b"A"
    assert (docs / "sub" / "b.md").read_bytes() == b"B"
    assert '"a.md"' in (docs / MANIFEST).read_text()


def test_unchanged_files_are_not_rewritten(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    publish(docs, {"a.md": b"A", "b.md": b"B"})
    before = {name: (docs / name).stat() for name in ("a.md", "b.md")}
    tree = stage(docs, {"a.md": b"A", "b.md": b"B"})
    assert tree.staging is None and tree.report.written == 0
    tree = stage(docs, {"a.md": b"A", "b.md": b"changed"})
    assert tree.report.written == 1 and tree.report.unchanged == 1
    tree.commit()
    after_a = (docs / "a.md").stat()
    assert (after_a.st_ino, after_a.st_mtime_ns) == (
        before["a.md"].st_ino,
        before["a.md"].st_mtime_ns,
    )
    assert (docs / "b.md").read_bytes() == b"changed"


def test_stale_generated_files_are_removed_and_user_files_kept(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "about.md").write_text("mine")
    publish(docs, {"papers/old.md": b"old", "papers/keep.md": b"keep"})
    publish(docs, {"papers/keep.md": b"keep"})
    assert not (docs / "papers" / "old.md").exists()
    assert (docs / "about.md").read_text() == "mine"
    publish(docs, {})
    assert not (docs / "papers").exists()
    assert (docs / "about.md").read_text() == "mine"


def test_refuses_to_overwrite_files_it_does_not_own(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("hand-written home")
    with pytest.raises(OutputError) as caught:
        stage(docs, {"index.md": b"generated"})
    assert caught.value.one_line() == (
        f"{docs / 'index.md'}: file exists and was not written by paperfeed; refusing to "
        "overwrite it (move it away or rename it)"
    )
    assert (docs / "index.md").read_text() == "hand-written home"


def test_uncommitted_staging_leaves_the_old_tree(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    publish(docs, {"a.md": b"A"})
    tree = stage(docs, {"a.md": b"new", "b.md": b"B"})
    assert tree.staging is not None and tree.staging.exists()
    tree.discard()
    assert sorted(p.name for p in docs.iterdir()) == [MANIFEST, "a.md"]
    assert (docs / "a.md").read_bytes() == b"A"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs"]


def test_recover_restores_a_tree_moved_away_mid_swap(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    publish(docs, {"a.md": b"A"})
    os.rename(docs, tmp_path / ".docs.paperfeed-old")
    (tmp_path / ".docs.paperfeed-new").mkdir()
    recover(docs)
    assert (docs / "a.md").read_bytes() == b"A"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs"]


def test_paths_outside_the_folder_are_refused(tmp_path: Path) -> None:
    for rel in ["../x.md", "/etc/x", "a/../../x", ""]:
        with pytest.raises(OutputError, match="refusing to write outside"):
            stage(tmp_path / "docs", {rel: b"x"})


def test_archive_mode_removes_nothing(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    publish(archive, {"2026-01.jsonl": b"x\n"}, manifest=False)
    publish(archive, {"2026-02.jsonl": b"y\n"}, manifest=False)
    assert sorted(p.name for p in archive.iterdir()) == ["2026-01.jsonl", "2026-02.jsonl"]


def test_discard_restores_a_tree_moved_away_mid_swap(tmp_path: Path) -> None:
    """Without renameat2 a swap is two renames; interrupted between them, the old tree is
    back in place as soon as the build unwinds."""
    docs = tmp_path / "docs"
    publish(docs, {"a.md": b"A"})
    tree = stage(docs, {"a.md": b"new"})
    os.rename(docs, tmp_path / ".docs.paperfeed-old")
    tree.discard()
    assert (docs / "a.md").read_bytes() == b"A"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs"]


def test_durable_trees_are_flushed_before_and_after_the_swap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    flushed: list[int] = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: flushed.append(fd) or real_fsync(fd))
    archive = tmp_path / "data" / "archive"
    tree = stage(archive, {"2026-01.jsonl": b"x\n", "2026-02.jsonl": b"y\n"}, manifest=False)
    tree.commit()
    assert flushed == []
    tree = stage(archive, {"2026-01.jsonl": b"z\n"}, manifest=False, durable=True)
    assert len(flushed) == 2  # the written file, the staging folder
    tree.commit()
    assert len(flushed) == 3  # and the folder holding the archive, after the swap
    assert (archive / "2026-01.jsonl").read_bytes() == b"z\n"
