"""libyaml's errors as located Vietnamese findings: what is wrong there, and what to do."""

from __future__ import annotations

import yaml

from hoso.load.result import Sink, deep_message
from hoso.load.text import Lines, mark_pos

# libyaml's problems → (what is wrong, what to do); checked in order, by substring
_SYNTAX: list[tuple[str, str, str]] = [
    ("could not find expected ':'",
     "thiếu dấu hai chấm “:” sau tên mục",
     "Viết theo dạng “ten_muc: giá trị” (có một dấu cách sau dấu hai chấm); nếu đây là phần "
     "tiếp theo của giá trị dòng trên, hãy thụt lề nó vào sâu hơn tên mục."),
    ("mapping values are not allowed",
     "dấu hai chấm “:” đặt sai chỗ",
     "Nếu giá trị có chứa “: ”, hãy đặt cả giá trị trong dấu ngoặc kép \"…\"; nếu không, kiểm "
     "tra thụt lề của dòng này."),
    ("mapping keys are not allowed",
     "dấu “?” đặt sai chỗ",
     "Nếu giá trị bắt đầu bằng “?”, hãy đặt cả giá trị trong dấu ngoặc kép \"…\"."),
    ("block sequence entries are not allowed",
     "dấu “- ” của danh sách đặt sai chỗ",
     "Mỗi phần tử danh sách phải nằm trên một dòng riêng, thụt vào dưới tên mục; nếu giá trị "
     "bắt đầu bằng “- ”, hãy đặt trong dấu ngoặc kép."),
    ("found unexpected end of stream",
     "thiếu dấu ngoặc đóng của giá trị trong ngoặc kép hoặc nháy đơn",
     "Đóng giá trị bằng đúng loại dấu đã mở (\"…\" hoặc '…')."),
    ("found unexpected document indicator",
     "giá trị trong ngoặc chưa được đóng trước dòng “---” hoặc “...”",
     "Đóng dấu ngoặc kép hoặc nháy đơn của giá trị."),
    ("found unknown escape character",
     "giá trị trong ngoặc kép có dấu “\\” không hợp lệ",
     "Dùng nháy đơn '…' cho giá trị có dấu “\\”, hoặc viết “\\\\”."),
    ("found invalid Unicode character escape code",
     "mã “\\u…” trong ngoặc kép không hợp lệ",
     "Gõ thẳng ký tự thay cho mã “\\u…”, hoặc dùng nháy đơn '…'."),
    ("did not find expected ',' or ']'",
     "danh sách viết trong ngoặc vuông thiếu dấu “,” hoặc “]”",
     "Kiểm tra ngoặc vuông đã đóng chưa; nếu giá trị bắt đầu bằng “[” mà không phải danh sách, "
     "hãy đặt cả giá trị trong dấu ngoặc kép."),
    ("did not find expected ',' or '}'",
     "bảng viết trong ngoặc nhọn thiếu dấu “,” hoặc “}”",
     "Kiểm tra ngoặc nhọn đã đóng chưa; nếu giá trị bắt đầu bằng “{” hãy đặt cả giá trị trong "
     "dấu ngoặc kép."),
    ("found unexpected ':'",
     "dấu hai chấm “:” đặt sai chỗ",
     "Đặt giá trị có dấu “:” trong dấu ngoặc kép \"…\"."),
    ("found character that cannot start any token",
     "giá trị bắt đầu bằng một ký tự không được phép đứng đầu (ví dụ “@”, “`”, “%”)",
     "Đặt cả giá trị trong dấu ngoặc kép \"…\"."),
    ("did not find expected comment or line break",
     "có nội dung thừa sau giá trị",
     "Sau dấu ngoặc đóng chỉ được có chú thích “# …”; nếu cần, đặt toàn bộ giá trị trong dấu "
     "ngoặc kép."),
    ("did not find expected node content",
     "thiếu giá trị hoặc có ký hiệu đặt sai chỗ",
     "Kiểm tra dòng này: giá trị bắt đầu bằng ký hiệu (“[”, “{”, “,”, “-”) cần đặt trong dấu "
     "ngoặc kép."),
    ("while scanning an anchor", "giá trị bắt đầu bằng “&”",
     "Đặt cả giá trị trong dấu ngoặc kép \"…\"."),
    ("while scanning an alias", "giá trị bắt đầu bằng “*”",
     "Đặt cả giá trị trong dấu ngoặc kép \"…\"."),
    ("tag", "giá trị bắt đầu bằng “!” bị hiểu nhầm là thẻ kiểu YAML",
     "Đặt cả giá trị trong dấu ngoặc kép \"…\"."),
    ("directive", "dòng bắt đầu bằng “%” bị hiểu nhầm là chỉ thị YAML",
     "Xóa dòng này hoặc đặt giá trị trong dấu ngoặc kép \"…\"."),
    ("did not find expected whitespace",
     "thiếu dấu cách",
     "Thêm một dấu cách sau dấu hai chấm “:” hoặc sau dấu “-”."),
    ("tab character",
     "ký tự tab trong thụt lề",
     "Thay tab bằng dấu cách."),
]
# problems whose context mark (where the construct began) is the better place to point at
_AT_CONTEXT = ("could not find expected ':'", "found unexpected end of stream",
               "found unexpected document indicator")


def syntax_error(sink: Sink, exc: yaml.MarkedYAMLError, lines: Lines, *,
                 anchors_scanned: bool) -> None:
    """A problem found by libyaml's scanner, parser or composer."""
    problem = exc.problem or ""
    context = exc.context or ""
    pmark = exc.problem_mark
    cmark = exc.context_mark
    if "maximum nesting depth" in problem:
        sink.add("qua-sau", *mark_pos(pmark), deep_message())
        return
    if "alias" in problem or "anchor" in problem:
        if not anchors_scanned:
            line, col = mark_pos(pmark)
            sink.add("yaml-bi-danh", line, col,
                     "Không được dùng neo (&) và bí danh (*) của YAML: hồ sơ phải ghi đầy đủ "
                     f"từng giá trị. [{problem}]")
        return
    mark = pmark
    if cmark is not None and any(p in problem for p in _AT_CONTEXT):
        mark = cmark
    line, col = mark_pos(mark)
    what, todo = _explain(problem, context, lines, line, col)
    msg = f"Lỗi cú pháp YAML: {what}. {todo}"
    if cmark is not None and mark is not cmark and cmark.line + 1 != line:
        msg += f" (Phần đang đọc bắt đầu ở dòng {cmark.line + 1}, cột {cmark.column + 1}.)"
    if sink.has("ky-tu-tab"):
        msg += " Tệp có ký tự tab (xem lỗi “ky-tu-tab”): thay tab bằng dấu cách trước."
    original = f"{context}: {problem}" if context else problem
    sink.add("yaml-cu-phap", line, col, f"{msg} [{original}]")


def _explain(problem: str, context: str, lines: Lines, line: int, col: int) -> tuple[str, str]:
    if "did not find expected key" in problem or "expected '-' indicator" in problem:
        here = lines.line_text(line) if line <= len(lines.starts) else ""
        before, at = here[: col - 1], here[col - 1: col]
        if at == ":":
            return ("thiếu tên mục trước dấu hai chấm",
                    "Ghi tên mục trước dấu hai chấm, ví dụ “ngay_sinh: …”.")
        if before.strip(" "):
            return ("có nội dung thừa sau giá trị (thường do dấu ngoặc kép đóng quá sớm)",
                    "Đặt toàn bộ giá trị trong một cặp dấu ngoặc kép \"…\"; dấu ngoặc kép bên "
                    "trong viết là \\\".")
        return ("thụt lề không đều",
                "Các mục cùng cấp phải thẳng cột với nhau (cùng số dấu cách đầu dòng); các "
                "dòng “- ” của cùng một danh sách cũng phải thẳng cột.")
    both = f"{context} {problem}"
    for needle, what, todo in _SYNTAX:
        if needle in both:
            return what, todo
    return ("nội dung không đúng cú pháp YAML",
            "Kiểm tra thụt lề, dấu hai chấm và các dấu ngoặc ở dòng này và dòng ngay trên.")


def reader_error(sink: Sink, exc: yaml.YAMLError, text: str, parse_text: str,
                 lines: Lines) -> None:
    """A character libyaml's reader refuses (the text checks have blanked most)."""
    # libyaml reports a byte offset into the UTF-8 it was given
    offset = getattr(exc, "position", 0) or 0
    chars = len(parse_text.encode("utf-8")[:offset].decode("utf-8", "ignore"))
    line, col = lines.pos(min(chars, len(text)))
    if not sink.has("ky-tu-dieu-khien"):
        reason = getattr(exc, "reason", "") or type(exc).__name__
        sink.add("ky-tu-dieu-khien", line, col,
                 f"Tệp có ký tự không hợp lệ ở đây. Hãy xóa ký tự này. [{reason}]")

