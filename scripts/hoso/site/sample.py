"""The fictional sample dossier on the site: reading it, and its page (downloads, a preview in
booklet order with the schema's labels, the YAML text).

Only the sample shipped with the package is shown; nothing here reads ``dossiers/``.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from hoso import escape
from hoso.errors import UserError
from hoso.form import Form, dates
from hoso.site.page import SAMPLE_NAME, SAMPLE_PAGE, Page, make_page, muc_of, slug


class _NoDatesLoader(yaml.CSafeLoader):
    """Safe loader (libyaml's parser, PyYAML's safe constructors) that leaves dates as strings,
    as the dossier loader does."""


_NoDatesLoader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def default_sample() -> Path:
    """The fictional sample dossier shipped with the package."""
    path = Path(str(resources.files("hoso") / "data" / f"{SAMPLE_NAME}.yaml"))
    if not path.is_file():
        raise UserError(f"Thiếu hồ sơ minh họa {path} trong gói hoso.")
    return path


def sample_data(text: str) -> Any:
    """The sample's YAML text read with a safe loader that keeps dates as text."""
    return yaml.load(text, Loader=_NoDatesLoader)  # a safe loader


def format_value(value: Any) -> str:
    """A scalar as the preview prints it: a day or a month the form's way (“ngày 26-3-2026”,
    “tháng 9-2016”, see :mod:`hoso.form.dates`); a year, “nay” and other text as written."""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if value is None:
        return ""
    p = dates.parse(value)
    return p.show() if p is not None and p.month is not None else str(value)


class Preview:
    """A Markdown preview of a dossier, in booklet order, labels from the schema."""

    def __init__(self, form: Form) -> None:
        self.form = form

    def scalar(self, node: Mapping[str, Any], value: Any) -> str:
        for v, label in Form.node_enum_choices(node):
            if v == value and label:
                return label
        return format_value(value)

    def inline(self, node: Mapping[str, Any], value: Any) -> str:
        """An object's fields joined on one line (addresses: "…, …, … (trước đây là …)")."""
        node = self.form.resolve(node)
        if isinstance(value, Mapping):
            props, _ = self.form.children(node)
            parts = []
            for key, sub in value.items():
                if key == "truoc_day":
                    continue
                text = self.inline(props.get(key, {}), sub)
                if text:
                    sub_node = self.form.resolve(props.get(key, {}))
                    if isinstance(sub, Mapping | list):
                        text = f"{sub_node.get('title') or key}: {text}"
                    parts.append(text)
            text = ", ".join(parts)
            if value.get("truoc_day"):
                text += f" (trước đây là {value['truoc_day']})"
            return text
        if isinstance(value, list):
            return "; ".join(self.inline(node.get("items", {}), v) for v in value) or "Không"
        return self.scalar(node, value)

    def block(self, node: Mapping[str, Any], value: Any, indent: str = "") -> list[str]:
        inline, cell = escape.mkdocs_inline, escape.mkdocs_cell
        node = self.form.resolve(node)
        if isinstance(value, list):
            if not value:
                return [f"{indent}Không", ""]
            props, _ = self.form.children(node)
            if all(isinstance(v, Mapping) for v in value) and props:
                cols = [k for k in props if any(k in v for v in value)]
                if len(cols) <= 6 and not indent:
                    titles = [self.form.resolve(props[k]).get("title") or k for k in cols]
                    head = "| " + " | ".join(cell(t) for t in titles) + " |"
                    out = [head, "|" + "---|" * len(cols)]
                    for v in value:
                        out.append("| " + " | ".join(
                            cell(self.inline(props[k], v.get(k, "")) if k in v else "")
                            for k in cols) + " |")
                    return [*out, ""]
                out = []
                for i, v in enumerate(value, 1):
                    title = inline(f"{i}. {self.row_title(props, v)}".rstrip(". "))
                    if indent:
                        out += [f"{indent}- {title}", ""]
                        out += self.fields(props, v, indent + "    ")
                    else:
                        out += [f"##### {title}", ""]
                        out += self.fields(props, v, "")
                return out
            row_node = node.get("items", {})
            return [f"{indent}- {inline(self.inline(row_node, v))}" for v in value] + [""]
        if isinstance(value, Mapping):
            props, _ = self.form.children(node)
            is_address = "truoc_day" in value or set(value) <= {"chi_tiet", "xa", "tinh", "huyen",
                                                                 "truoc_day", "quoc_gia"}
            if is_address:
                return [indent + inline(self.inline(node, value)), ""]
            return self.fields(props, value, indent)
        text = self.scalar(node, value)
        return [indent + (escape.mkdocs_block(text) if "\n" in text else inline(text)), ""]

    def row_title(self, props: Mapping[str, Any], row: Mapping[str, Any]) -> str:
        parts = []
        for key in ("quan_he", "ho_ten", "nam_sinh"):
            if key in row:
                parts.append(self.scalar(self.form.resolve(props.get(key, {})), row[key]))
        return ", ".join(parts) or ""

    def fields(self, props: Mapping[str, Any], value: Mapping[str, Any], indent: str) -> list[str]:
        inline = escape.mkdocs_inline
        out = []
        for key, sub in value.items():
            sub_node = self.form.resolve(props.get(key, {}))
            label = str(sub_node.get("title") or key)
            if (isinstance(sub, list) and sub) or (isinstance(sub, Mapping) and not (
                    "xa" in sub or "tinh" in sub)):
                out += [f"{indent}- **{inline(label)}:**", ""]
                out += self.block(sub_node, sub, indent + "    ")
            else:
                text = (self.inline(sub_node, sub) if isinstance(sub, Mapping)
                        else self.scalar(sub_node, sub))
                out.append(f"{indent}- **{inline(label)}:** {inline(text)}")
        return [*out, ""]

    def document(self, data: Mapping[str, Any]) -> list[str]:
        props = self.form.root.get("properties", {})
        out: list[str] = []
        for key in self.form.top_keys():
            if key not in data:
                continue
            node = self.form.resolve(props[key])
            muc = muc_of(Form.node_number(node))
            if not muc:
                continue
            title = str(node.get("title") or key)
            out += [f"#### ({muc}) {escape.mkdocs_inline(title)} {{ #xem-truoc-{slug(key)} }}",
                    ""]
            out += self.block(node, data[key])
        return out


SAMPLE_INTRO = """\
!!! info "Nhân vật hư cấu"

    Hồ sơ dưới đây là ví dụ, về một nhân vật hư cấu; mọi tên người, ngày tháng và số giấy tờ đều
    do bịa ra. Trang hướng dẫn này không bao giờ dùng hồ sơ thật trong thư mục `dossiers/`.

Hồ sơ minh họa cho thấy một tệp đã khai đủ các mục: mở tệp YAML để xem cách ghi, xem bản xem trước
bên dưới để thấy hoso đọc tệp đó ra sao, và tải bản DOCX, PDF mà `hoso render` in ra từ chính tệp
này.
"""


def sample_page(form: Form, sample_text: str, data: Mapping[str, Any],
                downloads: Mapping[str, str]) -> Page:
    lines = [SAMPLE_INTRO, "## Tải về", ""]
    names = {"yaml": "Tệp hồ sơ YAML", "docx": "Bản Word (DOCX)", "pdf": "Bản PDF"}
    buttons = [f"[{names.get(kind, kind)}]({name}){{ .md-button }}"
               for kind, name in downloads.items()]
    lines += [" ".join(buttons), ""]
    if "docx" not in downloads:
        lines += ["Bản DOCX và PDF không được in trong lần dựng trang này (đã dùng "
                  "`--khong-in`).", ""]
    else:
        lines += ["Bản DOCX và PDF được in lại mỗi lần dựng trang, từ đúng tệp YAML trên; mỗi "
                  "trang có dấu “BẢN NHÁP” vì hồ sơ chưa tới bước chép vào mẫu chính thức.", ""]
    lines += ["## Xem trước", "",
              "Nội dung hồ sơ theo thứ tự các mục của quyển lý lịch, nhãn lấy từ lược đồ:", ""]
    lines += Preview(form).document(data)
    lines += ["## Tệp YAML", "", escape.mkdocs_code(sample_text), ""]
    return make_page(SAMPLE_PAGE, "Mẫu minh họa", "Mẫu minh họa", lines)
