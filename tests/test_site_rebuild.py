"""A site that is already what MkDocs and Pagefind would build is not rebuilt; any change to
docs/, the theme, the config, the libraries or the options, or to the site itself, is seen."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator import build as build_module
from generator import sitestamp
from generator.build import BuildSummary
from generator.config import Settings
from generator.output import StagedTree
from generator.sitestamp import record_path, site_inputs
from tests.conftest import BuildFn


def snapshot(folder: Path) -> dict[Path, tuple[int, int]]:
    return {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()}


def no_site(*args: object, **kwargs: object) -> int:
    raise AssertionError("MkDocs or Pagefind ran although the site is up to date")


@pytest.fixture
def built(settings: Settings, run_build: BuildFn) -> Settings:
    summary = run_build(site=True)
    assert summary.site_built and summary.site_rebuilt
    return settings


def rebuilt(run_build: BuildFn, **kwargs: object) -> BuildSummary:
    summary = run_build(site=True, **kwargs)
    assert summary.site_built
    return summary


@pytest.mark.parametrize("inputs", [None, []], ids=["sources read again", "no input"])
def test_an_up_to_date_site_is_not_rebuilt(
    built: Settings,
    run_build: BuildFn,
    monkeypatch: pytest.MonkeyPatch,
    inputs: list[Path] | None,
) -> None:
    before = snapshot(built.site_dir)
    monkeypatch.setattr(build_module, "build_site", no_site)
    monkeypatch.setattr(build_module, "index_site", no_site)
    again = run_build(inputs=inputs, site=True)
    assert (again.site_built, again.site_rebuilt, again.docs.written) == (True, False, 0)
    assert again.line().endswith("site up to date (0 MkDocs warnings when built)")
    assert snapshot(built.site_dir) == before


def _edit_theme(settings: Settings) -> tuple[Path, str]:
    assert settings.theme_dir is not None
    css = settings.theme_dir / "assets" / "stylesheets" / "paperfeed.css"
    css.write_text(css.read_text() + "\n/* theme edited */\n")
    return settings.site_dir / "assets" / "stylesheets" / "paperfeed.css", "theme edited"


def _edit_docs(settings: Settings) -> tuple[Path, str]:
    about = settings.docs_dir / "about.md"
    about.write_text(about.read_text() + "\nA hand-written line.\n")
    return settings.site_dir / "about" / "index.html", "A hand-written line."


def _edit_config(settings: Settings) -> tuple[Path, str]:
    config = settings.config_path
    config.write_text(config.read_text().replace("site_name: paperfeed", "site_name: Renamed"))
    return settings.site_dir / "about" / "index.html", "Renamed"


def _add_docs_file(settings: Settings) -> tuple[Path, str]:
    (settings.docs_dir / "extra.md").write_text("# Extra\n\nAn added page.\n")
    return settings.site_dir / "extra" / "index.html", "An added page."


@pytest.mark.parametrize("edit", [_edit_theme, _edit_docs, _edit_config, _add_docs_file])
def test_a_change_to_what_the_site_is_built_from_rebuilds_it(
    built: Settings, run_build: BuildFn, edit: Callable[[Settings], tuple[Path, str]]
) -> None:
    page, text = edit(built)
    assert page.is_file() is False or text not in page.read_text()
    assert rebuilt(run_build, inputs=[]).site_rebuilt
    assert text in page.read_text()
    assert not rebuilt(run_build, inputs=[]).site_rebuilt


@pytest.mark.parametrize("touch", ["delete", "edit", "add"])
def test_a_site_changed_by_hand_is_rebuilt(built: Settings, run_build: BuildFn, touch: str) -> None:
    page = built.site_dir / "about" / "index.html"
    original = page.read_bytes()
    if touch == "delete":
        page.unlink()
    elif touch == "edit":
        page.write_bytes(original.replace(b"<title>", b"<title>X"))
    else:
        (built.site_dir / "stray.html").write_text("stray")
    assert rebuilt(run_build, inputs=[]).site_rebuilt
    assert page.read_bytes() == original
    assert not (built.site_dir / "stray.html").exists()


def test_a_strict_build_after_a_lenient_one_runs_mkdocs_again(
    built: Settings, run_build: BuildFn
) -> None:
    assert rebuilt(run_build, inputs=[], strict=True).site_rebuilt
    assert not rebuilt(run_build, inputs=[], strict=True).site_rebuilt


def test_docs_changed_by_a_build_without_site_rebuild_the_site_next_time(
    built: Settings, run_build: BuildFn
) -> None:
    _edit_docs(built)
    assert run_build(inputs=[], site=False).site_built is False
    assert rebuilt(run_build, inputs=[]).site_rebuilt


def test_other_library_versions_or_options_change_the_inputs(
    built: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    def inputs(strict: bool = False, pagefind: tuple[tuple[str, None], ...] = ()) -> str:
        return site_inputs(built, built.docs_dir, strict=strict, pagefind=pagefind)

    first = inputs()
    assert inputs() == first
    assert inputs(strict=True) != first
    assert inputs(pagefind=(("pagefind", None),)) != first
    monkeypatch.setattr(sitestamp, "_distributions", lambda: "mkdocs-material=10.0")
    assert inputs() != first


def test_an_interrupted_site_swap_leaves_no_record(
    built: Settings, run_build: BuildFn, monkeypatch: pytest.MonkeyPatch
) -> None:
    _edit_docs(built)
    swap = StagedTree.swap

    def interrupted(tree: StagedTree) -> None:
        if tree.target == built.site_dir:
            raise KeyboardInterrupt
        swap(tree)

    monkeypatch.setattr(StagedTree, "swap", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run_build(inputs=[], site=True)
    assert not record_path(built.site_dir).exists()
    monkeypatch.setattr(StagedTree, "swap", swap)
    assert rebuilt(run_build, inputs=[]).site_rebuilt
    assert "A hand-written line." in (built.site_dir / "about" / "index.html").read_text()
