"""``hoso form``: the generator of the candidate's web form (the page itself runs in
tests/test_webform_browser.py), the vendored libraries, and ``hoso import`` of the file it saves."""

from __future__ import annotations

import copy
import hashlib
import html as html_text
import json
import re
from collections.abc import Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from hoso import escape, webform
from hoso.cli import main
from hoso.form import Form, dates
from hoso.form.schema import read_schema
from hoso.load import load_bytes
from hoso.repo import Repo
from hoso.validate.check import Checker, CheckOptions
from hoso.validate.schema import SchemaValidator
from hoso.webform import layout, site_page
from hoso.webform.spec import GUESS, KEY, ROW, VALUE, Spec, pack, unpack
from hoso.webform.wording import for_page
from hoso.word.importer import import_docx

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "schema" / "2-knd-2025.schema.json"
VENDOR = ROOT / "scripts" / "hoso" / "webform" / "vendor"
EXAMPLES = sorted((ROOT / "dossiers").glob("*/*.yaml"))
TODAY = date(2026, 11, 27)


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return read_schema(SCHEMA)


@pytest.fixture(scope="module")
def data(schema: dict[str, Any]) -> dict[str, Any]:
    return webform.page_data(schema)


@pytest.fixture(scope="module")
def html(schema: dict[str, Any]) -> str:
    return webform.build(schema)


def _fields(spec: Mapping[str, Any], path: tuple[str | int, ...]) -> Iterator[tuple[Any, ...]]:
    """Every data path the page has a field for (an alternative's fields included)."""
    yield path
    for sub in spec.get("f", ()):
        yield from _fields(sub, (*path, sub["key"]))
    for alt in spec.get("alts", ()):
        yield from (p for p in _fields(alt, path) if p != path)
    if "it" in spec:
        yield from _fields(spec["it"], (*path, ROW))


def _schema_paths(form: Form, node: Any, path: tuple[str | int, ...]) -> Iterator[tuple[Any, ...]]:
    """Every data path the schema describes, walked through the form model."""
    yield path
    node = form.resolve(node)
    if node.get("type") == "array" or "items" in node:
        yield from _schema_paths(form, node.get("items", {}), (*path, ROW))
        return
    props, _required = form.children(node)
    for key, sub in props.items():
        yield from _schema_paths(form, sub, (*path, key))
    for alt in form.alternatives(node):
        if not alt.get("properties"):  # "Không", or a choice of its own (an address)
            yield from (p for p in _schema_paths(form, alt, path) if p != path)


# ------------------------------------------------------------------ generated from the schema


def test_every_property_of_the_schema_has_a_field(schema: dict[str, Any], data: dict[str, Any]) -> None:
    form = Form(schema)
    page = {p for item in data["items"] for p in _fields(item, (item["key"],))}
    wanted = {p for key in form.top_keys() for p in _schema_paths(form, form.root["properties"][key], (key,))}
    assert wanted - page == set()
    assert page - wanted == set()
    assert len(wanted) > 300  # the whole 2-KNĐ, tables and family included


def test_items_in_booklet_order_with_the_form_models_labels(
    schema: dict[str, Any], data: dict[str, Any]
) -> None:
    form = Form(schema)
    assert [i["key"] for i in data["items"]] == form.top_keys()
    for item in data["items"]:
        node = form.child(form.root, item["key"])
        assert item["t"] == form.title(node, item["key"])
        assert item.get("n") == form.number(item["key"])
        assert item["req"] == (item["key"] in form.root["required"])
    gioi_tinh = next(i for i in data["items"] if i["key"] == "gioi_tinh")
    choices = form.node_enum_choices(form.node_at(["gioi_tinh"]))
    assert gioi_tinh["ch"] == [[v, lbl or v] for v, lbl in choices]
    family = next(i for i in data["items"] if i["key"] == "gia_dinh")
    relation = next(f for f in family["it"]["f"] if f["key"] == "quan_he")
    assert [c[1] for c in relation["ch"]] == list(form.relations.values())
    # the candidate's part is the Word form's: (1)–(23) and two papers; the committee's after it
    keys = form.top_keys()
    assert data["head"] == keys[: keys.index("ho_ten_khai_sinh")]
    assert data["committee"][0] == "tham_tra"
    assert "quy_trinh" in data["committee"]
    assert data["papers"]["key"] in data["committee"]
    assert data["papers"]["keys"] == ["chung_nhan_boi_duong", "don_xin_vao_dang"]


def _guidance(spec: Mapping[str, Any]) -> Iterator[str]:
    if spec.get("d"):
        yield spec["d"]
    for sub in (*spec.get("f", ()), *spec.get("alts", ()), *([spec["it"]] if "it" in spec else [])):
        yield from _guidance(sub)


def test_guidance_names_fields_and_choices_as_the_page_shows_them(data: dict[str, Any]) -> None:
    # the schema's instructions are written for the YAML file ("ghi tên cũ ở truoc_day"); the
    # page has no keys, so it names the field or the choice by its label instead
    texts = [text for item in data["items"] for text in _guidance(item)]
    assert [t for t in texts if re.search(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b", t)] == []
    assert any("ghi chú tên cũ ở “Trước đây là”" in t for t in texts)
    assert any(t.startswith("“Đảng viên chính thức” hoặc “Đảng viên dự bị”.") for t in texts)


def test_dates_offer_the_precisions_their_pattern_allows(data: dict[str, Any]) -> None:
    by_key = {i["key"]: i for i in data["items"]}
    assert by_key["ngay_sinh"]["k"] == "date"
    assert by_key["ngay_sinh"]["shapes"] == ["ngay"]
    assert by_key["ma_ho_so"]["k"] == "text"  # a code, not a date
    work = by_key["cong_viec_chuc_vu"]["it"]["f"]
    den = next(f for f in work if f["key"] == "den")
    assert den["shapes"] == [s for s in dates.SHAPES if s in ("ngay", "thang", "nam", "nay")]


def test_province_fields_offer_the_34_provinces_and_former_names(data: dict[str, Any]) -> None:
    que_quan = next(i for i in data["items"] if i["key"] == "que_quan")
    inside = que_quan["alts"][0]
    assert inside["t"].startswith("Khai: ")
    tinh = next(f for f in inside["f"] if f["key"] == "tinh")
    assert tinh["tinh"] is True
    assert len(data["places"]["now"]) == 34
    assert data["places"]["former"]["bắc giang"] == "Tỉnh Bắc Giang|Tỉnh Bắc Ninh"
    assert not any(f.get("tinh") for f in inside["f"] if f["key"] != "tinh")


def test_messages_are_the_checkers_for_each_field(schema: dict[str, Any], data: dict[str, Any]) -> None:
    so_can_cuoc = next(i for i in data["items"] if i["key"] == "so_can_cuoc")["m"]
    assert so_can_cuoc["label"] == "Mục (3) Số căn cước"
    # the checker's own text, in the words of the page (no quotes to type in a form field)
    checker = SchemaValidator(schema)
    blank = unpack(so_can_cuoc["blank"], so_can_cuoc["label"], so_can_cuoc["advice"])
    assert blank == (
        "Mục (3) Số căn cước: đang để trống. Mục này phải khai. "
        "Ghi số căn cước gồm đúng 12 chữ số, ví dụ “020099004517”."
    )
    assert blank == for_page(
        next(f.message for f in checker.validate(_loaded({"so_can_cuoc": ""})) if f.path == ("so_can_cuoc",)),
        *Spec(schema).names_near(Form(schema).node_at(["so_can_cuoc"]) or {}, ("so_can_cuoc",)),
    )
    # packing a message loses nothing, whatever its shape
    for text in ("L: a b ADV", "L: x", "other text ADV", "L: ADV", ""):
        assert unpack(pack(text, "L", "ADV"), "L", "ADV") == text
    family = next(i for i in data["items"] if i["key"] == "gia_dinh")
    name = next(f for f in family["it"]["f"] if f["key"] == "ho_ten")
    assert name["m"]["label"] == f"Mục (21) Hoàn cảnh gia đình › người thứ {ROW + 1} › Họ và tên"


def _loaded(data: dict[str, Any]) -> Any:
    return load_bytes(yaml.safe_dump(data, allow_unicode=True).encode("utf-8"), "x.yaml")


def _messages(spec: Mapping[str, Any]) -> Iterator[tuple[Mapping[str, Any], str]]:
    """Every message the page can show (as it shows it: label and advice put back), with its field."""
    m = spec.get("m", {})
    for kind, text in m.items():
        if kind not in ("label", "advice") and isinstance(text, str):
            yield spec, unpack(text, m["label"], m["advice"])
    for sub in (*spec.get("f", ()), *spec.get("alts", ()), *([spec["it"]] if "it" in spec else [])):
        yield from _messages(sub)


#: What only someone editing the YAML file can follow.
YAML_ONLY = re.compile(
    r"ngoặc kép|dấu nháy|yaml|YYYY|khóa|\btrue\b|\bfalse\b|\[\]|[\"']|"
    r"(?<![\w/.-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w/-])",  # a key or code: snake_case
    re.IGNORECASE,
)


def test_no_message_of_the_page_gives_yaml_only_advice(data: dict[str, Any]) -> None:
    found = [(spec, text) for item in data["items"] for spec, text in _messages(item)]
    assert len(found) > 1000
    bad = [text for _spec, text in found if YAML_ONLY.search(text.replace(VALUE, "").replace(KEY, ""))]
    assert bad == []
    # nor a bare key of the field's own fields ("gồm xa và tinh")
    for spec, text in found:
        fields = [*spec.get("f", ()), *(f for a in spec.get("alts", ()) for f in a.get("f", ()))]
        keys = {f["key"] for f in fields}
        words = set(re.findall(r"(?<![\w/.“-])[a-z]+(?![\w/”-])", text))
        assert not words & keys, text
    guidance = [text for item in data["items"] for text in _guidance(item)]
    assert [t for t in guidance if YAML_ONLY.search(t)] == []


def test_the_pages_wording_is_derived_from_the_checkers() -> None:
    names = {
        "mau": "Mẫu",
        "xa": "Xã, phường, đặc khu",
        "truoc_day": "Trước đây là",
        "chua_phan_dinh": "Chưa phân định",
    }
    assert for_page("Hồ sơ: chưa khai (thiếu khóa 'mau'). Ghi mau: 2-KNĐ.", names) == (
        "Hồ sơ: chưa khai. Ghi “Mẫu” là “2-KNĐ”."
    )
    assert for_page('Ghi số gồm 12 chữ số trong ngoặc kép, ví dụ "020099004517".', names) == (
        "Ghi số gồm 12 chữ số, ví dụ “020099004517”."
    )
    assert for_page('Ghi ngày sinh dạng "YYYY-MM-DD", ví dụ "1999-04-17".', names) == (
        "Ghi ngày sinh, ví dụ ngày 17-4-1999."
    )
    assert for_page("Khai xa, tên cũ ở truoc_day; hoặc chua_phan_dinh: true.", names) == (
        "Khai “Xã, phường, đặc khu”, tên cũ ở “Trước đây là”; hoặc “Chưa phân định” là “Có”."
    )
    # a code that is also a word is named only in quotes; an unknown word stays
    assert for_page("Mục này phải khai; chọn “khai”.", {}, {"khai": "Quần chúng khai"}) == (
        "Mục này phải khai; chọn “Quần chúng khai”."
    )
    unknown = "Khóa 'ghi_them' không có trong Mẫu 2-KNĐ. Có phải ý bạn là 'ghi_chu'?"
    assert for_page(unknown, {"ghi_chu": "Ghi chú"}) == (
        "Tệp đã mở có mục “ghi_them” không có trong Mẫu 2-KNĐ. Có phải ý bạn là “Ghi chú”?"
    )


def test_the_guess_is_worded_by_the_checker(data: dict[str, Any]) -> None:
    family = next(i for i in data["items"] if i["key"] == "gia_dinh")
    relation = next(f for f in family["it"]["f"] if f["key"] == "quan_he")["m"]
    assert relation["enum~"].endswith(f"Có phải ý bạn là “{GUESS}”?\x02")
    assert relation["enum~"].replace(f" Có phải ý bạn là “{GUESS}”?", "") == relation["enum"]
    block = next(i for i in data["items"] if i["key"] == "trinh_do")["m"]
    assert block["additionalProperties~"] == block["additionalProperties"] + f" Có phải ý bạn là “{GUESS}”?"
    assert ["giao_duc_pho_thong", "Giáo dục phổ thông"] in block["keys"]


def test_the_family_groups_come_from_the_form_model(schema: dict[str, Any], data: dict[str, Any]) -> None:
    form = Form(schema)
    family = data["family"]
    assert family["key"] == "gia_dinh"
    titles = [(g.number, g.title) for g in form.family_groups([])]
    assert [(g["n"], g["t"]) for g in family["groups"]] == titles
    assert {c: g["n"] for g in family["groups"] for c in g["codes"]} == form.relation_groups
    assert family["groups"][0]["t"].startswith("1. Ông, bà nội, ngoại")


def test_the_page_is_one_file_that_reaches_nothing(html: str) -> None:
    assert html.startswith('<!DOCTYPE html>\n<html lang="vi">')
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert csp is not None
    policy = html_text.unescape(csp.group(1))
    for part in ("default-src 'none'", "connect-src 'none'", "form-action 'none'", "base-uri 'none'"):
        assert part in policy
    assert "unsafe-inline" not in policy
    assert not re.search(r"<(link|img|iframe|object|embed)\b", html)
    assert not re.search(r"<script[^>]+src=", html)
    assert "Xóa dữ liệu trên máy này" in html
    assert "khi nhận tệp" in html  # full checks when the committee receives the file
    for _name, pkg in webform.versions():
        assert pkg in html


def test_the_page_holds_no_dossier_data(repo_copy: Path, html: str) -> None:
    planted = repo_copy / "dossiers" / "ky-thuat" / "KT-2026-001.yaml"
    planted.write_text(
        planted.read_text(encoding="utf-8").replace("020099004517", "999888777666"), encoding="utf-8"
    )
    assert "999888777666" in planted.read_text(encoding="utf-8")
    assert main(["form", "--out", "ra"]) == 0
    page = (repo_copy / "ra" / webform.FILE_NAME).read_text(encoding="utf-8")
    assert "999888777666" not in page
    assert page == html  # the same page whatever the repository's dossiers hold


def test_script_json_cannot_close_the_element() -> None:
    hostile = {"a": "</script><script>alert(1)</script>", "b": "<!-- x", "c": "\u2028&\u2029"}
    text = escape.script_json(hostile)
    assert "<" not in text
    assert ">" not in text
    assert json.loads(text) == hostile


def test_vendored_files_are_the_recorded_versions() -> None:
    lines = [
        ln.split()
        for ln in (VENDOR / "VERSIONS").read_text().splitlines()
        if ln.strip() and not ln.startswith("#")
    ]
    assert {ln[0] for ln in lines} == {"ajv2020.min.js", "js-yaml.min.js"}
    for name, package, licence, digest in lines:
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == digest, name
        assert licence == "MIT"
        assert re.fullmatch(r"[a-z-]+@\d+\.\d+\.\d+", package)
    assert "MIT License" in (VENDOR / "LICENSE-ajv").read_text()
    assert "MIT License" in (VENDOR / "LICENSE-js-yaml").read_text()


def test_the_save_layout_is_the_one_of_hoso_new(schema: dict[str, Any]) -> None:
    described = layout.describe(schema)
    form = Form(schema)
    assert [i["key"] for i in described["items"]] == [
        k for k in schema["x-thu-tu"] if k in schema["properties"]
    ] + [k for k in schema["properties"] if k not in schema["x-thu-tu"]]
    name_title = form.title(form.child(form.root, "ho_ten_khai_sinh"), "")
    assert described["items"][6]["doc"][0] == f"# (1) {name_title}"
    assert re.compile(described["specials"]).search("a: b")
    assert re.compile(described["spaces"]).fullmatch("\u3000")


def test_the_spaces_class_holds_every_space_of_unicode() -> None:
    """The class is built from the characters below SPACES_END: none above is a space."""
    assert not [c for c in range(layout.SPACES_END, 0x110000) if chr(c).isspace()]
    spaces = re.compile(layout._python_spaces())
    assert all(spaces.fullmatch(chr(c)) for c in range(layout.SPACES_END) if chr(c).isspace())


# ------------------------------------------------------------------ the command


def test_hoso_form_writes_the_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], schema: dict[str, Any]
) -> None:
    assert main(["form", "--kho", str(ROOT), "--out", str(tmp_path / "ra")]) == 0
    page = tmp_path / "ra" / webform.FILE_NAME
    assert page.read_text(encoding="utf-8") == webform.build(schema)
    assert "Đã tạo trang khai lý lịch" in capsys.readouterr().out


def test_hoso_form_into_a_file_is_a_vietnamese_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "tep.txt"
    blocker.write_text("x", encoding="utf-8")
    assert main(["form", "--kho", str(ROOT), "--out", str(blocker)]) == 2
    err = capsys.readouterr().err
    assert "Không ghi được trang khai vào" in err
    assert "không phải thư mục" in err
    assert "Traceback" not in err
    assert main(["form", "--kho", str(ROOT), "--out", str(blocker / "con")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Lỗi: Không ghi được trang khai vào")
    assert "Hãy kiểm tra đường dẫn" in err
    assert "Traceback" not in err


def test_the_site_carries_the_same_page(schema: dict[str, Any]) -> None:
    path, text = site_page.form_file(schema)
    assert path == f"trang-khai/{webform.FILE_NAME}"
    assert text == webform.build(schema)
    page = site_page.page()
    assert f"]({webform.FILE_NAME})" in page.text
    assert "Xóa dữ liệu trên máy này" in page.text


# ------------------------------------------------------------------ hoso import of the saved file


def _saved(repo: Path, data: dict[str, Any], name: str) -> Path:
    """The file the page saves for ``data`` (the browser tests prove the page writes this text)."""
    out = repo / "tai-ve" / name
    out.parent.mkdir(exist_ok=True)
    out.write_text(layout.write(read_schema(SCHEMA), data), encoding="utf-8")
    return out


def test_import_of_a_saved_file_creates_the_dossier(repo_copy: Path) -> None:
    data = yaml.safe_load((ROOT / "dossiers/ky-thuat/KT-2026-001.yaml").read_text(encoding="utf-8"))
    data["ma_ho_so"] = "KT-2026-070"
    saved = _saved(repo_copy, data, "KT-2026-070.yaml")
    result = import_docx(Repo(repo_copy), saved, today=TODAY)
    assert result.created
    assert result.kind == "tệp YAML"
    written = yaml.safe_load(result.target.read_text(encoding="utf-8"))
    for key, value in result.outcome.data.items():
        assert written[key] == value, key
        wanted = data[key]
        if key == "xet_ket_nap":  # only the two papers the candidate's form asks for
            wanted = {k: v for k, v in wanted.items() if k in value}
        assert value == wanted, key
    assert "ho_ten_khai_sinh" in result.outcome.data
    assert "quy_trinh" not in result.outcome.data  # the workflow is the committee's
    assert written["quy_trinh"]["lich_su"][0]["ghi_chu"] == "Nhập từ tệp YAML KT-2026-070.yaml"
    found = Checker(Repo(repo_copy), CheckOptions(on_date=TODAY)).check_file(result.target)
    schema_errors = [f for f in found if f.code in {"thieu-muc", "de-trong", "sai-dinh-dang", "khoa-la"}]
    assert schema_errors == []


def test_reimport_of_a_corrected_file_keeps_the_workflow(
    repo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = repo_copy / "dossiers" / "kinh-doanh" / "KD-2026-002.yaml"
    before = yaml.safe_load(target.read_text(encoding="utf-8"))
    corrected = copy.deepcopy(before)
    corrected["nghe_nghiep"] = "Chuyên viên kinh doanh"
    corrected["quy_trinh"] = {"giai_doan": "khai"}  # the page cannot move a dossier on
    saved = _saved(repo_copy, corrected, "KD-2026-002.yaml")
    code = main(["import", str(saved), "--ngay", "2026-11-27"])
    out = capsys.readouterr().out
    assert code == 0, out
    after = yaml.safe_load(target.read_text(encoding="utf-8"))
    expected = copy.deepcopy(before)
    expected["nghe_nghiep"] = "Chuyên viên kinh doanh"
    assert after == expected
    assert "Đã cập nhật dossiers/kinh-doanh/KD-2026-002.yaml từ KD-2026-002.yaml" in out
    assert "Mục (10)" in out
    assert "Đã đọc tệp YAML" in out


def test_import_of_a_broken_yaml_file_is_a_vietnamese_error(
    repo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = repo_copy / "hong.yaml"
    bad.write_text("ma_ho_so: [KT\n  chi_bo: x\n", encoding="utf-8")
    assert main(["import", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "Không đọc được tệp hong.yaml" in err
    assert "Traceback" not in err
