"""``hoso build``: the main job — check every dossier, print the documents, build the site.

What CI runs on ``main`` and what the README's first command runs on the bundled examples:

1. ``check`` of every dossier (findings reported once, as ``hoso check`` does);
2. ``render`` of every dossier that passes: dossiers at or past the official-copy stage are printed
   as finals, earlier ones as drafts marked "BẢN NHÁP"; then the committee documents each
   dossier's stage needs (``hoso documents``: drafts marked "DỰ THẢO");
3. the guidance site (built only from schema, rules, docs and the fictional sample);
4. the internal statistics report, in its own folder (never inside the site).

The exit code is 1 when a dossier has errors or could not be printed, else 0.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from hoso.findings import Result, Severity, render_text
from hoso.repo import Repo
from hoso.util import duration
from hoso.validate.check import Checker, CheckOptions, collect
from hoso.workflow import stages

Say = Callable[[str], None]


@dataclass
class BuildOptions:
    out_dir: Path
    on_date: date | None = None
    jobs: int | None = None
    documents: bool = True
    site: bool = True
    report: bool = True
    strict: bool = False


def _is_final(stage: str | None) -> bool:
    if stage is None or stage not in stages.STAGES:
        return False
    return stages.at_or_past(stage, stages.OFFICIAL_COPY)


def run(repo: Repo, options: BuildOptions, say: Say) -> int:
    files = collect([], repo)
    checker = Checker(repo, CheckOptions(on_date=options.on_date))
    result = Result()
    clean: list[Path] = []
    finals: set[Path] = set()
    stage_of: dict[Path, str | None] = {}
    # each dossier is loaded once: the check tells its stage too
    for path, checked in zip(files, checker.check_paths(files, jobs=options.jobs), strict=True):
        result.files.append(checked.file)
        result.extend(checked.findings)
        if not any(f.severity is Severity.ERROR for f in checked.findings):
            clean.append(path)
            stage_of[path] = checked.stage
            if _is_final(checked.stage):
                finals.add(path)
    say("== 1. Kiểm tra hồ sơ")
    say(render_text(result).rstrip("\n"))
    code = result.exit_code(options.strict)

    if options.documents:
        from hoso.render import render_paths

        say("== 2. In Mẫu 2-KNĐ (DOCX, PDF)")
        out = options.out_dir / "ho-so"
        drafts = [p for p in clean if p not in finals]
        final_list = [p for p in clean if p in finals]
        skipped = len(files) - len(clean)
        for group, final in ((drafts, False), (final_list, True)):
            if not group:
                continue
            report = render_paths(group, repo, out, final=final, jobs=options.jobs,
                                  on_date=options.on_date)
            for error in report.errors:
                say(f"Lỗi: {error}")
            kind = "Bản chính thức" if final else "Bản nháp"
            say(f"{kind}, {report.summary(folder=False)}")
            code = max(code, report.exit_code())
        if skipped:
            say(f"Không in {skipped} hồ sơ còn lỗi (xem phần kiểm tra ở trên).")
        from hoso.render.committee import due_at, render_dossiers

        # only the dossiers whose stage needs a document are read again (the check told the stage)
        needing = [p for p in clean if due_at(stage_of[p])]
        batch = render_dossiers(repo, needing, out, on=options.on_date or date.today())
        say(f"Văn bản của chi bộ, Đảng ủy theo giai đoạn (bản dự thảo): {len(batch.written)} tệp.")
        say(f"Tài liệu: {repo.relative(out)}")

    if options.site:
        from hoso.site import build_site

        say("== 3. Trang hướng dẫn")
        site = build_site(repo, options.out_dir / "site")
        say(f"Đã dựng {site.pages} trang trong {duration(site.seconds)}: "
            f"{repo.relative(site.out_dir)}")

    if options.report:
        from hoso.report import check_out_dir, make_report
        from hoso.report.render import write_outputs

        say("== 4. Thống kê nội bộ")
        out = options.out_dir / "thong-ke"
        check_out_dir(repo, out)
        written = write_outputs(make_report(repo, options.on_date or date.today()), out)
        say(f"Đã ghi {len(written)} tệp thống kê (tài liệu nội bộ): {repo.relative(out)}")
    return code
