"""Links from structured metadata: the only way a URL reaches a page.

A URL is accepted only if it is an absolute http(s) URL made of the characters RFC 3986 allows,
with a host and no user name or password; anything else is dropped by the reader. arXiv and
Hugging Face links are built from a validated arXiv id, never taken from input text.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from generator.models import LINK_KINDS, Link

MAX_URL_CHARS = 2000
_URL_CHARS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")
_HOST = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")
# New-style ids (2007+): YYMM.NNNN or YYMM.NNNNN; old style: archive(.subject)/YYMMNNN.
ARXIV_ID = re.compile(r"(\d{4}\.\d{4,5}|[a-z][a-z-]*(\.[A-Z]{2})?/\d{7})")
_ARXIV_VERSION = re.compile(r"v\d+$")
_DOI = re.compile(r"10\.\d{4,9}/\S+")


def web_url(raw: str) -> str | None:
    """`raw` if it is a safe absolute http(s) URL, else None."""
    if len(raw) > MAX_URL_CHARS or not _URL_CHARS.fullmatch(raw):
        return None
    try:
        parts = urlsplit(raw)
        parts.port  # noqa: B018 -- raises ValueError on a malformed port
    except ValueError:
        return None
    host = parts.hostname or ""
    if parts.scheme not in ("http", "https") or "@" in parts.netloc or not _HOST.fullmatch(host):
        return None
    return raw


def web_link(kind: str, raw: str) -> Link | None:
    """A Link of `kind` to `raw`, or None if `raw` is not a safe http(s) URL."""
    assert kind in LINK_KINDS, kind
    url = web_url(raw)
    return Link(kind, url) if url else None


def arxiv_id(raw: str) -> str | None:
    """The version-less arXiv id in `raw` (a bare id, `arXiv:` id or abs/pdf URL), or None."""
    text = raw.strip()
    for prefix in ("http://arxiv.org/abs/", "https://arxiv.org/abs/", "arXiv:", "arxiv:"):
        text = text.removeprefix(prefix)
    text = _ARXIV_VERSION.sub("", text)
    return text if ARXIV_ID.fullmatch(text) else None


def arxiv_links(identifier: str) -> tuple[Link, ...]:
    """The abstract page and PDF of a (version-less, validated) arXiv id."""
    return (
        Link("arxiv", f"https://arxiv.org/abs/{identifier}"),
        Link("pdf", f"https://arxiv.org/pdf/{identifier}"),
    )


def huggingface_link(identifier: str) -> Link:
    """The Hugging Face paper page of a (validated) arXiv id."""
    return Link("huggingface", f"https://huggingface.co/papers/{identifier}")


def doi_link(raw: str) -> Link | None:
    """The doi.org link of a DOI such as `10.1000/xyz`, or None if it is not one."""
    doi = raw.strip().removeprefix("https://doi.org/").removeprefix("doi:")
    if not _DOI.fullmatch(doi):
        return None
    return web_link("doi", f"https://doi.org/{doi}")
