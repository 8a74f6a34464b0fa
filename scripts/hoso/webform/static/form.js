/* The candidate's 2-KNĐ form: fields built from the description hoso writes at build time
 * (hoso/webform/spec.py), checks by Ajv against the embedded schema with the checker's own
 * messages, a draft kept in this browser only, YAML opened with js-yaml and saved in the layout
 * of `hoso new` (hoso/webform/layout.py). No network: the page's CSP forbids it as well. */
"use strict";
(function () {
  const DATA = JSON.parse(document.getElementById("hoso-du-lieu").textContent);
  const SPEC = DATA.items;
  const LAYOUT = DATA.layout;
  const PLACES = DATA.places;
  const COMMITTEE = new Set(DATA.committee);
  const HEAD = new Set(DATA.head);
  const PAPERS = DATA.papers;
  const FAMILY = DATA.family;  // the groups of (21), from the form model
  const GUESS = DATA.guess;
  const VALUE = "\ue000", KEY = "\ue001", ROW_LABEL = DATA.row_label;
  const DRAFT = "hoso-form-ban-nhap";
  const MISSING = Symbol("missing");
  const yaml = window.jsyaml;
  let uid = 0;
  let showAll = false;
  const touched = new Set();

  // ------------------------------------------------------------------ small DOM helpers
  function h(tag, attrs, ...kids) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === false || v === null || v === undefined) continue;
      if (k === "text") el.textContent = v;
      else if (k === "class") el.className = v;
      else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? "" : v);
    }
    for (const kid of kids.flat()) if (kid) el.append(kid);
    return el;
  }
  const newId = () => "o" + (++uid);
  const isBlank = (v) => typeof v === "string" && v.trim() === "";
  function isEmpty(v) {
    if (v === MISSING || v === undefined || v === "") return true;
    if (Array.isArray(v)) return v.length === 0;
    if (v && typeof v === "object") return Object.values(v).every(isEmpty);
    return false;
  }
  const title = (spec) => (spec.n ? `(${spec.n}) ` : "") + spec.t;

  function hint(spec, id) {
    let text = spec.d || "";
    if (spec.ex && spec.k === "text") text += (text ? " " : "") + "Ví dụ: " + spec.ex.map((e) => `“${e}”`).join("; ");
    return text ? h("p", {class: "huong-dan", id, text}) : null;
  }

  // ------------------------------------------------------------------ widgets
  // A widget is {el, spec, get(), walk(path, fn), focus}; containers pass paths to children.
  let fresh = false;  // building the blank form: its empty values are blanks, not answers
  function make(spec, value, present) {
    if (value === null) value = "";  // written as "" (hoso.new._scalar), so shown as empty
    if (fresh && value === "") present = false;
    const maker = {text: textField, date: dateField, enum: enumField, const: constField,
      boolean: boolField, object: objectField, array: arrayField, choice: choiceField}[spec.k];
    return maker(spec, value, present);
  }

  function leaf(spec, present, build) {
    const id = newId();
    const w = {spec, present, id, errId: id + "-loi", hintId: id + "-hd"};
    const label = h("label", {for: id, text: title(spec)});
    if (spec.req) label.append(h("span", {class: "bat-buoc", "aria-hidden": "true", text: " *"}));
    const err = h("p", {class: "loi", id: w.errId, hidden: true});
    w.err = err;
    const described = [spec.d || spec.ex ? w.hintId : null, w.errId].filter(Boolean).join(" ");
    const control = build(w, id, described);
    w.el = h("div", {class: "truong"}, label, hint(spec, w.hintId), control, err);
    w.walk = (path, fn) => fn(w, path);
    return w;
  }

  function finish(w, raw) {
    if (raw === "" && !w.spec.req && !w.present) return MISSING;
    return raw;
  }
  function watchPresence(w, input) {
    input.addEventListener("input", () => { if (input.value === "") w.present = false; });
    input.addEventListener("blur", () => { touched.add(w.id); schedule(); });
  }

  function textField(spec, value, present) {
    return leaf(spec, present, (w, id, described) => {
      const attrs = {id, name: id, "aria-describedby": described, autocomplete: "off"};
      if (spec.upper) attrs.autocapitalize = "characters";
      const input = spec.long ? h("textarea", {...attrs, rows: 2}) : h("input", {...attrs, type: "text"});
      input.value = value === undefined || value === null ? "" : String(value);
      w.focus = input;
      w.input = input;
      watchPresence(w, input);
      const parts = [input];
      const list = spec.tinh ? PLACES.now : spec.goi_y;
      if (list) {
        const listId = id + "-ds";
        input.setAttribute("list", listId);
        parts.push(h("datalist", {id: listId}, list.map((p) => h("option", {value: p}))));
      }
      if (spec.tinh) {
        const note = h("p", {class: "goi-y", "aria-live": "polite"});
        const check = () => {
          const hit = PLACES.former[input.value.trim().toLowerCase()];
          if (hit) {
            const [old, now] = hit.split("|");
            note.textContent = `${old} nay thuộc ${now} (từ 01-7-2025): ghi “${now}” ở đây, tên cũ ghi ở “Trước đây là”.`;
          } else note.textContent = "";
        };
        input.addEventListener("input", check);
        check();
        parts.push(note);
      }
      if (spec.upper) {
        input.addEventListener("change", () => { input.value = input.value.toLocaleUpperCase("vi"); });
      }
      w.get = () => finish(w, input.value.normalize("NFC"));
      return h("div", {class: "o-nhap"}, parts);
    });
  }

  const SHAPE_NAMES = {ngay: "Ngày, tháng, năm", thang: "Tháng, năm", nam: "Năm", nay: "Đến nay", khac: "Cách ghi khác"};
  const SHAPE_RX = {ngay: /^(\d{4})-(\d{2})-(\d{2})$/, thang: /^(\d{4})-(\d{2})$/, nam: /^(\d{4})$/, nay: /^nay$/};
  function dateField(spec, value, present) {
    return leaf(spec, present, (w, id, described) => {
      const text = value === undefined || value === null ? "" : String(value);
      let shape = spec.shapes[0];
      let parts = {y: "", m: "", d: ""};
      if (text) {
        shape = "khac";
        for (const s of spec.shapes) {
          const m = SHAPE_RX[s].exec(text);
          if (m) { shape = s; parts = {y: m[1] || "", m: m[2] || "", d: m[3] || ""}; break; }
        }
        if (shape === "khac") parts.raw = text;
      }
      const shapes = [...spec.shapes, "khac"];
      const select = h("select", {id: id + "-kieu", "aria-label": "Cách ghi " + spec.t.toLowerCase()},
        shapes.map((s) => h("option", {value: s, text: SHAPE_NAMES[s]})));
      select.value = shape;
      const num = (key, label, size) => {
        const inp = h("input", {type: "text", inputmode: "numeric", id: id + "-" + key, size, maxlength: size,
          "aria-describedby": described, "aria-label": label + " (" + spec.t + ")", placeholder: label.toLowerCase()});
        inp.value = parts[key] || "";
        watchPresence(w, inp);
        return inp;
      };
      const d = num("d", "Ngày", 2), m = num("m", "Tháng", 2), y = num("y", "Năm", 4);
      d.classList.add("p-d"); m.classList.add("p-m"); y.classList.add("p-y");
      const raw = h("input", {type: "text", id: id + "-raw", class: "p-raw", "aria-describedby": described,
        "aria-label": spec.t + " (ghi đúng định dạng)"});
      raw.value = parts.raw || "";
      watchPresence(w, raw);
      // the label's "for" points at the first input shown
      const box = h("div", {class: "ngay"});
      const layout = () => {
        const s = select.value;
        box.replaceChildren(...(spec.shapes.length > 1 || s === "khac" ? [select] : []),
          ...(s === "ngay" ? [d, m, y] : s === "thang" ? [m, y] : s === "nam" ? [y] : s === "khac" ? [raw] : []));
        const first = box.querySelector("input") || select;
        first.id = id;
        for (const el of [d, m, y, raw, select]) if (el !== first) el.id = el.dataset.id || (el.dataset.id = newId());
        w.focus = first;
      };
      select.addEventListener("change", () => { layout(); changed(); });
      select.addEventListener("blur", () => { touched.add(w.id); schedule(); });
      layout();
      w.get = () => {
        const s = select.value;
        const pad = (v, n) => (v.trim() === "" ? "" : v.trim().padStart(n, "0"));
        let out;
        if (s === "nay") out = "nay";
        else if (s === "khac") out = raw.value.trim();
        else {
          const bits = [pad(y.value, 4)];
          if (s !== "nam") bits.push(pad(m.value, 2));
          if (s === "ngay") bits.push(pad(d.value, 2));
          out = bits.every((b) => b === "") ? "" : bits.join("-");
        }
        return finish(w, out);
      };
      return box;
    });
  }

  function enumField(spec, value, present) {
    return leaf(spec, present, (w, id, described) => {
      const choices = spec.ch.slice();
      if (value !== undefined && value !== "" && !choices.some(([v]) => v === value))
        choices.push([value, `${value} (không có trong danh sách)`]);
      const option = ([v, label], i) => h("option", {value: String(i), "data-value": JSON.stringify(v), text: label});
      // choices under headings (the relationships of (21) by group), the field's group first
      const heads = new Map((spec.og || []).map((g) => [g.n, h("optgroup", {label: g.t})]));
      const loose = [];
      choices.forEach((c, i) => {
        const g = (spec.og || []).find((grp) => grp.codes.includes(c[0]));
        if (g) heads.get(g.n).append(option(c, i));
        else loose.push(option(c, i));
      });
      const select = h("select", {id, "aria-describedby": described},
        h("option", {value: "", text: "— Chọn —"}), loose, [...heads.values()]);
      w.lead = (n) => {  // the optgroup of group n first
        const head = heads.get(n), first = select.querySelector("optgroup");
        if (head && first && head !== first) select.insertBefore(head, first);
      };
      if (spec.lead) w.lead(spec.lead);
      const at = choices.findIndex(([v]) => v === value);
      select.value = at >= 0 ? String(at) : "";
      select.addEventListener("change", () => { if (select.value === "") w.present = false; schedule(); });
      select.addEventListener("blur", () => { touched.add(w.id); schedule(); });
      w.focus = select;
      w.get = () => finish(w, select.value === "" ? "" : choices[Number(select.value)][0]);
      return select;
    });
  }

  function boolField(spec, value, present) {
    return enumField({...spec, k: "enum", ch: [[true, "Có"], [false, "Không"]]}, value, present);
  }

  function constField(spec, value, present) {
    return leaf(spec, present, (w, id, described) => {
      w.focus = null;
      w.get = () => (!spec.req && !w.present ? MISSING : spec.v);
      return h("output", {id, "aria-describedby": described, text: String(spec.v === true ? "Có" : spec.v)});
    });
  }

  function group(spec, legendText) {
    const id = newId();
    const w = {spec, id, errId: id + "-loi", hintId: id + "-hd"};
    w.err = h("p", {class: "loi", id: w.errId, hidden: true});
    w.legend = h("legend", {text: legendText});
    w.el = h("fieldset", {id, class: "nhom k-" + spec.k, "aria-describedby": (spec.d ? w.hintId + " " : "") + w.errId,
      tabindex: "-1"}, w.legend, hint(spec, w.hintId), w.err);
    w.focus = w.el;
    return w;
  }

  function objectField(spec, value, present) {
    const w = group(spec, title(spec));
    w.present = present;
    const obj = value && typeof value === "object" && !Array.isArray(value) ? value : {};
    const known = new Set(spec.f.map((f) => f.key));
    w.extra = Object.entries(obj).filter(([k]) => !known.has(k));
    w.kids = spec.f.map((f) => make(f, obj[f.key], f.key in obj));
    for (const kid of w.kids) w.el.append(kid.el);
    w.get = () => {
      const out = {};
      for (const kid of w.kids) {
        const v = kid.get();
        if (v !== MISSING) out[kid.spec.key] = v;
      }
      for (const [k, v] of w.extra) out[k] = v;
      if (!spec.req && !w.present && isEmpty(out)) return MISSING;
      return out;
    };
    w.walk = (path, fn) => {
      fn(w, path);
      for (const kid of w.kids) kid.walk(path + "/" + kid.spec.key, fn);
    };
    return w;
  }

  const relationWidget = (row) => row.kids && row.kids.find((k) => k.spec.key === FAMILY.relation);
  function relationOf(row) {
    const rel = relationWidget(row);
    const v = rel ? rel.get() : MISSING;
    const hit = rel && rel.spec.ch.find(([code]) => code === v);
    return hit ? hit[1] : "";
  }
  const GROUP_OF = new Map(FAMILY.groups.flatMap((g) => g.codes.map((c) => [c, g.n])));
  const OTHER = 0;  // relatives whose relationship is none of the groups' (yet)

  function arrayField(spec, value, present) {
    const w = group(spec, title(spec));
    w.present = present;
    const person = spec.key === FAMILY.key;
    // what a row holds is said once, above the rows, not in every row
    if (spec.it.d && spec.it.d !== spec.d) w.el.insertBefore(h("p", {class: "huong-dan", text: spec.it.d}), w.err);
    const rowSpec = {...spec.it, req: true, d: undefined};
    // the rows in the data's order; the relatives of (21) shown under the headings of their
    // group (the booklet's three), each group with its own "add" button
    const shelves = new Map();
    const shelf = (n, heading) => {
      const list = h("ol", {class: "dong"});
      const add = n === OTHER ? null : h("button", {type: "button", class: "them",
        text: person ? `Thêm người thân vào nhóm ${n}` : "Thêm dòng"});
      const hid = newId();
      const el = !person ? null : h("section", {class: "nhom-gd", "data-nhom": n === OTHER ? "khac" : String(n),
        "aria-labelledby": hid}, h("h3", {class: "tieu-de-nhom", id: hid, text: heading}), list, add);
      shelves.set(n, {list, add, el: el || list});
      if (el) w.el.append(el);
      else w.el.append(list, add);
      if (add) add.addEventListener("click", () => {
        w.rawValue = undefined;
        const row = addRow(undefined, n);
        redraw();
        (row.widget.kids ? row.widget.kids[0].focus : row.widget.focus)?.focus();
        changed();
      });
    };
    if (person) {
      for (const g of FAMILY.groups) shelf(g.n, g.t);
      shelf(OTHER, FAMILY.other);
    } else shelf(1, "");
    w.rows = [];
    const groupNow = (row) => (person ? GROUP_OF.get(relationWidget(row.widget)?.get()) ?? row.home : 1);
    const label = (i, row) => {
      const rel = person ? relationOf(row) : "";
      return (person ? "Người thứ " : "Dòng thứ ") + (i + 1) + (rel ? ` (${rel})` : "");
    };
    const redraw = () => {
      const focused = document.activeElement;
      const placed = new Map([...shelves.keys()].map((n) => [n, []]));
      w.rows.forEach((r, i) => {
        const n = groupNow(r);
        if (person && n !== r.home) relationWidget(r.widget)?.lead?.(n);
        r.home = n;
        placed.get(n).push([r, i]);
      });
      for (const [n, rows] of placed) {
        const {list, el} = shelves.get(n);
        list.replaceChildren(...rows.map(([r]) => r.li));
        if (n === OTHER) el.hidden = rows.length === 0;
        rows.forEach(([r, i], k) => {
          r.caption.textContent = label(i, r.widget);
          r.up.disabled = k === 0;
          r.down.disabled = k === rows.length - 1;
          for (const b of [r.up, r.down, r.del]) b.setAttribute("aria-label", b.dataset.verb + " " + r.caption.textContent.toLowerCase());
        });
      }
      // a control moved with its row keeps the focus
      if (focused && focused !== document.activeElement && focused.isConnected) focused.focus();
    };
    const sameGroup = (row) => w.rows.filter((r) => groupNow(r) === groupNow(row));
    const addRow = (v, home) => {
      const at = person ? GROUP_OF.get(v && v[FAMILY.relation]) ?? home ?? OTHER : 1;
      const own = person ? {...rowSpec, f: rowSpec.f.map((f) => (f.key === FAMILY.relation ? {...f, og: FAMILY.groups, lead: at} : f))} : rowSpec;
      const widget = make(own, v, v !== undefined);
      const caption = h("span", {class: "ten-dong"});
      const btn = (verb, text, fn) => h("button", {type: "button", class: "nut-dong", "data-verb": verb, text, onclick: fn});
      const row = {widget, caption, home: at};
      const move = (d) => {  // past the next row of the same group: the two change places
        const mates = sameGroup(row);
        const other = mates[mates.indexOf(row) + d];
        if (!other) return;
        const i = w.rows.indexOf(row), j = w.rows.indexOf(other);
        [w.rows[i], w.rows[j]] = [other, row];
        redraw();
        (d < 0 ? row.up : row.down).disabled ? row.del.focus() : (d < 0 ? row.up : row.down).focus();
        changed();
      };
      row.up = btn("Chuyển lên", "↑ Lên", () => move(-1));
      row.down = btn("Chuyển xuống", "↓ Xuống", () => move(1));
      row.del = btn("Xóa", "Xóa", () => {
        const mates = sameGroup(row);
        const k = mates.indexOf(row);
        const next = mates[k + 1] || mates[k - 1];
        const add = shelves.get(groupNow(row)).add || [...shelves.values()][0].add;
        w.rows.splice(w.rows.indexOf(row), 1);
        redraw();
        (next ? next.del : add).focus();
        changed();
      });
      row.li = h("li", {class: "hang"}, h("div", {class: "dau-dong"}, caption, h("span", {class: "nut"}, row.up, row.down, row.del)), widget.el);
      if (person) widget.el.addEventListener("change", () => redraw());
      w.rows.push(row);
      return row;
    };
    for (const v of Array.isArray(value) ? value : []) addRow(v);
    w.rawValue = value !== undefined && !Array.isArray(value) ? value : undefined;
    redraw();
    w.get = () => {
      if (w.rawValue !== undefined) return w.rawValue;
      const out = w.rows.map((r) => r.widget.get()).map((v) => (v === MISSING ? "" : v));
      if (!spec.req && !w.present && out.length === 0) return MISSING;
      return out;
    };
    w.walk = (path, fn) => {
      fn(w, path);
      w.rows.forEach((r, i) => r.widget.walk(path + "/" + i, fn));
    };
    return w;
  }

  function score(spec, value) {
    if (spec.k === "const") return value === spec.v ? 100 : -1;
    if (spec.k === "object") {
      if (!value || typeof value !== "object" || Array.isArray(value)) return -1;
      const keys = new Set(spec.f.map((f) => f.key));
      return Object.keys(value).filter((k) => keys.has(k)).length;
    }
    if (spec.k === "choice") return Math.max(...spec.alts.map((a) => score(a, value)));
    if (spec.k === "array") return Array.isArray(value) ? 1 : -1;
    return typeof value === "string" && value !== "" ? 0 : -1;
  }

  function choiceField(spec, value, present) {
    const w = group(spec, title(spec));
    w.present = present;
    const name = newId();
    const body = h("div", {class: "lua-chon"});
    w.made = new Map();
    let best = -1, chosen = -1;
    if (value !== undefined && value !== "") spec.alts.forEach((a, i) => {
      const s = score(a, value);
      if (s > best) { best = s; chosen = i; }
    });
    w.rawValue = chosen < 0 && value !== undefined && value !== "" ? value : undefined;
    const radios = spec.alts.map((a, i) => {
      const rid = newId();
      const input = h("input", {type: "radio", name, id: rid, value: String(i)});
      input.checked = i === chosen;
      input.addEventListener("change", () => { w.rawValue = undefined; show(i); changed(); });
      return h("label", {class: "chon", for: rid}, input, " " + a.t);
    });
    const show = (i) => {
      w.index = i;
      if (!w.made.has(i)) {
        const kid = make({...spec.alts[i], req: true}, i === chosen ? value : undefined, i === chosen);
        if (kid.legend) kid.legend.classList.add("an");  // the radio button names it already
        w.made.set(i, kid);
      }
      const kid = w.made.get(i);
      body.replaceChildren(spec.alts[i].k === "const" ? "" : kid.el);
    };
    w.el.append(h("div", {class: "cac-lua-chon", role: "radiogroup", "aria-label": spec.t}, radios), body);
    w.focus = radios[0].querySelector("input");
    if (chosen >= 0) show(chosen);
    w.get = () => {
      if (w.rawValue !== undefined) return w.rawValue;
      if (w.index === undefined) return spec.req || w.present ? "" : MISSING;
      return w.made.get(w.index).get();
    };
    w.walk = (path, fn) => {
      fn(w, path);
      if (w.index !== undefined && spec.alts[w.index].k !== "const") w.made.get(w.index).walk(path, fn);
    };
    return w;
  }

  // ------------------------------------------------------------------ the whole form
  let widgets = [];
  const root = document.getElementById("bieu-mau");

  function build(data, blankForm = false) {
    fresh = blankForm;
    uid = 0;
    touched.clear();
    showAll = false;
    widgets = SPEC.map((spec) => make(spec, data[spec.key], spec.key in data));
    const extra = Object.keys(data).filter((k) => !SPEC.some((s) => s.key === k));
    widgets.extra = extra.map((k) => [k, data[k]]);
    const head = [], mine = [], theirs = [];
    for (const w of widgets) {
      const section = h("section", {class: "muc", id: "muc-" + w.spec.key}, w.el);
      (HEAD.has(w.spec.key) ? head : COMMITTEE.has(w.spec.key) ? theirs : mine).push(section);
    }
    // the papers the candidate gives (as in the Word form), taken out of the committee's block
    const block = widgets.find((w) => w.spec.key === PAPERS.key);
    const papers = block && block.kids ? block.kids.filter((k) => PAPERS.keys.includes(k.spec.key)) : [];
    if (papers.length) {
      mine.push(h("section", {class: "muc", id: "muc-giay-to"},
        h("fieldset", {class: "nhom"}, h("legend", {text: PAPERS.title}), papers.map((k) => k.el))));
    }
    const first = h("fieldset", {class: "nhom dinh-danh"}, h("legend", {text: "Hồ sơ (mã hồ sơ, chi bộ do chi bộ cho biết)"}), head);
    const later = h("details", {class: "phan-cap-uy"},
      h("summary", {text: "Phần do chi bộ, cấp ủy ghi (quần chúng không khai; mở khi sửa hồ sơ đã có)"}), theirs);
    root.replaceChildren(first, ...mine, later);
    fresh = false;
    markPaths();
    schedule();
  }

  function collect() {
    const out = {};
    for (const w of widgets) {
      const v = w.get();
      if (v !== MISSING) out[w.spec.key] = v;
    }
    for (const [k, v] of widgets.extra || []) out[k] = v;
    return out;
  }

  function walkAll(fn) {
    for (const w of widgets) w.walk("/" + w.spec.key, fn);
  }

  // ------------------------------------------------------------------ checks
  const ajv = new window.ajv2020({allErrors: true, strict: false});
  ajv.addSchema(DATA.schema);
  const validateRoot = ajv.getSchema(DATA.schema.$id);
  const branchCheck = new Map();
  function branchValidator(ptr) {
    if (!branchCheck.has(ptr)) branchCheck.set(ptr, ajv.getSchema(DATA.schema.$id + ptr));
    return branchCheck.get(ptr);
  }
  function at(data, path) {
    let v = data;
    for (const part of path.split("/").slice(1)) {
      if (v === null || typeof v !== "object") return undefined;
      v = v[Array.isArray(v) ? Number(part) : part.replace(/~1/g, "/").replace(/~0/g, "~")];
    }
    return v;
  }
  const pyType = (v) => v === null || v === undefined ? "null" : Array.isArray(v) ? "array"
    : typeof v === "object" ? "object" : typeof v === "boolean" ? "boolean" : typeof v === "number" ? "number" : "string";
  function show(value) {  // the checker's _show: “text”, cut at 60 characters
    let text = typeof value === "string" ? value : JSON.stringify(value) ?? "";
    text = text.replace(/\n/g, " ");
    return text.length > 60 ? `“${text.slice(0, 60)}…”` : `“${text}”`;
  }

  function errorsOf(data) {
    let errs = validateRoot(data) ? [] : validateRoot.errors.slice();
    // a choice the checker fails as a whole: the errors of the branch the candidate chose
    walkAll((w, path) => {
      if (w.spec.k !== "choice") return;
      const whole = errs.some((e) => e.instancePath === path && (e.keyword === "oneOf" || e.keyword === "anyOf"));
      if (!whole) return;
      errs = errs.filter((e) => !(e.instancePath === path || e.instancePath.startsWith(path + "/")));
      const value = at(data, path);
      if (isBlank(value) || w.index === undefined || w.rawValue !== undefined) {
        errs.push({instancePath: path, keyword: isBlank(value) ? "blank" : "oneOf"});
        return;
      }
      const check = branchValidator(w.spec.alts[w.index].ptr);
      if (!check(value)) for (const e of check.errors) errs.push({...e, instancePath: path + e.instancePath});
    });
    return errs;
  }

  function unpack(text, m) {  // hoso.webform.spec.unpack
    if (text.startsWith("\x01")) text = m.label + ": " + text.slice(1);
    if (text.endsWith("\x02")) text = text.slice(0, -1) + " " + m.advice;
    return text;
  }

  // ---- "Có phải ý bạn là …?": difflib.get_close_matches(word, possibilities, n=1, cutoff) of
  // CPython, which the checker asks (validate/schema.py _guess); a test holds the two equal
  function longestMatch(a, b, b2j, alo, ahi, blo, bhi) {  // SequenceMatcher.find_longest_match
    let besti = alo, bestj = blo, bestsize = 0;
    let j2len = new Map();
    for (let i = alo; i < ahi; i++) {
      const next = new Map();
      for (const j of b2j.get(a[i]) || []) {
        if (j < blo) continue;
        if (j >= bhi) break;
        const k = (j2len.get(j - 1) || 0) + 1;
        next.set(j, k);
        if (k > bestsize) { besti = i - k + 1; bestj = j - k + 1; bestsize = k; }
      }
      j2len = next;
    }
    while (besti > alo && bestj > blo && a[besti - 1] === b[bestj - 1]) { besti--; bestj--; bestsize++; }
    while (besti + bestsize < ahi && bestj + bestsize < bhi && a[besti + bestsize] === b[bestj + bestsize]) bestsize++;
    return [besti, bestj, bestsize];
  }
  function ratio(a, b, b2j) {  // SequenceMatcher.ratio: 2 × matched / both lengths
    let matched = 0;
    const queue = [[0, a.length, 0, b.length]];
    while (queue.length) {
      const [alo, ahi, blo, bhi] = queue.pop();
      const [i, j, k] = longestMatch(a, b, b2j, alo, ahi, blo, bhi);
      if (!k) continue;
      matched += k;
      if (alo < i && blo < j) queue.push([alo, i, blo, j]);
      if (i + k < ahi && j + k < bhi) queue.push([i + k, ahi, j + k, bhi]);
    }
    return a.length + b.length ? 2.0 * matched / (a.length + b.length) : 1.0;
  }
  function closeMatch(word, possibilities, cutoff) {
    const b = Array.from(word);  // code points, as Python's str
    const b2j = new Map();
    b.forEach((c, j) => { if (!b2j.has(c)) b2j.set(c, []); b2j.get(c).push(j); });
    if (b.length >= 200) {  // autojunk: the popular elements of a long word
      const ntest = Math.floor(b.length / 100) + 1;
      for (const [c, idxs] of [...b2j]) if (idxs.length > ntest) b2j.delete(c);
    }
    const after = (x, y) => {  // x > y, code point by code point (Python's string order)
      for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i].codePointAt(0) > y[i].codePointAt(0);
      return x.length > y.length;
    };
    let best = null;
    for (const x of possibilities) {
      const a = Array.from(x);
      const r = ratio(a, b, b2j);
      if (r >= cutoff && (!best || r > best.r || (r === best.r && after(a, best.a)))) best = {r, a, x};
    }
    return best ? best.x : null;
  }
  const pyText = (v) => (v === true ? "true" : v === false ? "false" : v === null ? "null" : String(v));  // schema._yaml

  function message(w, e, data, path) {
    const m = w.spec.m;
    const value = at(data, path);
    let text, guess = null;
    if (e.keyword === "required") text = m.required;
    else if (e.keyword === "blank" || (isBlank(value) && ["minLength", "pattern", "oneOf", "anyOf"].includes(e.keyword))) text = m.blank;
    else if (e.keyword === "type") text = m["type:" + pyType(value)];
    else if (e.keyword === "additionalProperties") {
      const key = e.params.additionalProperty;
      const hit = closeMatch(key, (m.keys || []).map(([k]) => k), GUESS.key);
      if (hit !== null && m["additionalProperties~"]) {
        text = m["additionalProperties~"];
        guess = m.keys.find(([k]) => k === hit)[1];  // the field's label, as the page shows it
      } else text = m.additionalProperties;
      text = text && text.replace(KEY, key);
    } else if (e.keyword === "enum" && typeof value === "string" && w.spec.ch && m["enum~"]) {
      const hit = closeMatch(value, w.spec.ch.map(([v]) => pyText(v)), GUESS.value);
      if (hit !== null) guess = w.spec.ch.find(([v]) => pyText(v) === hit)[1];  // the choice's label
      text = guess === null ? m.enum : m["enum~"];
    } else if (e.keyword === "oneOf" && typeof value === "string" && m["oneOf:string"]) {
      // a text where the item takes none: the branch the checker picks, and its guess
      const hit = closeMatch(value, (m["oneOf:ch"] || []).map(([v]) => v), GUESS.value);
      if (hit !== null && m["oneOf:string~"]) guess = m["oneOf:ch"].find(([v]) => v === hit)[1];
      text = guess === null ? m["oneOf:string"] : m["oneOf:string~"];
    } else text = m[e.keyword];
    text = unpack(text || m.other, m).replace("“" + VALUE + "”", show(value));
    if (guess !== null) text = text.replace(GUESS.mark, guess);
    // row numbers (and, in (21), the person's relationship) as the checker writes them
    const parts = path.split("/").slice(1);
    parts.forEach((part, i) => {
      if (!/^\d+$/.test(part)) return;
      let shown = String(Number(part) + 1);
      if (parts[0] === FAMILY.key && i === 1) {
        const rel = at(data, `/${FAMILY.key}/${part}/${FAMILY.relation}`);
        const hit = SPEC.find((s) => s.key === FAMILY.key).it.f.find((f) => f.key === FAMILY.relation).ch.find(([c]) => c === rel);
        if (hit) shown += ` (${hit[1]})`;
      }
      text = text.replace("thứ " + ROW_LABEL, "thứ " + shown);
    });
    return text;
  }

  let timer = null;
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(refresh, 250);
  }
  function changed() {
    markPaths();
    schedule();
  }
  function markPaths() {  // each field's data path, for people and tests reading the page
    walkAll((w, path) => { w.el.dataset.path = path; });
  }

  let lastFindings = [];
  function refresh() {
    const data = collect();
    saveDraft(data);
    const byPath = new Map();
    walkAll((w, path) => { if (!byPath.has(path) || w.spec.k !== "choice") byPath.set(path, w); });
    const found = [];
    for (const e of errorsOf(data)) {
      const path = e.keyword === "required" ? e.instancePath + "/" + e.params.missingProperty : e.instancePath;
      let w = byPath.get(path), p = path;
      while (!w && p) { p = p.slice(0, p.lastIndexOf("/")); w = byPath.get(p); }
      if (!w) continue;
      const text = message(w, e, data, path);
      if (!found.some((f) => f.w === w && f.text === text)) found.push({w, text, path});
    }
    lastFindings = found;
    const shown = new Map();
    walkAll((w) => {
      if (!w.err) return;
      w.err.hidden = true;
      w.err.textContent = "";
      (w.input || w.el.querySelector("input, select, textarea") || w.el).removeAttribute("aria-invalid");
    });
    for (const f of found) {
      if (!(showAll || touched.has(f.w.id))) continue;
      const list = shown.get(f.w) || [];
      list.push(f.text);
      shown.set(f.w, list);
    }
    for (const [w, texts] of shown) {
      const label = w.spec.m.label;
      w.err.textContent = texts.map((t) => (t.startsWith(label + ": ") && !/thứ \d/.test(label) ? t.slice(label.length + 2) : t)).join(" ");
      w.err.hidden = false;
      const control = w.focus && w.focus.matches && w.focus.matches("input, select, textarea") ? w.focus : null;
      if (control) control.setAttribute("aria-invalid", "true");
    }
    const summary = document.getElementById("tom-tat-loi");
    const count = document.getElementById("so-loi");
    const theirs = found.filter((f) => f.w.el.closest(".phan-cap-uy")).length;
    const mine = found.length - theirs;
    count.textContent = found.length === 0 ? "Các mục đã khai đúng theo lược đồ."
      : `Còn ${mine} chỗ cần sửa trong phần người xin vào Đảng khai` +
        (theirs ? `, ${theirs} chỗ trong phần do chi bộ, cấp ủy ghi.` : ".");
    if (showAll) {
      summary.replaceChildren(...found.map((f) => h("li", {}, h("a", {href: "#" + f.w.id, "data-path": f.path,
        onclick: (ev) => { ev.preventDefault(); openTo(f.w); }, text: f.text}))));
      summary.hidden = found.length === 0;
    } else summary.hidden = true;
  }

  function openTo(w) {
    const details = w.el.closest("details");
    if (details) details.open = true;
    (w.focus || w.el).focus();
    w.el.scrollIntoView({block: "center"});
  }

  // ------------------------------------------------------------------ the draft in this browser
  function saveDraft(data) {
    try { localStorage.setItem(DRAFT, JSON.stringify(data)); } catch (e) { /* storage full or off */ }
  }
  function readDraft() {
    try { return JSON.parse(localStorage.getItem(DRAFT) || "null"); } catch (e) { return null; }
  }
  function blank() {
    const data = JSON.parse(JSON.stringify(DATA.initial));
    const today = new Date();
    const iso = [today.getFullYear(), today.getMonth() + 1, today.getDate()].map((n, i) => String(n).padStart(i ? 2 : 4, "0")).join("-");
    for (const step of (data.quy_trinh && data.quy_trinh.lich_su) || []) if (step.ngay === DATA.initial_date) step.ngay = iso;
    return data;
  }

  // ------------------------------------------------------------------ YAML: open and save
  const PY_SPACE = new RegExp("^" + LAYOUT.spaces + "+|" + LAYOUT.spaces + "+$", "g");
  const UNSAFE = new RegExp(LAYOUT.specials);
  const QUOTING = new RegExp(LAYOUT.quoting);
  const RESOLVERS = Object.fromEntries(Object.entries(LAYOUT.resolvers).map(([c, list]) => [c, list.map((p) => new RegExp(p))]));
  function resolved(text) {  // whether PyYAML reads this plain text as something else than text
    return (RESOLVERS[text[0]] || []).some((rx) => rx.test(text));
  }
  function scalar(value) {  // hoso.new._scalar: plain when yaml.safe_load gives the text back
    if (value === true) return "true";
    if (value === false) return "false";
    if (value === null || value === undefined) return '""';
    const text = String(value);
    if (text && text === text.replace(PY_SPACE, "") && !UNSAFE.test(text) && !QUOTING.test(text) && !resolved(text)) {
      try {
        const back = yaml.load("k: " + text, {schema: yaml.FAILSAFE_SCHEMA});
        if (back && typeof back === "object" && Object.keys(back).length === 1 && back.k === text) return text;
      } catch (e) { /* not plain */ }
    }
    return JSON.stringify(text);
  }
  function pickShape(index, value) {
    const shape = LAYOUT.shapes[index] || {};
    if (shape.p || !shape.b) return shape;
    let best = null, bestCount = -1;
    for (const b of shape.b) {
      const s = LAYOUT.shapes[b];
      const count = s.p.filter(([k]) => k in value).length;
      if (count > bestCount) { best = s; bestCount = count; }
    }
    return best;
  }
  function entry(key, index, indent, value) {  // hoso.new._Writer.filled_entry
    if (value && typeof value === "object" && !Array.isArray(value)) {
      if (Object.keys(value).length === 0) return [`${indent}${key}: {}`];
      return [`${indent}${key}:`, ...body(pickShape(index, value), indent + "  ", value)];
    }
    if (Array.isArray(value)) {
      if (value.length === 0) return [`${indent}${key}: []`];
      const items = (LAYOUT.shapes[index] || {}).i;
      return [`${indent}${key}:`, ...value.flatMap((row) => rowLines(items, indent + "  ", row))];
    }
    return [`${indent}${key}: ${scalar(value)}`];
  }
  function rowLines(index, indent, value) {
    if (!value || typeof value !== "object" || Array.isArray(value) || Object.keys(value).length === 0)
      return [`${indent}- ${value && typeof value === "object" && !Array.isArray(value) ? "{}" : scalar(value)}`];
    const lines = body(pickShape(index, value), indent + "  ", value);
    return [`${indent}- ${lines[0].slice(indent.length + 2)}`, ...lines.slice(1)];
  }
  function body(shape, indent, value) {
    const lines = [];
    const props = shape.p || [];
    const known = new Set(props.map(([k]) => k));
    for (const [k, index] of props) if (k in value) lines.push(...entry(k, index, indent, value[k]));
    for (const [k, v] of Object.entries(value)) if (!known.has(k)) lines.push(...entry(k, -1, indent, v));
    return lines;
  }
  function toYaml(data) {  // hoso.new.filled(schema, data, origin=layout.ORIGIN)
    const code = String(data.ma_ho_so ?? ""), chiBo = String(data.chi_bo ?? "");
    const out = LAYOUT.header.map((l) => l.replaceAll(VALUE, code).replaceAll(KEY, chiBo));
    const order = LAYOUT.items.map((i) => i.key);
    for (const item of LAYOUT.items) {
      if (!(item.key in data)) { out.push("", ...item.missing); continue; }
      out.push("", ...item.doc, ...entry(item.key, item.shape, "", data[item.key]));
    }
    for (const k of Object.keys(data)) if (!order.includes(k)) out.push("", "# " + k, ...entry(k, -1, "", data[k]));
    return (out.join("\n") + "\n").normalize("NFC");
  }
  function plain(value) {  // what a YAML 1.1 loader gives, as the page keeps it: dates as text
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if (Array.isArray(value)) return value.map(plain);
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
    return value;
  }
  function fromYaml(text) {
    const data = yaml.load(text, {schema: yaml.YAML11_SCHEMA});
    if (!data || typeof data !== "object" || Array.isArray(data)) throw new Error("Tệp không phải một hồ sơ (cần các mục dạng khóa: giá trị).");
    return plain(data);
  }

  // ------------------------------------------------------------------ the buttons
  const status = document.getElementById("trang-thai");
  function say(text) { status.textContent = text; }

  function save() {
    const data = collect();
    const text = toYaml(data);
    const name = (String(data.ma_ho_so || "").trim() || "ho-so") + ".yaml";
    const url = URL.createObjectURL(new Blob([text], {type: "application/yaml"}));
    const a = h("a", {href: url, download: name});
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    showAll = true;
    refresh();
    say(`Đã lưu tệp ${name}` + (lastFindings.length ? ` (còn ${lastFindings.length} chỗ cần sửa).` : "."));
    return text;
  }

  document.getElementById("mo-tep").addEventListener("change", async (ev) => {
    const file = ev.target.files[0];
    if (!file) return;
    try {
      build(fromYaml(await file.text()));
      say(`Đã mở tệp ${file.name}.`);
    } catch (e) {
      const where = e.mark ? ` (dòng ${e.mark.line + 1}, cột ${e.mark.column + 1})` : "";
      say(`Không đọc được tệp ${file.name}${where}: tệp không đúng cú pháp YAML hoặc không phải hồ sơ. Dữ liệu đang khai không bị thay đổi.`);
    }
    ev.target.value = "";
  });
  document.getElementById("luu").addEventListener("click", save);
  document.getElementById("luu-cuoi").addEventListener("click", save);
  document.getElementById("kiem-tra-cuoi").addEventListener("click", () => document.getElementById("kiem-tra").click());
  document.getElementById("kiem-tra").addEventListener("click", () => {
    showAll = true;
    refresh();
    const first = document.querySelector("#tom-tat-loi a");
    (first || document.getElementById("so-loi")).focus();
  });
  document.getElementById("in").addEventListener("click", () => window.print());
  const dialog = document.getElementById("hoi-xoa");
  document.getElementById("xoa").addEventListener("click", () => dialog.showModal());
  document.getElementById("xoa-that").addEventListener("click", () => {
    localStorage.removeItem(DRAFT);
    dialog.close();
    build(blank(), true);
    localStorage.removeItem(DRAFT);
    say("Đã xóa dữ liệu trên máy này; biểu mẫu trở lại trống.");
  });
  document.getElementById("xoa-thoi").addEventListener("click", () => dialog.close());
  root.addEventListener("input", schedule);
  root.addEventListener("change", schedule);

  const draft = readDraft();
  if (draft) build(draft);
  else build(blank(), true);
  if (draft) say("Đã mở lại bản nháp lưu trong trình duyệt này.");
  document.documentElement.classList.add("san-sang");

  // for the tests and for people who script their browser
  window.hosoForm = {collect, toYaml, fromYaml, build, save, scalar, closeMatch, findings: () => { refresh(); return lastFindings.map((f) => ({path: f.path, text: f.text})); },
    showAll: () => { showAll = true; refresh(); }};
})();
