"""The candidate's photo (key ``anh``): a PNG or JPEG file inside the repository.

The path is read from the repository root (as the schema says). A path that leads outside the
repository — ``..``, an absolute path, a symbolic link pointing elsewhere — is refused, and so is
anything that is not a small PNG or JPEG file: a dossier can never make the renderer read an
arbitrary file. This one policy is applied twice: by ``hoso check`` (:func:`problem`, a located
finding) and by ``hoso render`` (:func:`resolve`, which then reads the photo).
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from pathlib import Path

from hoso.errors import UserError

MAX_BYTES = 5_000_000
ITEM = "Mục ảnh (Ảnh 3x4)"


@dataclass(frozen=True)
class Photo:
    path: Path
    data: bytes
    kind: str  # "png" or "jpeg"

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def file_name(self) -> str:
        return f"anh-{self.sha256[:16]}.{'png' if self.kind == 'png' else 'jpg'}"

    def data_uri(self) -> str:
        """For the DOCX: pandoc embeds a data: URI without reading any file (``--sandbox``)."""
        mime = "image/png" if self.kind == "png" else "image/jpeg"
        return f"data:{mime};base64,{base64.b64encode(self.data).decode('ascii')}"


def _kind(head: bytes) -> str | None:
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    return None


def _locate(repo_root: Path, value: str) -> tuple[Path, str]:
    """The policy: the file ``anh`` names, inside the repository, a small PNG or JPEG; its path and
    kind (only the first bytes are read). :class:`UserError` naming the item otherwise."""
    root = repo_root.resolve()
    raw = Path(value)
    if raw.is_absolute() or value.startswith(("/", "\\")) or Path(value).drive:
        raise UserError(f"{ITEM}: “{value}” là đường dẫn tuyệt đối; hãy ghi đường dẫn tính từ thư "
                        f"mục gốc của kho, ví dụ anh/KT-2026-001.jpg.")
    target = (root / raw).resolve()
    if not target.is_relative_to(root):
        raise UserError(f"{ITEM}: “{value}” trỏ ra ngoài kho hồ sơ ({root}); chỉ dùng được ảnh "
                        f"nằm trong kho.")
    if not target.is_file():
        raise UserError(f"{ITEM}: không tìm thấy tệp ảnh “{value}” trong kho.")
    size = target.stat().st_size
    if size > MAX_BYTES:
        raise UserError(f"{ITEM}: tệp ảnh “{value}” quá lớn ({size} byte, tối đa {MAX_BYTES}).")
    with target.open("rb") as fh:
        kind = _kind(fh.read(8))
    if kind is None:
        raise UserError(f"{ITEM}: tệp “{value}” không phải ảnh PNG hoặc JPEG.")
    return target, kind


def problem(repo_root: Path, value: str) -> str | None:
    """Why ``anh`` cannot be used (the message ``hoso check`` and ``hoso render`` both show), or
    None when it can."""
    try:
        _locate(repo_root, value)
    except UserError as exc:
        return str(exc)
    except OSError as exc:
        return f"{ITEM}: không đọc được tệp ảnh “{value}” ({exc.strerror or exc})."
    return None


def resolve(repo_root: Path, value: str) -> Photo:
    """The photo named by ``anh``; :class:`UserError` naming the item when it cannot be used."""
    target, _ = _locate(repo_root, value)
    data = target.read_bytes()
    kind = _kind(data[:8])
    if kind is None or len(data) > MAX_BYTES:  # changed since it was looked at
        raise UserError(f"{ITEM}: tệp “{value}” không phải ảnh PNG hoặc JPEG nhỏ hơn {MAX_BYTES} "
                        f"byte.")
    return Photo(target, data, kind)
