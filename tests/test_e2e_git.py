"""The six steps for one candidate, played in git as the committee would.

A bare ``origin`` stands for the private GitHub repository; ``kho`` is the secretary's clone with
the real pre-commit hook installed (the local ``hoso check`` hook, found on PATH). Each step is a
branch, commits through the hook, the ``hoso diff`` summary the pull request would show, and a
merge into ``main`` pushed to origin. The chi ủy returns the dossier once for fixes.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from gitrepo import commit_through_hook, git
from ruamel.yaml import YAML

from hoso.workflow import stages

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "dossiers" / "ky-thuat" / "KT-2026-001.yaml"
REL = "dossiers/ky-thuat/KT-2026-001.yaml"
BIN = Path(sys.executable).parent


class Kho:
    """The secretary's clone: git (through tests/gitrepo.py), hoso and file edits, all with a
    clean environment."""

    def __init__(self, path: Path, env: dict[str, str]) -> None:
        self.path = path
        self.env = env

    def run(self, *cmd: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
        proc = subprocess.run(cmd, cwd=self.path, env=self.env, capture_output=True, text=True,
                              check=False)
        if ok and proc.returncode != 0:
            raise AssertionError(
                f"{' '.join(cmd)} → {proc.returncode}\n{proc.stdout}\n{proc.stderr}")
        return proc

    def git(self, *args: str) -> str:
        return git(self.path, *args)

    def hoso(self, *args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
        return self.run(str(BIN / "hoso"), *args, ok=ok)

    def advance(self, target: str, day: str, who: str, note: str = "") -> None:
        args = ["advance", REL, target, "--ngay", day, "--nguoi", who]
        if note:
            args += ["--ghi-chu", note]
        self.hoso(*args)

    def data(self) -> Any:
        return yaml.safe_load((self.path / REL).read_text(encoding="utf-8"))

    def edit(self, change: Callable[[Any], None]) -> None:
        """Change the dossier's data as a person would in an editor (comments stay)."""
        rt = YAML(typ="rt")
        rt.preserve_quotes = True
        rt.width = 4096
        rt.indent(mapping=2, sequence=4, offset=2)
        path = self.path / REL
        doc = rt.load(path.read_text(encoding="utf-8"))
        change(doc)
        out = io.StringIO()
        rt.dump(doc, out)
        path.write_text(out.getvalue(), encoding="utf-8")

    def commit(self, message: str) -> None:
        """Commit everything through the hook, which must accept it."""
        code, out = commit_through_hook(self.path, message)
        assert code == 0, out

    def refused_commit(self, message: str) -> str:
        """Commit everything through the hook, which must refuse it; what the hook printed."""
        code, out = commit_through_hook(self.path, message)
        assert code != 0, out
        return out

    def pull_request(self, branch: str) -> str:
        """Push the branch and return the summary its pull request would show."""
        self.git("push", "-q", "-u", "origin", branch)
        out = self.hoso("diff", f"origin/main...{branch}").stdout
        return out.split("\n", 1)[1]

    def merge(self, branch: str, title: str) -> None:
        self.git("switch", "-q", "main")
        self.git("merge", "-q", "--no-ff", "-m", title, branch)
        self.git("push", "-q", "origin", "main")
        self.git("branch", "-q", "-d", branch)

    def branch(self, name: str) -> None:
        self.git("switch", "-q", "main")
        self.git("pull", "-q", "--ff-only")
        self.git("switch", "-q", "-c", name)


@pytest.fixture
def kho(tmp_path: Path, git_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Kho:
    # The hook git runs finds hoso on PATH.
    monkeypatch.setenv("PATH", str(BIN) + os.pathsep + os.environ.get("PATH", ""))
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(git_env)
    origin = tmp_path / "origin.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(origin))
    path = tmp_path / "kho"
    git(tmp_path, "clone", "-q", str(origin), str(path))
    for name in ("schema",):
        shutil.copytree(ROOT / name, path / name)
    for name in ("scripts/hoso-hook", "to-chuc.yaml", ".pre-commit-config.yaml"):
        (path / name).parent.mkdir(exist_ok=True)
        shutil.copy2(ROOT / name, path / name)
    (path / "dossiers" / "ky-thuat").mkdir(parents=True)
    kho = Kho(path, env)
    kho.git("switch", "-q", "-c", "main")
    kho.git("add", "-A")
    kho.git("commit", "-q", "-m", "Khởi tạo kho hồ sơ")
    kho.git("push", "-q", "-u", "origin", "main")
    kho.run(sys.executable, "-m", "pre_commit", "install")
    return kho


def _submitted_dossier() -> str:
    """The bundled example as the candidate first submits it: stage khai, one history entry."""
    text = EXAMPLE.read_text(encoding="utf-8")
    first = yaml.safe_load(text)["quy_trinh"]["lich_su"][0]
    text = text[: text.index("\nquy_trinh:") + 1]
    return text + ("quy_trinh:\n  giai_doan: khai\n  lich_su:\n    - giai_doan: khai\n"
                   f'      ngay: "{first["ngay"]}"\n      nguoi: {first["nguoi"]}\n'
                   "      ghi_chu: Nộp bản khai lần đầu\n")


REWARD = {"thang": "2025-12", "ly_do": "Hoàn thành xuất sắc nhiệm vụ năm 2025",
          "hinh_thuc": "Bằng khen", "cap_quyet_dinh": "Chủ tịch Ủy ban nhân dân tỉnh Lạng Sơn"}
CELL_ORG = "Chi bộ Tổ dân phố 5, Đảng bộ phường Tam Thanh"
MUST_VERIFY = ("cha_de", "me_de", "nguoi_nuoi_duong", "cha_vo_chong", "me_vo_chong", "vo", "chong")


def _verification(data: Any) -> list[dict[str, Any]]:
    """Records (24) for the candidate and the living relatives who are not Party members."""
    people = [("ban_than", str(data["ho_ten_khai_sinh"]).title())]
    people += [(p["quan_he"], p["ho_ten"]) for p in data["gia_dinh"]
               if p["quan_he"] in MUST_VERIFY and p.get("dang_vien", "Không") == "Không"
               and "da_mat" not in p]
    return [{"doi_tuong": rel, "ho_ten_nguoi_duoc_tham_tra": name, "to_chuc": CELL_ORG,
             "noi_dung": "Khai đúng, đầy đủ; chấp hành tốt chủ trương, chính sách của Đảng, "
                         "pháp luật của Nhà nước.",
             "ngay": "2026-04-02", "nguoi_ky": "Lương Văn Tâm", "chuc_vu": "Bí thư chi bộ",
             "dong_dau": True} for rel, name in people]


def _comment(text: str, day: str, on_behalf: str, role: str, who: str) -> dict[str, str]:
    return {"noi_dung": text, "noi_viet": "Lạng Sơn", "ngay": day, "thay_mat": on_behalf,
            "chuc_vu": role, "nguoi_ky": who}


def test_six_steps_with_one_return(kho: Kho) -> None:  # noqa: PLR0915 - one story
    started = time.perf_counter()
    head_line = f"{REL} — KT-2026-001, HOÀNG MINH KHÔI (sửa)\n"

    # Step 1 — the candidate's declaration reaches the chi bộ. The hook refuses a broken file.
    kho.branch("kt-2026-001/nop-ho-so")
    broken = _submitted_dossier().replace("\ngioi_tinh: nam\n", "\ngioi_tinh: Nam giới\n")
    (kho.path / REL).write_text(broken, encoding="utf-8")
    hook_output = kho.refused_commit("KT-2026-001: nộp bản khai")
    assert "hoso check" in hook_output
    assert "Mục (4) Giới tính (nam, nữ)" in hook_output
    assert kho.git("rev-list", "--count", "HEAD").strip() == "1"
    (kho.path / REL).write_text(_submitted_dossier(), encoding="utf-8")
    kho.commit("KT-2026-001: nộp bản khai")
    kho.advance("chi_uy_xem_xet", "2026-02-12", "Nông Văn Đức", "Chi ủy nhận hồ sơ")
    kho.commit("KT-2026-001: chi ủy nhận hồ sơ")
    assert kho.pull_request("kt-2026-001/nop-ho-so") == (
        f"\n{REL} — KT-2026-001, HOÀNG MINH KHÔI (hồ sơ mới)\n"
        "  Hồ sơ: hồ sơ mới, giai đoạn «Chi ủy xem xét», có 26/26 mục của mẫu\n")
    kho.merge("kt-2026-001/nop-ho-so", "KT-2026-001: nộp hồ sơ, chi ủy nhận")

    # Step 2 — the chi ủy reviews and returns the dossier for an addition (the one return).
    kho.branch("kt-2026-001/tra-lai")
    kho.advance("tra_lai", "2026-02-20", "Nông Văn Đức", "Bổ sung khen thưởng năm 2025, mục (19)")
    kho.commit("KT-2026-001: chi ủy trả lại để bổ sung")
    assert kho.pull_request("kt-2026-001/tra-lai") == (
        "\n" + head_line +
        "  Giai đoạn: Trả lại để sửa: «Chi ủy xem xét» → «Quần chúng khai lý lịch» "
        "(ngày 20-2-2026, Nông Văn Đức: “Bổ sung khen thưởng năm 2025, mục (19)”)\n")
    kho.merge("kt-2026-001/tra-lai", "KT-2026-001: trả lại để bổ sung")

    # The candidate adds the reward and submits again; the chi ủy forwards to the Đảng ủy.
    kho.branch("kt-2026-001/bo-sung")
    kho.edit(lambda d: d["khen_thuong"].append(dict(REWARD)))
    kho.commit("KT-2026-001: bổ sung khen thưởng")
    kho.advance("chi_uy_xem_xet", "2026-02-25", "Nông Văn Đức", "Nộp lại sau khi bổ sung")
    kho.commit("KT-2026-001: nộp lại")
    assert kho.pull_request("kt-2026-001/bo-sung") == (
        "\n" + head_line +
        "  Giai đoạn: «Quần chúng khai lý lịch» → «Chi ủy xem xét» "
        "(ngày 25-2-2026, Nông Văn Đức: “Nộp lại sau khi bổ sung”)\n"
        "  Mục (19) Khen thưởng: thêm dòng “tháng 12-2025: Hoàn thành xuất sắc nhiệm vụ năm 2025; "
        "Bằng khen; Chủ tịch Ủy ban nhân dân tỉnh Lạng Sơn”\n")
    kho.merge("kt-2026-001/bo-sung", "KT-2026-001: bổ sung khen thưởng, nộp lại")

    kho.branch("kt-2026-001/chuyen-dang-uy")
    kho.advance("dang_uy_xem_xet", "2026-03-02", "Nông Văn Đức", "Chi ủy đề nghị Đảng ủy xem xét")
    kho.commit("KT-2026-001: chi ủy chuyển Đảng ủy")
    assert kho.pull_request("kt-2026-001/chuyen-dang-uy") == (
        "\n" + head_line +
        "  Giai đoạn: «Chi ủy xem xét» → «Đảng ủy xem xét» "
        "(ngày 2-3-2026, Nông Văn Đức: “Chi ủy đề nghị Đảng ủy xem xét”)\n")
    kho.merge("kt-2026-001/chuyen-dang-uy", "KT-2026-001: chuyển Đảng ủy xem xét")

    # Step 3 — the Đảng ủy corrects an item and sends the dossier back to the chi bộ.
    kho.branch("kt-2026-001/dang-uy-sua")
    language = kho.data()["trinh_do"]["ngoai_ngu"]
    kho.edit(lambda d: d["trinh_do"].__setitem__("ngoai_ngu", f"{language} (đã đối chiếu bản gốc)"))
    kho.advance("chep_chinh_thuc", "2026-03-10", "Lê Thị Hoa",
                "Đảng ủy đã kiểm tra; chép bản chính thức")
    kho.commit("KT-2026-001: Đảng ủy sửa, chuyển chép bản chính thức")
    assert kho.pull_request("kt-2026-001/dang-uy-sua") == (
        "\n" + head_line +
        "  Giai đoạn: «Đảng ủy xem xét» → «Chép bản chính thức» "
        "(ngày 10-3-2026, Lê Thị Hoa: “Đảng ủy đã kiểm tra; chép bản chính thức”)\n"
        f"  Mục (11) Trình độ hiện nay: Ngoại ngữ: sửa “{language}” thành "
        f"“{language} (đã đối chiếu bản gốc)”\n")
    kho.merge("kt-2026-001/dang-uy-sua", "KT-2026-001: Đảng ủy kiểm tra xong")

    # Step 4 — the official copy is written once; verification starts.
    kho.branch("kt-2026-001/chep-chinh-thuc")
    kho.advance("tham_tra", "2026-03-20", "Nông Văn Đức", "Đã chép vào quyển lý lịch chính thức")
    kho.commit("KT-2026-001: chép bản chính thức")
    assert kho.pull_request("kt-2026-001/chep-chinh-thuc") == (
        "\n" + head_line +
        "  Giai đoạn: «Chép bản chính thức» → «Thẩm tra lý lịch» "
        "(ngày 20-3-2026, Nông Văn Đức: “Đã chép vào quyển lý lịch chính thức”)\n")
    kho.merge("kt-2026-001/chep-chinh-thuc", "KT-2026-001: bắt đầu thẩm tra")

    # Step 5 — verification records (24), the chi ủy's comment (25), the certificate (26), the
    # chi bộ meeting; the dossier goes to the executive committee's vote.
    kho.branch("kt-2026-001/tham-tra")
    records = _verification(kho.data())

    def verified(d: Any) -> None:
        d["tham_tra"] = records
        d["nhan_xet_chi_bo"] = _comment(
            "Lý lịch khai trung thực, đúng với kết quả thẩm tra.", "2026-04-10",
            "Chi ủy Chi bộ Kỹ thuật", "Bí thư chi bộ", "Nông Văn Đức")
        d["chung_nhan_cap_uy"] = _comment(
            "Lý lịch khai đúng; đủ điều kiện xem xét kết nạp.", "2026-04-15",
            "Đảng ủy VNPT Lạng Sơn", "Bí thư Đảng ủy", "Lê Thị Hoa")
        d["xet_ket_nap"]["tong_hop_y_kien"] = {
            "ngay": "2026-04-16",
            "y_kien": [{"to_chuc": "Chi ủy nơi cư trú", "noi_dung": "Chấp hành tốt."}]}
        # no move to the vote without the chi bộ meeting and its vote (issue 14)
        d["xet_ket_nap"]["hop_chi_bo"] = {
            "ngay": "2026-04-20", "so_nghi_quyet": "12-NQ/CB",
            "bieu_quyet": {"tong_so": "9", "co_mat": "8", "tan_thanh": "8",
                           "khong_tan_thanh": "0"}}

    kho.edit(verified)
    kho.advance("bieu_quyet", "2026-04-22", "Nông Văn Đức", "Chi bộ đề nghị kết nạp")
    kho.commit("KT-2026-001: kết quả thẩm tra, chi bộ đề nghị")
    summary = kho.pull_request("kt-2026-001/tham-tra").splitlines()
    assert len(records) >= 2  # the candidate and at least the father
    n = len(records)
    assert summary[:4] == [
        "", head_line.rstrip("\n"),
        "  Giai đoạn: «Thẩm tra lý lịch» → «Biểu quyết, đề nghị kết nạp» "
        "(ngày 22-4-2026, Nông Văn Đức: “Chi bộ đề nghị kết nạp”)",
        "  Mục (24) Nhận xét của cấp ủy, tổ chức đảng nơi đến thẩm tra lý lịch của người xin vào "
        "Đảng:"]
    assert summary[4].startswith(
        "    - thêm dòng “ngày 2-4-2026: Bản thân người xin vào Đảng; Hoàng Minh Khôi; "
        f"{CELL_ORG}; Khai đúng, đầy đủ;")
    assert all(line.startswith("    - thêm dòng “ngày 2-4-2026: ") for line in summary[4:4 + n])
    assert summary[4 + n:] == [
        "  Mục (25) Nhận xét của chi ủy hoặc của chi bộ (nơi không có chi ủy): sửa “Không” thành "
        "“Nội dung: Lý lịch khai trung thực, đúng với kết quả thẩm tra; Nơi viết: Lạng Sơn; "
        "Ngày: ngày 10-4-2026; Thay mặt: Chi ủy Chi bộ Kỹ thuật; Chức vụ: Bí thư chi bộ; "
        "Người ký: Nông Văn Đức”",
        "  Mục (26) Chứng nhận của cấp ủy cơ sở hoặc cấp ủy cấp trên trực tiếp của tổ chức cơ sở "
        "đảng (nơi không có đảng ủy cơ sở): sửa “Không” thành “Nội dung: Lý lịch khai đúng; đủ "
        "điều kiện xem xét kết nạp; Nơi viết: Lạng Sơn; Ngày: ngày 15-4-2026; Thay mặt: Đảng ủy "
        "VNPT Lạng Sơn; Chức vụ: Bí thư Đảng ủy; Người ký: Lê Thị Hoa”",
        "  Thông tin xét kết nạp:",
        "    - Tổng hợp ý kiến nhận xét của đoàn thể và chi ủy nơi cư trú: thêm “Ngày lập: ngày "
        "16-4-2026”",
        "    - Tổng hợp ý kiến nhận xét của đoàn thể và chi ủy nơi cư trú: Các ý kiến: thêm dòng "
        "“Chi ủy nơi cư trú; Chấp hành tốt.”",
        "    - Họp chi bộ xét kết nạp: thêm “Ngày họp: ngày 20-4-2026; Số nghị quyết: 12-NQ/CB”",
        "    - Họp chi bộ xét kết nạp: Kết quả biểu quyết: tán thành 8/9, không tán thành 0, có "
        "mặt 8/9 (ít nhất 2/3 tổng số: đạt)",
    ]
    kho.merge("kt-2026-001/tham-tra", "KT-2026-001: thẩm tra xong, chi bộ đề nghị kết nạp")

    # Step 6 — the executive committee votes and proposes; the decision comes back and the
    # chi bộ holds the ceremony.
    kho.branch("kt-2026-001/ket-nap")

    def admitted(d: Any) -> None:
        d["xet_ket_nap"]["hop_dang_uy"] = {
            "ngay": "2026-04-28", "so_nghi_quyet": "31-NQ/ĐU",
            "bieu_quyet": {"tong_so": "7", "co_mat": "7", "tan_thanh": "7",
                           "khong_tan_thanh": "0"}}
        d["xet_ket_nap"]["quyet_dinh_ket_nap"] = {
            "so": "345-QĐ/ĐU", "ngay": "2026-05-12",
            "co_quan": "Đảng ủy các cơ quan Đảng tỉnh Lạng Sơn"}
        d["xet_ket_nap"]["le_ket_nap"] = {"ngay": "2026-05-19"}

    kho.edit(admitted)
    kho.advance("ket_nap", "2026-05-19", "Lê Thị Hoa", "Quyết định 345-QĐ/ĐU; đã tổ chức lễ kết nạp")
    kho.commit("KT-2026-001: kết nạp")
    assert kho.pull_request("kt-2026-001/ket-nap") == (
        "\n" + head_line +
        "  Giai đoạn: «Biểu quyết, đề nghị kết nạp» → «Đã kết nạp» "
        "(ngày 19-5-2026, Lê Thị Hoa: “Quyết định 345-QĐ/ĐU; đã tổ chức lễ kết nạp”)\n"
        "  Thông tin xét kết nạp:\n"
        "    - Đảng ủy cơ sở xét, đề nghị kết nạp: thêm “Ngày họp: ngày 28-4-2026; Số nghị quyết: "
        "31-NQ/ĐU”\n"
        "    - Đảng ủy cơ sở xét, đề nghị kết nạp: Kết quả biểu quyết: tán thành 7/7, không tán "
        "thành 0, có mặt 7/7 (ít nhất 2/3 tổng số: đạt)\n"
        "    - Quyết định kết nạp: thêm “Số văn bản: 345-QĐ/ĐU; Ngày ban hành: ngày 12-5-2026; "
        "Cơ quan ban hành: Đảng ủy các cơ quan Đảng tỉnh Lạng Sơn”\n"
        "    - Lễ kết nạp: thêm “Ngày lễ kết nạp: ngày 19-5-2026”\n")
    kho.merge("kt-2026-001/ket-nap", "KT-2026-001: kết nạp")

    # The result on origin: the history of every step, the final stage, a clean check.
    first = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))["quy_trinh"]["lich_su"][0]
    kho.git("fetch", "-q")
    assert kho.git("rev-parse", "main") == kho.git("rev-parse", "origin/main")
    final = yaml.safe_load(kho.git("show", f"origin/main:{REL}"))
    assert final["quy_trinh"]["giai_doan"] == "ket_nap"
    assert [(e["giai_doan"], e["ngay"], e["nguoi"]) for e in final["quy_trinh"]["lich_su"]] == [
        ("khai", first["ngay"], first["nguoi"]),
        ("chi_uy_xem_xet", "2026-02-12", "Nông Văn Đức"),
        ("khai", "2026-02-20", "Nông Văn Đức"),
        ("chi_uy_xem_xet", "2026-02-25", "Nông Văn Đức"),
        ("dang_uy_xem_xet", "2026-03-02", "Nông Văn Đức"),
        ("chep_chinh_thuc", "2026-03-10", "Lê Thị Hoa"),
        ("tham_tra", "2026-03-20", "Nông Văn Đức"),
        ("bieu_quyet", "2026-04-22", "Nông Văn Đức"),
        ("ket_nap", "2026-05-19", "Lê Thị Hoa"),
    ]
    assert stages.count_returns(final["quy_trinh"]["lich_su"]) == 1
    merges = kho.git("log", "--merges", "--format=%s", "origin/main").splitlines()
    assert len(merges) == 8
    assert kho.hoso("check", "--ngay", "2026-05-19").returncode == 0
    # The whole journey in one summary, from the empty repository to the admission.
    first = kho.git("rev-list", "--max-parents=0", "main").strip()
    journey = kho.hoso("diff", first, "main").stdout
    assert "hồ sơ mới, giai đoạn «Đã kết nạp»" in journey
    print(f"e2e: {time.perf_counter() - started:.1f} s")
