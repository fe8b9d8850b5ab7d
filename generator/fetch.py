"""The fetchers: the Hugging Face daily papers API and the arXiv API, read into Records.

Fetchers download (through generator.transport) and parse (through generator.readers); they
never write. `check_count` is the guard against a source caught mid-update; the recipe in
generator.update applies it before anything reaches the archive.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from generator import __version__
from generator.config import FetchSettings, FetchSource
from generator.errors import FetchError, InputError
from generator.readers import ReadResult, read_bytes
from generator.transport import Client, Clock, Policy, RateLimiter, Sleep

logger = logging.getLogger(__name__)

ARXIV_INTERVAL = 3.0
"""arXiv's terms of use: no more than one request every three seconds."""

_ATOM = "{http://www.w3.org/2005/Atom}"
_OPENSEARCH = "{http://a9.com/-/spec/opensearch/1.1/}"


@dataclass(frozen=True, slots=True)
class Fetched:
    """What one source returned, one ReadResult per response. `source` names it in the fetch
    log and in messages."""

    source: str
    results: tuple[ReadResult, ...]
    requested: int | None = None
    """How many papers were asked for, when the request set a number (arXiv's --max)."""

    @property
    def count(self) -> int:
        """Papers read (records, before merging duplicates)."""
        return sum(len(result.records) for result in self.results)


@dataclass(frozen=True, slots=True)
class Clients:
    """One HTTP client per service; arXiv's is rate-limited."""

    hf: Client
    arxiv: Client


def user_agent(contact: str) -> str:
    return f"paperfeed/{__version__} (+{contact})"


def make_clients(
    settings: FetchSettings, *, clock: Clock = time.monotonic, sleep: Sleep = time.sleep
) -> Clients:
    policy = Policy(
        user_agent=user_agent(settings.contact),
        timeout=settings.timeout,
        retries=settings.retries,
        backoff=settings.backoff,
    )
    return Clients(
        hf=Client(policy, sleep=sleep),
        arxiv=Client(policy, limiter=RateLimiter(ARXIV_INTERVAL, clock, sleep), sleep=sleep),
    )


def _parse(data: bytes, url: str, source: str, fmt: str, what: str) -> ReadResult:
    try:
        return read_bytes(data, where=url, source=source, fmt=fmt)
    except InputError as error:
        raise FetchError(
            f"not {what}: {error.what}", where=url, hint="the service may be changing; try later"
        ) from None


def fetch_hf(client: Client, base_url: str, day: date | None) -> Fetched:
    """One day of Hugging Face daily papers (`day`), or the latest day."""
    url = f"{base_url}/api/daily_papers"
    if day is not None:
        url += "?" + urlencode({"date": day.isoformat()})
    data = client.get(url, accept="application/json")
    result = _parse(data, url, "hf-daily", "hf-json", "Hugging Face daily papers JSON")
    return Fetched("hf", (result,))


def _arxiv_counts(data: bytes) -> tuple[int, int]:
    """(totalResults, number of entries) of an arXiv API page, already known to parse."""
    try:
        root = ElementTree.fromstring(data)
    except (ElementTree.ParseError, DefusedXmlException):
        return 0, 0
    total = (root.findtext(f"{_OPENSEARCH}totalResults") or "").strip()
    return (int(total) if total.isdigit() else 0), len(root.findall(f"{_ATOM}entry"))


def fetch_arxiv(
    client: Client, base_url: str, query: str, max_results: int, page_size: int
) -> Fetched:
    """The newest `max_results` papers of an arXiv API query, a page at a time.

    A page with fewer entries than arXiv's own totalResults promises is asked for again
    (the API now and then answers with an empty page) and, if still short, fails the fetch.
    """
    results: list[ReadResult] = []
    start = 0
    while start < max_results:
        size = min(page_size, max_results - start)
        url = f"{base_url}/api/query?" + urlencode(
            {
                "search_query": query,
                "start": start,
                "max_results": size,
                "sortBy": "submittedDate",
                "sortOrder": "descending",
            }
        )
        result, total = _arxiv_page(client, url, f"arxiv:{query}", start, size)
        results.append(result)
        start += size
        if start >= total:
            break
    return Fetched(f"arxiv {query}", tuple(results), requested=max_results)


def _arxiv_page(
    client: Client, url: str, label: str, start: int, size: int
) -> tuple[ReadResult, int]:
    for attempt in range(client.policy.retries + 1):
        data = client.get(url, accept="application/atom+xml")
        result = _parse(data, url, label, "arxiv-atom", "an arXiv API Atom feed")
        total, entries = _arxiv_counts(data)
        expected = max(0, min(size, total - start))
        if entries >= expected:
            return result, total
        logger.info("%s: %d of %d entries (attempt %d)", url, entries, expected, attempt + 1)
    raise FetchError(
        f"arXiv returned {entries} of the {expected} entries it promised (totalResults {total})",
        where=url,
        hint="arXiv answers short pages now and then; try again later",
    )


def fetch(
    clients: Clients, settings: FetchSettings, source: FetchSource, day: date | None
) -> Fetched:
    """Download one configured or requested source."""
    if source.kind == "hf":
        return fetch_hf(clients.hf, settings.hf_url, day)
    return fetch_arxiv(
        clients.arxiv,
        settings.arxiv_url,
        source.query,
        source.max_results,
        settings.arxiv_page_size,
    )


def check_count(fetched: Fetched, previous: int | None, settings: FetchSettings) -> None:
    """Refuse a fetch with suspiciously few papers: fewer than `min_items`, or fewer than
    `min_fraction` of the previous accepted fetch of the same source. A fetch that asked for
    a number of papers is held to that number at most (`--max 3` may bring three)."""
    count = fetched.count
    papers = f"{count} paper" + ("" if count == 1 else "s")
    cap = fetched.requested
    minimum = settings.min_items if cap is None else min(settings.min_items, cap)
    if previous is not None and cap is not None:
        previous = min(previous, cap)
    if count < minimum:
        raise FetchError(
            f"only {papers}, fewer than the minimum of {minimum}; the archive was not changed",
            where=fetched.source,
            hint="the source may be mid-update; try again later, or lower fetch.min_items",
        )
    if previous is not None and count < previous * settings.min_fraction:
        raise FetchError(
            f"only {papers}, against {previous} in the previous fetch; the archive was not changed",
            where=fetched.source,
            hint="the source may be mid-update; try again later, or lower fetch.min_fraction",
        )
