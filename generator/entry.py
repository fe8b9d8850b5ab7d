"""The `paperfeed` and `python -m generator` entry point.

It loads the CLI (and with it every library) inside the interrupt guard, so that Ctrl-C or
SIGTERM at any moment after the interpreter started ends with one line and exit code 130,
never a traceback. Builds stage everything before swapping it in, so an interrupted build
leaves the previous output as it was.
"""

from __future__ import annotations

import signal
import sys
from types import FrameType

INTERRUPTED = "paperfeed: interrupted; the previous output was left as it was"


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def main() -> int:
    signal.signal(signal.SIGTERM, _terminate)
    try:
        from generator.cli import main as cli_main

        return cli_main()
    except KeyboardInterrupt:
        print(INTERRUPTED, file=sys.stderr)
        return 130
