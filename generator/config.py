"""Typed settings, read once from mkdocs.yml: site facts at the top level, generator options
under `extra.paperfeed`. Keeping everything in mkdocs.yml gives the site one config file, which
MkDocs (and Zensical) read as well.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from generator.errors import ConfigError


class _MkDocsLoader(yaml.SafeLoader):
    """Safe YAML that tolerates MkDocs' custom tags (`!ENV`, `!!python/name:`) by ignoring them."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_MkDocsLoader.add_multi_constructor("!", _ignore_tag)
_MkDocsLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


@dataclass(frozen=True, slots=True)
class FetchSource:
    """One source that `paperfeed update` fetches: the Hugging Face daily papers, or an arXiv
    query with the number of newest results to take."""

    kind: str
    query: str = ""
    max_results: int = 100


@dataclass(frozen=True, slots=True)
class FetchSettings:
    """`extra.paperfeed.fetch`: the services (real ones by default; tests point them at
    127.0.0.1), politeness, and the guards that keep a bad download out of the archive."""

    hf_url: str
    arxiv_url: str
    contact: str
    """A URL about this site, sent in the User-Agent so that services can reach its owner."""
    min_items: int
    """A fetch with fewer papers than this is refused."""
    min_fraction: float
    """A fetch with fewer papers than this fraction of the previous fetch of the same source
    is refused (a source caught mid-update)."""
    timeout: float
    retries: int
    backoff: float
    arxiv_page_size: int
    sources: tuple[FetchSource, ...]


SEARCH_MODES = ("auto", "lunr", "pagefind")


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything the build needs to know, with paths resolved against mkdocs.yml's folder."""

    config_path: Path
    site_name: str
    site_url: str
    """Absolute URL of the site root, ending in "/": feeds need absolute links."""
    docs_dir: Path
    site_dir: Path
    use_directory_urls: bool
    sources: tuple[Path, ...]
    """Input files that `paperfeed build` ingests when no --input is given."""
    archive_dir: Path
    taxonomy_path: Path
    feed_entries: int
    """Newest entries per feed (site and per tag)."""
    home_entries: int
    """Newest papers listed on the home page."""
    page_size: int
    """Papers per page of a tag, day or month listing."""
    fetch: FetchSettings
    """Where and how `paperfeed fetch` and `paperfeed update` download papers."""
    search: str = "auto"
    """"lunr" (Material's search), "pagefind", or "auto": Pagefind above `pagefind_above`."""
    pagefind_above: int = 1_000
    """With `search: auto`, archives of more papers than this get Pagefind."""
    pagefind_shard: int = 10_000
    """Papers per Pagefind index: larger archives get several, merged by the search page."""
    plugins: tuple[object, ...] = ("search",)
    """mkdocs.yml's `plugins`, as written: the site build leaves out `search` under Pagefind."""
    theme_dir: Path | None = None
    """The theme's `custom_dir` (Material overrides), if any."""

    @property
    def root(self) -> Path:
        return self.config_path.parent


def _option(options: dict[str, Any], name: str, kind: type, default: Any, where: str) -> Any:
    value = options.get(name, default)
    if not isinstance(value, kind) or isinstance(value, bool) is not (kind is bool):
        raise ConfigError(
            f"extra.paperfeed.{name} must be a {kind.__name__}, not {value!r}", where=where
        )
    return value


def load_settings(config_path: Path) -> Settings:
    """Read mkdocs.yml and validate the parts paperfeed uses."""
    where = str(config_path)
    try:
        raw = yaml.load(config_path.read_text(encoding="utf-8"), Loader=_MkDocsLoader)
    except FileNotFoundError:
        raise ConfigError(
            "config file not found", where=where, hint="run in the site folder or pass --config"
        ) from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        detail = " ".join(str(error).split())
        raise ConfigError(f"cannot read config: {detail}", where=where) from None
    if not isinstance(raw, dict):
        raise ConfigError("config must be a YAML mapping", where=where)
    site_url = raw.get("site_url")
    if (
        not isinstance(site_url, str)
        or urlsplit(site_url).scheme not in ("http", "https")
        or (not urlsplit(site_url).netloc)
    ):
        raise ConfigError(
            "site_url must be an absolute http(s) URL",
            where=where,
            hint="feeds need absolute links; set site_url: https://example.org/",
        )
    extra = raw.get("extra") or {}
    options = extra.get("paperfeed") or {} if isinstance(extra, dict) else {}
    if not isinstance(options, dict):
        raise ConfigError("extra.paperfeed must be a mapping", where=where)
    root = config_path.parent
    sources = _option(options, "sources", list, [], where)
    if not all(isinstance(s, str) for s in sources):
        raise ConfigError("extra.paperfeed.sources must be a list of paths", where=where)
    feed_entries = _option(options, "feed_entries", int, 50, where)
    home_entries = _option(options, "home_entries", int, 20, where)
    page_size = _option(options, "page_size", int, 100, where)
    if feed_entries < 1 or home_entries < 1 or page_size < 1:
        raise ConfigError(
            "extra.paperfeed entry counts and page_size must be at least 1", where=where
        )
    search = _option(options, "search", str, "auto", where)
    if search not in SEARCH_MODES:
        raise ConfigError(
            f"extra.paperfeed.search must be one of {', '.join(SEARCH_MODES)}, not {search!r}",
            where=where,
        )
    pagefind_above = _option(options, "pagefind_above", int, 1_000, where)
    pagefind_shard = _option(options, "pagefind_shard", int, 10_000, where)
    if pagefind_shard < 1:
        raise ConfigError("extra.paperfeed.pagefind_shard must be at least 1", where=where)
    plugins = raw.get("plugins", ["search"]) or []
    if not isinstance(plugins, list):
        raise ConfigError("plugins must be a list", where=where)
    theme = raw.get("theme")
    custom_dir = theme.get("custom_dir") if isinstance(theme, dict) else None
    return Settings(
        config_path=config_path,
        site_name=str(raw.get("site_name") or "paperfeed"),
        site_url=site_url.rstrip("/") + "/",
        docs_dir=root / str(raw.get("docs_dir", "docs")),
        site_dir=root / str(raw.get("site_dir", "site")),
        use_directory_urls=bool(raw.get("use_directory_urls", True)),
        sources=tuple(root / s for s in sources),
        archive_dir=root / _option(options, "archive", str, "data/archive", where),
        taxonomy_path=root / _option(options, "taxonomy", str, "data/taxonomy.yml", where),
        feed_entries=feed_entries,
        home_entries=home_entries,
        page_size=page_size,
        fetch=_fetch_settings(options.get("fetch"), site_url, where),
        search=search,
        pagefind_above=pagefind_above,
        pagefind_shard=pagefind_shard,
        plugins=tuple(plugins),
        theme_dir=root / custom_dir if isinstance(custom_dir, str) else None,
    )


def _http_url(value: object, name: str, where: str) -> str:
    parts = urlsplit(value) if isinstance(value, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(
            f"extra.paperfeed.fetch.{name} must be an absolute http(s) URL, not {value!r}",
            where=where,
        )
    return str(value).rstrip("/")


def _number(options: dict[str, Any], name: str, default: float, low: float, where: str) -> float:
    value = options.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or value < low:
        raise ConfigError(
            f"extra.paperfeed.fetch.{name} must be a number of at least {low:g}, not {value!r}",
            where=where,
        )
    return float(value)


def _fetch_source(item: object, where: str) -> FetchSource:
    if item == "hf":
        return FetchSource("hf")
    if isinstance(item, dict) and isinstance(item.get("arxiv"), str) and item["arxiv"].strip():
        size = item.get("max", 100)
        if isinstance(size, int) and not isinstance(size, bool) and size >= 1:
            return FetchSource("arxiv", item["arxiv"].strip(), size)
    raise ConfigError(
        f"extra.paperfeed.fetch.sources: cannot use {item!r}",
        where=where,
        hint='list "hf" or {arxiv: QUERY, max: N}',
    )


def _fetch_settings(raw: object, site_url: str, where: str) -> FetchSettings:
    options = raw if raw is not None else {}
    if not isinstance(options, dict):
        raise ConfigError("extra.paperfeed.fetch must be a mapping", where=where)
    sources = options.get("sources") or []
    if not isinstance(sources, list):
        raise ConfigError("extra.paperfeed.fetch.sources must be a list", where=where)
    return FetchSettings(
        hf_url=_http_url(options.get("hf_url", "https://huggingface.co"), "hf_url", where),
        arxiv_url=_http_url(
            options.get("arxiv_url", "https://export.arxiv.org"), "arxiv_url", where
        ),
        contact=_http_url(options.get("contact", site_url), "contact", where),
        min_items=int(_number(options, "min_items", 5, 1, where)),
        min_fraction=_number(options, "min_fraction", 0.25, 0, where),
        timeout=_number(options, "timeout", 30, 0.001, where),
        retries=int(_number(options, "retries", 4, 0, where)),
        backoff=_number(options, "backoff", 2, 0, where),
        arxiv_page_size=int(_number(options, "arxiv_page_size", 100, 1, where)),
        sources=tuple(_fetch_source(item, where) for item in sources),
    )
