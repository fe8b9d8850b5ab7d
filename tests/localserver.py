"""A real HTTP server on 127.0.0.1 that plays scripted replies, for the fetcher tests.

Each path gets a queue of replies, served in order; the last one repeats. The server records
every request it saw (path with query, User-Agent), so tests can count retries and check
headers. Replies can be slow (a delay before the status line) or lie about their length.
"""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    """Seconds to wait before answering (a slow server)."""
    length: int | None = None
    """Content-Length to declare, if not the body's (a truncated body)."""


@dataclass(frozen=True)
class Seen:
    path: str
    user_agent: str
    accept: str


class LocalServer:
    def __init__(self) -> None:
        self.seen: list[Seen] = []
        self._replies: dict[str, list[Reply]] = {}
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                reply = server._next(self)
                time.sleep(reply.delay)
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                length = len(reply.body) if reply.length is None else reply.length
                self.send_header("Content-Length", str(length))
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(reply.body)
                self.close_connection = True

            def log_message(self, format: str, *args: object) -> None:
                pass

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request: object, client_address: object) -> None:
                pass  # a client that gave up (timeout test) is expected, not an error

        self._httpd = Server(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def _next(self, handler: BaseHTTPRequestHandler) -> Reply:
        with self._lock:
            self.seen.append(
                Seen(
                    handler.path,
                    handler.headers.get("User-Agent", ""),
                    handler.headers.get("Accept", ""),
                )
            )
            queue = self._replies.get(urlsplit(handler.path).path) or [Reply(404, b"not found")]
            return queue.pop(0) if len(queue) > 1 else queue[0]

    def script(self, path: str, *replies: Reply) -> None:
        """Serve `replies` in order at `path` (the last one repeats)."""
        with self._lock:
            self._replies[path] = list(replies)

    def __enter__(self) -> LocalServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join()


def refused_url() -> str:
    """A 127.0.0.1 URL where nothing listens: the port was free a moment ago."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"
