"""The fetch log: how many papers the last accepted fetch of each source returned.

It lives next to the archive (`data/archive/fetches.json`) and is committed with it, so that
the guard in generator.fetch can tell a light day from a source caught mid-update even on a
fresh CI checkout. Reading is here; writing goes through generator.output with the archive.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from generator.errors import ArchiveError

FILE = "fetches.json"


def load_fetch_log(archive_dir: Path) -> dict[str, int]:
    """Source name -> papers in its last accepted fetch; empty before the first fetch."""
    path = archive_dir / FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise ArchiveError(
            f"unreadable fetch log ({error})", where=str(path), hint="restore it from git"
        ) from None
    counts = data.get("last_count") if isinstance(data, dict) else None
    if not isinstance(counts, dict) or not all(
        isinstance(v, int) and not isinstance(v, bool) for v in counts.values()
    ):
        raise ArchiveError(
            'fetch log must be {"last_count": {source: number}}',
            where=str(path),
            hint="restore it from git",
        )
    return {str(k): int(v) for k, v in counts.items()}


def serialize_fetch_log(counts: Mapping[str, int]) -> bytes:
    data = {"last_count": dict(sorted(counts.items()))}
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
