"""Benchmark projects: a paperfeed site over a synthetic archive, and the MkDocs floor (the same
papers as bare pages, same theme, built by `mkdocs build` alone)."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

import yaml

from generator.archive import serialize
from generator.escape import front_matter, html_text
from generator.models import Paper

ROOT = Path(__file__).resolve().parent.parent


def _config(overrides: dict[str, object]) -> str:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = yaml.safe_load(text)
    config.update(overrides)
    return yaml.safe_dump(config, sort_keys=False, allow_unicode=True)


def paperfeed_project(folder: Path, papers: Sequence[Paper], **options: object) -> Path:
    """A copy of the repository's site with `papers` as its archive and no input sources."""
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "docs").mkdir(parents=True)
    shutil.copytree(ROOT / "theme", folder / "theme")
    shutil.copy(ROOT / "docs" / "about.md", folder / "docs" / "about.md")
    (folder / "data" / "archive").mkdir(parents=True)
    shutil.copy(ROOT / "data" / "taxonomy.yml", folder / "data" / "taxonomy.yml")
    for name, data in serialize(papers).items():
        (folder / "data" / "archive" / name).write_bytes(data)
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    extra = config["extra"]["paperfeed"]
    extra.update({"sources": [], **options})
    (folder / "mkdocs.yml").write_text(_config({"extra": config["extra"]}), encoding="utf-8")
    return folder


def reset_generated(folder: Path) -> None:
    """Remove what a build made, keeping the archive: the next build starts from scratch."""
    docs = folder / "docs"
    for child in docs.iterdir():
        if child.name != "about.md":
            shutil.rmtree(child) if child.is_dir() else child.unlink()
    shutil.rmtree(folder / "site", ignore_errors=True)


def floor_project(folder: Path, papers: Sequence[Paper]) -> Path:
    """The same papers as bare pages (title + abstract) out of the nav, with the same theme."""
    shutil.rmtree(folder, ignore_errors=True)
    papers_dir = folder / "docs" / "papers"
    papers_dir.mkdir(parents=True)
    shutil.copytree(ROOT / "theme", folder / "theme")
    (folder / "docs" / "index.md").write_text("# Floor\n\nBare paper pages.\n", encoding="utf-8")
    for paper in papers:
        page = (
            front_matter({"title": html_text(paper.title)})
            + f"\n<h1>{html_text(paper.title)}</h1>\n\n<p>{html_text(paper.abstract)}</p>\n"
        )
        (papers_dir / f"{paper.slug}.md").write_text(page, encoding="utf-8")
    config = _config({"nav": [{"Home": "index.md"}], "not_in_nav": "/papers/\n"})
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    return folder
