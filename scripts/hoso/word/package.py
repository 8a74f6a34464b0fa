"""Opening a Word file someone sent: checks before anything is parsed.

A .docx is a zip of XML parts. Before reading it this module refuses, with one Vietnamese message
naming the file:

- anything that is not a .docx (an old .doc, RTF, a PDF, a renamed file), and an encrypted
  (password-protected) document;
- a file larger than :data:`MAX_FILE_BYTES`, a zip with more than :data:`MAX_ENTRIES` entries, a
  part that unpacks to more than :data:`MAX_PART_BYTES` (counted while unpacking, not trusted from
  the zip header) or packs more than :data:`MAX_RATIO` times (a zip bomb);
- macros (``vbaProject.bin``, a macro-enabled content type), and any part that points outside the
  file (an external relationship: a linked image, template, frame or object) other than a plain
  hyperlink, which is never followed;
- XML with a document type declaration (entity expansion) or that is not well formed.

Nothing in the file is executed or fetched: the parser has no network access, loads no DTD and
expands no entity.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from lxml import etree

from hoso.errors import UserError

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ENTRIES = 1000
MAX_PART_BYTES = 40 * 1024 * 1024
MAX_RATIO = 200
#: Parts smaller than this are not held to :data:`MAX_RATIO` (XML of blank pages packs well).
RATIO_FLOOR = 1024 * 1024

_PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class Package:
    name: str
    document: etree._Element
    images: int  # embedded pictures, which the import does not read


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, huge_tree=False, remove_comments=True,
                           remove_pis=True)


def _fail(name: str, why: str) -> UserError:
    return UserError(f"Không đọc được tệp Word “{name}”: {why}")


def _size_mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB".replace(".", ",")


def open_docx(path: Path) -> Package:
    """Check and open ``path``; every problem is a :class:`UserError` in Vietnamese."""
    name = path.name
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise UserError(f"Không tìm thấy tệp “{path}”.") from None
    except OSError as exc:
        raise _fail(name, f"lỗi hệ thống ({exc.strerror}).") from exc
    if path.is_dir():
        raise UserError(f"“{path}” là thư mục, không phải tệp Word.")
    if size > MAX_FILE_BYTES:
        raise _fail(name, f"tệp nặng {_size_mb(size)}, quá giới hạn {_size_mb(MAX_FILE_BYTES)} "
                          f"của một bản lý lịch. Xóa ảnh lớn trong tệp rồi lưu lại.")
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
            fh.seek(0)
            raw = fh.read()
    except OSError as exc:
        raise _fail(name, f"lỗi hệ thống ({exc.strerror}).") from exc
    if head.startswith(_OLE_MAGIC):
        if "EncryptionInfo".encode("utf-16-le") in raw or b"EncryptedPackage" in raw \
                or "EncryptedPackage".encode("utf-16-le") in raw:
            raise _fail(name, "tệp được đặt mật khẩu. Mở tệp bằng Word, bỏ mật khẩu (Tệp › Thông "
                              "tin › Bảo vệ tài liệu › Mã hóa bằng mật khẩu, xóa mật khẩu) rồi "
                              "lưu lại.")
        raise _fail(name, "đây là tệp Word 97–2003 (.doc). Mở bằng Word hoặc LibreOffice rồi "
                          "“Lưu thành” kiểu “Word Document (.docx)”.")
    if head.startswith(b"{\\rtf"):
        raise _fail(name, "đây là tệp RTF. Mở bằng Word rồi “Lưu thành” kiểu .docx.")
    if head.startswith(b"%PDF"):
        raise _fail(name, "đây là tệp PDF, không phải tệp Word. Gửi lại tệp .docx đã khai.")
    if not head.startswith(b"PK\x03\x04"):
        raise _fail(name, "đây không phải tệp Word .docx (không có cấu trúc tệp nén của .docx).")
    try:
        return _read_zip(path, name)
    except zipfile.BadZipFile as exc:
        raise _fail(name, f"tệp nén bị hỏng ({exc}). Mở lại bằng Word rồi lưu lại.") from exc


def _read_zip(path: Path, name: str) -> Package:
    with zipfile.ZipFile(path) as z:
        infos = z.infolist()
        if len(infos) > MAX_ENTRIES:
            raise _fail(name, f"tệp có {len(infos)} phần, quá giới hạn {MAX_ENTRIES} phần.")
        names = {i.filename for i in infos}
        if any(i.flag_bits & 0x1 for i in infos):
            raise _fail(name, "tệp được đặt mật khẩu. Bỏ mật khẩu trong Word rồi lưu lại.")
        if any(PurePosixPath(n).name.lower() == "vbaproject.bin" for n in names):
            raise _fail(name, "tệp có macro (mã chạy tự động). hoso không đọc tệp có macro: "
                              "mở bằng Word, “Lưu thành” kiểu “Word Document (.docx)” rồi gửi lại.")
        types = _part(z, "[Content_Types].xml", name)
        for override in types.iter("{*}Override", "{*}Default"):
            if "macroEnabled" in (override.get("ContentType") or ""):
                raise _fail(name, "tệp là loại có macro (.docm). “Lưu thành” kiểu .docx rồi gửi "
                                  "lại.")
        main = "word/document.xml"
        if "_rels/.rels" in names:
            for rel in _part(z, "_rels/.rels", name).iter(f"{{{_PKG_RELS}}}Relationship"):
                if rel.get("Type") == _OFFICE_DOC and rel.get("TargetMode") != "External":
                    main = (rel.get("Target") or main).lstrip("/")
        if main not in names:
            raise _fail(name, "thiếu phần nội dung chính (word/document.xml); tệp không phải văn "
                              "bản Word hoặc đã hỏng.")
        for rels in sorted(n for n in names if n.endswith(".rels")):
            for rel in _part(z, rels, name).iter(f"{{{_PKG_RELS}}}Relationship"):
                if rel.get("TargetMode") == "External" and rel.get("Type") != _HYPERLINK:
                    kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
                    raise _fail(name, f"tệp có liên kết ra ngoài ({kind}: "
                                      f"{_clip(rel.get('Target') or '')}). hoso không tải gì từ "
                                      f"ngoài; hãy chèn trực tiếp nội dung (hoặc xóa liên kết) rồi "
                                      f"lưu lại.")
        images = sum(1 for n in names if n.startswith("word/media/"))
        return Package(name, _part(z, main, name), images)


def _clip(text: str) -> str:
    return text if len(text) <= 80 else text[:77] + "…"


def _part(z: zipfile.ZipFile, part: str, name: str) -> etree._Element:
    """One XML part, unpacked with a running size limit, parsed without DTD or network."""
    try:
        info = z.getinfo(part)
    except KeyError:
        raise _fail(name, f"thiếu phần {part}; tệp không phải văn bản Word hoặc đã hỏng.") from None
    chunks: list[bytes] = []
    total = 0
    try:
        with z.open(info) as fh:
            while chunk := fh.read(1 << 16):
                total += len(chunk)
                if total > MAX_PART_BYTES:
                    raise _fail(name, f"phần {part} giải nén ra hơn {_size_mb(MAX_PART_BYTES)} "
                                      f"(tệp nén bất thường, có thể là “bom nén”).")
                if total > RATIO_FLOOR and total > MAX_RATIO * max(info.compress_size, 1):
                    raise _fail(name, f"phần {part} nén với tỷ lệ bất thường (hơn {MAX_RATIO} "
                                      f"lần, có thể là “bom nén”).")
                chunks.append(chunk)
    except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError) as exc:
        raise _fail(name, f"phần {part} bị hỏng ({exc}).") from exc
    raw = b"".join(chunks)
    if b"<!DOCTYPE" in raw[:4096] or b"<!ENTITY" in raw:
        raise _fail(name, f"phần {part} có khai báo DOCTYPE/ENTITY, điều mà tệp Word thật không "
                          f"có; tệp bị từ chối để an toàn.")
    try:
        return etree.fromstring(raw, _parser())
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if exc.lineno else "?"
        raise _fail(name, f"phần {part} hỏng cấu trúc XML (dòng {line}). Mở tệp bằng Word, "
                          f"để Word sửa rồi lưu lại.") from exc
