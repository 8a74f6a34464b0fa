"""The install: what the package ships, what checking needs, and the message when an extra is missing.

The slow tests build a real wheel and install it (and an editable install) into fresh virtual
environments, then check a repository that holds only ``dossiers/``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

import pytest
from gitrepo import project_copy

from hoso import extras
from hoso.cli import main
from hoso.repo import Repo, find_repo, packaged_dir

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
GOOD = ROOT / "dossiers" / "ky-thuat" / "KT-2026-001.yaml"
BAD_LINE = 'ngay_sinh: "17/4/1999"'

#: pip name → the module it installs, for the optional dependencies.
MODULE_OF = {"jinja2": "jinja2", "rich": "rich", "pypandoc-binary": "pypandoc", "typst": "typst",
             "fonttools": "fontTools", "mkdocs": "mkdocs", "mkdocs-material": "material",
             "babel": "babel", "lxml": "lxml", "platformdirs": "platformdirs"}


def _names(requirements: list[str]) -> list[str]:
    return [re.split(r"[<>=!~\[ ;]", r, maxsplit=1)[0].lower() for r in requirements]


def test_every_package_is_listed() -> None:
    found = sorted(".".join(p.parent.relative_to(ROOT / "scripts").parts)
                   for p in (ROOT / "scripts" / "hoso").rglob("__init__.py"))
    listed = PYPROJECT["tool"]["setuptools"]["packages"]
    shipped = {"hoso._schema", "hoso._templates", "hoso._docs", "hoso._site"}
    assert sorted(set(listed) - shipped) == found, \
        "add the new package to [tool.setuptools] packages in pyproject.toml"
    mapped = PYPROJECT["tool"]["setuptools"]["package-dir"]
    assert mapped["hoso._schema"] == "schema"
    assert mapped["hoso._templates"] == "templates"
    assert mapped["hoso._docs"] == "docs"
    assert mapped["hoso._site"] == "."


def test_extras_match_the_optional_dependencies() -> None:
    optional = PYPROJECT["project"]["optional-dependencies"]
    for extra, (_, modules) in extras.EXTRAS.items():
        pip_names = [n for n in _names(optional[extra]) if n != "hoso"]
        assert sorted(MODULE_OF[n] for n in pip_names) == sorted(modules), extra
    base = _names(PYPROJECT["project"]["dependencies"])
    assert not set(base) & set(MODULE_OF), "the base install is what checking needs"


def test_check_imports_no_optional_module(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "scripts"), "HOSO_NGAY": "2026-11-27"}
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "hoso", "check"],
                          cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    imported = {line.split("|")[-1].strip().split(".")[0] for line in proc.stderr.splitlines()
                if line.startswith("import time:")}
    optional = {m for _, modules in extras.EXTRAS.values() for m in modules}
    assert not imported & optional


@pytest.mark.parametrize(("argv", "extra"), [(["render"], "render"), (["site"], "site"),
                                             (["report"], "report"), (["build"], "render")])
def test_missing_extra_is_a_vietnamese_hint(argv: list[str], extra: str, repo_copy: Path,
                                           monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    for module in extras.EXTRAS[extra][1]:
        monkeypatch.setitem(sys.modules, module, None)  # type: ignore[arg-type]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "chưa có các gói" in err
    assert f'pip install "hoso[{extra}' in err
    assert "Traceback" not in err


def test_late_import_error_gets_the_same_hint(monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    import hoso.cli.rules as verb

    def fail(*_args: object, **_kwargs: object) -> int:
        raise ModuleNotFoundError("No module named 'typst'", name="typst")

    monkeypatch.setattr(verb.command, "callback", fail)
    assert main(["rules"]) == 2
    assert 'pip install "hoso[render]"' in capsys.readouterr().err


def test_repository_without_schema_uses_the_packaged_copy(tmp_path: Path) -> None:
    (tmp_path / "dossiers" / "ky-thuat").mkdir(parents=True)
    (tmp_path / "dossiers" / "ky-thuat" / "x.yaml").write_text("{}\n", encoding="utf-8")
    repo = find_repo(tmp_path / "dossiers" / "ky-thuat")
    assert repo.root == tmp_path.resolve()
    assert repo.schema_path().is_file()
    assert repo.schema_dir == packaged_dir("schema")
    assert (repo.templates_dir / "reference.docx").is_file()
    own = Repo(ROOT)
    assert own.schema_dir == ROOT / "schema"


def test_missing_organisation_file_says_what_to_add(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "dossiers").mkdir()
    monkeypatch.chdir(tmp_path)
    assert main(["new", "KT-2026-050", "--chi-bo", "ky-thuat"]) == 2
    err = capsys.readouterr().err
    assert "to-chuc.yaml" in err
    example = err[err.index("dang_bo:"):]
    (tmp_path / "to-chuc.yaml").write_text(example, encoding="utf-8")
    assert main(["new", "KT-2026-050", "--chi-bo", "ky-thuat"]) == 0, capsys.readouterr().err
    assert (tmp_path / "dossiers" / "ky-thuat" / "KT-2026-050.yaml").is_file()


def _dossiers_only(folder: Path) -> Path:
    """A repository folder holding only one broken dossier."""
    target = folder / "dossiers" / "ky-thuat" / "KT-2026-001.yaml"
    target.parent.mkdir(parents=True)
    text = GOOD.read_text(encoding="utf-8").replace('ngay_sinh: "1999-04-17"', BAD_LINE)
    target.write_text(text, encoding="utf-8")
    return target


def _fresh_venv(path: Path) -> Path:
    """A virtual environment that sees the test environment's packages *after* its own, so the
    wheel under test is what ``import hoso`` finds and no dependency is fetched."""
    venv.EnvBuilder(with_pip=False).create(path)
    python = path / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                          capture_output=True, text=True, check=True).stdout.strip()
    ours = [p for p in sys.path if p.endswith("site-packages")]
    Path(site, "zz-test-deps.pth").write_text("\n".join(ours) + "\n", encoding="utf-8")
    return python


def _clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")} \
        | {"HOSO_NGAY": "2026-11-27"}


def _check_with(python: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([python, "-m", "hoso", "check"], cwd=cwd, env=_clean_env(),
                          capture_output=True, text=True, check=False)


@pytest.mark.slow
def test_built_wheel_checks_a_dossiers_only_repository(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    source = project_copy(tmp_path / "hoso")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", wheels, source],
                   check=True, capture_output=True, env=_clean_env())
    wheel = next(wheels.glob("hoso-*.whl"))
    python = _fresh_venv(tmp_path / "venv")
    subprocess.run([sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps",
                    wheel], check=True, capture_output=True, env=_clean_env())
    kho = tmp_path / "kho"
    _dossiers_only(kho)
    proc = _check_with(python, kho)
    assert proc.returncode == 1, proc.stderr
    assert "KT-2026-001.yaml:12:12: lỗi sai-dinh-dang: Mục (3)" in proc.stdout
    where = subprocess.run([python, "-c", "import hoso.repo as r; print(r.packaged_dir('schema'))"],
                           cwd=kho, env=_clean_env(), capture_output=True, text=True, check=True)
    assert str(tmp_path / "venv") in where.stdout


@pytest.mark.slow
def test_editable_install_finds_the_packaged_folders(tmp_path: Path) -> None:
    python = _fresh_venv(tmp_path / "venv")
    source = project_copy(tmp_path / "hoso")
    # Built in an isolated environment: setuptools comes from the package index.
    subprocess.run([sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps",
                    "-e", source], check=True, capture_output=True, env=_clean_env())
    where = subprocess.run([python, "-c", "import hoso.repo as r; print(r.packaged_dir('schema'), "
                            "r.packaged_dir('templates'))"], cwd=tmp_path, env=_clean_env(),
                           capture_output=True, text=True, check=True)
    assert where.stdout.split() == [str(source / "schema"), str(source / "templates")]
    kho = tmp_path / "kho"
    _dossiers_only(kho)
    assert "lỗi sai-dinh-dang" in _check_with(python, kho).stdout
