"""Load one dossier: bytes → checked text → YAML nodes → a plain tree with source positions.

Every problem becomes a located :class:`~hoso.findings.Finding`; nothing here raises for bad
input and nothing is silently repaired. The steps, one module each:

1. size (refused before reading when over :data:`MAX_BYTES`) — here;
2. bytes → text (:mod:`.encoding`): UTF-8 only; a BOM is reported and skipped; UTF-16 and the
   legacy Vietnamese encodings (Windows-1258, TCVN3/ABC, VNI-Windows) are recognised and named;
3. text checks (:mod:`.text`): tab characters, control and bidi characters, Unicode not in NFC,
   anchors and aliases;
4. YAML (:mod:`.tree`): the Python tree with the line and column of every value, built from
   libyaml's event stream (:mod:`.fast`) for a well-formed file, else from the nodes libyaml
   composes, which find and locate what is wrong; libyaml's own errors are explained by
   :mod:`.syntax`.

Characters that libyaml refuses outright (tabs, control characters) are reported, then replaced
by a space in the copy that is parsed, so that the rest of the file can still be checked; column
numbers do not move. :mod:`.result` holds the :class:`Loaded` result, the limits and the sink
that collects the findings.
"""

from __future__ import annotations

import os
import stat

from hoso.load.encoding import decode
from hoso.load.result import MAX_BYTES, MAX_DEPTH, MAX_ITEMS, Loaded, Sink, vn_number
from hoso.load.text import Lines, check_text, scan_anchors
from hoso.load.tree import Tree

__all__ = ["MAX_BYTES", "MAX_DEPTH", "MAX_ITEMS", "Loaded", "load_bytes", "load_file"]


def load_file(path: str | os.PathLike[str], display: str | None = None, *,
              dossier: bool = True) -> Loaded:
    """Read and load ``path``; a missing or unreadable file is a finding, never an exception.

    ``dossier``: see :func:`load_bytes`.
    """
    shown = display if display is not None else os.fspath(path)
    sink = Sink(shown)
    try:
        st = os.stat(path)  # before opening: a FIFO would block, a huge file is not read
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(path)
        if not stat.S_ISREG(st.st_mode):
            sink.add("khong-doc-duoc", 1, 1, "Không đọc được tệp: đây không phải là một tệp "
                     "thông thường. Hãy chỉ định đúng tệp hồ sơ .yaml.")
            return sink.result(None, None)
        if st.st_size > MAX_BYTES:
            _too_big(sink, st.st_size)
            return sink.result(None, None)
        with open(path, "rb") as fh:
            raw = fh.read(MAX_BYTES + 1)  # the file may have grown since stat
    except OSError as exc:
        sink.add("khong-doc-duoc", 1, 1, _os_error_message(exc))
        return sink.result(None, None)
    return load_bytes(raw, shown, dossier=dossier)


def load_bytes(raw: bytes, file: str, *, dossier: bool = True) -> Loaded:
    """Load a dossier from its bytes; ``file`` is the path shown in findings.

    A dossier's top level must be a mapping of the form's items: anything else (``~``, a lone
    value, a list) is the error ``khong-phai-ho-so``. ``dossier=False`` leaves the shape of the
    top level to the caller, for the other YAML files read this way (``to-chuc.yaml``, whose
    schema has its own message).
    """
    sink = Sink(file)
    if len(raw) > MAX_BYTES:
        _too_big(sink, len(raw))
        return sink.result(None, None)
    text, readable = decode(sink, raw)
    # the shape of a stand-in text says nothing: its encoding is what is wrong
    tree = _read(sink, text, nfc=readable, mapping_root=dossier and readable)
    data = tree.compose()
    if not readable:  # only checked: the file must be converted first
        return sink.result(None, None)
    return sink.result(data, text, where=tree.where(), texts=tree.texts)


def _read(sink: Sink, text: str, *, nfc: bool, mapping_root: bool) -> Tree:
    """Run the text checks on ``text``; the tree to compose from it."""
    lines = Lines(text)
    parse_text = check_text(sink, text, lines, nfc=nfc)
    scanned = scan_anchors(sink, text, parse_text)
    return Tree(sink, text, parse_text, lines, anchors_scanned=scanned,
                mapping_root=mapping_root)


def _too_big(sink: Sink, size: int) -> None:
    sink.add("tep-qua-lon", 1, 1,
             f"Tệp quá lớn ({vn_number(size)} byte, giới hạn {vn_number(MAX_BYTES)} byte) nên "
             f"không được đọc. Một hồ sơ chỉ khoảng vài chục KB: kiểm tra xem có dán nhầm dữ liệu "
             f"(ảnh, bảng tính, tệp khác) vào tệp này không.")


def _os_error_message(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        why = "tệp không tồn tại"
    elif isinstance(exc, IsADirectoryError):
        why = "đây là một thư mục, không phải tệp"
    elif isinstance(exc, PermissionError):
        why = "không có quyền đọc tệp"
    else:
        why = f"lỗi hệ thống [{exc.strerror or exc}]"
    return f"Không đọc được tệp: {why}. Hãy kiểm tra lại đường dẫn và quyền đọc của tệp."
