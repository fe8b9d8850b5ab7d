"""What reading one input gives: its records, the records it skipped and why, other warnings."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.models import Diagnostic, Record


@dataclass(frozen=True, slots=True)
class ReadResult:
    """The records of one input. `rejected` names each record that was skipped and why;
    `warnings` are repairs that kept the record (a dropped link, replaced bytes)."""

    records: tuple[Record, ...]
    warnings: tuple[Diagnostic, ...] = field(default=())
    rejected: tuple[Diagnostic, ...] = field(default=())

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        """Everything worth telling the user, rejections first."""
        return self.rejected + self.warnings
