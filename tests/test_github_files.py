"""The GitHub files beside the workflows: Dependabot, the importable ruleset, the issue forms.

Each is checked against the schema check-jsonschema vendors (offline), and against the workflows
and the guide it must agree with.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
GITHUB = ROOT / ".github"
FORMS = sorted((GITHUB / "ISSUE_TEMPLATE").glob("*.yml"))


def _check_jsonschema(builtin: str, *files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", builtin,
                           *map(str, files)], capture_output=True, text=True, check=False)


def _yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_dependabot_watches_actions_and_python_packages() -> None:
    path = GITHUB / "dependabot.yml"
    proc = _check_jsonschema("vendor.dependabot", path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    ecosystems = {u["package-ecosystem"]: u for u in _yaml(path)["updates"]}
    assert set(ecosystems) == {"github-actions", "pip"}
    assert all(u["directory"] == "/" for u in ecosystems.values())


@pytest.mark.parametrize("form", [p for p in FORMS if p.name != "config.yml"], ids=lambda p: p.name)
def test_issue_forms_are_valid_and_warn_about_personal_data(form: Path) -> None:
    proc = _check_jsonschema("vendor.github-issue-forms", form)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    data = _yaml(form)
    intro = data["body"][0]
    assert intro["type"] == "markdown"
    assert "dữ liệu cá nhân" in intro["attributes"]["value"]
    assert any(field.get("id") == "phien-ban" for field in data["body"])


def test_issue_forms_cover_wrong_rules_and_print_defects() -> None:
    assert {p.name for p in FORMS} == {"config.yml", "quy-tac-sai.yml", "loi-ban-in.yml"}
    proc = _check_jsonschema("vendor.github-issue-config", GITHUB / "ISSUE_TEMPLATE" / "config.yml")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert _yaml(GITHUB / "ISSUE_TEMPLATE" / "config.yml")["blank_issues_enabled"] is False


def test_ruleset_is_the_branch_protection_the_guide_describes() -> None:
    ruleset = json.loads((GITHUB / "rulesets" / "bao-ve-main.json").read_text(encoding="utf-8"))
    assert ruleset["target"] == "branch"
    assert ruleset["enforcement"] == "active"
    assert ruleset["bypass_actors"] == []
    assert ruleset["conditions"]["ref_name"]["include"] == ["~DEFAULT_BRANCH"]
    rules = {r["type"]: r.get("parameters", {}) for r in ruleset["rules"]}
    assert {"deletion", "non_fast_forward", "required_linear_history", "pull_request",
            "required_status_checks"} <= set(rules)
    review = rules["pull_request"]
    assert review["required_approving_review_count"] >= 1
    assert review["dismiss_stale_reviews_on_push"] is True
    assert review["require_code_owner_review"] is True
    assert review["require_last_push_approval"] is True
    assert review["required_review_thread_resolution"] is True
    assert review["allowed_merge_methods"] == ["squash"]
    checks = rules["required_status_checks"]
    assert checks["strict_required_status_checks_policy"] is True
    # The required checks are the names of the pull-request jobs that always run (a skipped
    # required check counts as passed on GitHub, so a job after others runs with always()).
    jobs = _yaml(GITHUB / "workflows" / "kiem-tra.yml")["jobs"]
    names = {job["name"] for job in jobs.values() if job.get("if", "always()") == "always()"}
    required = {c["context"] for c in checks["required_status_checks"]}
    assert required == {"Kiểm tra và chú thích", "Bản in của hồ sơ thay đổi"}
    assert required <= names
    guide = (ROOT / "docs" / "quy-trinh-git.md").read_text(encoding="utf-8")
    assert ".github/rulesets/bao-ve-main.json" in guide
    for name in required:
        assert name in guide
