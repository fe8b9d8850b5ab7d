"""The HTTP client against a real server on 127.0.0.1: retries, backoff, Retry-After,
timeouts, truncation, User-Agent and the rate limiter (with an injected clock)."""

from __future__ import annotations

from email.message import Message

import pytest

from generator.errors import FetchError
from generator.transport import Client, Policy, RateLimiter, retry_after
from tests.helpers import FakeClock
from tests.localserver import LocalServer, Reply, refused_url

UA = "paperfeed/test (+https://example.org/)"


def client(clock: FakeClock, **policy: float) -> Client:
    return Client(Policy(user_agent=UA, backoff=1.0, **policy), sleep=clock.sleep)  # type: ignore[arg-type]


def test_success_sends_user_agent_and_accept(server: LocalServer) -> None:
    server.script("/x", Reply(body=b"hello"))
    clock = FakeClock()
    assert client(clock).get(server.url + "/x?a=1", accept="application/json") == b"hello"
    assert [(s.path, s.user_agent, s.accept) for s in server.seen] == [
        ("/x?a=1", UA, "application/json")
    ]
    assert clock.sleeps == []


def test_5xx_is_retried_with_exponential_backoff(server: LocalServer) -> None:
    server.script("/x", Reply(500), Reply(502), Reply(503), Reply(body=b"ok"))
    clock = FakeClock()
    assert client(clock).get(server.url + "/x", accept="*/*") == b"ok"
    assert len(server.seen) == 4
    assert clock.sleeps == [1.0, 2.0, 4.0]


def test_429_honours_retry_after_seconds(server: LocalServer) -> None:
    server.script("/x", Reply(429, headers={"Retry-After": "7"}), Reply(body=b"ok"))
    clock = FakeClock()
    assert client(clock).get(server.url + "/x", accept="*/*") == b"ok"
    assert clock.sleeps == [7.0]
    assert len(server.seen) == 2


def test_retry_after_longer_than_max_wait_fails_at_once(server: LocalServer) -> None:
    server.script("/x", Reply(429, headers={"Retry-After": "3600"}))
    clock = FakeClock()
    with pytest.raises(FetchError) as caught:
        client(clock).get(server.url + "/x", accept="*/*")
    assert caught.value.one_line() == (
        f"{server.url}/x: HTTP 429 Too Many Requests; the server asks to wait 3600 s "
        "(try again later)"
    )
    assert len(server.seen) == 1 and clock.sleeps == []


def test_gives_up_after_the_configured_retries(server: LocalServer) -> None:
    server.script("/x", Reply(503))
    clock = FakeClock()
    with pytest.raises(FetchError) as caught:
        client(clock, retries=2).get(server.url + "/x", accept="*/*")
    assert caught.value.one_line() == (
        f"{server.url}/x: HTTP 503 Service Unavailable (3 attempts) "
        "(the source may be down; try again later)"
    )
    assert len(server.seen) == 3 and clock.sleeps == [1.0, 2.0]


def test_404_is_not_retried(server: LocalServer) -> None:
    server.script("/x", Reply(404))
    with pytest.raises(FetchError) as caught:
        client(FakeClock()).get(server.url + "/x", accept="*/*")
    assert caught.value.one_line() == (
        f"{server.url}/x: HTTP 404 Not Found (check the URL, query and date)"
    )
    assert len(server.seen) == 1


def test_slow_response_times_out_and_is_retried(server: LocalServer) -> None:
    server.script("/x", Reply(body=b"late", delay=3.0), Reply(body=b"ok"))
    clock = FakeClock()
    assert client(clock, timeout=1).get(server.url + "/x", accept="*/*") == b"ok"
    assert len(server.seen) == 2 and clock.sleeps == [1.0]


def test_slow_response_every_time_fails(server: LocalServer) -> None:
    server.script("/x", Reply(body=b"late", delay=3.0))
    with pytest.raises(FetchError) as caught:
        client(FakeClock(), timeout=1, retries=1).get(server.url + "/x", accept="*/*")
    assert caught.value.one_line() == (
        f"{server.url}/x: no response within 1 s (2 attempts) "
        "(the source may be down; try again later)"
    )


def test_truncated_body_is_detected(server: LocalServer) -> None:
    server.script("/x", Reply(body=b"[1, 2, 3", length=100))
    with pytest.raises(FetchError) as caught:
        client(FakeClock(), retries=1).get(server.url + "/x", accept="*/*")
    assert caught.value.one_line() == (
        f"{server.url}/x: truncated response: 8 of 100 bytes (2 attempts) "
        "(the source may be down; try again later)"
    )
    assert len(server.seen) == 2


def test_connection_refused() -> None:
    url = refused_url()
    clock = FakeClock()
    with pytest.raises(FetchError) as caught:
        client(clock, retries=2).get(url + "/x", accept="*/*")
    assert caught.value.one_line() == (
        f"{url}/x: cannot connect: Connection refused (3 attempts) "
        "(the source may be down; try again later)"
    )
    assert clock.sleeps == [1.0, 2.0]


def test_oversized_body_is_refused(server: LocalServer) -> None:
    server.script("/x", Reply(body=b"x" * 1000))
    with pytest.raises(FetchError, match="larger than 100 bytes"):
        client(FakeClock(), max_bytes=100).get(server.url + "/x", accept="*/*")


def test_rate_limiter_spaces_requests_on_the_clock(server: LocalServer) -> None:
    server.script("/x", Reply(500), Reply(body=b"ok"))
    clock = FakeClock()
    limited = Client(
        Policy(user_agent=UA, backoff=1.0),
        limiter=RateLimiter(3.0, clock, clock.sleep),
        sleep=clock.sleep,
    )
    assert limited.get(server.url + "/x", accept="*/*") == b"ok"
    # backoff of 1 s, then the limiter tops it up to 3 s since the first request
    assert clock.sleeps == [1.0, 2.0]
    clock.now += 10
    assert limited.get(server.url + "/x", accept="*/*") == b"ok"
    assert clock.sleeps == [1.0, 2.0]


def test_rate_limiter_alone() -> None:
    clock = FakeClock()
    limiter = RateLimiter(3.0, clock, clock.sleep)
    limiter.wait()
    clock.now += 1.0
    limiter.wait()
    limiter.wait()
    assert clock.sleeps == [2.0, 3.0]


@pytest.mark.parametrize(
    ("value", "date", "seconds"),
    [
        ("120", None, 120.0),
        ("Wed, 21 Oct 2026 07:28:30 GMT", "Wed, 21 Oct 2026 07:28:00 GMT", 30.0),
        ("Wed, 21 Oct 2026 07:27:00 GMT", "Wed, 21 Oct 2026 07:28:00 GMT", 0.0),
        ("soon", None, None),
        (None, None, None),
    ],
)
def test_retry_after_forms(value: str | None, date: str | None, seconds: float | None) -> None:
    headers = Message()
    if value is not None:
        headers["Retry-After"] = value
    if date is not None:
        headers["Date"] = date
    assert retry_after(headers) == seconds


def test_redirects_are_followed_only_to_http(server: LocalServer) -> None:
    server.script("/old", Reply(301, headers={"Location": "/new"}))
    server.script("/new", Reply(body=b"moved"))
    server.script("/ftp", Reply(302, headers={"Location": "ftp://127.0.0.1/x"}))
    assert client(FakeClock()).get(server.url + "/old", accept="*/*") == b"moved"
    with pytest.raises(FetchError) as caught:
        client(FakeClock()).get(server.url + "/ftp", accept="*/*")
    assert caught.value.one_line() == (
        f"{server.url}/ftp: redirected to a non-HTTP URL: 'ftp://127.0.0.1/x' (check the URL)"
    )
    assert [s.path for s in server.seen] == ["/old", "/new", "/ftp"]
