"""The scheduled workflow and `make update`: the shape GitHub needs, checked here because
GitHub is not available to the tests; the steps themselves run in test_cli_fetch."""

from __future__ import annotations

import yaml

from tests.helpers import ROOT


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
