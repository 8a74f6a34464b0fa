"""``hoso diff``: the item-by-item Vietnamese summary of what changed between two revisions."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from gitrepo import git

from hoso.cli import main
from hoso.form import dates
from hoso.repo import find_repo
from hoso.workflow import diff
from hoso.workflow.diff import revisions

REL = "dossiers/ky-thuat/KT-2026-001.yaml"


@pytest.fixture(autouse=True)
def _schema_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests judge what the stage machine and the schema guarantee; the admission rules
    have their own tests (and the end-to-end test runs them for real)."""
    monkeypatch.setattr("hoso.validate.rules.run_rules", lambda loaded, repo, options, form=None: [])


def edit(path: Path, *pairs: tuple[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")


def body(text: str) -> str:
    """The output without its first line (which names commit ids)."""
    return text.split("\n", 1)[1]


WORK_ROW = ("    chuc_vu: Bí thư chi đoàn Phòng Kỹ thuật\n",
            "    chuc_vu: Bí thư chi đoàn Phòng Kỹ thuật\n"
            "  - tu: \"2020-09\"\n    den: nay\n"
            "    cong_viec: Cộng tác viên kỹ thuật, Bưu điện tỉnh\n"
            "    chuc_vu: Không\n")


def test_item_by_item_summary(git_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = git_repo / REL
    assert main(["advance", REL, "dang_uy_xem_xet", "--nguoi", "Nông Văn Đức", "--ngay",
                 "2026-03-02", "--ghi-chu", "Chi ủy chuyển Đảng ủy"]) == 0
    capsys.readouterr()
    edit(path, WORK_ROW,
         ("ngoai_ngu: Tiếng Anh, TOEIC 650", "ngoai_ngu: Tiếng Anh, TOEIC 750"),
         ("  - quan_he: em_ruot\n    ho_ten: Hoàng Thu Trang",
          "  - quan_he: vo\n    ho_ten: Nguyễn Thị Lan\n    nam_sinh: \"2001\"\n"
          "  - quan_he: em_ruot\n    ho_ten: Hoàng Thu Trang"),
         ("noi_o: Số 12, đường Bà Triệu, phường Tam Thanh, tỉnh Lạng Sơn\n    nghe_nghiep: Công",
          "noi_o: Số 14, đường Bà Triệu, phường Tam Thanh, tỉnh Lạng Sơn\n    nghe_nghiep: Công"),
         ("gioi_tinh: nam", "gioi_tinh: nữ"),
         ("  - thang: \"2024-12\"\n    ly_do: Hoàn thành xuất sắc nhiệm vụ năm 2024\n"
          "    hinh_thuc: Bằng khen\n"
          "    cap_quyet_dinh: Tổng Giám đốc Tập đoàn Bưu chính Viễn thông Việt Nam\n", ""),
         ("khen_thuong:\n", "khen_thuong: []\n"))
    assert main(["diff"]) == 0
    out = capsys.readouterr().out
    head = git(git_repo, "rev-parse", "--short=7", "HEAD").strip()
    assert out.splitlines()[0] == (
        f"So sánh hồ sơ {head} → thư mục làm việc: 1 hồ sơ thay đổi: 1 sửa.")
    assert body(out) == (
        "\n"
        f"{REL} — KT-2026-001, HOÀNG MINH KHÔI (sửa)\n"
        "  Giai đoạn: «Chi ủy xem xét» → «Đảng ủy xem xét» (ngày 2-3-2026, Nông Văn Đức: "
        "“Chi ủy chuyển Đảng ủy”)\n"
        "  Mục (4) Giới tính (nam, nữ): sửa “nam” thành “nữ”\n"
        "  Mục (11) Trình độ hiện nay: Ngoại ngữ: sửa “Tiếng Anh, TOEIC 650” thành "
        "“Tiếng Anh, TOEIC 750”\n"
        "  Mục (15) Những công việc, chức vụ đã qua: thêm dòng “tháng 9-2020 – nay: "
        "Cộng tác viên kỹ thuật, Bưu điện tỉnh; Không”\n"
        "  Mục (19) Khen thưởng: bỏ dòng “tháng 12-2024: Hoàn thành xuất sắc nhiệm vụ năm 2024; "
        "Bằng khen; Tổng Giám đốc Tập đoàn Bưu chính Viễn thông Việt Nam”\n"
        "  Mục (21) Hoàn cảnh gia đình:\n"
        "    - sửa người thân “Cha đẻ: Hoàng Văn Thắng (sinh năm 1968)”: Chỗ ở hiện nay: sửa "
        "“Số 12, đường Bà Triệu, phường Tam Thanh, tỉnh Lạng Sơn” thành “Số 14, đường Bà Triệu, "
        "phường Tam Thanh, tỉnh Lạng Sơn”\n"
        "    - thêm người thân “Vợ: Nguyễn Thị Lan (sinh năm 2001)”\n"
    )


def test_family_member_removed_and_long_text_edited(git_repo: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    path = git_repo / REL
    text = path.read_text(encoding="utf-8")
    start = text.index("  - quan_he: em_ruot")
    end = text.index("\n# (22)")
    path.write_text(text[:start] + text[end + 1:], encoding="utf-8")
    edit(path, ("Kinh nghiệm công tác quản lý còn ít;", "Kinh nghiệm công tác quản lý chưa nhiều;"))
    assert main(["diff", "HEAD"]) == 0
    out = capsys.readouterr().out
    assert ("  Mục (21) Hoàn cảnh gia đình: bỏ người thân “Em ruột: Hoàng Thu Trang "
            "(sinh năm 2003)”\n") in out
    assert ("  Mục (22) Tự nhận xét: Khuyết điểm: sửa nội dung: thay “còn ít;” bằng “chưa nhiều;”"
            in out), out


def test_added_removed_renamed_between_commits(git_repo: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    base = git(git_repo, "rev-parse", "HEAD").strip()
    src = git_repo / REL
    new = git_repo / "dossiers" / "van-phong" / "VP-2099-902.yaml"
    new.parent.mkdir(parents=True, exist_ok=True)
    text = src.read_text(encoding="utf-8").replace("KT-2026-001", "VP-2099-902")
    new.write_text(text.replace("chi_bo: ky-thuat", "chi_bo: van-phong"), encoding="utf-8")
    git(git_repo, "mv", REL, "dossiers/ky-thuat/KT-2026-011.yaml")
    git(git_repo, "add", "-A")
    git(git_repo, "commit", "-q", "-m", "thêm, đổi tên")
    mid = git(git_repo, "rev-parse", "HEAD").strip()
    assert main(["diff", base, mid]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].endswith("2 hồ sơ thay đổi: 1 hồ sơ mới, 1 đổi tên tệp.")
    assert "dossiers/van-phong/VP-2099-902.yaml — VP-2099-902, HOÀNG MINH KHÔI (hồ sơ mới)\n" \
           "  Hồ sơ: hồ sơ mới, giai đoạn «Chi ủy xem xét», có 26/26 mục của mẫu\n" in out
    assert "dossiers/ky-thuat/KT-2026-011.yaml — KT-2026-001, HOÀNG MINH KHÔI (đổi tên tệp)\n" \
           f"  Tệp: đổi tên từ {REL} thành dossiers/ky-thuat/KT-2026-011.yaml\n" in out
    git(git_repo, "rm", "-q", "dossiers/van-phong/VP-2099-902.yaml")
    git(git_repo, "commit", "-q", "-m", "xóa")
    assert main(["diff", f"{mid}..HEAD"]) == 0
    out = capsys.readouterr().out
    assert body(out) == ("\ndossiers/van-phong/VP-2099-902.yaml — VP-2099-902, HOÀNG MINH KHÔI "
                         "(xóa hồ sơ)\n  Hồ sơ: xóa cả hồ sơ (đang ở giai đoạn «Chi ủy xem xét»)\n")
    assert main(["diff", "HEAD", "HEAD"]) == 0
    assert "Không có hồ sơ nào thay đổi." in capsys.readouterr().out


def test_three_dots_compare_from_the_merge_base(git_repo: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    git(git_repo, "switch", "-q", "-c", "nhanh")
    edit(git_repo / REL, ("ton_giao: Không\n", "ton_giao: Phật giáo\n"))
    git(git_repo, "commit", "-q", "-am", "sửa tôn giáo")
    git(git_repo, "switch", "-q", "main")
    edit(git_repo / REL, ("dan_toc: Tày\n", "dan_toc: Nùng\n"))
    git(git_repo, "commit", "-q", "-am", "sửa dân tộc trên main")
    assert main(["diff", "main...nhanh"]) == 0
    out = capsys.readouterr().out
    assert "Mục (9) Tôn giáo: sửa “Không” thành “Phật giáo”" in out
    assert "Dân tộc" not in out
    assert main(["diff", "main", "nhanh"]) == 0
    out = capsys.readouterr().out
    assert "Mục (8) Dân tộc: sửa “Nùng” thành “Tày”" in out


def test_history_rewrites_and_bare_stage_edits_are_flagged(git_repo: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    edit(git_repo / REL, ("      ghi_chu: Chi ủy nhận hồ sơ", "      ghi_chu: Đã sửa lại"),
         ("  giai_doan: chi_uy_xem_xet", "  giai_doan: tham_tra"))
    main(["diff"])
    out = capsys.readouterr().out
    assert "  Lịch sử quy trình: ⚠ sửa hoặc xóa dòng đã có trong lịch sử quy trình" in out
    assert ("  Giai đoạn: «Chi ủy xem xét» → «Thẩm tra lý lịch» (⚠ không có dòng tương ứng trong "
            "lịch sử quy trình; hãy dùng hoso advance)") in out


def test_return_is_named(git_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["advance", REL, "tra_lai", "--nguoi", "Nông Văn Đức", "--ngay", "2026-03-02",
          "--ghi-chu", "Bổ sung mục (15)"])
    capsys.readouterr()
    main(["diff"])
    assert ("  Giai đoạn: Trả lại để sửa: «Chi ủy xem xét» → «Quần chúng khai lý lịch» "
            "(ngày 2-3-2026, Nông Văn Đức: “Bổ sung mục (15)”)") in capsys.readouterr().out


def test_markdown_shows_user_text_literally(git_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    hostile = "<img src=x onerror=alert(1)> **đậm** [a](https://x.invalid) @octocat `mã`"
    edit(git_repo / REL, ("ten_goi_khac: Không", f"ten_goi_khac: \"{hostile}\""))
    assert main(["diff", "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(diff.MARKER + "\n### Thay đổi trong hồ sơ\n")
    line = next(x for x in out.splitlines() if "Các tên gọi khác" in x)
    assert "<img" not in line
    assert "&lt;img" in line
    assert "**đậm**" not in line
    assert r"\*\*đậm\*\*" in line
    assert "[a](" not in line
    assert "https://" not in line
    assert "@octocat" not in line
    assert "@\u2060octocat" in line
    assert "`mã`" not in line


def test_markdown_is_cut_below_githubs_comment_limit(git_repo: Path) -> None:
    rows = "".join(f"  - tu: \"2023-{m:02d}\"\n    den: \"2023-{m:02d}\"\n"
                   f"    cong_viec: {'việc ' * 40}{m}\n    chuc_vu: Không\n" for m in range(1, 13))
    edit(git_repo / REL, ("cong_viec_chuc_vu:\n", "cong_viec_chuc_vu:\n" + rows))
    report = diff.build_report(find_repo(git_repo))
    text = diff.render_markdown(report, limit=2000)
    assert len(text) <= 2000
    assert text.rstrip().endswith("để xem đầy đủ.*")


def test_json_and_names_only(git_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(git_repo / REL, ("dan_toc: Tày\n", "dan_toc: Nùng\n"))
    (git_repo / "dossiers" / "ky-thuat" / "KT-2026-003.yaml").write_text("rác: [\n", encoding="utf-8")
    assert main(["diff", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["den"] is None
    by_path = {d["tep"]: d for d in doc["ho_so"]}
    assert by_path[REL]["thay_doi"] == [
        {"muc": "Mục (8) Dân tộc", "noi_dung": "sửa “Tày” thành “Nùng”"}]
    broken = by_path["dossiers/ky-thuat/KT-2026-003.yaml"]
    assert broken["trang_thai"] == "them"
    assert broken["thay_doi"][0]["noi_dung"].startswith("⚠ không đọc được nội dung mới (dòng 2:")
    assert main(["diff", "--chi-ten-tep"]) == 0
    assert capsys.readouterr().out.splitlines() == [REL, "dossiers/ky-thuat/KT-2026-003.yaml"]


def test_labels_are_read_from_the_repository_schema(git_repo: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    schema_path = git_repo / "schema" / "2-knd-2025.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    schema["properties"]["dan_toc"]["title"] = "Dân tộc (theo giấy khai sinh)"
    schema_path.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
    edit(git_repo / REL, ("dan_toc: Tày\n", "dan_toc: Nùng\n"))
    main(["diff"])
    out = capsys.readouterr().out
    assert "Mục (8) Dân tộc (theo giấy khai sinh): sửa “Tày” thành “Nùng”" in out


def test_bad_revision_is_a_usage_error(git_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "khong-co-nhanh-nay"]) == 2
    assert "Không tìm thấy phiên bản git “khong-co-nhanh-nay”" in capsys.readouterr().err
    assert main(["diff", "--output=x"]) == 2


def test_changed_lines(git_repo: Path) -> None:
    edit(git_repo / REL, ("dan_toc: Tày\n", "dan_toc: Nùng\n"), WORK_ROW)
    (git_repo / "dossiers" / "ky-thuat" / "MOI.yaml").write_text("a: 1\nb: 2\n", encoding="utf-8")
    lines = revisions.changed_lines(git_repo, revisions.resolve(git_repo, "HEAD"), None)
    text = (git_repo / REL).read_text(encoding="utf-8").splitlines()
    expected = {text.index("dan_toc: Nùng") + 1} | set(range(
        text.index('  - tu: "2020-09"') + 1, text.index('  - tu: "2020-09"') + 5))
    assert lines[REL] == expected
    assert lines["dossiers/ky-thuat/MOI.yaml"] == {1, 2}


@pytest.mark.parametrize(("value", "shown"), [
    ("2026-03-02", "ngày 2-3-2026"), ("2020-09", "tháng 9-2020"), ("1962", "năm 1962"),
    ("nay", "nay"), ("020099004517", None), ("2026-3-2", None), (12, None)])
def test_show_date(value: object, shown: str | None) -> None:
    assert dates.show_value(value) == shown


def test_no_personal_data_in_the_headline() -> None:
    report = diff.Report("a" * 40, None, [diff.DossierDiff("sua", REL, code="KT", name="TÊN")])
    assert re.fullmatch(r"So sánh hồ sơ a{7} → thư mục làm việc: 1 hồ sơ thay đổi: 1 sửa\.",
                        diff.render_text(report).splitlines()[0])
