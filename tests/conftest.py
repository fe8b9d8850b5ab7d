"""Shared fixtures: throwaway copies of the site project, and a built sample site."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.build import BuildSummary, build
from generator.config import Settings, load_settings
from tests.helpers import DAY, FIXTURES, ROOT, SAMPLE
from tests.localserver import LocalServer

KATEX = ROOT / "theme" / "assets" / "katex" / "katex.min.js"
"""Installed by `make assets`; every site the tests build with math needs it."""


def make_project(root: Path) -> Path:
    """A copy of the repository's site config, theme, taxonomy and sample, with no archive."""
    root.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "theme", root / "theme")
    (root / "data" / "sources").mkdir(parents=True)
    shutil.copy(ROOT / "data" / "taxonomy.yml", root / "data" / "taxonomy.yml")
    shutil.copy(SAMPLE, root / "data" / "sources" / SAMPLE.name)
    (root / "docs").mkdir()
    shutil.copy(ROOT / "docs" / "about.md", root / "docs" / "about.md")
    return root


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "site-project")


@pytest.fixture
def settings(project: Path) -> Settings:
    return load_settings(project / "mkdocs.yml")


BuildFn = Callable[..., BuildSummary]


@pytest.fixture
def run_build(settings: Settings) -> BuildFn:
    """Build the throwaway project; keyword arguments go to generator.build.build."""

    def run(**kwargs: object) -> BuildSummary:
        kwargs.setdefault("today", DAY)
        kwargs.setdefault("site", False)
        return build(settings, **kwargs)  # type: ignore[arg-type]

    return run


@dataclass(frozen=True)
class BuiltSite:
    settings: Settings
    summary: BuildSummary

    @property
    def site(self) -> Path:
        return self.settings.site_dir

    @property
    def docs(self) -> Path:
        return self.settings.docs_dir


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The bundled sample built once, strictly, through real MkDocs (shared: it takes seconds)."""
    root = make_project(tmp_path_factory.mktemp("sample") / "site-project")
    settings = load_settings(root / "mkdocs.yml")
    return BuiltSite(settings, build(settings, today=DAY, strict=True))


@pytest.fixture
def server() -> Iterator[LocalServer]:
    """A scripted HTTP server on 127.0.0.1 (tests/localserver.py)."""
    with LocalServer() as local:
        yield local


@pytest.fixture(scope="session")
def math_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """A small hand-made archive (tests/fixtures/math-archive: authors, arXiv dates, links,
    keywords, TeX in titles and abstracts) built strictly through real MkDocs."""
    if not KATEX.is_file():
        pytest.fail(f"{KATEX} is missing: run 'make assets' (npm ci + copy; no network in tests)")
    root = make_project(tmp_path_factory.mktemp("math") / "site-project")
    shutil.copytree(FIXTURES / "math-archive", root / "data" / "archive")
    settings = load_settings(root / "mkdocs.yml")
    return BuiltSite(settings, build(settings, inputs=[], today=DAY, strict=True))


SAMPLE_INPUTS = ("hf-daily-papers-2026-06-12.json", "arxiv-api-query.xml")


@pytest.fixture(scope="session")
def samples_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The real-world samples in tests/fixtures (Hugging Face daily papers JSON and an arXiv
    API Atom response: authors, dates, links, keywords, some TeX) built strictly."""
    root = make_project(tmp_path_factory.mktemp("samples") / "site-project")
    settings = load_settings(root / "mkdocs.yml")
    inputs = [FIXTURES / name for name in SAMPLE_INPUTS]
    return BuiltSite(settings, build(settings, inputs=inputs, today=DAY, strict=True))
