"""``hoso import`` on files that are not what they claim, broken or hostile: one Vietnamese
message each, exit code 2, no traceback, nothing executed or fetched, nothing written."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from hoso.cli import main
from hoso.errors import UserError
from hoso.word import package
from hoso.word.package import open_docx

GOOD_TYPES = (b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
              b'content-types"><Override PartName="/word/document.xml" ContentType="application/'
              b'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
DOC = (b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
       b'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>1. H\xe1\xbb\x8d v\xc3\xa0 t\xc3\xaan'
       b'</w:t></w:r></w:p></w:body></w:document>')
RELS_NS = b"http://schemas.openxmlformats.org/package/2006/relationships"


def docx_bytes(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in parts.items():
            z.writestr(name, content)
    return out.getvalue()


def base(**extra: bytes) -> dict[str, bytes]:
    return {"[Content_Types].xml": GOOD_TYPES, "word/document.xml": DOC, **extra}


def rels(*rows: str) -> bytes:
    body = "".join(rows)
    return f'<Relationships xmlns="{RELS_NS.decode()}">{body}</Relationships>'.encode()


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def _bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", GOOD_TYPES)
        z.writestr("word/document.xml", b"<a>" + b" " * (package.MAX_PART_BYTES + 10) + b"</a>")
    return out.getvalue()


CASES: dict[str, tuple[bytes, str]] = {
    "text file renamed": (b"Ho va ten: Nguyen Van A\n", "không phải tệp Word .docx"),
    "empty file": (b"", "không phải tệp Word .docx"),
    "Word 97-2003 .doc": (OLE, "Word 97–2003 (.doc)"),
    "password-protected": (OLE + "EncryptionInfo".encode("utf-16-le"), "đặt mật khẩu"),
    "RTF": (b"{\\rtf1\\ansi Ho va ten}", "tệp RTF"),
    "PDF": (b"%PDF-1.7\n", "tệp PDF"),
    "broken zip": (b"PK\x03\x04" + b"\x00" * 64, "tệp nén bị hỏng"),
    "no document part": (docx_bytes({"[Content_Types].xml": GOOD_TYPES}), "word/document.xml"),
    "macros": (docx_bytes(base(**{"word/vbaProject.bin": b"\x00" * 10})), "có macro"),
    "macro-enabled type": (docx_bytes(base(**{"[Content_Types].xml": GOOD_TYPES.replace(
        b"document.main+xml", b"document.macroEnabled.main+xml")})), "có macro"),
    "external image": (docx_bytes(base(**{"word/_rels/document.xml.rels": rels(
        '<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/image" Target="http://example.invalid/a.png" TargetMode="External"/>')})),
        "liên kết ra ngoài (image"),
    "external template": (docx_bytes(base(**{"word/_rels/settings.xml.rels": rels(
        '<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/attachedTemplate" Target="file://server/share/t.dotm" '
        'TargetMode="External"/>')})), "liên kết ra ngoài (attachedTemplate"),
    "malformed XML": (docx_bytes(base(**{"word/document.xml": b"<w:document><w:body>"})),
                      "hỏng cấu trúc XML"),
    "entity expansion": (docx_bytes(base(**{"word/document.xml":
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        b"<d>&b;</d>"})), "DOCTYPE/ENTITY"),
    "external entity": (docx_bytes(base(**{"word/document.xml":
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "http://example.invalid/x">]>'
        b"<d>&x;</d>"})), "DOCTYPE/ENTITY"),
    "zip bomb": (_bomb(), "bom nén"),
    "too many parts": (docx_bytes(base(**{f"customXml/item{i}.xml": b"<a/>"
                                          for i in range(package.MAX_ENTRIES + 1)})),
                       f"quá giới hạn {package.MAX_ENTRIES} phần"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_file_gets_one_clear_message(tmp_path: Path, case: str) -> None:
    content, message = CASES[case]
    path = tmp_path / "ly-lich.docx"
    path.write_bytes(content)
    with pytest.raises(UserError) as err:
        open_docx(path)
    assert message in str(err.value)
    assert "ly-lich.docx" in str(err.value)


def test_huge_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "lon.docx"
    with path.open("wb") as fh:  # sparse: nothing is really written
        fh.truncate(package.MAX_FILE_BYTES + 1)
    with pytest.raises(UserError, match="quá giới hạn 20 MB"):
        open_docx(path)


def test_a_hyperlink_is_allowed_and_never_followed(tmp_path: Path) -> None:
    path = tmp_path / "lien-ket.docx"
    path.write_bytes(docx_bytes(base(**{"word/_rels/document.xml.rels": rels(
        '<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/hyperlink" Target="http://example.invalid/" TargetMode="External"/>')})))
    assert open_docx(path).document is not None


@pytest.mark.parametrize("case", ["macros", "zip bomb", "text file renamed", "entity expansion"])
def test_cli_import_of_a_hostile_file(repo_copy: Path, capsys: pytest.CaptureFixture[str],
                                      case: str) -> None:
    path = repo_copy / "gui-den.docx"
    path.write_bytes(CASES[case][0])
    before = sorted(p.name for p in (repo_copy / "dossiers").rglob("*"))
    assert main(["import", str(path), "--ma", "KT-2026-070", "--chi-bo", "ky-thuat"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Lỗi: Không đọc được tệp Word “gui-den.docx”")
    assert "Traceback" not in err
    assert sorted(p.name for p in (repo_copy / "dossiers").rglob("*")) == before


def test_a_directory_is_not_a_word_file(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="là thư mục"):
        open_docx(tmp_path)
