"""The exception tree. The library raises these; the CLI turns them into one line and an exit code.

PaperfeedError          every error a user can act on (exit 1 unless said otherwise)
├── ConfigError         mkdocs.yml / taxonomy / options are wrong
├── InputError          an input file cannot be read or is not in a known format
├── ArchiveError        the archive on disk is unreadable or inconsistent
├── FetchError          a download failed, was cut short or looked wrong; nothing was saved
├── OutputError         docs/ or site/ cannot be written, or a path is not ours to write
├── SiteBuildError      MkDocs failed to build the site
└── StrictModeError     --strict and the build produced warnings (exit 3)
"""

from __future__ import annotations


class PaperfeedError(Exception):
    """An error with a place, a description and a hint of what to do."""

    exit_code = 1

    def __init__(self, what: str, *, where: str = "", hint: str = "") -> None:
        super().__init__(what)
        self.what = what
        self.where = where
        self.hint = hint

    def one_line(self) -> str:
        """`where: what (hint)` on a single line, for the CLI."""
        text = f"{self.where}: {self.what}" if self.where else self.what
        if self.hint:
            text = f"{text} ({self.hint})"
        return " ".join(text.split())


class ConfigError(PaperfeedError):
    """The configuration (mkdocs.yml, taxonomy file, options) is invalid."""


class InputError(PaperfeedError):
    """An input feed cannot be read or parsed."""


class ArchiveError(PaperfeedError):
    """The persistent archive is unreadable."""


class FetchError(PaperfeedError):
    """A download failed, was truncated or returned too little; the archive was not touched."""


class OutputError(PaperfeedError):
    """Generated output cannot be written safely."""


class SiteBuildError(PaperfeedError):
    """MkDocs could not build the site."""


class StrictModeError(PaperfeedError):
    """Warnings were raised and --strict asks for them to fail the build."""

    exit_code = 3
