"""The MkDocs step: render docs/ into a site folder with MkDocs' own build, in-process."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from generator import urls
from generator.errors import SiteBuildError

logger = logging.getLogger(__name__)


class _Counter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


SEARCH_PLUGINS = ("search", "material/search")
KATEX = Path("assets") / "katex" / "katex.min.js"
"""KaTeX in the theme, copied from its npm package by `make assets` (not in git)."""


def check_assets(theme_dir: Path | None) -> None:
    """Warn when the theme lacks the front-end assets that `make assets` installs."""
    if theme_dir is not None and not (theme_dir / KATEX).is_file():
        logger.warning(
            "%s: KaTeX is missing, so math shows as TeX source (run `make assets` to install it)",
            theme_dir / KATEX,
        )


def _without_search(plugins: Sequence[object]) -> list[object]:
    """mkdocs.yml's plugins minus Material's search (entries are names or {name: options})."""

    def name(entry: object) -> object:
        return next(iter(entry), None) if isinstance(entry, dict) else entry

    return [entry for entry in plugins if name(entry) not in SEARCH_PLUGINS]


def build_site(
    config_path: Path,
    docs_dir: Path,
    site_dir: Path,
    *,
    strict: bool,
    pagefind: bool = False,
    plugins: Sequence[object] = (),
) -> int:
    """Run `mkdocs build` for `config_path` from `docs_dir` into `site_dir`; return its warnings.

    With `pagefind`, Material's search plugin is left out (`plugins` is mkdocs.yml's list), the
    theme is told (`extra.paperfeed_search`) and the generated search page joins the nav.
    """
    from mkdocs import exceptions
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    counter = _Counter()
    mkdocs_logger = logging.getLogger("mkdocs")
    mkdocs_logger.addHandler(counter)
    try:
        overrides: dict[str, Any] = {"plugins": _without_search(plugins)} if pagefind else {}
        config = load_config(
            config_file=str(config_path),
            docs_dir=str(docs_dir),
            site_dir=str(site_dir),
            strict=strict,
            **overrides,
        )
        if pagefind:
            config.extra["paperfeed_search"] = "pagefind"
            if config.nav is not None:
                config.nav.append({"Search": urls.SEARCH})
        build(config)
    except exceptions.Abort as error:
        raise SiteBuildError(
            f"MkDocs stopped: {error}", where=str(config_path), hint="see the warnings above"
        ) from None
    except exceptions.ConfigurationError as error:
        raise SiteBuildError(
            f"MkDocs rejected the config: {' '.join(str(error).split())}", where=str(config_path)
        ) from None
    finally:
        mkdocs_logger.removeHandler(counter)
    return counter.count


def serve(config_path: Path, dev_addr: str) -> None:
    """MkDocs' development server with live reload, for previewing the generated site."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    mkdocs_serve(config_file=str(config_path), dev_addr=dev_addr, livereload=True)
