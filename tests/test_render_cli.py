"""``hoso render`` through ``main([...])``: options, exit codes, output; spawn workers."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from test_render_support import FIXTURE, FIXTURE_REL

from hoso.cli import main

pytestmark = pytest.mark.slow


@pytest.fixture
def kho(repo_copy: Path) -> Path:
    target = repo_copy / FIXTURE_REL
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(FIXTURE, target)
    return repo_copy


def test_render_writes_into_build_by_default(kho: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["render", str(FIXTURE_REL), "--to", "docx", "--chi-tiet"])
    out = capsys.readouterr().out
    assert code == 0, out
    docx = kho / "build" / "ho-so" / "kinh-doanh" / "TT-2026-901.docx"
    assert docx.is_file()
    assert f"đã in: {docx}" in out
    assert out.splitlines()[-1] == (
        f"1 hồ sơ: đã in 1, không đổi 0, không in được 0. Tệp ở {kho / 'build' / 'ho-so'}.")
    assert main(["render", str(FIXTURE_REL), "--to", "docx"]) == 0
    assert "1 hồ sơ: đã in 0, không đổi 1, không in được 0." in capsys.readouterr().out


def test_final_refused_prints_the_findings(kho: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = kho / FIXTURE_REL
    target.write_text(target.read_text(encoding="utf-8").replace(
        "\n  giai_doan: tham_tra\n", "\n  giai_doan: chi_uy_xem_xet\n"), encoding="utf-8")
    code = main(["render", str(FIXTURE_REL), "--ban-chinh-thuc", "--ngay", "2026-03-15",
                 "--out", "ra"])
    out = capsys.readouterr().out
    assert code == 1
    line = next(ln for ln in out.splitlines() if "chua-den-ban-chinh-thuc" in ln)
    assert line.startswith(f"{FIXTURE_REL.as_posix()}:")
    assert ": lỗi chua-den-ban-chinh-thuc: Hồ sơ đang ở giai đoạn “Chi ủy xem xét”" in line
    assert "không in được 1" in out
    assert not (kho / "ra" / "kinh-doanh").exists()


def test_final_prints_when_the_check_is_clean(kho: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["render", str(FIXTURE_REL), "--ban-chinh-thuc", "--ngay", "2026-03-15",
                 "--to", "docx", "--format", "json", "--out", "ra"])
    doc = json.loads(capsys.readouterr().out)
    assert code == 0
    assert doc["da_in"] == 1
    assert doc["ket_qua"] == []
    (entry,) = doc["ho_so"]
    assert entry["trang_thai"] == "rendered"
    assert entry["tai_lieu"]["docx"].endswith(".docx")


@pytest.mark.parametrize(("args", "message"), [
    (["--to", "odt"], "--to: định dạng “odt” không có"),
    (["--shard", "3/2"], "--shard 3/2"),
    (["khong-co.yaml"], "Không tìm thấy tệp hoặc thư mục “khong-co.yaml”"),
    (["--jobs", "0"], "Lỗi cách dùng"),
])
def test_usage_errors_exit_two(kho: Path, capsys: pytest.CaptureFixture[str], args: list[str],
                               message: str) -> None:
    assert main(["render", *args]) == 2
    assert message in capsys.readouterr().err


def test_a_broken_template_is_an_error_not_a_traceback(
        kho: Path, capsys: pytest.CaptureFixture[str]) -> None:
    part = kho / "templates" / "2-knd" / "dac-diem-lich-su.md.j2"
    part.write_text("{{ hs.khong_co_muc_nay }}\n", encoding="utf-8")
    assert main(["render", str(FIXTURE_REL), "--to", "docx"]) == 2
    out = capsys.readouterr().out
    assert "mẫu in templates/" in out
    assert "khong_co_muc_nay" in out


def test_spawn_workers_render_many(kho: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = (kho / FIXTURE_REL).read_text(encoding="utf-8")
    for i in range(2, 6):
        (kho / FIXTURE_REL).with_name(f"TT-2026-90{i}.yaml").write_text(
            src.replace("ma_ho_so: TT-2026-901", f"ma_ho_so: TT-2026-90{i}"), encoding="utf-8")
    code = main(["render", "dossiers/kinh-doanh", "--jobs", "2", "--format", "json"])
    doc = json.loads(capsys.readouterr().out)
    assert code == 0, doc
    assert doc["da_in"] == len(list((kho / "dossiers" / "kinh-doanh").glob("*.yaml")))
    pdfs = sorted((kho / "build" / "ho-so" / "kinh-doanh").glob("TT-*.pdf"))
    assert [p.stem for p in pdfs] == [f"TT-2026-90{i}" for i in range(1, 6)]
