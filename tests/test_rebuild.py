"""Rebuilds that change nothing: with no input and an unchanged stamp, nothing is read or
rendered; any change to the archive, the taxonomy, the config or a generated file is seen."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator import build as build_module
from generator.config import Settings
from generator.manifest import MANIFEST
from tests.conftest import BuildFn


@pytest.fixture
def built(settings: Settings, run_build: BuildFn) -> Settings:
    """The sample ingested once; later builds have no input."""
    run_build()
    return settings


def no_render(*args: object, **kwargs: object) -> dict[str, bytes]:
    raise AssertionError("rendered although nothing changed")


def snapshot(docs: Path) -> dict[Path, tuple[int, int]]:
    return {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in docs.rglob("*") if p.is_file()}


def test_a_rebuild_without_input_reads_and_renders_nothing(
    built: Settings, run_build: BuildFn, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(built.docs_dir)
    monkeypatch.setattr(build_module, "render_pages", no_render)
    monkeypatch.setattr(build_module, "load_archive", no_render)
    again = run_build(inputs=[])
    assert (again.docs.written, again.docs.removed, again.papers) == (0, 0, 139)
    assert again.pages > 139 and again.feeds > 0
    assert snapshot(built.docs_dir) == before


def test_a_hand_edited_generated_file_is_restored(built: Settings, run_build: BuildFn) -> None:
    page = next((built.docs_dir / "papers").glob("adam-*.md"))
    original = page.read_bytes()
    page.write_bytes(original.replace(b"Adam", b"Eve!", 1))  # same size
    again = run_build(inputs=[])
    assert again.docs.written == 1
    assert page.read_bytes() == original


def test_a_deleted_generated_file_is_restored(built: Settings, run_build: BuildFn) -> None:
    page = next((built.docs_dir / "papers").glob("adam-*.md"))
    original = page.read_bytes()
    page.unlink()
    assert run_build(inputs=[]).docs.written == 1
    assert page.read_bytes() == original


def test_a_changed_archive_or_taxonomy_is_rendered(built: Settings, run_build: BuildFn) -> None:
    shard = next(built.archive_dir.glob("*.jsonl"))
    lines = shard.read_text().splitlines()
    record = json.loads(lines[0])
    record["title"] = "A Retitled Paper"
    shard.write_text("\n".join([json.dumps(record), *lines[1:]]) + "\n")
    again = run_build(inputs=[])
    assert again.docs.written > 0
    assert "A Retitled Paper" in (built.docs_dir / "papers" / f"{record['slug']}.md").read_text()
    taxonomy = built.taxonomy_path
    taxonomy.write_text(taxonomy.read_text() + "\nRetitling:\n  - retitled\n")
    again = run_build(inputs=[])
    assert again.docs.written > 0 and (built.docs_dir / "tags" / "retitling.md").is_file()
    assert run_build(inputs=[]).docs.written == 0


def test_the_manifest_records_each_file_and_the_stamp(built: Settings) -> None:
    manifest = json.loads((built.docs_dir / MANIFEST).read_text())
    assert set(manifest["state"]) == set(manifest["files"])
    assert manifest["stamp"] and manifest["facts"]["papers"] == 139
    newest = max(entry[1] for entry in manifest["state"].values())
    assert (built.docs_dir / MANIFEST).stat().st_mtime_ns > newest
