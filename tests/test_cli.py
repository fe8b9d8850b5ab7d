"""The command line: exact messages, exit codes, and `python -m generator` as a real process."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from generator.cli import main
from tests.helpers import LONG, ROOT, write_listing


def run(project: Path, *args: str) -> int:
    return main(["--config", str(project / "mkdocs.yml"), *args])


def test_build_prints_one_summary_line(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(project, "build", "--no-site", "--date", "2026-11-27") == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "139 records read from 1 file (139 new, 0 updated, 0 unchanged, 0 merged; 0 rejected); "
        "139 papers, 161 pages, 15 tags, 48 feeds; 211 files written, 0 removed; "
        "0 warnings, no site"
    ]


def test_missing_input(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(project, "build", "--input", str(project / "nope.txt")) == 1
    err = capsys.readouterr().err
    assert err == f"paperfeed: error: {project / 'nope.txt'}: no such file (check the path)\n"


def test_missing_config(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--config", str(tmp_path / "mkdocs.yml"), "build"]) == 1
    assert capsys.readouterr().err == (
        f"paperfeed: error: {tmp_path / 'mkdocs.yml'}: config file not found "
        "(run in the site folder or pass --config)\n"
    )


def test_config_without_site_url(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    assert main(["--config", str(tmp_path / "mkdocs.yml"), "build"]) == 1
    assert capsys.readouterr().err == (
        f"paperfeed: error: {tmp_path / 'mkdocs.yml'}: site_url must be an absolute http(s) URL "
        "(feeds need absolute links; set site_url: https://example.org/)\n"
    )


def test_strict_fails_on_warnings_without_writing(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = project / "in.txt"
    path.write_text(f"Title\n{LONG}\nLonely title\n", encoding="utf-8")
    assert run(project, "build", "--strict", "--input", str(path)) == 3
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"warning: {path}:3: title with no abstract after it; skipped",
        "paperfeed: error: 1 input warning (fix the input or run without --strict)",
    ]
    assert not (project / "data" / "archive").exists()
    assert not (project / "docs" / "papers").exists()


def test_warnings_do_not_stop_a_normal_build(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = project / "in.txt"
    path.write_text(f"Title\n{LONG}\nLonely title\n", encoding="utf-8")
    assert run(project, "build", "--no-site", "--input", str(path)) == 0
    captured = capsys.readouterr()
    assert "1 warning, no site" in captured.out
    assert len(list((project / "docs" / "papers").glob("*.md"))) == 1


def test_bad_date_is_a_usage_error(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        run(project, "build", "--date", "yesterday")
    assert caught.value.code == 2
    assert "not a date in YYYY-MM-DD form: 'yesterday'" in capsys.readouterr().err


def test_python_dash_m_runs_a_full_build(project: Path) -> None:
    path = write_listing(project / "one.txt", [("One Paper on Optimization", LONG)])
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--input", str(path)],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("1 record read from 1 file")
    assert "Traceback" not in result.stderr
    assert (project / "site" / "papers" / "one-paper-on-optimization" / "index.html").is_file()


def test_serve_builds_then_serves_on_the_given_address(project: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "generator", "--config", str(project / "mkdocs.yml")]
    command += ["serve", "--dev-addr", f"127.0.0.1:{port}"]
    server = subprocess.Popen(
        command, cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as reply:
                    page = reply.read().decode()
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "serve never answered"
                time.sleep(0.5)
        assert "<title>paperfeed</title>" in page
    finally:
        server.send_signal(signal.SIGINT)
        out, err = server.communicate(timeout=60)
    assert out.startswith("139 records read from 1 file (139 new")
    assert f"Serving on http://127.0.0.1:{port}/" in err
    assert "warning:" not in err and "Traceback" not in err
