"""One dossier → Markdown → DOCX and PDF.

:class:`Renderer` is built once per worker process (templates, schema labels, font cmap, a warm
Typst compiler) and renders any number of :class:`Job` s. What must hold before anything is
written:

* the file loads and passes the schema (a draft cannot print data that is missing or malformed);
* for a final document (``final=True``): the dossier is at the official-copy stage or later
  (``chep_chinh_thuc`` …; ``tra_lai`` counts as before) **and** ``hoso check`` finds no error;
* the photo, if any, is a PNG/JPEG inside the repository;
* for a PDF: every printed character has a glyph in the bundled fonts.

A problem in the data becomes findings (reported with ``hoso check``'s format and exit code 1);
a failing tool or a broken template is an error (exit code 2).
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hoso.errors import HosoError, UserError
from hoso.escape import MdSafe
from hoso.findings import Finding, Severity
from hoso.form import load_form
from hoso.render import docx, glyphs, pandoc
from hoso.render import photo as photos
from hoso.render.jobs import FORMATS, Job, Outcome
from hoso.render.markdown import make_env
from hoso.render.provenance import content_hash, footer_commit, short_hash
from hoso.repo import Repo
from hoso.workflow import stages

if TYPE_CHECKING:
    from concurrent.futures import Future

    from hoso.load import Loaded
    from hoso.render.pdf import PdfWriter
    from hoso.validate.check import Checker

TEMPLATE = "2-knd.md.j2"
# Top-level keys the document does not print: their characters need no glyph.
NOT_PRINTED = ("mau", "phien_ban", "anh", "xet_ket_nap", "quy_trinh")
_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,80}$")


class Refused(Exception):
    """The dossier cannot be rendered; the findings say why."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__(f"{len(findings)} vấn đề")
        self.findings = findings


def is_official_stage(data: Mapping[str, Any]) -> bool:
    """True from ``chep_chinh_thuc`` on; ``tra_lai`` and unknown stages count as before."""
    flow = data.get("quy_trinh")
    code = flow.get("giai_doan") if isinstance(flow, Mapping) else None
    try:
        return stages.at_or_past(str(code), stages.OFFICIAL_COPY)
    except stages.UnknownStage:
        return False


def output_paths(out_dir: Path, cache_dir: Path, cell: str, code: str) -> dict[str, Path]:
    return {
        "docx": out_dir / cell / f"{code}.docx",
        "pdf": out_dir / cell / f"{code}.pdf",
        "md": cache_dir / cell / f"{code}.md",
        "typ": cache_dir / cell / f"{code}.typ",
    }


class Renderer:
    """Everything a worker keeps warm between dossiers."""

    def __init__(self, repo_root: Path) -> None:
        self.repo = Repo(Path(repo_root))
        self.templates_dir = self.repo.templates_dir
        self.env = make_env(self.templates_dir)
        self.labels = load_form(self.repo.schema_path("2025"))
        self._checkers: dict[tuple[bool, date | None], Checker] = {}
        self._charset: frozenset[int] | None = None
        self._pdf: PdfWriter | None = None

    def close(self) -> None:
        if self._pdf is not None:
            self._pdf.close()
            self._pdf = None

    # ---- pieces

    @property
    def charset(self) -> frozenset[int]:
        if self._charset is None:
            self._charset = glyphs.charset(self.templates_dir / "fonts")
        return self._charset

    def pdf_writer(self) -> PdfWriter:
        if self._pdf is None:
            from hoso.render.pdf import PdfWriter

            self._pdf = PdfWriter(self.templates_dir)
        return self._pdf

    def markdown(self, data: Mapping[str, Any], photo: photos.Photo | None = None) -> str:
        """The pandoc Markdown of a (schema-valid) dossier."""
        template = self.env.get_template(TEMPLATE)
        image = None
        if photo is not None:
            image = MdSafe(f"![]({photo.data_uri()}){{width=30mm height=40mm}}")
        return template.render(
            hs=data,
            anh=image,
            nhom_gia_dinh=[g.as_context() for g in self.labels.family_groups(data["gia_dinh"])],
            nhan_doi_tuong=self.labels.enum_labels(("tham_tra", 0, "doi_tuong")),
            nhan_ky_luat=self.labels.enum_labels(("ky_luat", 0, "loai")),
            nhan_ra_khoi_dang=self.labels.enum_labels(("ket_nap_lai", "hinh_thuc_ra_khoi_dang")),
        )

    def typst_source(self, markdown: str) -> str:
        from hoso.render.pdf import document

        return document(pandoc.to_typst(markdown, self.templates_dir))

    # ---- checks

    def _finding(self, loaded: Loaded, path: tuple[str | int, ...], code: str,
                 message: str) -> Finding:
        line, col = loaded.locate(path)
        return Finding(loaded.file, line, col, code, Severity.ERROR, message, path)

    def checker(self, final: bool, on_date: date | None = None) -> Checker:
        """``hoso check`` as a draft needs it (schema only) or as a final needs it (all rules)."""
        from hoso.validate.check import Checker, CheckOptions

        key = (final, on_date if final else None)
        if key not in self._checkers:
            options = CheckOptions(on_date=on_date) if final else CheckOptions(schema_only=True)
            self._checkers[key] = Checker(self.repo, options)
        return self._checkers[key]

    def _check(self, loaded: Loaded, final: bool, on_date: date | None) -> None:
        found = self.checker(final, on_date).check_loaded(loaded)
        errors = [f for f in found if f.severity is Severity.ERROR]
        data = loaded.data
        if final and isinstance(data, Mapping) and not is_official_stage(data):
            stage = data.get("quy_trinh", {}).get("giai_doan")
            errors.append(self._finding(
                loaded, ("quy_trinh", "giai_doan"), "chua-den-ban-chinh-thuc",
                f"Hồ sơ đang ở giai đoạn “{stages.label(str(stage))}”: bản chính thức chỉ in "
                f"từ giai đoạn “{stages.label(stages.OFFICIAL_COPY)}” trở đi. Hãy in bản nháp "
                f"(bỏ --ban-chinh-thuc)."))
        if errors:
            raise Refused(errors)
        for key in ("chi_bo", "ma_ho_so"):
            if not _SAFE_NAME.match(str(data.get(key, ""))) or str(data.get(key)) in (".", ".."):
                raise Refused([self._finding(
                    loaded, (key,), "ten-tep-khong-an-toan",
                    f"Mục {key}: “{data.get(key)}” không dùng được làm tên tệp (chỉ chữ không dấu, "
                    f"số, dấu gạch ngang).")])

    def _check_glyphs(self, loaded: Loaded, markdown: str) -> None:
        bad = glyphs.check_values(loaded.data, self.charset, skip=NOT_PRINTED)
        findings = [self._finding(
            loaded, path, "ky-tu-khong-in-duoc",
            f"{self.labels.path_label(path, loaded.data)}: ký tự “{ch}” {glyphs.describe(ch)} không có "
            f"trong "
            f"phông chữ dùng để in PDF (Tinos), nên không in được. Hãy thay bằng chữ, số hoặc dấu "
            f"thông thường, hoặc xóa ký tự này.") for path, ch in bad]
        if not findings:
            leftover = glyphs.missing(markdown, self.charset)
            findings = [self._finding(
                loaded, (), "ky-tu-khong-in-duoc",
                f"Mẫu in (templates/) có ký tự “{ch}” {glyphs.describe(ch)} không có trong phông "
                f"chữ Tinos.") for ch in leftover]
        if findings:
            raise Refused(findings)

    # ---- one dossier

    def render(self, job: Job) -> Outcome:
        from hoso.load import load_bytes

        started = time.perf_counter()
        out = Outcome(job.source, job.display, "failed", job.formats)
        try:
            raw = Path(job.source).read_bytes()
        except OSError as exc:
            out.error = f"{job.display}: không đọc được tệp ({exc.strerror or exc})."
            return out
        out.file_sha = content_hash(raw)
        loaded = load_bytes(raw, job.display)
        try:
            self._render_loaded(job, loaded, out)
            out.status = "rendered"
        except Refused as exc:
            out.findings = exc.findings
        except HosoError as exc:
            out.error = f"{job.display}: {exc}"
        except Exception as exc:
            from jinja2 import TemplateError

            if not isinstance(exc, TemplateError):
                raise
            where = f"{getattr(exc, 'filename', None) or TEMPLATE}:{getattr(exc, 'lineno', '?')}"
            out.error = (f"{job.display}: mẫu in templates/{where} bị lỗi: {exc}. Hãy sửa mẫu in "
                         f"(hoặc lấy lại bản gốc của thư mục templates/).")
        out.seconds = time.perf_counter() - started
        return out

    def _render_loaded(self, job: Job, loaded: Loaded, out: Outcome) -> None:
        self._check(loaded, job.final, job.on_date)
        data = loaded.data
        out.code, out.cell = str(data["ma_ho_so"]), str(data["chi_bo"])
        photo = None
        if data.get("anh"):
            try:
                photo = photos.resolve(self.repo.root, str(data["anh"]))
            except UserError as exc:
                raise Refused([self._finding(loaded, ("anh",), "anh-khong-dung-duoc",
                                             str(exc))]) from exc
            st = photo.path.stat()
            rel = photo.path.relative_to(self.repo.root.resolve()).as_posix()
            out.deps.append((rel, st.st_size, st.st_mtime_ns))
        markdown = self.markdown(data, photo)
        from concurrent.futures import ThreadPoolExecutor

        # the two pandoc runs go on together, and with the glyph check: one dossier waits for the
        # longer of them, not for both in turn (the threads wait on pandoc's processes)
        with ThreadPoolExecutor(max_workers=2) as threads:
            to_docx = (threads.submit(pandoc.to_docx, markdown, self.templates_dir)
                       if "docx" in job.formats else None)
            to_typst = (threads.submit(self.typst_source, markdown)
                        if "pdf" in job.formats else None)
            if "pdf" in job.formats:
                self._check_glyphs(loaded, markdown)  # refused: the pool waits for pandoc, no more
            self._write_outputs(job, out, (out.cell, out.code), markdown, photo, to_docx, to_typst)

    def _write_outputs(self, job: Job, out: Outcome, where: tuple[str, str], markdown: str,
                       photo: photos.Photo | None, to_docx: Future[bytes] | None,
                       to_typst: Future[str] | None) -> None:
        cell, code = where
        paths = output_paths(Path(job.out_dir), Path(job.cache_dir), cell, code)
        _write(paths["md"], markdown.encode("utf-8"))
        draft = not job.final
        bam = short_hash(out.file_sha)
        if to_docx is not None:
            raw_docx = to_docx.result()
            try:
                final_docx = docx.finish(raw_docx, code=code, commit=footer_commit(job.commit),
                                         content_hash=bam, draft=draft,
                                         fonts_dir=self.templates_dir / "fonts",
                                         fonts_cache=Path(job.cache_dir))
            except docx.DocxLayoutError as exc:
                raise UserError(f"templates/reference.docx không đúng mẫu ({exc}); hãy tạo lại: "
                                f"python -m hoso.render.make_reference_docx") from exc
            _write(paths["docx"], final_docx)
            out.outputs["docx"] = str(paths["docx"])
        if to_typst is not None:
            source = to_typst.result()
            _write(paths["typ"], source.encode("utf-8"))
            inputs = {"ma": code, "commit": footer_commit(job.commit), "bam": bam,
                      "nhap": "1" if draft else "0"}
            pdf = self.pdf_writer().compile(source, inputs, photo, name=paths["typ"].name)
            _write(paths["pdf"], pdf)
            out.outputs["pdf"] = str(paths["pdf"])


def _write(path: Path, data: bytes) -> None:
    from hoso.util import write_atomic

    try:
        write_atomic(path, data)
    except OSError as exc:
        raise UserError(f"Không ghi được tệp {path} ({exc.strerror or exc}).") from exc


# ---- worker process state (spawn-started workers build it once)

_WORKER: dict[str, Renderer] = {}


def init_worker(repo_root: str) -> None:
    _WORKER["renderer"] = Renderer(Path(repo_root))


def render_in_worker(job: Job) -> Outcome:
    return _WORKER["renderer"].render(job)


__all__ = ["FORMATS", "Job", "Outcome", "Refused", "Renderer", "is_official_stage"]
