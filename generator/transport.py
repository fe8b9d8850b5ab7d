"""HTTP GET for the fetchers: timeouts, retries with exponential backoff, Retry-After, a
descriptive User-Agent, a size cap, truncation checks and an optional rate limit.

It returns bytes and never touches disk. Every failure becomes a `FetchError` naming the URL;
the caller decides what the bytes mean. Clock and sleep are injectable so that tests can check
the spacing of requests without waiting.
"""

from __future__ import annotations

import http.client
import logging
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import Message
from email.utils import parsedate_to_datetime
from typing import IO
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit

from generator.errors import FetchError

logger = logging.getLogger(__name__)

Clock = Callable[[], float]
Sleep = Callable[[float], None]

_CHUNK = 64 * 1024


@dataclass(frozen=True, slots=True)
class Policy:
    """How patient and how polite a client is."""

    user_agent: str
    timeout: float = 30.0
    """Seconds a request may take in total (and the longest silence on the socket)."""
    retries: int = 4
    """Extra attempts after a 429, a 5xx, a timeout, a dropped or truncated response."""
    backoff: float = 2.0
    """Seconds before the first retry; doubled for each further one."""
    max_wait: float = 300.0
    """The longest Retry-After honoured; a server asking for more fails the fetch at once."""
    max_bytes: int = 64 * 1024 * 1024


class RateLimiter:
    """At most one request per `interval` seconds (arXiv asks for one every three)."""

    def __init__(self, interval: float, clock: Clock = time.monotonic, sleep: Sleep = time.sleep):
        self.interval = interval
        self._clock = clock
        self._sleep = sleep
        self._last: float | None = None

    def wait(self) -> None:
        """Sleep until the next request is allowed, and count it as made now."""
        if self._last is not None:
            remaining = self._last + self.interval - self._clock()
            if remaining > 0:
                self._sleep(remaining)
        self._last = self._clock()


class _Retryable(Exception):
    """A failure worth another attempt; `retry_after` is the server's wish, if it said one."""

    def __init__(self, what: str, retry_after: float | None = None) -> None:
        super().__init__(what)
        self.what = what
        self.retry_after = retry_after


def retry_after(headers: Message) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date), if present.

    An HTTP-date is measured against the response's own Date header when it has one, so
    that a skewed local clock does not matter.
    """
    value = (headers.get("Retry-After") or "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
        sent = headers.get("Date")
        now = parsedate_to_datetime(sent) if sent else datetime.now(UTC)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - now).total_seconds())


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects only to http(s) URLs (urllib would also follow one to ftp://)."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: http.client.HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        if urlsplit(newurl).scheme not in ("http", "https"):
            fp.close()
            raise FetchError(
                f"redirected to a non-HTTP URL: {newurl!r}",
                where=req.full_url,
                hint="check the URL",
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class Client:
    """GET with retries. One client per service, so that its rate limiter sees every request."""

    def __init__(
        self,
        policy: Policy,
        *,
        limiter: RateLimiter | None = None,
        sleep: Sleep = time.sleep,
    ) -> None:
        self.policy = policy
        self.limiter = limiter
        self._sleep = sleep
        self._opener = urllib.request.build_opener(_HttpOnlyRedirects)

    def get(self, url: str, *, accept: str) -> bytes:
        """The body of a 200 response to GET `url`, after up to `policy.retries` retries."""
        policy = self.policy
        for attempt in range(policy.retries + 1):
            if self.limiter is not None:
                self.limiter.wait()
            try:
                return self._once(url, accept)
            except _Retryable as failure:
                tries = f"{attempt + 1} attempt" + ("s" if attempt else "")
                if attempt == policy.retries:
                    raise FetchError(
                        f"{failure.what} ({tries})",
                        where=url,
                        hint="the source may be down; try again later",
                    ) from None
                delay = failure.retry_after
                if delay is None:
                    delay = policy.backoff * 2**attempt
                if delay > policy.max_wait:
                    raise FetchError(
                        f"{failure.what}; the server asks to wait {delay:g} s",
                        where=url,
                        hint="try again later",
                    ) from None
                logger.info("%s: %s; retrying in %g s", url, failure.what, delay)
                self._sleep(delay)
        raise AssertionError("unreachable")

    def _once(self, url: str, accept: str) -> bytes:
        request = urllib.request.Request(
            url, headers={"User-Agent": self.policy.user_agent, "Accept": accept}
        )
        started = time.monotonic()
        try:
            with self._opener.open(request, timeout=self.policy.timeout) as response:
                return self._body(response, started)
        except HTTPError as error:
            status = f"HTTP {error.code} {error.reason}"
            wait = retry_after(error.headers)
            error.close()
            if error.code in (408, 429) or 500 <= error.code < 600:
                raise _Retryable(status, wait) from None
            raise FetchError(status, where=url, hint="check the URL, query and date") from None
        except TimeoutError:
            raise _Retryable(f"no response within {self.policy.timeout:g} s") from None
        except URLError as error:
            reason = error.reason
            if isinstance(reason, TimeoutError):
                raise _Retryable(f"no response within {self.policy.timeout:g} s") from None
            detail = reason.strerror if isinstance(reason, OSError) and reason.strerror else reason
            raise _Retryable(f"cannot connect: {detail}") from None
        except http.client.IncompleteRead as error:
            got = len(error.partial)
            raise _Retryable(f"truncated response: connection closed after {got} bytes") from None
        except http.client.HTTPException as error:
            raise _Retryable(f"broken response: {type(error).__name__}") from None
        except OSError as error:
            raise _Retryable(f"connection failed: {error.strerror or error}") from None

    def _body(self, response: http.client.HTTPResponse, started: float) -> bytes:
        """Read the whole body within the time limit and check it against Content-Length."""
        policy = self.policy
        chunks: list[bytes] = []
        size = 0
        while chunk := response.read(_CHUNK):
            size += len(chunk)
            if size > policy.max_bytes:
                raise FetchError(
                    f"response is larger than {policy.max_bytes} bytes",
                    where=response.url,
                    hint="ask for fewer papers",
                )
            if time.monotonic() - started > policy.timeout:
                raise _Retryable(f"response took longer than {policy.timeout:g} s")
            chunks.append(chunk)
        declared = response.headers.get("Content-Length")
        if declared is not None and declared.strip().isdigit() and int(declared) != size:
            raise _Retryable(f"truncated response: {size} of {int(declared)} bytes")
        return b"".join(chunks)
