"""The item guide: one page per item of the form, generated from the schema.

The schema is read through :class:`hoso.form.Form` (``title``, ``x-muc``, ``x-nhan``, ``x-nhom``,
``description``, ``examples``, ``errorMessage``); each field is documented with its sub-fields,
the values it may take and the rules that check it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from hoso import escape
from hoso.form import Form
from hoso.site.page import (
    GENERAL_PAGE,
    ITEMS_DIR,
    ITEMS_INDEX,
    RULES_PAGE,
    Page,
    code_or_text,
    make_page,
    muc_key,
    muc_of,
    rel,
    slug,
    yaml_text,
)
from hoso.site.rules import RuleDoc, severity_label


@dataclass
class ItemGroup:
    muc: str  # "" for keys without an item number
    keys: list[str]
    title: str
    path: str


def item_groups(form: Form) -> list[ItemGroup]:
    """The top-level keys grouped by item number, in item order; keys without a number last."""
    props = form.root.get("properties", {})
    by_muc: dict[str, list[str]] = {}
    for key in form.top_keys():
        by_muc.setdefault(muc_of(Form.node_number(form.resolve(props[key]))), []).append(key)
    groups = []
    for muc in sorted((m for m in by_muc if m), key=muc_key):
        keys = by_muc[muc]
        first = form.resolve(props[keys[0]])
        title = str(first.get("title") or keys[0])
        number = f"{int(muc):02d}" if muc.isdigit() else slug(muc)
        groups.append(ItemGroup(muc, keys, title, f"{ITEMS_DIR}/muc-{number}-{slug(keys[0])}.md"))
    if by_muc.get(""):
        groups.append(ItemGroup("", by_muc[""], "Thông tin chung của hồ sơ", GENERAL_PAGE))
    return groups


def nav_title(group: ItemGroup) -> str:
    """The page's title in the navigation. MkDocs and the theme insert it into the HTML as it is
    (and unescape it for ``<title>``), so it is given as text that holds no markup at all: angle
    brackets become ‹ ›, which no printed label of the form contains."""
    title = f"({group.muc}) {group.title}" if group.muc else group.title
    title = " ".join(escape.show_invisible(title).split())
    return title.replace("&", "&amp;").replace("<", "‹").replace(">", "›")


def kind_of(form: Form, node: Mapping[str, Any]) -> str:
    """How a field is written, in words."""
    kind = node.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), kind[0] if kind else None)
    if kind == "array" or ("items" in node and kind is None):
        row = form.resolve(node.get("items", {}))
        if row.get("type") == "object" or row.get("properties"):
            return ("bảng: một danh sách, mỗi dòng bắt đầu bằng dấu gạch ngang (-) và có các cột "
                    "dưới đây")
        return "danh sách: mỗi dòng bắt đầu bằng dấu gạch ngang (-)"
    if kind == "object" or node.get("properties"):
        return "nhóm mục con (ghi các mục con dưới đây, lùi vào hai dấu cách)"
    if "enum" in node:
        return "chọn một giá trị trong danh sách dưới đây"
    if "const" in node:
        return f"đúng chữ “{node['const']}”"
    if kind == "boolean":
        return "true (đúng) hoặc false (sai)"
    if kind in ("integer", "number"):
        return "số"
    if kind == "string":
        return "chữ"
    if form.alternatives(node):
        return "một trong các dạng dưới đây"
    return "giá trị"


def error_messages(node: Mapping[str, Any]) -> list[str]:
    """The messages of a node's ``errorMessage``, each once."""
    msg = node.get("errorMessage")
    if isinstance(msg, str):
        return [msg]
    if isinstance(msg, Mapping):
        out: list[str] = []
        for value in msg.values():
            if isinstance(value, str):
                out.append(value)
            elif isinstance(value, Mapping):
                out.extend(str(v) for v in value.values())
        return list(dict.fromkeys(out))
    return []


class ItemIndex:
    """Where a rule's item points: ``"6"`` is item (6); a name such as ``"xét kết nạp"`` is the
    top-level key of that name (``xet_ket_nap``), documented with the dossier's general fields."""

    def __init__(self, form: Form, groups: Sequence[ItemGroup]) -> None:
        self.props = form.root.get("properties", {})
        self.form = form
        self.by_muc = {g.muc: g for g in groups if g.muc}
        self.page_of = {k: g.path for g in groups for k in g.keys}
        self._keys: dict[str, list[str]] = {}

    def keys(self, item: str) -> list[str]:
        if item not in self._keys:
            self._keys[item] = self._find_keys(item)
        return list(self._keys[item])

    def _find_keys(self, item: str) -> list[str]:
        if item in self.by_muc:
            return list(self.by_muc[item].keys)
        wanted = slug(item)
        for key in self.props:
            title = str(self.form.resolve(self.props[key]).get("title") or "")
            if slug(key) == wanted or slug(title) == wanted or slug(title).endswith("-" + wanted):
                return [key]
        return []

    def label(self, item: str) -> str:
        if item in self.by_muc:
            return f"({item})"
        keys = self.keys(item)
        if keys:
            return str(self.form.resolve(self.props[keys[0]]).get("title") or item)
        return item

    def title(self, item: str) -> str:
        if item in self.by_muc:
            return f"Mục ({item}) {self.by_muc[item].title}"
        return self.label(item)

    def link(self, item: str, from_page: str) -> str | None:
        keys = self.keys(item)
        if not keys or keys[0] not in self.page_of:
            return None
        target = rel(from_page, self.page_of[keys[0]])
        return target if item in self.by_muc else f"{target}#{slug(keys[0])}"

    def rules_by_key(self, rules: Sequence[RuleDoc]) -> dict[str, list[RuleDoc]]:
        """The rules to list under each top-level key: an item's rules go under its first key."""
        out: dict[str, list[RuleDoc]] = {}
        for rule in rules:
            for item in dict.fromkeys(rule.items):
                keys = self.keys(item)
                if keys and rule not in out.setdefault(keys[0], []):
                    out[keys[0]].append(rule)
        return out


class FieldWriter:
    """Writes the documentation of one field and its sub-fields, recursively."""

    def __init__(self, form: Form, rules_by_key: Mapping[str, list[RuleDoc]],
                 page: str) -> None:
        self.form = form
        self.rules_by_key = rules_by_key
        self.page = page
        self.anchors: set[str] = set()

    def _anchor(self, path: Sequence[str]) -> str:
        base = slug("-".join(p for p in path if p != "[]"))
        anchor, n = base, 2
        while anchor in self.anchors:
            anchor, n = f"{base}-{n}", n + 1
        self.anchors.add(anchor)
        return anchor

    def field(self, path: list[str], raw: Any, required: str, level: int) -> list[str]:
        """Markdown for one field; ``required`` is "bắt buộc", "không bắt buộc" or a condition."""
        inline = escape.mkdocs_inline
        node = self.form.resolve(raw)
        title = str(node.get("title") or path[-1])
        key_path = ".".join(path).replace(".[]", "[]")
        out: list[str] = []
        if level == 2 and re.fullmatch(r"[A-Za-z0-9_]+", path[-1]):
            # The key in the heading lets a search typed without diacritics ("que quan") find it.
            anchor = self._anchor(path)
            out += [f"{'#' * level} {inline(title)} · `{path[-1]}` {{ #{anchor} }}", ""]
        elif level <= 6:
            out += [f"{'#' * level} {inline(title)} {{ #{self._anchor(path)} }}", ""]
        else:
            out += [f"**{inline(title)}**", ""]
        facts = [f"Khóa trong tệp YAML: {code_or_text(key_path)}"]
        muc = muc_of(Form.node_number(node))
        if muc and level > 2:
            facts.append(f"mục ({muc}) trên mẫu")
        facts.append(required)
        facts.append(f"kiểu: {inline(kind_of(self.form, node))}")
        out += [" · ".join(facts), ""]
        description = node.get("description")
        if description:
            out += [escape.mkdocs_block(description), ""]
        out += self._allowed(node)
        out += self._examples(path[-1], node)
        messages = error_messages(node)
        if messages:
            out += ['!!! warning "Khi ghi sai, hoso báo"', ""]
            for msg in messages:
                out += ["    " + inline(msg), ""]
        if level == 2:
            out += self._rules_for(path[0])
        if level > 12:  # a schema that refers to itself: stop documenting deeper
            return out
        props, req = self.form.children(node)
        always = self.form.required_everywhere(node)
        row = "[]" if (node.get("type") == "array" or "items" in node) else None
        for key, sub in props.items():
            sub_path = [*path, row, key] if row else [*path, key]
            need = "bắt buộc" if key in always else (
                "bắt buộc với dạng có khóa này" if key in req else "không bắt buộc")
            out += self.field([p for p in sub_path if p], sub, need, level + 1)
        return out

    def _allowed(self, node: Mapping[str, Any]) -> list[str]:
        inline, cell = escape.mkdocs_inline, escape.mkdocs_cell
        out: list[str] = []
        pairs = Form.node_enum_choices(node)
        if not pairs and node.get("type") == "array":
            pairs = Form.node_enum_choices(self.form.resolve(node.get("items", {})))
        if pairs:
            groups = Form.node_groups(node)
            if groups:
                out += ["Giá trị được chọn. Cột “Nhóm”: mẫu chia người thân thành ba nhóm, mỗi "
                        "nhóm khai các nội dung khác nhau — 1: ông bà; 2: cha mẹ, cha mẹ vợ "
                        "(chồng), vợ (chồng); 3: anh chị em ruột, các con.", "",
                        "| Ghi trong tệp | Nghĩa | Nhóm |", "|---|---|---|"]
                out += [f"| {code_or_text(v)} | {cell(label)} | {cell(groups.get(v, ''))} |"
                        for v, label in pairs]
            else:
                out += ["Giá trị được chọn:", "", "| Ghi trong tệp | Nghĩa |", "|---|---|"]
                out += [f"| {code_or_text(v)} | {cell(label)} |" for v, label in pairs]
            out.append("")
        alts = self.form.alternatives(node)
        if alts:
            out += ["Có thể ghi một trong các dạng:", ""]
            for alt in alts:
                if "const" in alt:
                    item = inline(f"đúng chữ “{alt['const']}”")
                elif "enum" in alt:
                    item = inline("một trong: " + ", ".join(f"“{v}”" for v in alt["enum"]))
                else:
                    item = inline(alt.get("title") or kind_of(self.form, alt).split(" (")[0])
                    if alt.get("description"):
                        item += ": " + inline(alt["description"])
                    props, req = self.form.children(alt)
                    if props and not alt.get("title"):
                        item += " gồm " + ", ".join(code_or_text(k) for k in props)
                        if req:
                            item += " (bắt buộc: " + ", ".join(code_or_text(k) for k in req) + ")"
                out.append(f"- {item}")
            out.append("")
        return out

    def _examples(self, key: str, node: Mapping[str, Any]) -> list[str]:
        examples = node.get("examples")
        if not isinstance(examples, list) or not examples:
            return []
        out = ["Ví dụ:" if len(examples) == 1 else "Ví dụ (mỗi khung một cách ghi):", ""]
        for example in examples[:3]:
            out += [escape.mkdocs_code(yaml_text({key: example})), ""]
        return out

    def _rules_for(self, key: str) -> list[str]:
        rules = self.rules_by_key.get(key, [])
        if not rules:
            return []
        out = ["Quy tắc kiểm tra mục này (xem [Các lỗi thường gặp]"
               f"({rel(self.page, RULES_PAGE)})):", ""]
        for rule in rules:
            link = f"{rel(self.page, RULES_PAGE)}#{slug(rule.code)}"
            severity = escape.mkdocs_inline(severity_label(rule.severity))
            out.append(f"- [{code_or_text(rule.code)}]({link}) ({severity}): "
                       f"{escape.mkdocs_inline(rule.title)}")
        return [*out, ""]


def item_page(form: Form, group: ItemGroup,
              rules_by_key: Mapping[str, list[RuleDoc]]) -> Page:
    props = form.root.get("properties", {})
    required = set(form.root.get("required", []) or [])
    writer = FieldWriter(form, rules_by_key, group.path)
    heading = f"Mục ({group.muc}) {group.title}" if group.muc else group.title
    lines: list[str] = []
    if group.muc:
        lines += [f"Trên quyển lý lịch, đây là mục ({group.muc}). Các khóa dưới đây ghi nội dung "
                  "của mục này trong tệp hồ sơ YAML.", ""]
    else:
        lines += ["Các khóa dưới đây không phải một mục đánh số trên quyển lý lịch: chúng ghi mẫu "
                  "và phiên bản, mã hồ sơ, chi bộ, thông tin xét kết nạp và quá trình xem xét hồ "
                  "sơ, để hoso kiểm tra quy định và theo dõi các bước.", ""]
    for key in group.keys:
        need = "bắt buộc" if key in required else "không bắt buộc"
        lines += writer.field([key], props[key], need, 2)
    return make_page(group.path, nav_title(group), heading, lines, 2 if group.muc else None)


ITEMS_INTRO = """\
Mỗi hồ sơ là một tệp YAML trong thư mục `dossiers/<chi-bộ>/`. Mỗi mục của quyển lý lịch Mẫu
2-KNĐ là một khóa trong tệp (chữ không dấu, nối bằng dấu gạch dưới, ví dụ `que_quan`); nhãn in
trên mẫu và số mục có ở từng trang dưới đây. Tạo tệp trống đủ các mục bằng lệnh
`hoso new MÃ --chi-bo CHI_BỘ`, khai từng mục, rồi chạy `hoso check` để xem còn gì phải sửa.

!!! note "Yêu cầu chung khi khai lý lịch"

    Người xin vào Đảng tự khai, khai trung thực, đầy đủ, rõ ràng; điều gì chưa hiểu hoặc không
    nhớ chính xác thì báo cáo với chi bộ. Bản chính thức được chép tay một lần vào quyển lý lịch,
    không tẩy xóa, không sửa chữa, không viết cách dòng.

Cách ghi chung trong tệp:

- **Ngày tháng** ghi trong dấu ngoặc kép, giữ đúng độ chính xác: `"2026-03-26"` (ngày),
  `"2016-09"` (tháng), `"1962"` (năm); `nay` cho đến nay. Khi in, hoso ghi theo cách của mẫu:
  “ngày 26-3-2026”, “tháng 9-2016”.
- **Mục không có nội dung** ghi `Không`, không để trống.
- **Địa chỉ** ghi theo đơn vị hành chính hiện nay: xã, phường hoặc đặc khu và tỉnh, thành phố
  (không còn cấp huyện từ ngày 01-7-2025); nơi đã sáp nhập, đổi tên thì ghi thêm tên cũ ở khóa
  `truoc_day`, khi in thành “… (trước đây là …)”.
- **Bảng** (các mục (14), (15), (17)–(21)) là danh sách: mỗi dòng bắt đầu bằng dấu gạch ngang.

Trình soạn thảo có hỗ trợ lược đồ JSON (ví dụ VS Code với phần mở rộng YAML) hiện nhãn, cách ghi
và lỗi của từng mục ngay khi gõ, nhờ dòng đầu tệp `# yaml-language-server: $schema=…`.
"""


def items_index_page(groups: Sequence[ItemGroup]) -> Page:
    lines = [ITEMS_INTRO,
             "## Danh sách các mục", "",
             "| Mục | Nhãn trên mẫu | Khóa trong tệp YAML |", "|---|---|---|"]
    for g in groups:
        muc = f"({g.muc})" if g.muc else "—"
        link = f"[{escape.mkdocs_inline(g.title)}]({rel(ITEMS_INDEX, g.path)})"
        keys = ", ".join(code_or_text(k) for k in g.keys)
        lines.append(f"| {muc} | {link} | {keys} |")
    return make_page(ITEMS_INDEX, "Hướng dẫn khai từng mục", "Hướng dẫn khai từng mục", lines)
