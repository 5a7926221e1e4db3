"""The CI and deployment workflows and the pull-request template say what CONTRIBUTING.md says."""

from __future__ import annotations

import yaml

from building import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"


def _load(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def _steps(job: dict) -> str:
    return "\n".join(str(step.get("run", "")) + str(step.get("uses", "")) for step in job["steps"])


def test_ci_runs_the_readme_test_command_then_builds_and_uploads_the_site() -> None:
    ci = _load("ci.yml")
    assert {"pull_request", "push"} <= set(ci["on"])
    (job,) = ci["jobs"].values()
    steps = _steps(job)
    for needed in ("actions/setup-python", "actions/setup-node", "bash .ci/run", "make build",
                   "actions/upload-artifact"):
        assert needed in steps
    assert steps.index("bash .ci/run") < steps.index("make build") < steps.index("actions/upload-artifact")
    setup = {s["uses"].split("@")[0]: s.get("with", {}) for s in job["steps"] if "uses" in s}
    assert setup["actions/setup-python"]["cache"] == "pip"
    assert float(setup["actions/setup-python"]["python-version"]) >= 3.12
    assert setup["actions/setup-node"] == {"node-version": 20, "cache": "npm"}
    assert "playwright install" not in steps


def test_deploy_publishes_main_to_pages_with_the_right_permissions() -> None:
    deploy = _load("deploy.yml")
    assert deploy["on"]["push"]["branches"] == ["main"]
    assert deploy["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert deploy["concurrency"]["group"] == "pages"
    build, publish = deploy["jobs"]["build"], deploy["jobs"]["deploy"]
    assert "make build" in _steps(build) and "actions/upload-pages-artifact" in _steps(build)
    assert publish["needs"] == "build" and publish["environment"]["name"] == "github-pages"
    assert "actions/deploy-pages" in _steps(publish)


def test_pull_request_template_has_the_checklist() -> None:
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    for item in ("make post", ".authors.yml", "description", "tests/demos/", "make serve", "make check"):
        assert item in text
    assert text.count("- [ ]") >= 10
