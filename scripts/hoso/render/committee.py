"""The typed committee documents of a dossier, generated from its data: DOCX and PDF drafts.

Each document is one Jinja template in ``templates/van-ban/`` (a committee adjusts its copy),
rendered through the one escaping environment (:func:`hoso.render.markdown.make_env`) into pandoc
Markdown, then DOCX (``reference.docx``, the footer and the draft mark of :mod:`hoso.render.docx`)
and Typst → PDF with the Party-document layout ``templates/van-ban.typ``. The documents and the
stage from which each is needed:

=================================  ==========================================  ============
file                               document                                    from stage
=================================  ==========================================  ============
tong-hop-y-kien                    summary of opinions (mass organisations,     tham_tra
                                   residence chi ủy)
nghi-quyet-chi-bo-ket-nap          chi bộ resolution proposing admission        bieu_quyet
nghi-quyet-dang-uy-ket-nap         grassroots committee's resolution            bieu_quyet
quyet-dinh-ket-nap                 draft admission decision                     bieu_quyet
nghi-quyet-chi-bo-cong-nhan        chi bộ resolution proposing recognition      du_bi
danh-muc-ho-so                     the dossier checklist                        tham_tra
=================================  ==========================================  ============

Their form codes and layouts are unconfirmed by any primary text (reference §4A.2, [U]): each is
named by its title and holds what HD 06 / HD 38 require of it. Every document is a draft
("DỰ THẢO" on every page): the committee checks, numbers and signs the final paper. No seal or
signature is ever imitated.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hoso.errors import UserError
from hoso.form import checklist, dates, limits
from hoso.form.numbers import fraction, percent
from hoso.render import docx, glyphs, pandoc
from hoso.render.markdown import make_env
from hoso.render.provenance import footer_commit, short_hash
from hoso.workflow import stages

TEMPLATE_DIR = "van-ban"
LAYOUT = "van-ban.typ"
PREAMBLE = ("// Văn bản do hoso tạo từ hồ sơ (pandoc -t typst). Đừng sửa tay.\n"
            f'#import "{LAYOUT}": van-ban, kieu\n#show: van-ban\n\n')


@dataclass(frozen=True)
class Document:
    slug: str
    title: str
    #: The stage from which the dossier needs this document.
    stage: str


DOCUMENTS: tuple[Document, ...] = (
    Document("danh-muc-ho-so", "Danh mục hồ sơ", stages.THAM_TRA),
    Document("tong-hop-y-kien", "Tổng hợp ý kiến nhận xét của đoàn thể và chi ủy nơi cư trú",
             stages.THAM_TRA),
    Document("nghi-quyet-chi-bo-ket-nap", "Nghị quyết của chi bộ đề nghị kết nạp đảng viên",
             stages.BIEU_QUYET),
    Document("nghi-quyet-dang-uy-ket-nap", "Nghị quyết của Đảng ủy cơ sở đề nghị kết nạp",
             stages.BIEU_QUYET),
    Document("quyet-dinh-ket-nap", "Quyết định kết nạp đảng viên (dự thảo)", stages.BIEU_QUYET),
    Document("nghi-quyet-chi-bo-cong-nhan",
             "Nghị quyết của chi bộ đề nghị công nhận đảng viên chính thức", stages.DU_BI),
)
BY_SLUG = {d.slug: d for d in DOCUMENTS}
HINH_THUC = {"bo_phieu_kin": "bỏ phiếu kín", "gio_the": "giơ thẻ đảng viên"}


def due(data: Mapping[str, Any]) -> list[Document]:
    """The documents a dossier needs at its stage."""
    return due_at(_get(data, "quy_trinh", "giai_doan"))


def due_at(stage: object) -> list[Document]:
    """The documents a dossier at ``stage`` (``quy_trinh.giai_doan``) needs."""
    if not isinstance(stage, str) or stage not in stages.STAGES:
        return []
    return [d for d in DOCUMENTS if stages.at_or_past(stage, d.stage)]


def _get(data: object, *keys: str) -> Any:
    cur: Any = data
    for k in keys:
        cur = cur.get(k) if isinstance(cur, Mapping) else None
    return cur


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) and value.strip() else ""


def vote_context(block: object, ratio: limits.Ratio) -> dict[str, Any] | None:
    """A meeting's vote as the templates print it, or None when it is not recorded."""
    vote = _get(block, "bieu_quyet")
    if not isinstance(vote, Mapping):
        return None
    try:
        total, present, yes, no = (int(str(vote.get(k))) for k in
                                   ("tong_so", "co_mat", "tan_thanh", "khong_tan_thanh"))
    except ValueError:
        return None
    return {"tong_so": total, "co_mat": present, "vang": max(total - present, 0),
            "tan_thanh": yes, "khong_tan_thanh": no,
            "tan_thanh_chu": fraction(yes, total), "khong_chu": fraction(no, total),
            "ty_le": percent(yes, total), "nguong": ratio.show(), "dat": ratio.met(yes, total),
            "hinh_thuc": HINH_THUC.get(str(vote.get("hinh_thuc")), "")}


def _meeting(block: object) -> dict[str, Any]:
    conclusions = _get(block, "ket_luan")
    return {"ngay": _text(_get(block, "ngay")) or None,
            "so_nghi_quyet": _text(_get(block, "so_nghi_quyet")),
            "nguoi_ky": _text(_get(block, "nguoi_ky")), "chuc_vu": _text(_get(block, "chuc_vu")),
            "kl": {k: _text(conclusions.get(k)) if isinstance(conclusions, Mapping) else ""
                   for k in ("ly_lich", "nhan_thuc", "uu_diem", "khuyet_diem", "nang_luc",
                             "quan_he_quan_chung")}}


def _summary(block: object) -> dict[str, Any]:
    opinions = _get(block, "y_kien")
    return {"ngay": _text(_get(block, "ngay")) or None,
            "nguoi_ky": _text(_get(block, "nguoi_ky")), "chuc_vu": _text(_get(block, "chuc_vu")),
            "y_kien": [{"to_chuc": _text(o.get("to_chuc")), "ngay": _text(o.get("ngay")) or None,
                        "noi_dung": _text(o.get("noi_dung"))}
                       for o in opinions or () if isinstance(o, Mapping)]
            if isinstance(opinions, list) else []}


def _title_case(name: str) -> str:
    return " ".join(w[:1].upper() + w[1:].lower() for w in name.split())


def context(data: Mapping[str, Any], org: Mapping[str, Any], slug: str,
            on: Any = None) -> dict[str, Any]:
    """Everything a template reads besides ``hs`` (every key present: StrictUndefined)."""
    xkn = data.get("xet_ket_nap") if isinstance(data.get("xet_ket_nap"), Mapping) else {}
    party = _text(_get(org, "dang_bo", "ten"))
    cell_code = data.get("chi_bo")
    listed = org.get("chi_bo")
    cells: list[Any] = listed if isinstance(listed, list) else []
    cell = next((_text(c.get("ten")) for c in cells
                 if isinstance(c, Mapping) and c.get("ma") == cell_code), "")
    committee = ("Đảng ủy " + party[len("Đảng bộ "):]) if party.startswith("Đảng bộ ") else party
    decision = _get(xkn, "quyet_dinh_ket_nap")
    ceremony = dates.parse_day(_get(xkn, "le_ket_nap", "ngay"))
    probation_end = (dates.add_months(ceremony, limits.PROBATION_MONTHS.value)
                     if ceremony else None)
    recognition = slug == "nghi-quyet-chi-bo-cong-nhan" or (
        slug == "tong-hop-y-kien" and isinstance(_get(xkn, "du_bi", "tong_hop_y_kien"), Mapping))
    name = _text(data.get("ho_ten_khai_sinh")).upper()
    helper = _get(xkn, "du_bi", "nguoi_giup_do", "ho_ten")
    v: dict[str, Any] = {
        "dang_bo": party, "cap_tren": _text(_get(org, "dang_bo", "cap_tren")),
        "dang_uy": committee, "chi_bo": cell, "dia_danh": _text(_get(org, "dang_bo", "dia_danh")),
        "ho_ten": name, "ten": _title_case(name),
        "to_chuc_gioi_thieu": _text(_get(xkn, "gioi_thieu_cua_doan", "to_chuc"))
        or _text(_get(xkn, "gioi_thieu_cua_cong_doan", "to_chuc")),
        "chi_bo_hop": _meeting(_get(xkn, "hop_chi_bo")),
        "dang_uy_hop": _meeting(_get(xkn, "hop_dang_uy")),
        "thuong_vu_hop": _meeting(_get(xkn, "hop_thuong_vu")),
        "cong_nhan_hop": _meeting(_get(xkn, "du_bi", "hop_chi_bo")),
        "bq_chi_bo": vote_context(_get(xkn, "hop_chi_bo"), limits.CHI_BO_VOTE),
        "bq_dang_uy": vote_context(_get(xkn, "hop_dang_uy"), limits.COMMITTEE_VOTE),
        "bq_thuong_vu": vote_context(_get(xkn, "hop_thuong_vu"), limits.STANDING_VOTE),
        "bq_cong_nhan": vote_context(_get(xkn, "du_bi", "hop_chi_bo"), limits.CHI_BO_VOTE),
        "quyet_dinh": {k: _text(_get(decision, k)) or None
                       for k in ("so", "ngay", "co_quan", "nguoi_ky", "chuc_vu")},
        "le_ket_nap": _text(_get(xkn, "le_ket_nap", "ngay")) or None,
        "het_du_bi": dates.show_day(probation_end) if probation_end else "",
        "tu_kiem_diem": _text(_get(xkn, "du_bi", "tu_kiem_diem", "ngay")) or None,
        "nguoi_giup_do": _text(helper),
        "cong_nhan": recognition,
        "doi_tuong_nhan_xet": "đảng viên dự bị" if recognition else "quần chúng",
        "tong_hop": _summary(_get(xkn, "du_bi", "tong_hop_y_kien") if recognition
                             else _get(xkn, "tong_hop_y_kien")),
    }
    if slug == "danh-muc-ho-so":
        stage = _get(data, "quy_trinh", "giai_doan")
        index = stages.index(stage) if isinstance(stage, str) and stage in stages.STAGES else 0
        rank = {s: stages.index(s) for s in stages.CODES}
        when = dates.parse_day(_get(xkn, "hop_chi_bo", "ngay")) or on
        v["danh_muc"] = [
            {"phan": r.entry.part, "phan_ten": checklist.PARTS[r.entry.part],
             "so": r.entry.number, "ten": r.entry.title, "ghi_chu": r.entry.note,
             "tinh_trang": r.status, "ngay": r.day, "hieu_luc": r.validity}
            for r in checklist.rows(data, index, rank, when)]
        v["ngay_xet"] = dates.show_day(when) if when else ""
    return v


@dataclass
class Rendered:
    """The files written for one dossier, by document slug."""

    outputs: dict[str, dict[str, str]] = field(default_factory=dict)


class CommitteeRenderer:
    """Templates, fonts and a warm Typst compiler, kept for many dossiers."""

    def __init__(self, templates_dir: Path, fonts_cache: Path | None = None) -> None:
        self.templates_dir = templates_dir
        self.fonts_cache = fonts_cache  # where the deflated fonts are kept (the render cache)
        self.env = make_env(templates_dir)
        self._charset: frozenset[int] | None = None
        self._pdf: Any = None

    def close(self) -> None:
        if self._pdf is not None:
            self._pdf.close()
            self._pdf = None

    def markdown(self, slug: str, data: Mapping[str, Any], org: Mapping[str, Any],
                 on: Any = None) -> str:
        template = self.env.get_template(f"{TEMPLATE_DIR}/{slug}.md.j2")
        return template.render(hs=data, v=context(data, org, slug, on))

    def typst_source(self, markdown: str) -> str:
        return PREAMBLE + pandoc.to_typst(markdown, self.templates_dir)

    def _pdf_writer(self) -> Any:
        if self._pdf is None:
            from hoso.render.pdf import PdfWriter

            self._pdf = PdfWriter(self.templates_dir)
        return self._pdf

    def render(self, slug: str, data: Mapping[str, Any], org: Mapping[str, Any], out: Path,
               *, formats: tuple[str, ...] = ("docx", "pdf"), commit: str = "chưa commit",
               file_hash: str = "", on: Any = None) -> dict[str, str]:
        """Write ``<out>/<slug>.docx|pdf`` (always drafts); return the paths by format."""
        from hoso.util import write_atomic

        markdown = self.markdown(slug, data, org, on)
        if self._charset is None:
            self._charset = glyphs.charset(self.templates_dir / "fonts")
        missing = glyphs.missing(markdown, self._charset)
        if missing and "pdf" in formats:
            shown = ", ".join(f"“{ch}” {glyphs.describe(ch)}" for ch in missing)
            raise UserError(f"{BY_SLUG[slug].title}: ký tự {shown} không có trong phông chữ "
                            "Tinos nên không in được PDF; sửa giá trị đó trong hồ sơ.")
        code = str(data.get("ma_ho_so", ""))
        written: dict[str, str] = {}
        out.mkdir(parents=True, exist_ok=True)
        if "docx" in formats:
            raw = pandoc.to_docx(markdown, self.templates_dir)
            final = docx.finish(raw, code=f"{code} · {BY_SLUG[slug].title}",
                                commit=footer_commit(commit), content_hash=short_hash(file_hash),
                                draft=True, fonts_dir=self.templates_dir / "fonts", letter=True,
                                fonts_cache=self.fonts_cache)
            write_atomic(out / f"{slug}.docx", final)
            written["docx"] = str(out / f"{slug}.docx")
        if "pdf" in formats:
            inputs = {"ma": code, "commit": footer_commit(commit),
                      "bam": short_hash(file_hash), "nhap": "1", "ten": BY_SLUG[slug].title}
            pdf = self._pdf_writer().compile(self.typst_source(markdown), inputs,
                                             name=f"{slug}.typ")
            write_atomic(out / f"{slug}.pdf", pdf)
            written["pdf"] = str(out / f"{slug}.pdf")
        return written


@dataclass
class Batch:
    """What :func:`render_dossiers` did: files written, dossiers skipped with the reason."""

    written: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    findings: list[Any] = field(default_factory=list)


def render_dossiers(repo: Any, files: list[Path], out_dir: Path, *,
                    formats: tuple[str, ...] = ("docx", "pdf"), only: tuple[str, ...] = (),
                    on: Any = None) -> Batch:
    """The committee documents of each dossier at the stage that needs them (or ``only``
    those named), under ``<out_dir>/<chi bộ>/<mã>/van-ban/``. A dossier that fails the schema
    is skipped with its findings: a document never prints malformed data."""
    from hoso.load import load_file
    from hoso.org import load_org
    from hoso.render.provenance import commits, content_hash
    from hoso.validate.check import Checker, CheckOptions

    unknown = [s for s in only if s not in BY_SLUG]
    if unknown:
        raise UserError(f"Không có văn bản “{unknown[0]}”; có: {', '.join(BY_SLUG)}.")
    org = load_org(repo.org_file)
    checker = Checker(repo, CheckOptions(schema_only=True))
    by_file = commits(files)
    batch = Batch()
    from hoso.render.cache import CACHE_DIR

    renderer = CommitteeRenderer(repo.templates_dir, fonts_cache=out_dir / CACHE_DIR)
    try:
        for path in files:
            display = repo.relative(path)
            loaded = load_file(path, display=display)
            found = [f for f in checker.check_loaded(loaded) if f.severity.value == "lỗi"]
            if found or not isinstance(loaded.data, Mapping):
                batch.findings.extend(found)
                batch.skipped.append(f"{display}: hồ sơ còn lỗi, chưa tạo văn bản.")
                continue
            data = loaded.data
            docs = [BY_SLUG[s] for s in only] if only else due(data)
            if not docs:
                continue
            out = out_dir / str(data["chi_bo"]) / str(data["ma_ho_so"]) / "van-ban"
            file_hash = content_hash(path.read_bytes())
            for doc in docs:
                written = renderer.render(doc.slug, data, org, out, formats=formats,
                                          commit=by_file.get(path, "chưa commit"),
                                          file_hash=file_hash, on=on)
                batch.written.extend(written.values())
    finally:
        renderer.close()
    return batch
