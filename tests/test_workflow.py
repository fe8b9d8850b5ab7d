"""The scheduled workflow and `make update`: the shape GitHub needs, checked here because
GitHub is not available to the tests. `paperfeed update` runs in test_cli_fetch; the commit
step runs here, as written in the workflow, against a local bare repository."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import yaml

from tests.helpers import ROOT


def workflow_steps() -> list[dict[str, object]]:
    workflow = yaml.safe_load((ROOT / ".github/workflows/update.yml").read_text())
    steps: list[dict[str, object]] = workflow["jobs"]["build"]["steps"]
    return steps


def git(cwd: Path, *args: str) -> str:
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(cwd.parent),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    result = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True, timeout=60
    )
    return result.stdout


def test_commit_step_pushes_the_archive_only_when_it_changed(tmp_path: Path) -> None:
    script = next(str(s["run"]) for s in workflow_steps() if "git commit" in str(s.get("run")))
    origin, work = tmp_path / "origin.git", tmp_path / "work"
    subprocess.run(["git", "init", "-q", "--bare", str(origin)], check=True, timeout=60)
    git(tmp_path, "clone", "-q", str(origin), str(work))
    (work / "data" / "archive").mkdir(parents=True)
    (work / "data" / "archive" / "2026-06.jsonl").write_text('{"key":"a"}\n')
    (work / "README.md").write_text("x\n")
    git(work, "add", ".")
    git(work, "commit", "-q", "-m", "start")
    git(work, "push", "-q", "origin", "HEAD")

    def step() -> str:
        env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path), "GIT_CONFIG_NOSYSTEM": "1"}
        result = subprocess.run(
            ["bash", "-e", "-c", script],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        )
        return result.stdout

    (work / "README.md").write_text("changed, but not the archive\n")
    assert step() == "archive unchanged; nothing to commit\n"
    assert git(origin, "rev-list", "--count", "HEAD") == "1\n"

    (work / "data" / "archive" / "2026-07.jsonl").write_text('{"key":"b"}\n')
    step()
    assert git(origin, "rev-list", "--count", "HEAD") == "2\n"
    log = git(origin, "log", "-1", "--format=%an|%s", "--name-only")
    assert log.startswith("github-actions[bot]|archive: scheduled update ")
    assert log.split("\n")[2:] == ["data/archive/2026-07.jsonl", ""]


def test_workflow_runs_make_update_and_deploys_with_the_official_actions() -> None:
    workflow = yaml.safe_load((ROOT / ".github/workflows/update.yml").read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as a boolean
    assert set(triggers) == {"schedule", "workflow_dispatch"}
    assert triggers["schedule"][0]["cron"].split()[2:] == ["*", "*", "*"]
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "write"}
    steps = build["steps"]
    uses = [step.get("uses", "").split("@")[0] for step in steps]
    assert uses[:2] == ["actions/checkout", "actions/setup-python"]
    assert steps[1]["with"]["python-version"] == "3.11"
    runs = [step.get("run", "") for step in steps]
    assert "make update" in runs
    commit = next(r for r in runs if "git commit" in r)
    assert "git status --porcelain -- data/archive" in commit and "git push" in commit
    assert runs.index("make update") < runs.index(commit)
    assert uses[-2:] == ["actions/configure-pages", "actions/upload-pages-artifact"]
    assert steps[-1]["with"]["path"] == "site"
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]


def test_make_update_runs_paperfeed_update() -> None:
    makefile = (ROOT / "Makefile").read_text()
    recipe = makefile.split("\nupdate:", 1)[1].split("\n\n", 1)[0]
    assert "$(BIN)/paperfeed update" in recipe
    assert "git status --porcelain -- data/archive" in recipe
