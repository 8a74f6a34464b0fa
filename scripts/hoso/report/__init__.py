"""``hoso report``: statistics and due dates from the dossiers and their git history.

The stage reads (:mod:`.data`: working tree, one ``git log``, one ``git cat-file --batch``,
replays of the checks), computes (:mod:`.figures`, pure), draws (:mod:`.charts`, hand-written SVG)
and renders (:mod:`.render`: text, Markdown, JSON, and an internal HTML page). The output folder
holds personal data: it is never the public guidance site (:func:`check_out_dir`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from hoso.errors import UserError
from hoso.repo import Repo
from hoso.report.data import collect_all
from hoso.report.figures import DEFAULT_HORIZON, Report, compute

DEFAULT_OUT = Path("build") / "thong-ke"

#: Files that mark a built guidance site (mkdocs writes them).
_SITE_MARKERS = ("sitemap.xml", "search/search_index.json")


def make_report(repo: Repo, on: date, year: int | None = None, horizon: int = DEFAULT_HORIZON,
                progress: Callable[[str], None] | None = None) -> Report:
    """Collect everything and compute the figures relative to ``on``."""
    return compute(collect_all(repo, progress), on, year, horizon)


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_out_dir(repo: Repo, out_dir: Path) -> None:
    """Refuse an output folder that is (or is inside) the guidance site or the repository's data."""
    out = out_dir.resolve()
    root = repo.root.resolve()
    if _inside(root, out):
        raise UserError(f"Thư mục ra {out_dir} chứa cả kho hồ sơ; hãy chọn một thư mục riêng "
                        f"(mặc định {DEFAULT_OUT.as_posix()}).")
    public = [root / "build" / "site", root / "site", repo.docs_dir.resolve()]
    guarded = [repo.dossiers_dir.resolve(), repo.schema_dir.resolve(), repo.templates_dir.resolve()]
    for folder in public:
        if _inside(out, folder):
            raise UserError(f"Thư mục ra {out_dir} thuộc trang hướng dẫn công khai; báo cáo thống "
                            "kê có thông tin cá nhân nên phải ghi ra thư mục riêng (mặc định "
                            f"{DEFAULT_OUT.as_posix()}).")
    for folder in guarded:
        if _inside(out, folder):
            raise UserError(f"Thư mục ra {out_dir} nằm trong dữ liệu của kho; hãy chọn thư mục "
                            f"khác (mặc định {DEFAULT_OUT.as_posix()}).")
    for folder in (out, *out.parents):
        if any((folder / marker).is_file() for marker in _SITE_MARKERS):
            raise UserError(f"Thư mục ra {out_dir} nằm trong một trang web đã dựng ({folder}); "
                            "báo cáo thống kê có thông tin cá nhân nên phải ghi ra thư mục riêng.")


__all__ = ["DEFAULT_OUT", "check_out_dir", "make_report"]
