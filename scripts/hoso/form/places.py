"""Places after the 2025 reform: the 34 provincial units since 12-6-2025 and the former provinces
each absorbed (reference 2.2, 7).

The units are data (``hoso/data/don-vi-hanh-chinh.yaml``), read once per process. Rules, the
renderer and forms ask this module; none keeps its own list.

The 3,321 commune-level units (xã, phường, đặc khu) of the 34 provinces from 01-7-2025 come from
the ``vietnam-provinces`` package (its data follows the list of the General Statistics Office,
Tổng cục Thống kê), read only when a rule asks. The commune-level units before that date (63
provinces with their districts) and the current unit(s) each became part of are data generated
from the ``vietnamadminunits`` package (``hoso/data/xa-phuong-truoc-2025.json``, MIT licence, see
``scripts/tools/refresh_former_communes.py``), read only when a rule asks too.
"""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml

from hoso.form.text import fold, lower_first

__all__ = ["Communes", "FormerCommune", "FormerCommunes", "Units", "commune_key", "communes",
           "district_key", "former_communes", "in_running_text", "lower_first", "unit_key", "units"]

DATA_FILE = "don-vi-hanh-chinh.yaml"
#: The package's data folder (a folder of the installed package: importlib.resources would cost
#: its import, a few milliseconds of every one-file check, for the same path).
DATA_DIR = Path(__file__).resolve().parents[1] / "data"
_PREFIX = re.compile(r"^(?:tinh|thanh pho|tp\.?|t\.)\s*")


@lru_cache(maxsize=4096)
def unit_key(name: str) -> str:
    """A comparison key: no case, diacritics, prefix ("Tỉnh", "Thành phố"), spaces, dashes."""
    key = _PREFIX.sub("", fold(name))
    return re.sub(r"[\s\-–—.]+", "", key)


# The common nouns of administrative units, longest first ("thành phố" before a bare word).
UNIT_NOUNS = ("thành phố", "thị trấn", "thị xã", "đặc khu", "tỉnh", "huyện", "quận", "xã",
              "phường")
# A unit noun that opens an address part: at the start, after a comma or "(trước đây là".
_UNIT_AT_PART = re.compile(
    r"(^|,\s*|\(\s*|\btrước đây là\s+)(" + "|".join(UNIT_NOUNS) + r")(\s+)(\S)",
    re.IGNORECASE)


def in_running_text(address: str) -> str:
    """An address as running text writes each unit's common noun in lower case (Nghị định
    30/2020/NĐ-CP, Phụ lục II): "Xã Tân Dĩnh, Tỉnh Bắc Ninh" → "xã Tân Dĩnh, tỉnh Bắc Ninh".

    Only a noun followed by a name (a capital or a digit: "Phường 5") changes, so "Xã hội…" stays.
    """

    def lower(m: re.Match[str]) -> str:
        head, noun, space, first = m.groups()
        if not (first.isupper() or first.isdigit()):
            return m.group(0)
        return f"{head}{noun.lower()}{space}{first}"

    return _UNIT_AT_PART.sub(lower, address)


@dataclass(frozen=True)
class Units:
    current: dict[str, str]  # key → "Tỉnh Bắc Ninh"
    former: dict[str, tuple[str, str]]  # key → ("Tỉnh Bắc Giang", "Tỉnh Bắc Ninh")
    former_text: re.Pattern[str]  # "tỉnh <former>" inside free text


@cache
def units() -> Units:
    raw = yaml.load((DATA_DIR / DATA_FILE).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    current: dict[str, str] = {}
    former: dict[str, tuple[str, str]] = {}
    for group in ("thanh_pho_truc_thuoc_trung_uong", "tinh"):
        for unit in raw[group]:
            current[unit_key(unit["ten"])] = unit["ten"]
            for old in unit.get("truoc_day") or ():
                former[unit_key(old)] = (old, unit["ten"])
    for name, others in (raw.get("ten_khac") or {}).items():
        key = unit_key(name)
        for other in others:
            if key in current:
                current[unit_key(other)] = current[key]
            elif key in former:
                former[unit_key(other)] = former[key]
    if len({v for v in current.values()}) != 34:
        raise ValueError(f"{DATA_FILE}: expected 34 provincial units")
    bare = sorted({_strip_prefix(old) for old, _ in former.values()}, key=len, reverse=True)
    variants = {v for name in bare for v in (name, _old_tone(name), name.upper())}
    alternatives = "|".join(map(re.escape, sorted(variants, key=len, reverse=True)))
    # explicit letter cases instead of IGNORECASE: three times faster on long texts
    pattern = re.compile(r"(?:tỉnh|Tỉnh|TỈNH)\s+(" + alternatives + r")\b")
    return Units(current, former, pattern)


def _strip_prefix(name: str) -> str:
    for prefix in ("Tỉnh ", "Thành phố "):
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


_OLD_TONES = {"òa": "oà", "óa": "oá", "ỏa": "oả", "õa": "oã", "ọa": "oạ", "òe": "oè", "óe": "oé",
              "ỏe": "oẻ", "õe": "oẽ", "ọe": "oẹ", "ùy": "uỳ", "úy": "uý", "ủy": "uỷ", "ũy": "uỹ",
              "ụy": "uỵ"}


_OLD_TONE_AT_END = re.compile("(" + "|".join(_OLD_TONES) + r")(?=\s|$)")


def _old_tone(name: str) -> str:
    """"Hòa Bình" → "Hoà Bình": the older tone placement that is still common."""
    return _OLD_TONE_AT_END.sub(lambda m: _OLD_TONES[m.group(1)], name)


# --------------------------------------------------------------------------------------------
# commune-level units


_COMMUNE_TYPE = re.compile(r"^(xa|phuong|dac khu|thi tran)\s+")
_DISTRICT_TYPE = re.compile(r"^(huyen|quan|thi xa|thanh pho|tp\.?)\s*")
_NOT_IN_KEY = re.compile(r"[\s\-–—.'’‘]+")


@lru_cache(maxsize=4096)
def commune_key(name: str) -> str:
    """A comparison key without the kind ("Xã", "Phường", "Đặc khu", "Thị trấn"):
    ``"phuong tam thanh"`` → ``"tamthanh"``; ``"Xã Cư M’gar"`` and ``"Xã Cư M'gar"`` are alike."""
    return _NOT_IN_KEY.sub("", _COMMUNE_TYPE.sub("", fold(name)))


@lru_cache(maxsize=1024)
def district_key(name: str) -> str:
    """A former district's key without the kind: ``"Huyện Lạng Giang"`` → ``"langgiang"``."""
    return _NOT_IN_KEY.sub("", _DISTRICT_TYPE.sub("", fold(name)))


class Communes:
    """The commune-level units of each province; keys are worked out only for the provinces a
    dossier names (a few milliseconds instead of forty for all 3,321)."""

    def __init__(self, names: dict[str, tuple[str, list[str]]], source: str | None = None) -> None:
        #: province key (:func:`unit_key`) → (official province name, its units' names).
        self.names = names
        self._source = source

    @property
    def source(self) -> str:
        """Where the list comes from ("vietnam-provinces 2025.…"), read when asked: importing
        importlib.metadata is a few milliseconds of every one-file check otherwise."""
        if self._source is None:
            from importlib.metadata import version

            self._source = f"vietnam-provinces {version('vietnam-provinces')}"
        return self._source

    @lru_cache(maxsize=64)  # noqa: B019 - one table per process (communes() is cached)
    def in_province(self, province_key: str) -> dict[str, list[str]]:
        """commune key → official names ("Phường Tam Thanh") in one province."""
        out: dict[str, list[str]] = {}
        for name in self.names.get(province_key, ("", []))[1]:
            out.setdefault(commune_key(name), []).append(name)
        return out

    def provinces_of(self, key: str) -> list[str]:
        """The provinces (official names) that have a unit with this commune key."""
        return [official for pkey, (official, _) in self.names.items()
                if key in self.in_province(pkey)]


def _commune_data() -> Path:
    """The package's ``data/nested-divisions.json`` (its ``NESTED_DIVISIONS_JSON_PATH``), found
    without importing the package: importing it builds an enum of every unit (80 ms)."""
    spec = importlib.util.find_spec("vietnam_provinces")
    folders = list(spec.submodule_search_locations or ()) if spec is not None else []
    if not folders:
        raise ModuleNotFoundError("No module named 'vietnam_provinces'", name="vietnam_provinces")
    return Path(folders[0]) / "data" / "nested-divisions.json"


@cache
def communes() -> Communes:
    import json

    provinces = json.loads(_commune_data().read_text(encoding="utf-8"))
    table = units()
    names: dict[str, tuple[str, list[str]]] = {}
    for province in provinces:
        key = unit_key(province["name"])
        # every province of the package is one of the 34 (KeyError otherwise: a test guards it)
        names[key] = (table.current[key], [ward["name"] for ward in province["wards"]])
    return Communes(names)


# --------------------------------------------------------------------------------------------
# commune-level units before 01-7-2025

FORMER_COMMUNES_FILE = "xa-phuong-truoc-2025.json"


@dataclass(frozen=True)
class FormerCommune:
    """A commune-level unit before 01-7-2025 and what it became part of."""

    name: str  # "Xã Hoàng Đồng"
    district: str  # "Thành phố Lạng Sơn"
    province: str  # "Tỉnh Lạng Sơn": the former province, as it was named then
    now: tuple[str, ...]  # the current unit(s), official spelling
    now_province: str  # "Tỉnh Lạng Sơn": the current provincial unit, official name

    @property
    def changed(self) -> bool:
        """False when the unit kept its name and its whole area: it is the unit of the same name
        now (perhaps with others merged into it)."""
        return len(self.now) > 1 or commune_key(self.name) != commune_key(self.now[0])


class FormerCommunes:
    """The former commune-level units, by current province; keys are worked out only for the
    provinces a dossier names."""

    def __init__(self, tree: dict[str, dict[str, dict[str, dict[str, Any]]]], source: str) -> None:
        #: current province (official name) → former province → district → unit → current unit(s)
        self.tree = {unit_key(name): (name, formers) for name, formers in tree.items()}
        self.source = source

    @lru_cache(maxsize=64)  # noqa: B019 - one table per process (former_communes() is cached)
    def in_province(self, province_key: str) -> dict[str, list[FormerCommune]]:
        """commune key → the former units of that name in a current province."""
        official, formers = self.tree.get(province_key, ("", {}))
        current = communes().in_province(province_key)
        out: dict[str, list[FormerCommune]] = {}
        for former, districts in formers.items():
            for district, wards in districts.items():
                for name, now in wards.items():
                    names = (now,) if isinstance(now, str) else tuple(now)
                    shown = tuple(current.get(commune_key(n), [n])[0] for n in names)
                    out.setdefault(commune_key(name), []).append(
                        FormerCommune(name, district, former, shown, official))
        return out

    def find(self, province: str, name: str, district: str | None = None) -> list[FormerCommune]:
        """The former units called ``name`` in ``province`` (a current or a former provincial
        unit) and, when given and known, in ``district``. Names compare without case, marks,
        kind or spaces, so "Xa Hoang Dong" and a decomposed "Xã" find "Xã Hoàng Đồng"."""
        table = units()
        pkey = unit_key(province)
        former_key = None
        if pkey not in table.current:
            if pkey not in table.former:
                return []
            former_key, pkey = pkey, unit_key(table.former[pkey][1])
        found = self.in_province(pkey).get(commune_key(name), [])
        if former_key is not None:
            # Thừa Thiên Huế was already Thành phố Huế in the source: keep all when none match
            found = [f for f in found if unit_key(f.province) == former_key] or found
        if district:
            found = [f for f in found if district_key(f.district) == district_key(district)] or found
        return found


@cache
def former_communes() -> FormerCommunes:
    import json

    raw = json.loads((DATA_DIR / FORMER_COMMUNES_FILE).read_text(encoding="utf-8"))
    source = raw["nguon"]
    return FormerCommunes(raw["tinh"], f"{source['goi']} {source['phien_ban']} ({source['giay_phep']})")
