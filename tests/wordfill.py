"""Filling a form that ``hoso word`` made the way a candidate does, through python-docx: type into
its content controls, pick from its drop-down lists, add table rows and person blocks by copying
them. Also builds small Word files for the legacy and hostile-file tests, and runs LibreOffice."""

from __future__ import annotations

import copy
import os
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn

W_SDT = qn("w:sdt")


def tag_of(sdt: Any) -> str | None:
    tag = sdt.find(qn("w:sdtPr") + "/" + qn("w:tag"))
    return None if tag is None else tag.get(qn("w:val"))


def set_control(sdt: Any, text: str) -> None:
    """Type ``text`` into a content control (what Word does when the candidate types)."""
    pr = sdt.find(qn("w:sdtPr"))
    for flag in pr.findall(qn("w:showingPlcHdr")):
        pr.remove(flag)
    dd = pr.find(qn("w:dropDownList"))
    if dd is not None:
        shown = [i.get(qn("w:displayText")) for i in dd.findall(qn("w:listItem"))]
        assert text in shown, f"{text!r} is not in the drop-down list {shown}"
    content = sdt.find(qn("w:sdtContent"))
    for child in list(content):
        content.remove(child)
    run = content.makeelement(qn("w:r"), {})
    t = run.makeelement(qn("w:t"), {})
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    run.append(t)
    content.append(run)


class Filler:
    """A blank form opened with python-docx, filled item by item."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.doc = docx.Document(str(path))
        self.body = self.doc.element.body

    def controls(self, tag: str) -> list[Any]:
        return [s for s in self.body.iter(W_SDT) if tag_of(s) == tag]

    def set(self, tag: str, text: str, index: int = 0) -> None:
        found = self.controls(tag)
        assert len(found) > index, f"no control {index} tagged {tag}"
        set_control(found[index], text)

    def grid_rows(self, column_tag: str) -> tuple[Any, list[Any]]:
        """The table holding controls tagged ``column_tag`` and its rows that hold them."""
        sdt = self.controls(column_tag)[0]
        tbl = next(a for a in sdt.iterancestors(qn("w:tbl")))
        rows = [tr for tr in tbl.findall(qn("w:tr"))
                if any(tag_of(s) == column_tag for s in tr.iter(W_SDT))]
        return tbl, rows

    def fill_grid(self, rows: list[Mapping[str, str]], prefix: str) -> None:
        """Fill a table row by row, adding rows (a copy of the last one) when it runs out."""
        first = next(iter(rows[0]))
        _, trs = self.grid_rows(f"{prefix}.*.{first}")
        while len(trs) < len(rows):
            new = copy.deepcopy(trs[-1])
            trs[-1].addnext(new)
            trs.append(new)
        for tr, row in zip(trs, rows, strict=False):
            for key, text in row.items():
                sdt = next(s for s in tr.iter(W_SDT) if tag_of(s) == f"{prefix}.*.{key}")
                set_control(sdt, text)

    def person_tables(self) -> list[Any]:
        tables = []
        for sdt in self.controls("gia_dinh.*.ho_ten"):
            tables.append(next(sdt.iterancestors(qn("w:tbl"))))
        return tables

    def fill_people(self, people: list[Mapping[str, str]]) -> None:
        tables = self.person_tables()
        while len(tables) < len(people):  # copy the heading and the table of the last block
            heading = tables[-1].getprevious()
            gap = tables[-1].getnext()
            new_heading, new_table, new_gap = (copy.deepcopy(x) for x in (heading, tables[-1], gap))
            gap.addnext(new_heading)
            new_heading.addnext(new_table)
            new_table.addnext(new_gap)
            tables.append(new_table)
        for tbl, person in zip(tables, people, strict=False):
            for key, text in person.items():
                sdt = next(s for s in tbl.iter(W_SDT) if tag_of(s) == f"gia_dinh.*.{key}")
                set_control(sdt, text)

    def add_paragraph_after_tag(self, tag: str, text: str) -> None:
        sdt = self.controls(tag)[0]
        tbl = next(sdt.iterancestors(qn("w:tbl")))
        p = tbl.makeelement(qn("w:p"), {})
        r = p.makeelement(qn("w:r"), {})
        t = r.makeelement(qn("w:t"), {})
        t.text = text
        r.append(t)
        p.append(r)
        tbl.addnext(p)

    def save(self, path: Path | None = None) -> Path:
        out = path or self.path
        self.doc.save(str(out))
        return out


# ------------------------------------------------------------------------------------- LibreOffice


def soffice() -> str:
    """The LibreOffice program; a test skips without it, except in CI where it must be there
    (``tests/run.sh`` installs it)."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail("LibreOffice (soffice) is not installed; tests/run.sh installs it in CI")
    pytest.skip("LibreOffice (soffice) is not installed")
    raise AssertionError  # pragma: no cover


def resave(path: Path, out_dir: Path, profile: Path) -> Path:
    """``path`` opened and saved again as .docx by LibreOffice."""
    out_dir.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "HOME": str(profile)}
    subprocess.run([soffice(), f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "docx", "--outdir", str(out_dir), str(path)],
                   check=True, capture_output=True, timeout=300, env=env)
    out = out_dir / path.name
    assert out.is_file(), f"LibreOffice wrote nothing for {path}"
    return out
