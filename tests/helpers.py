"""Constants and small helpers shared by the tests."""

from __future__ import annotations

import warnings
from datetime import date
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLE = ROOT / "data" / "sources" / "hf-papers-listing.txt"
DAY = date(2026, 11, 27)


def write_listing(path: Path, pairs: list[tuple[str, str]], header: bool = True) -> Path:
    """A listing file with the real header and `Subscribe` prefix around the given papers."""
    lines = []
    if header:
        lines += ["Get trending papers in your email inbox once a day!"]
        lines += ["Get trending papers in your email inbox!"]
    for index, (title, abstract) in enumerate(pairs):
        lines += [("Subscribe" if header and index == 0 else "") + title, abstract]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


LONG = (
    "We study a problem. We propose a method that works well in practice and show results "
    "on several benchmarks, improving on the previous state of the art by a wide margin. "
)


def feed_text(detail: Any) -> str:
    """What a feed reader shows for a field feedparser parsed (`entry.title_detail`), by its
    content type. HTML may hold no elements: text from input must never become markup."""
    if detail.type == "text/plain":
        return str(detail.value)
    assert detail.type == "text/html", detail.type
    with warnings.catch_warnings():
        # text such as "http:" is a fine abstract, not a URL handed to BeautifulSoup by mistake
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        html = BeautifulSoup(detail.value, "html.parser")
    assert html.find(True) is None, detail.value
    return html.get_text()


class FakeClock:
    """A monotonic clock that only moves when something sleeps; records every sleep."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
