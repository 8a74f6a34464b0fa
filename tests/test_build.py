"""``hoso build``: the README's main job on the bundled examples, in a copy of the repository."""

from __future__ import annotations

from pathlib import Path

import pytest

from hoso.cli import main


def test_build_checks_renders_and_builds_the_site(repo_copy: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "ket-qua"
    code = main(["build", "--ngay", "2026-11-27", "--out", str(out)])
    text = capsys.readouterr().out
    assert code == 0, text
    dossiers = sorted(p.relative_to(repo_copy / "dossiers").with_suffix("")
                      for p in (repo_copy / "dossiers").rglob("*.yaml"))
    assert f"Đã kiểm tra {len(dossiers)} hồ sơ: không có lỗi nào." in text
    for rel in dossiers:
        for ext in (".docx", ".pdf"):
            doc = out / "ho-so" / rel.with_suffix(ext)
            assert doc.stat().st_size > 10_000, doc
    # the committee documents of each dossier at the stage that needs them: one example at each
    # later stage (tham_tra, bieu_quyet, ket_nap, du_bi, chinh_thuc)
    def documents(rel: str) -> set[str]:
        return {p.stem for p in (out / "ho-so" / rel / "van-ban").glob("*.pdf")}

    assert documents("ky-thuat/KT-2026-001") == set()
    assert documents("kinh-doanh/KD-2026-002") == {"danh-muc-ho-so", "tong-hop-y-kien"}
    admission = {"danh-muc-ho-so", "tong-hop-y-kien", "nghi-quyet-chi-bo-ket-nap",
                 "nghi-quyet-dang-uy-ket-nap", "quyet-dinh-ket-nap"}
    assert documents("van-phong/VP-2026-005") == admission  # bieu_quyet
    assert documents("van-phong/VP-2026-004") == admission  # ket_nap
    assert documents("van-phong/VP-2025-003") == {*admission, "nghi-quyet-chi-bo-cong-nhan"}
    assert documents("van-phong/VP-2025-001") == {*admission, "nghi-quyet-chi-bo-cong-nhan"}
    assert (out / "site" / "index.html").is_file()
    assert (out / "thong-ke" / "bao-cao.md").is_file()
    # The statistics hold personal data: never inside the public site.
    assert not any("thong-ke" in p.parts for p in (out / "site").rglob("*"))


def test_build_reports_a_broken_dossier_and_does_not_print_it(
        repo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = repo_copy / "dossiers" / "ky-thuat" / "KT-2026-001.yaml"
    target.write_text(target.read_text(encoding="utf-8").replace("gioi_tinh: nam", "gioi_tinh: N"),
                      encoding="utf-8")
    out = tmp_path / "ket-qua"
    code = main(["build", "--ngay", "2026-11-27", "--out", str(out), "--khong-trang", "--khong-thong-ke"])
    text = capsys.readouterr().out
    assert code == 1
    assert "KT-2026-001.yaml" in text
    assert "Mục (4)" in text
    assert "Không in 1 hồ sơ còn lỗi" in text
    assert not (out / "ho-so" / "ky-thuat" / "KT-2026-001.pdf").exists()
    assert (out / "ho-so" / "van-phong" / "VP-2025-003.pdf").is_file()
