"""Run one command as a child process and measure it: wall and CPU time, peak memory of its
whole process tree, and the machine's load while it ran."""

from __future__ import annotations

import contextlib
import os
import subprocess
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass(frozen=True)
class Measured:
    command: str
    wall_s: float
    cpu_s: float
    """User + system CPU of the child and everything it waited for."""
    tree_rss_mb: float
    """Peak of the summed resident memory of the child and its descendants (sampled)."""
    maxrss_mb: float
    """Largest single process's peak resident memory (kernel accounting via wait4)."""
    load_start: float
    load_max: float
    """1-minute load average at the start and the highest seen while the command ran."""
    output: str
    returncode: int


def load_average() -> float:
    return float(Path("/proc/loadavg").read_text().split()[0])


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry.name}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def tree_rss(pid: int) -> int:
    """Resident bytes of `pid` and all its descendants now."""
    tree = _children()
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        with contextlib.suppress(OSError, IndexError, ValueError):
            total += int(Path(f"/proc/{current}/statm").read_text().split()[1]) * PAGE
        todo.extend(tree.get(current, ()))
    return total


def run(command: Sequence[str], cwd: Path, interval: float = 0.5) -> Measured:
    """Run `command` in `cwd`; its stdout and stderr are kept (together) in `output`."""
    load_start = load_average()
    start = time.perf_counter()
    child = subprocess.Popen(
        list(command), cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    peak = [0, load_start]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(interval):
            peak[0] = max(peak[0], tree_rss(child.pid))
            peak[1] = max(peak[1], load_average())

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    assert child.stdout is not None
    output = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    child.returncode = os.waitstatus_to_exitcode(status)
    return Measured(
        command=" ".join(command),
        wall_s=wall,
        cpu_s=usage.ru_utime + usage.ru_stime,
        tree_rss_mb=max(peak[0], usage.ru_maxrss * 1024) / 2**20,
        maxrss_mb=usage.ru_maxrss / 1024,
        load_start=load_start,
        load_max=max(peak[1], load_average()),
        output=output,
        returncode=child.returncode,
    )
