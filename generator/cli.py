"""The `paperfeed` command. The only place that decides how output looks and turns errors into
one line and an exit code.

Exit codes: 0 success; 1 an error in input, config or output (the message says which);
2 wrong command-line usage; 3 --strict and there were warnings; 130 interrupted (Ctrl-C,
SIGTERM; see generator.entry).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path

from generator import __version__
from generator.build import build
from generator.config import FetchSource, Settings, load_settings
from generator.entry import INTERRUPTED
from generator.errors import ConfigError, PaperfeedError
from generator.ingest import ingest
from generator.readers import FORMATS
from generator.site import serve
from generator.update import fetch_into_archive

logger = logging.getLogger("generator")


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {text!r}") from None


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {text!r}")
    return int(text)


def _add_fetch_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    fetch_cmd = commands.add_parser("fetch", help="download papers into the archive")
    services = fetch_cmd.add_subparsers(dest="service", required=True, metavar="SERVICE")
    hf = services.add_parser("hf", help="Hugging Face daily papers")
    hf.add_argument(
        "--date",
        type=_date,
        metavar="YYYY-MM-DD",
        help="the day to fetch, also the papers' first-seen date (default: the latest day, "
        "first seen today)",
    )
    arxiv = services.add_parser("arxiv", help="an arXiv API query, newest first")
    arxiv.add_argument("--query", required=True, help="arXiv search_query, e.g. 'cat:cs.LG'")
    arxiv.add_argument(
        "--max", type=_positive, default=100, metavar="N", help="papers to take (default 100)"
    )
    arxiv.add_argument(
        "--date", type=_date, metavar="YYYY-MM-DD", help="first-seen date (default: today)"
    )
    update_cmd = commands.add_parser(
        "update", help="fetch the configured sources, then build strictly (what CI runs)"
    )
    update_cmd.add_argument("--no-site", action="store_true", help="skip the MkDocs build")


def _input_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--format",
        choices=FORMATS,
        help="read every input in this format (default: detected from each file's content)",
    )
    command.add_argument(
        "--date",
        type=_date,
        metavar="YYYY-MM-DD",
        help="first-seen date for new papers (default: today in UTC)",
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="paperfeed", description="Build a paper website and RSS/Atom feeds with MkDocs."
    )
    parser.add_argument("--version", action="version", version=f"paperfeed {__version__}")
    parser.add_argument(
        "--config", type=Path, default=Path("mkdocs.yml"), help="site config (default: mkdocs.yml)"
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="print only warnings and errors")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build_cmd = commands.add_parser(
        "build", help="ingest sources, write docs/ and feeds, build site/"
    )
    build_cmd.add_argument(
        "--input",
        "-i",
        type=Path,
        action="append",
        metavar="FILE",
        help="ingest FILE instead of the configured sources (repeatable)",
    )
    build_cmd.add_argument(
        "--strict", action="store_true", help="fail (exit 3) on any warning, for CI"
    )
    build_cmd.add_argument(
        "--no-site", action="store_true", help="write docs/ and feeds only; skip the MkDocs build"
    )
    _input_options(build_cmd)

    ingest_cmd = commands.add_parser(
        "ingest", help="merge input files into the archive (no docs/ or site/)"
    )
    ingest_cmd.add_argument("files", type=Path, nargs="+", metavar="FILE", help="input files")
    ingest_cmd.add_argument(
        "--strict", action="store_true", help="fail (exit 3) on any warning; nothing is written"
    )
    _input_options(ingest_cmd)

    _add_fetch_commands(commands)
    serve_cmd = commands.add_parser("serve", help="build, then preview the site with live reload")
    serve_cmd.add_argument("--dev-addr", default="127.0.0.1:8000", metavar="IP:PORT")
    return parser


def _configure_logging(quiet: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_Formatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.WARNING)
    logger.setLevel(logging.WARNING if quiet else logging.INFO)


class _Formatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        message = " ".join(record.getMessage().split())
        # MkDocs' dev server logs every request that is not a 200 (a redirect too) as a warning
        if record.levelno >= logging.WARNING and record.name != "mkdocs.livereload":
            return f"warning: {message}"
        return message


def _update(settings: Settings, *, site: bool) -> None:
    """The scheduled rebuild: fetch every configured source, then build with --strict."""
    if not settings.fetch.sources:
        raise ConfigError(
            "no fetch sources configured",
            where=str(settings.config_path),
            hint="list them under extra.paperfeed.fetch.sources",
        )
    today = datetime.now(UTC).date()
    print(fetch_into_archive(settings, settings.fetch.sources, today=today).line())
    print(build(settings, today=today, strict=True, site=site).line())


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    _configure_logging(args.quiet)
    try:
        settings = load_settings(args.config)
        if args.command == "build":
            summary = build(
                settings,
                inputs=args.input,
                today=args.date or datetime.now(UTC).date(),
                strict=args.strict,
                site=not args.no_site,
                fmt=args.format,
            )
            print(summary.line())
        elif args.command == "fetch":
            source = FetchSource("hf")
            if args.service == "arxiv":
                source = FetchSource("arxiv", args.query, args.max)
            day = args.date if args.service == "hf" else None
            today = args.date or datetime.now(UTC).date()
            print(fetch_into_archive(settings, [source], today=today, day=day).line())
        elif args.command == "update":
            _update(settings, site=not args.no_site)
        elif args.command == "ingest":
            result = ingest(
                settings,
                args.files,
                today=args.date or datetime.now(UTC).date(),
                fmt=args.format,
                strict=args.strict,
            )
            if not args.quiet:
                for change in result.ingested.merge.changes:
                    print(change)
            print(result.line())
        elif args.command == "serve":
            print(build(settings, today=datetime.now(UTC).date(), site=False).line())
            if not args.quiet:
                # MkDocs says where it serves ("Serving on http://...") and when it rebuilds
                logging.getLogger("mkdocs").setLevel(logging.INFO)
            serve(settings.config_path, args.dev_addr)
    except PaperfeedError as error:
        print(f"paperfeed: error: {error.one_line()}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print(INTERRUPTED, file=sys.stderr)
        return 130
    return 0
