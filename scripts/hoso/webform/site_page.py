"""The web form as a page of the guidance site: the HTML file itself and a page that links it.

The site carries the same file ``hoso form`` writes — built from the schema alone, with no
dossier data — so a candidate can open it from the committee's site, or save it and open it
later without a network.
"""

from __future__ import annotations

from typing import Any

from hoso.site.page import Page, make_page
from hoso.webform import FILE_NAME

#: The folder of the site that holds the page and the form.
DIR = "trang-khai"
PAGE = f"{DIR}/index.md"
FORM = f"{DIR}/{FILE_NAME}"
NAV_TITLE = "Khai trên trang web"


def page() -> Page:
    """The page introducing the form (Vietnamese, for candidates and secretaries)."""
    body = [
        f"[Mở trang khai lý lịch]({FILE_NAME}){{ .md-button .md-button--primary }}",
        f'[Tải trang về máy]({FILE_NAME}){{ .md-button download="{FILE_NAME}" }}',
        "",
        "Trang khai lý lịch là **một tệp HTML duy nhất**: mở bằng trình duyệt trên máy tính hay "
        "điện thoại, không cần cài đặt, không cần mạng. Mọi điều khai chỉ nằm trên máy của người "
        "khai: trang không gửi gì đi đâu (không tải phông chữ, thư viện hay số liệu thống kê từ "
        "mạng), bản nháp được giữ trong bộ nhớ của trình duyệt cho đến khi bấm **“Xóa dữ liệu "
        "trên máy này”**.",
        "",
        "## Quần chúng khai",
        "",
        "1. Mở trang (hoặc tải về rồi mở tệp `khai-ly-lich.html`). Khai lần lượt các mục "
        "(1)–(23) theo hướng dẫn dưới mỗi ô; mục có dấu * là bắt buộc; mục không có gì để khai "
        "thì chọn “Không”.",
        "2. Các bảng (quá trình công tác, khen thưởng, hoàn cảnh gia đình…) thêm, xóa, đổi chỗ "
        "từng dòng bằng các nút của dòng; dùng được cả bằng bàn phím (Tab, Enter).",
        "3. Ngày tháng chọn độ chính xác đã biết (ngày, tháng hoặc năm) rồi điền số.",
        "4. Bấm **“Kiểm tra các mục”**: các chỗ cần sửa hiện ngay ở từng ô và trong danh sách "
        "đầu trang, bằng đúng lời báo của `hoso check`. Đây là kiểm tra nhanh theo lược đồ; "
        "chi bộ kiểm tra đầy đủ (cả các quy định kết nạp) khi nhận tệp.",
        "5. Bấm **“Lưu tệp YAML”** và gửi tệp cho chi bộ. Khi hồ sơ bị trả lại để sửa, bấm "
        "**“Mở tệp hồ sơ (YAML)”**, sửa rồi lưu lại.",
        "",
        "## Thư ký, chi ủy nhận tệp",
        "",
        "Tệp lưu từ trang có đúng bố cục và thứ tự của `hoso new`. Hồ sơ mới: chép tệp vào "
        "`dossiers/<chi-bộ>/<mã>.yaml` rồi chạy `hoso check`; hoặc dùng `hoso import tệp.yaml` "
        "để lấy phần quần chúng khai vào hồ sơ (tạo mới, hoặc thay các mục người khai ghi trong "
        "hồ sơ đã có, giữ nguyên quy trình và phần của cấp ủy, in các thay đổi từng mục). "
        "Lệnh `hoso form` tạo lại tệp trang từ lược đồ của kho.",
    ]
    return make_page(PAGE, NAV_TITLE, "Khai lý lịch trên trang web (không cần cài đặt)", body)


def form_file(schema: dict[str, Any]) -> tuple[str, str]:
    """(path in the docs folder, HTML text) of the form itself."""
    from hoso.webform.document import build

    return FORM, build(schema)
