"""Typst → PDF in-process with the ``typst`` package, the bundled fonts only.

One :class:`PdfWriter` per worker process keeps a compiler warm (fonts loaded once, the layout file
parsed once). The compile root is a private temporary folder holding only the layout
(``2-knd.typ``) and, while a dossier compiles, its photo: Typst cannot read anything else. System
fonts and Typst's embedded fonts are both off, so a font that is not bundled cannot be used by
accident; every warning (an unknown font among them) fails the document.
"""

from __future__ import annotations

import shutil
import tempfile
import weakref
from collections.abc import Mapping
from pathlib import Path

from hoso.errors import ToolError
from hoso.render.photo import Photo

LAYOUT = "2-knd.typ"
#: Further layouts copied into the compile root (:mod:`hoso.render.committee`).
EXTRA_LAYOUTS = ("van-ban.typ",)
FONTS_DIR = "fonts"
PREAMBLE = (
    "// Mẫu 2-KNĐ do hoso tạo (pandoc -t typst). Đừng sửa tay: sửa hồ sơ, chạy lại hoso render.\n"
    f'#import "{LAYOUT}": ho-so, kieu, anh-the\n'
    "#show: ho-so\n\n"
)
# Fixed creation date in the PDF so that the same input gives the same bytes.
TIMESTAMP = 1767225600  # 2026-01-01T00:00:00Z


def document(body: str) -> str:
    """The complete Typst source: the layout import, then pandoc's body."""
    return PREAMBLE + body


class PdfWriter:
    def __init__(self, templates_dir: Path) -> None:
        import typst

        self._typst = typst
        self.root = Path(tempfile.mkdtemp(prefix="hoso-typst-"))
        self._cleanup = weakref.finalize(self, shutil.rmtree, self.root, True)
        shutil.copyfile(templates_dir / LAYOUT, self.root / LAYOUT)
        for extra in EXTRA_LAYOUTS:  # the committee documents' layout, when the templates have it
            if (templates_dir / extra).is_file():
                shutil.copyfile(templates_dir / extra, self.root / extra)
        fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=False,
                            font_paths=[str(templates_dir / FONTS_DIR)])
        self.compiler = typst.Compiler(root=str(self.root), font_paths=fonts,
                                       ignore_system_fonts=True)

    def close(self) -> None:
        self._cleanup()

    def compile(self, source: str, inputs: Mapping[str, str], photo: Photo | None = None,
                name: str = "main.typ") -> bytes:
        cmd = ["typst (python)", "compile", name]
        photo_path = None
        sys_inputs = dict(inputs)
        sys_inputs["anh"] = ""
        if photo is not None:
            photo_path = self.root / photo.file_name
            photo_path.write_bytes(photo.data)
            sys_inputs["anh"] = photo.file_name
        try:
            pdf, warnings = self.compiler.compile_with_warnings(
                input=source.encode("utf-8"), format="pdf", sys_inputs=sys_inputs,
                timestamp=TIMESTAMP)
        except self._typst.TypstError as exc:
            detail = "\n".join([str(exc.message), str(exc.diagnostic), *map(str, exc.hints or ())])
            raise ToolError(cmd, 1, detail, "Typst không dựng được PDF.") from exc
        finally:
            if photo_path is not None:
                photo_path.unlink(missing_ok=True)
        if warnings:
            text = "\n".join(f"{w.message} {w.diagnostic}".strip() for w in warnings)
            raise ToolError(cmd, 0, text, "Typst có cảnh báo (ví dụ thiếu phông chữ): coi như lỗi.")
        if not isinstance(pdf, bytes):
            raise ToolError(cmd, 0, "không nhận được PDF", "Typst không trả về tệp PDF.")
        return pdf
