"""``hoso word`` and ``hoso import``: the Word round trip on real .docx files (python-docx fills
them the way Word does), the normalisations and their reports, re-import onto a dossier."""

from __future__ import annotations

import copy
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from wordfill import Filler

from hoso.cli import main
from hoso.errors import UserError
from hoso.form import dates, load_form
from hoso.repo import Repo
from hoso.validate.check import Checker, CheckOptions
from hoso.word.importer import CODE_CHANGED, CODE_PERSON, import_docx
from hoso.word.layout import build_layout
from hoso.word.make import make_form
from hoso.word.normalise import CHANGED, EXACT, PERSON
from hoso.workflow.diff import compare_data

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 27)
EXAMPLES = sorted(p.relative_to(ROOT / "dossiers").as_posix() for p in (ROOT / "dossiers").glob("*/*.yaml"))


def load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def check(repo: Path, path: Path) -> list[str]:
    found = Checker(Repo(repo), CheckOptions(on_date=TODAY)).check_file(path)
    return [f"{f.code}: {f.message}" for f in found]


# ------------------------------------------------------------------------------ the layout


def test_layout_covers_items_1_to_23_in_booklet_order() -> None:
    form = load_form(ROOT / "schema" / "2-knd-2025.schema.json")
    layout = build_layout(form)
    numbers = [s.number for s in layout.sections if s.number]
    assert numbers[0] == "1"
    assert numbers[-1] == "23"
    assert sorted({int(n) for n in numbers}) == list(range(1, 24))
    order = form.top_order()
    keys = [s.key for s in layout.sections if s.key != "xet_ket_nap"]
    assert keys == sorted(keys, key=order.index)
    assert len(layout.by_tag) == len(layout.by_alias)  # every title names one field


def test_the_form_has_drop_downs_tags_and_guidance(repo_copy: Path) -> None:
    out = make_form(Repo(repo_copy), "KT-2026-050", "ky-thuat", repo_copy / "w", today=TODAY)
    xml = zipfile.ZipFile(out).read("word/document.xml").decode("utf-8")
    assert 'w:tag w:val="cong_viec_chuc_vu.*.tu"' in xml
    assert 'w:displayText="Ông ngoại"' in xml  # the relationships of (21) as a drop-down
    assert "(15) Những công việc, chức vụ đã qua" in xml
    assert "Đầy đủ, rõ ràng, liên tục theo tháng" in xml  # the item's guidance
    assert 'w:lock w:val="sdtLocked"' in xml


# ------------------------------------------------------------------------------ round trip


@pytest.mark.parametrize("example", EXAMPLES)
def test_prefilled_form_imports_back_to_the_same_dossier(repo_copy: Path, example: str) -> None:
    target = repo_copy / "dossiers" / example
    before = load(target)
    original_text = target.read_text(encoding="utf-8")
    docx_path = make_form(Repo(repo_copy), str(target), None, repo_copy / "w", today=TODAY)
    result = import_docx(Repo(repo_copy), docx_path, today=TODAY)
    assert not result.created
    assert load(target) == before
    assert result.changes == []
    assert result.outcome.counts[CHANGED] == 0
    assert result.outcome.counts[PERSON] == 0
    assert result.outcome.counts[EXACT] > 100
    assert check(repo_copy, target) == []
    # the workflow record is copied, text and all
    quy_trinh = original_text[original_text.index("quy_trinh:"):]
    assert quy_trinh in target.read_text(encoding="utf-8")


def _fill_from(filler: Filler, data: dict[str, Any]) -> None:  # noqa: PLR0912
    """Type a dossier's items into a blank form, dates in the notations people use."""
    layout = build_layout(load_form(ROOT / "schema" / "2-knd-2025.schema.json"))
    for section in layout.sections:
        for f in section.fields():
            if "*" in f.path:
                continue
            value: Any = data
            for part in f.path:
                value = value.get(part) if isinstance(value, dict) else None
            if f.kind == "khong":
                if value == "Không":
                    filler.set(f.tag, "không")
                continue
            if value is None or isinstance(value, dict | list):
                continue
            filler.set(f.tag, f.shown(value))
    for key in ("lich_su_ban_than", "cong_viec_chuc_vu", "dao_tao_boi_duong", "khen_thuong"):
        rows = [{k: (dates.so(v) if k in ("tu", "den", "thang") else str(v)) for k, v in row.items()}
                for row in data[key]]
        filler.fill_grid(rows, key)
    people = []
    relations = load_form(ROOT / "schema" / "2-knd-2025.schema.json").relations
    for person in data["gia_dinh"]:
        flat: dict[str, str] = {}
        for k, v in person.items():
            if isinstance(v, dict):
                for sub, sv in v.items():
                    flat[f"{k}.{sub}"] = "Có" if sv is True else str(sv)
            else:
                flat[k] = relations[v] if k == "quan_he" else str(v)
        people.append(flat)
    filler.fill_people(people)


def test_blank_form_filled_through_its_fields_imports_and_checks_clean(repo_copy: Path) -> None:
    repo = Repo(repo_copy)
    example = load(repo_copy / "dossiers" / "ky-thuat" / "KT-2026-001.yaml")
    blank = make_form(repo, "KT-2026-050", "ky-thuat", repo_copy / "w", today=TODAY)
    filler = Filler(blank)
    _fill_from(filler, example)
    # the candidate's own notations
    filler.set("ngay_sinh", "17/4/1999")
    filler.set("cam_doan.ngay", "ngày 10 tháng 2 năm 2026")
    filler.set("ho_ten_thuong_dung", "hoàng minh khôi")
    filler.set("gioi_tinh", "nam")
    filler.save()

    result = import_docx(repo, blank, today=TODAY)
    target = repo_copy / "dossiers" / "ky-thuat" / "KT-2026-050.yaml"
    assert result.created
    assert result.target == target
    data = load(target)
    for key in result.data:
        if key in ("ma_ho_so", "quy_trinh", "xet_ket_nap"):
            continue
        assert data[key] == example[key], key
    assert data["xet_ket_nap"] == {k: example["xet_ket_nap"][k]
                                   for k in ("chung_nhan_boi_duong", "don_xin_vao_dang")}
    assert data["quy_trinh"]["giai_doan"] == "khai"
    assert check(repo_copy, target) == []
    messages = {f.message for f in result.notes if f.code == CODE_CHANGED}
    assert any("“17/4/1999” thành ngày 17-4-1999" in m and "Mục (3)" in m for m in messages)
    assert any("HOÀNG MINH KHÔI" in m for m in messages)
    assert any("ghi “không” thành “Không”" in m for m in messages)
    assert result.outcome.counts[PERSON] == 0
    text = target.read_text(encoding="utf-8")
    assert "# (15) Những công việc, chức vụ đã qua" in text  # the layout of hoso new


def test_ambiguous_date_is_reported_not_guessed(repo_copy: Path) -> None:
    repo = Repo(repo_copy)
    target = repo_copy / "dossiers" / "ky-thuat" / "KT-2026-001.yaml"
    docx_path = make_form(repo, str(target), None, repo_copy / "w", today=TODAY)
    filler = Filler(docx_path)
    filler.set("ngay_sinh", "03/04/1999")
    filler.set("doan_thanh_nien.ngay", "31/2/2015")
    filler.save()
    result = import_docx(repo, docx_path, today=TODAY)
    data = load(target)
    assert data["ngay_sinh"] == "03/04/1999"  # kept as typed for a person to decide
    assert data["doan_thanh_nien"]["ngay"] == "31/2/2015"
    person = [f for f in result.notes if f.code == CODE_PERSON]
    assert any("ngày 3 tháng 4 hoặc ngày 4 tháng 3" in f.message for f in person)
    assert any("không có ngày 31" in f.message for f in person)
    assert all("trong tệp Word:" in f.message for f in person)
    assert result.outcome.counts[PERSON] == 2
    assert any(c.item.startswith("Mục (3)") for c in result.changes)
    assert any(f.startswith("sai-dinh-dang") for f in check(repo_copy, target))


def test_reimport_changes_only_the_form_items_and_describes_them(repo_copy: Path) -> None:
    repo = Repo(repo_copy)
    target = repo_copy / "dossiers" / "kinh-doanh" / "KD-2026-002.yaml"
    before = load(target)
    docx_path = make_form(repo, str(target), None, repo_copy / "w", today=TODAY)
    filler = Filler(docx_path)
    filler.set("nghe_nghiep", "Chuyên viên kinh doanh, viên chức")
    assert not filler.controls("quy_trinh.giai_doan")  # the workflow is not in the form
    filler.save()
    result = import_docx(repo, docx_path, today=TODAY)
    after = load(target)
    expected = copy.deepcopy(before)
    expected["nghe_nghiep"] = "Chuyên viên kinh doanh, viên chức"
    assert after == expected
    form = load_form(repo.schema_path())
    assert [c.item for c in result.changes] == [c.item for c in compare_data(before, after, form)]
    assert len(result.changes) == 1
    assert result.changes[0].item.startswith("Mục (10)")


def test_text_typed_outside_the_fields_is_kept_as_a_comment(repo_copy: Path) -> None:
    repo = Repo(repo_copy)
    target = repo_copy / "dossiers" / "ky-thuat" / "KT-2026-001.yaml"
    docx_path = make_form(repo, str(target), None, repo_copy / "w", today=TODAY)
    filler = Filler(docx_path)
    filler.add_paragraph_after_tag("dac_diem_lich_su", "Ghi thêm: năm 2019 đi tình nguyện hè.")
    filler.save()
    result = import_docx(repo, docx_path, today=TODAY)
    text = target.read_text(encoding="utf-8")
    assert "Ghi thêm: năm 2019 đi tình nguyện hè." in text
    assert yaml.safe_load(text)["dac_diem_lich_su"] == load(ROOT / "dossiers" / "ky-thuat" /
                                                              "KT-2026-001.yaml")["dac_diem_lich_su"]
    person = [f for f in result.notes if f.code == CODE_PERSON]
    assert len(person) == 1
    assert "(16) Đặc điểm lịch sử" in person[0].message


# ------------------------------------------------------------------------------ the commands


def test_cli_word_then_import(repo_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["word", "KT-2026-060", "--chi-bo", "ky-thuat", "--out", "w"]) == 0
    out = capsys.readouterr().out
    assert "w/KT-2026-060.docx" in out
    code = main(["import", "w/KT-2026-060.docx", "--ngay", "2026-11-27"])
    out = capsys.readouterr().out
    assert code == 1  # a blank form: the checker lists every item still to fill
    assert "Đã tạo dossiers/ky-thuat/KT-2026-060.yaml" in out
    assert "Mục (1) Họ và tên khai sinh" in out
    assert "Đã đọc mẫu Word của hoso" in out
    assert (repo_copy / "dossiers" / "ky-thuat" / "KT-2026-060.yaml").is_file()


@pytest.mark.parametrize(("argv", "message"), [
    (["word", "KT-2026-060"], "Cần --chi-bo"),
    (["word", "kt 1", "--chi-bo", "ky-thuat"], "không hợp lệ"),
    (["word", "KT-2026-060", "--chi-bo", "khong-co"], "Không có chi bộ “khong-co”"),
    (["import", "khong-co.docx"], "Không tìm thấy tệp"),
])
def test_cli_errors_are_one_vietnamese_line(repo_copy: Path, capsys: pytest.CaptureFixture[str],
                                            argv: list[str], message: str) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err


def test_import_into_another_chi_bo_with_the_same_code_is_refused(repo_copy: Path) -> None:
    repo = Repo(repo_copy)
    # refused already when the blank form is made (hoso new's check) ...
    with pytest.raises(UserError, match="đã được dùng ở chi bộ khác"):
        make_form(repo, "KT-2026-001", "kinh-doanh", repo_copy / "w", today=TODAY)
    # ... and when the code is taken in another chi bộ between making and importing the form
    docx_path = make_form(repo, "KD-2026-077", "kinh-doanh", repo_copy / "w", today=TODAY)
    taken = repo_copy / "dossiers" / "ky-thuat" / "KD-2026-077.yaml"
    taken.write_bytes((repo_copy / "dossiers" / "ky-thuat" / "KT-2026-001.yaml").read_bytes())
    with pytest.raises(UserError, match="đã được dùng ở chi bộ khác"):
        import_docx(repo, docx_path, today=TODAY)


# ------------------------------------------------------------------------------ hand-written dates


@pytest.mark.parametrize(("text", "value", "exact"), [
    ("17-4-1999", "1999-04-17", True),
    ("1999-04-17", "1999-04-17", True),
    ("14/8/1994", "1994-08-14", False),
    ("14.8.1994", "1994-08-14", False),
    ("ngày 14 tháng 8 năm 1994", "1994-08-14", False),
    ("9-2016", "2016-09", True),
    ("tháng 9-2016", "2016-09", False),
    ("9/2016", "2016-09", False),
    ("tháng 9 năm 2016", "2016-09", False),
    ("1962", "1962", True),
    ("năm 1962", "1962", False),
    ("nay", "nay", True),
    ("hiện nay", "nay", False),
])
def test_hand_written_dates(text: str, value: str, exact: bool) -> None:
    reading = dates.read(text)
    assert (reading.value, reading.exact, reading.problem) == (value, exact, None)


@pytest.mark.parametrize(("text", "problem"), [
    ("03/04/2015", "ngày 3 tháng 4 hoặc ngày 4 tháng 3"),
    ("31/2/2000", "không có ngày 31"),
    ("13/2016", "không có tháng 13"),
    ("9/16", "không đọc được"),
    ("", "để trống"),
])
def test_hand_written_dates_not_guessed(text: str, problem: str) -> None:
    reading = dates.read(text)
    assert reading.value is None
    assert problem in (reading.problem or "")


def test_periods_in_one_cell() -> None:
    start, end = dates.read_period("9/2016 đến nay") or (None, None)
    assert (start and start.value, end and end.value) == ("2016-09", "nay")
    period = dates.read_period("Từ tháng 9-2016 đến tháng 6-2020")
    assert period is not None
    assert [r.value for r in period] == ["2016-09", "2020-06"]
    assert dates.read_period("Kỹ sư vận hành") is None


def test_importing_the_web_form_yaml_needs_no_word_reader(repo_copy: Path) -> None:
    # the web form's candidates and secretaries may have hoso without the ``word`` extra (lxml):
    # importing its YAML file works there; a Word file asks for the extra, in Vietnamese
    import subprocess
    import sys

    data = yaml.safe_load((repo_copy / "dossiers" / "ky-thuat" / "KT-2026-001.yaml")
                          .read_text(encoding="utf-8"))
    data["ma_ho_so"] = "KT-2026-071"
    saved = repo_copy / "KT-2026-071.yaml"
    saved.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    without_lxml = ("import sys; sys.modules['lxml'] = None; from hoso.cli import main; "
                    "sys.exit(main(sys.argv[1:]))")
    run = subprocess.run([sys.executable, "-c", without_lxml, "import", str(saved), "--ngay",
                          "2026-11-27"], cwd=repo_copy, capture_output=True, text=True,
                         timeout=120, check=False)
    assert run.returncode in (0, 1), run.stderr
    assert "Traceback" not in run.stderr
    assert "Đã tạo dossiers/ky-thuat/KT-2026-071.yaml từ KT-2026-071.yaml" in run.stdout
    word = repo_copy / "KT-2026-072.docx"
    word.write_bytes(b"PK")
    refused = subprocess.run([sys.executable, "-c", without_lxml, "import", str(word)],
                             cwd=repo_copy, capture_output=True, text=True, timeout=120,
                             check=False)
    assert refused.returncode == 2
    assert "Traceback" not in refused.stderr
    assert "word" in refused.stderr
