"""The committee documents (issue 14 item 4): content the texts require, the Party document format,
safety of dossier text, real pandoc and Typst, golden Markdown.

Golden files: ``tests/golden/van-ban/<dossier>-<document>.md`` (``pytest --update-golden``).
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from hoso.cli import main
from hoso.errors import UserError
from hoso.load import load_file
from hoso.org import load_org
from hoso.render.committee import DOCUMENTS, CommitteeRenderer, due

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden" / "van-ban"
VP = ROOT / "dossiers" / "van-phong" / "VP-2025-003.yaml"
KD = ROOT / "dossiers" / "kinh-doanh" / "KD-2026-002.yaml"
ON = date(2026, 11, 27)


@pytest.fixture(scope="module")
def renderer() -> Any:
    r = CommitteeRenderer(ROOT / "templates")
    yield r
    r.close()


@pytest.fixture(scope="module")
def org() -> Any:
    return load_org(ROOT / "to-chuc.yaml")


def _data(path: Path) -> dict[str, Any]:
    loaded = load_file(path)
    assert loaded.ok
    data: dict[str, Any] = loaded.data
    return data


def _plain(markdown: str) -> str:
    """The Markdown as a reader sees it: escapes and emphasis marks removed, spaces collapsed."""
    text = re.sub(r"\\(.)", r"\1", markdown)
    text = re.sub(r"^:::.*$", "", text, flags=re.M)
    text = text.replace("**", "").replace("_", "")
    return " ".join(text.split())


@pytest.mark.parametrize("slug", [d.slug for d in DOCUMENTS])
def test_golden_markdown(slug: str, renderer: Any, org: Any, update_golden: bool) -> None:
    actual = renderer.markdown(slug, _data(VP), org, ON)
    golden = GOLDEN / f"VP-2025-003-{slug}.md"
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert golden.is_file(), f"thiếu {golden}: chạy pytest --update-golden"
    assert actual == golden.read_text(encoding="utf-8"), f"{golden.name} khác bản golden"


PARTY_FORMAT = ("ĐẢNG CỘNG SẢN VIỆT NAM", "Lạng Sơn, ngày", "Căn cứ", "Nơi nhận:", "T/M")


def test_chi_bo_resolution_holds_what_hd06_requires(renderer: Any, org: Any) -> None:
    text = _plain(renderer.markdown("nghi-quyet-chi-bo-ket-nap", _data(VP), org, ON))
    # HD 06 §3.6 b (reference R35): the conclusions and the numbers for and against
    for needed in ("Về lý lịch:", "Nhận thức về Đảng:", "Ưu điểm về phẩm chất đạo đức, lối sống:",
                   "Khuyết điểm về phẩm chất đạo đức, lối sống:", "Năng lực công tác:",
                   "Quan hệ với quần chúng:", "Tổng số đảng viên chính thức: 15",
                   "tán thành 14/15 (mười bốn trên mười lăm), đạt 93,33%",
                   "không tán thành 0/15 (không trên mười lăm)", "ít nhất 2/3", "— đạt",
                   "NGHỊ QUYẾT", "Số 07-NQ/CB", "ngày 9 tháng 10 năm 2025", "CHI BỘ VĂN PHÒNG",
                   "ĐẢNG BỘ VNPT LẠNG SƠN", "T/M CHI BỘ", "Trần Quốc Việt", *PARTY_FORMAT):
        assert needed in text, needed


def test_committee_resolution_and_decision(renderer: Any, org: Any) -> None:
    text = _plain(renderer.markdown("nghi-quyet-dang-uy-ket-nap", _data(VP), org, ON))
    for needed in ("Số 112-NQ/ĐU", "Tổng số cấp ủy viên: 11", "tán thành 10/11", "ít nhất 2/3",
                   "Xét Nghị quyết số 07-NQ/CB", "T/M ĐẢNG ỦY", "ĐẢNG ỦY VNPT LẠNG SƠN",
                   *PARTY_FORMAT):
        assert needed in text, needed
    text = _plain(renderer.markdown("quyet-dinh-ket-nap", _data(VP), org, ON))
    for needed in ("QUYẾT ĐỊNH", "kết nạp đảng viên", "Số 215-QĐ/ĐU", "Điều 1.",
                   "Kết nạp quần chúng LÝ QUỐC HÙNG", "12 tháng", "T/M BAN THƯỜNG VỤ",
                   *PARTY_FORMAT):
        assert needed in text, needed


def test_summary_of_opinions_names_each_organisation(renderer: Any, org: Any) -> None:
    text = _plain(renderer.markdown("tong-hop-y-kien", _data(VP), org, ON))
    # HD 06 §3.5: each socio-political organisation and the residence chi ủy, one report
    for needed in ("BÁO CÁO", "Ban Chấp hành Công đoàn VNPT Lạng Sơn",
                   "Chi ủy Chi bộ Khu phố 3, Đảng bộ phường Lương Văn Tri",
                   "báo cáo chi bộ xem xét", "T/M CHI ỦY",
                   *(p for p in PARTY_FORMAT if p != "Căn cứ")):  # a report cites no basis
        assert needed in text, needed


def test_recognition_resolution(renderer: Any, org: Any) -> None:
    data = _data(VP)
    data["xet_ket_nap"]["du_bi"]["hop_chi_bo"] = {
        "ngay": "2026-12-10", "so_nghi_quyet": "19-NQ/CB",
        "bieu_quyet": {"tong_so": "15", "co_mat": "13", "tan_thanh": "10",
                       "khong_tan_thanh": "3"}}
    text = _plain(renderer.markdown("nghi-quyet-chi-bo-cong-nhan", data, org, ON))
    for needed in ("đề nghị công nhận đảng viên chính thức", "Số 19-NQ/CB",
                   "kết thúc ngày 5-12-2026", "kể từ ngày 5-12-2026", "tán thành 10/15",
                   "đạt 66,67%", "— đạt", "Quyết định kết nạp số 215-QĐ/ĐU", *PARTY_FORMAT):
        assert needed in text, needed
    # one vote short of 2/3: printed as not adopted
    data["xet_ket_nap"]["du_bi"]["hop_chi_bo"]["bieu_quyet"]["tan_thanh"] = "9"
    text = _plain(renderer.markdown("nghi-quyet-chi-bo-cong-nhan", data, org, ON))
    assert "CHƯA ĐẠT" in text
    assert "không được thông qua" in text


def test_checklist_lists_every_document_in_order(renderer: Any, org: Any) -> None:
    text = _plain(renderer.markdown("danh-muc-ho-so", _data(VP), org, ON))
    order = ["Giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng", "Đơn xin vào Đảng",
             "Lý lịch của người xin vào Đảng", "Giấy giới thiệu của đảng viên chính thức",
             "Nghị quyết giới thiệu đoàn viên", "Tổng hợp ý kiến nhận xét",
             "Nghị quyết của chi bộ xét, đề nghị kết nạp", "Báo cáo thẩm định",
             "Nghị quyết của đảng ủy cơ sở đề nghị kết nạp", "Quyết định kết nạp đảng viên",
             "Lý lịch đảng viên", "Phiếu đảng viên",
             "Giấy chứng nhận học lớp bồi dưỡng đảng viên mới"]
    positions = [text.index(t) for t in order]
    assert positions == sorted(positions)
    assert "còn hạn đến 22-11-2029" in text  # certificate of 22-11-2024, 60 months
    assert "còn hạn đến 30-9-2026" in text   # summary of 30-9-2025, 12 months
    assert "ngày 9-10-2025 (ngày chi bộ họp xét kết nạp)" in text


def test_missing_facts_print_blanks_not_errors(renderer: Any, org: Any) -> None:
    data = _data(KD)  # at tham_tra: no meeting, no vote, no decision yet
    for doc in DOCUMENTS:
        text = renderer.markdown(doc.slug, data, org, ON)
        assert "……" in text
    assert [d.slug for d in due(data)] == ["danh-muc-ho-so", "tong-hop-y-kien"]
    assert "nghi-quyet-chi-bo-cong-nhan" in [d.slug for d in due(_data(VP))]


HOSTILE = "<script>x</script> #set page(fill: red) *đậm* `mã` $x$ [link](http://a) \\ {{ 7*7 }}"


def test_dossier_text_prints_literally(renderer: Any, org: Any, tmp_path: Path) -> None:
    data = copy.deepcopy(_data(VP))
    data["xet_ket_nap"]["tong_hop_y_kien"]["y_kien"][0]["noi_dung"] = HOSTILE
    out = renderer.render("tong-hop-y-kien", data, org, tmp_path, commit="abc1234",
                          file_hash="0" * 64, on=ON)
    from pypdf import PdfReader

    pdf_text = " ".join((PdfReader(out["pdf"]).pages[0].extract_text() or "").split())
    for piece in ("<script>x</script>", "#set page(fill: red)", "*đậm*", "`mã`", "$x$",
                  "{{ 7*7 }}"):
        assert piece in pdf_text, piece
    with zipfile.ZipFile(out["docx"]) as z:
        body = z.read("word/document.xml").decode("utf-8")
    assert "&lt;script&gt;x&lt;/script&gt;" in body
    assert "{{ 7*7 }}" in body


def test_real_pdf_and_docx_carry_the_draft_mark(renderer: Any, org: Any, tmp_path: Path) -> None:
    out = renderer.render("nghi-quyet-chi-bo-ket-nap", _data(VP), org, tmp_path,
                          commit="abc1234", file_hash="f" * 64, on=ON)
    from pypdf import PdfReader

    reader = PdfReader(out["pdf"])
    assert len(reader.pages) >= 1
    first = " ".join((reader.pages[0].extract_text() or "").split())
    assert "DỰ THẢO" in first
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in first
    assert "Số 07-NQ/CB" in first
    assert "commit abc1234" in first
    last = " ".join((reader.pages[-1].extract_text() or "").split())
    assert "T/M CHI BỘ" in last
    with zipfile.ZipFile(io.BytesIO(Path(out["docx"]).read_bytes())) as z:
        names = z.namelist()
        header = "".join(z.read(n).decode("utf-8") for n in names if n.startswith("word/header"))
        footer = "".join(z.read(n).decode("utf-8") for n in names if n.startswith("word/footer"))
    assert "DỰ THẢO" in header  # the PDF's mark (hoso.render.docx_letter)
    assert "VP-2025-003" in footer


def test_a_character_without_a_glyph_is_refused_in_vietnamese(renderer: Any, org: Any,
                                                              tmp_path: Path) -> None:
    data = copy.deepcopy(_data(VP))
    data["xet_ket_nap"]["tong_hop_y_kien"]["y_kien"][0]["noi_dung"] = "Tốt \U0001F600"
    with pytest.raises(UserError) as info:
        renderer.render("tong-hop-y-kien", data, org, tmp_path, on=ON)
    assert "phông chữ" in str(info.value)


def test_cli_documents(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["documents", "--kho", str(ROOT), "--out", str(tmp_path), "--to", "docx",
                 "--ngay", "2026-11-27", str(VP)])
    out = capsys.readouterr()
    assert code == 0, out.err
    made = sorted(p.name for p in (tmp_path / "van-phong" / "VP-2025-003" / "van-ban").iterdir())
    assert made == sorted(f"{d.slug}.docx" for d in DOCUMENTS)
    code = main(["documents", "--kho", str(ROOT), "--out", str(tmp_path), "--van-ban",
                 "khong-co", str(VP)])
    out = capsys.readouterr()
    assert code == 2
    assert "Không có văn bản “khong-co”" in out.err
    assert "Traceback" not in out.err


# ---------------------------------------------------------------------------------------------
# every bundled example at its stage, against what the reference says each document contains

EXAMPLES = sorted((ROOT / "dossiers").rglob("*.yaml"))
#: From which stage a document's facts are all recorded, so it prints with no blank left.
COMPLETE_FROM = {"nghi-quyet-chi-bo-ket-nap": "bieu_quyet", "nghi-quyet-dang-uy-ket-nap": "ket_nap",
                 "quyet-dinh-ket-nap": "ket_nap", "nghi-quyet-chi-bo-cong-nhan": "chinh_thuc"}
#: HD 06 §3.6 b (admission) and §4.5 a (recognition, "as for admission"): the chi bộ's
#: conclusions and the numbers of official members for and against.
CHI_BO_CONTENT = ("Nhận thức về Đảng", "Ưu điểm về phẩm chất đạo đức, lối sống:", "Khuyết điểm",
                  "Năng lực công tác", "Quan hệ với quần chúng:", "Tổng số đảng viên chính thức:")
#: once the meeting is recorded (a draft before that)
CHI_BO_VOTE = ("số đảng viên chính thức tán thành", "không tán thành",
               "Tỷ lệ quy định: ít nhất 2/3 tổng số đảng viên chính thức")
REQUIRED = {
    "nghi-quyet-chi-bo-ket-nap": ("NGHỊ QUYẾT", "đề nghị kết nạp", "Về lý lịch:",
                                  *CHI_BO_CONTENT, "T/M CHI BỘ"),
    "nghi-quyet-chi-bo-cong-nhan": ("NGHỊ QUYẾT", "đề nghị công nhận đảng viên chính thức",
                                    "thời gian dự bị 12 tháng kết thúc ngày",
                                    "Xét bản tự kiểm điểm của đảng viên dự bị",
                                    "bản nhận xét của đảng viên chính thức được phân công giúp đỡ",
                                    *CHI_BO_CONTENT, "T/M CHI BỘ"),
    # HD 06 §3.6 c: the committee's collective vote, at least 2/3 of its members (printed once
    # the vote is recorded; a draft before that)
    "nghi-quyet-dang-uy-ket-nap": ("NGHỊ QUYẾT", "Tổng số cấp ủy viên:", "T/M ĐẢNG ỦY"),
    # HD 06 §3.7 a: the competent committee's decision; the probation (Điều lệ, Điều 5)
    "quyet-dinh-ket-nap": ("QUYẾT ĐỊNH", "kết nạp đảng viên", "Điều 1.", "Kết nạp quần chúng",
                           "vào Đảng Cộng sản Việt Nam", "12 tháng", "T/M BAN THƯỜNG VỤ"),
    # HD 06 §3.5: each organisation's opinion and the residence chi ủy's, in one report
    "tong-hop-y-kien": ("BÁO CÁO", "báo cáo chi bộ xem xét", "T/M CHI ỦY"),
    "danh-muc-ho-so": ("Đơn xin vào Đảng", "Lý lịch của người xin vào Đảng",
                       "Giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng"),
}


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_each_example_prints_what_the_reference_requires_at_its_stage(
        path: Path, renderer: Any, org: Any) -> None:
    from hoso.workflow import stages

    data = _data(path)
    stage = data["quy_trinh"]["giai_doan"]
    slugs = [d.slug for d in due(data)]
    # one example at each later stage: the documents follow the stage
    assert ("nghi-quyet-chi-bo-ket-nap" in slugs) == stages.at_or_past(stage, "bieu_quyet")
    assert ("nghi-quyet-chi-bo-cong-nhan" in slugs) == stages.at_or_past(stage, "du_bi")
    for slug in slugs:
        markdown = renderer.markdown(slug, data, org, ON)
        text = _plain(markdown)
        for needed in REQUIRED[slug]:
            assert needed in text, (slug, needed)
        # the Party document format (HD 36-HD/VPTW as the reference gives it, 4A.1)
        assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text, slug
        if slug != "danh-muc-ho-so":
            assert re.search(r"Số \S+", text), slug
            assert "Nơi nhận:" in text, slug
        if slug in COMPLETE_FROM and stages.at_or_past(stage, COMPLETE_FROM[slug]):
            assert "……" not in markdown, (slug, "a fact of a passed stage printed blank")
            if slug.startswith("nghi-quyet-chi-bo"):
                for needed in CHI_BO_VOTE:
                    assert needed in text, (slug, needed)
            if slug.startswith("nghi-quyet"):
                assert re.search(r"tán thành \d+/\d+ \([a-zàáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộ"
                                 r"ơớờởỡợùúủũụưứừửữựỳýỷỹỵ ]+\), đạt [\d,]+%", text), slug
                assert "ít nhất 2/3" in text, slug


def test_the_vote_of_the_example_at_exactly_two_thirds(renderer: Any, org: Any) -> None:
    """VP-2026-005 was voted 10 of 15: exactly 2/3, adopted, with the ratio in words."""
    data = _data(ROOT / "dossiers" / "van-phong" / "VP-2026-005.yaml")
    text = _plain(renderer.markdown("nghi-quyet-chi-bo-ket-nap", data, org, ON))
    assert "tán thành 10/15 (mười trên mười lăm), đạt 66,67%" in text
    assert "không tán thành 4/15 (bốn trên mười lăm)" in text
    assert "— đạt" in text
    data["xet_ket_nap"]["hop_chi_bo"]["bieu_quyet"].update(tan_thanh="9", khong_tan_thanh="5")
    text = _plain(renderer.markdown("nghi-quyet-chi-bo-ket-nap", data, org, ON))
    assert "CHƯA ĐẠT" in text


def test_the_recognition_of_the_official_example(renderer: Any, org: Any) -> None:
    """VP-2025-001 (chinh_thuc): the recognition resolution from the recorded meeting."""
    data = _data(ROOT / "dossiers" / "van-phong" / "VP-2025-001.yaml")
    text = _plain(renderer.markdown("nghi-quyet-chi-bo-cong-nhan", data, org, ON))
    for needed in ("Số 11-NQ/CB", "Lạng Sơn, ngày 15 tháng 9 năm 2026",
                   "Căn cứ Quyết định kết nạp số 138-QĐ/ĐU",
                   "được kết nạp vào Đảng ngày 5-9-2025",
                   "thời gian dự bị 12 tháng kết thúc ngày 5-9-2026",
                   "tán thành 15/16 (mười lăm trên mười sáu), đạt 93,75%",
                   "công nhận đồng chí Hà Minh Tuấn là đảng viên chính thức kể từ ngày 5-9-2026",
                   "Trần Quốc Việt"):
        assert needed in text, needed


@pytest.mark.parametrize("slug", ["nghi-quyet-chi-bo-ket-nap", "nghi-quyet-dang-uy-ket-nap",
                                  "quyet-dinh-ket-nap", "tong-hop-y-kien",
                                  "nghi-quyet-chi-bo-cong-nhan"])
def test_the_signature_block_stays_with_the_end_of_the_text(slug: str, renderer: Any, org: Any,
                                                            tmp_path: Path) -> None:
    """The closing block ("Nơi nhận" and the signature) never stands alone on a page: the text's
    last paragraph goes with it (issue 15 item 3, for the committee's documents too). VP-2025-001's
    recognition resolution left the block alone on page 2 before."""
    from pypdf import PdfReader

    data = _data(ROOT / "dossiers" / "van-phong" / "VP-2025-001.yaml")
    out = renderer.render(slug, data, org, tmp_path, commit="abc1234", file_hash="f" * 64, on=ON)
    pages = [page.extract_text() or "" for page in PdfReader(out["pdf"]).pages]
    [signed] = [i for i, text in enumerate(pages) if "Nơi nhận" in text]
    before = pages[signed].split("Nơi nhận")[0]
    lines = [ln for ln in before.splitlines()
             if ln.strip() and "DỰ THẢO" not in ln and ln.strip() != str(signed + 1)]
    assert lines, f"page {signed + 1} holds only the closing block"
    with zipfile.ZipFile(out["docx"]) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    # the closing block is a borderless table; the paragraph before it is kept with it
    body = xml[:xml.rindex("<w:tbl>", 0, xml.index("Nơi nhận"))]
    assert re.search(r'<w:pStyle w:val="([^"]+)"', body[body.rindex("<w:p>"):])[1] == "Liensau"
