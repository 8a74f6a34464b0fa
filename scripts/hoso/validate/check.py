"""``hoso check``: load → schema → rules for every dossier, findings reported once."""

from __future__ import annotations

import dataclasses
import functools
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from hoso import findings as fnd
from hoso.errors import UserError
from hoso.findings import Finding, Result, Severity
from hoso.load import Loaded, load_file
from hoso.repo import Repo
from hoso.validate.options import CheckOptions
from hoso.validate.schema import SchemaValidator

__all__ = ["DOSSIER_SUFFIXES", "SUPPORTED_VERSIONS", "CheckOptions", "Checked", "Checker",
           "collect", "parse_shard", "report"]

DOSSIER_SUFFIXES = (".yaml", ".yml")
SUPPORTED_VERSIONS = ("2025",)
#: Findings of the text checks that name the item they are in once the YAML is read.
NAMED_TEXT_CODES = frozenset({"unicode-chua-chuan-hoa", "ky-tu-dieu-khien"})
#: The photo (``anh``) that cannot be used: the same code ``hoso render`` refuses it with.
PHOTO_CODE = "anh-khong-dung-duoc"


def parse_shard(text: str | None) -> tuple[int, int] | None:
    """``"2/4"`` → ``(2, 4)``: the second of four equal shares (1-based)."""
    if not text:
        return None
    try:
        i, n = (int(x) for x in text.split("/"))
    except ValueError:
        raise UserError(f"--shard phải có dạng i/n (ví dụ 1/4), không phải “{text}”.") from None
    if not 1 <= i <= n:
        raise UserError(f"--shard {text}: cần 1 ≤ i ≤ n.")
    return i, n


def collect(paths: Sequence[str | os.PathLike[str]], repo: Repo,
            shard: tuple[int, int] | None = None) -> list[Path]:
    """Dossier files named or found below the named folders, sorted; a missing path is an error."""
    if not paths:
        paths = [repo.dossiers_dir]
    found: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found.extend(sorted(
                f for f in p.rglob("*") if f.suffix in DOSSIER_SUFFIXES and f.is_file()
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
            ))
        elif p.is_file():
            found.append(p)
        else:
            raise UserError(f"Không tìm thấy tệp hoặc thư mục “{raw}”.")
    unique = list(dict.fromkeys(found))
    if shard:
        i, n = shard
        unique = unique[i - 1 :: n]
    return unique


@dataclass(frozen=True)
class Checked:
    """One file checked: the path shown, its findings, and the workflow stage its data names
    (``quy_trinh.giai_doan``, for ``hoso build`` to tell drafts from finals without loading the
    file again)."""

    file: str
    findings: list[Finding]
    stage: str | None = None


class Checker:
    """Builds the validators once and checks any number of dossiers."""

    def __init__(self, repo: Repo, options: CheckOptions | None = None) -> None:
        self.repo = repo
        self.options = options or CheckOptions()
        self._validators: dict[str, SchemaValidator] = {}

    def validator(self, version: str) -> SchemaValidator:
        if version not in self._validators:
            self._validators[version] = SchemaValidator.from_file(self.repo.schema_path(version))
        return self._validators[version]

    def check_loaded(self, loaded: Loaded) -> list[Finding]:
        out = list(loaded.findings)
        data = loaded.data
        if any(f.code in NAMED_TEXT_CODES for f in out) and loaded.positions:
            out = [self._named(loaded, f) for f in out]
        if data is None or not loaded.ok:
            return out
        version = data.get("phien_ban", "2025") if isinstance(data, dict) else "2025"
        if version not in SUPPORTED_VERSIONS:
            line, col = loaded.locate(("phien_ban",))
            out.append(Finding(
                loaded.file, line, col, "phien-ban-khong-ho-tro", Severity.ERROR,
                f"Phiên bản mẫu “{version}” chưa được hỗ trợ; hiện có: "
                + ", ".join(SUPPORTED_VERSIONS) + ". Ghi phien_ban: \"2025\".",
                ("phien_ban",)))
            return out
        validator = self.validator(str(version))
        schema_findings = validator.validate(loaded)
        out.extend(schema_findings)
        if isinstance(data, dict) and isinstance(data.get("anh"), str) and data["anh"].strip():
            out.extend(self._photo(loaded, data["anh"]))
        if not self.options.schema_only and not schema_findings:
            # Imported when rules run: a schema-only check (a draft) does without them.
            from hoso.validate.rules import run_rules

            # The validator is the form of this version: the rules name items by its labels.
            out.extend(run_rules(loaded, self.repo, self.options, form=validator))
        return out

    def _named(self, loaded: Loaded, finding: Finding) -> Finding:
        """A finding of the text checks (found before the YAML was read) with the item it is in."""
        if finding.code not in NAMED_TEXT_CODES or finding.path:
            return finding
        path = loaded.path_at(finding.line, finding.col)
        if not path:
            return finding
        label = self.validator(SUPPORTED_VERSIONS[0]).path_label(path, loaded.data)
        return dataclasses.replace(finding, message=f"{label}: {finding.message}", path=path)

    def _photo(self, loaded: Loaded, value: str) -> list[Finding]:
        """The photo path policy ``hoso render`` applies, as a located finding at check time."""
        from hoso.render.photo import problem

        message = problem(self.repo.root, value)
        if message is None:
            return []
        line, col = loaded.locate(("anh",))
        return [Finding(loaded.file, line, col, PHOTO_CODE, Severity.ERROR, message, ("anh",))]

    def check_file(self, path: Path) -> list[Finding]:
        return self.check_path(path).findings

    def check_path(self, path: Path) -> Checked:
        loaded = load_file(path, display=self.repo.relative(path))
        data = loaded.data
        flow = data.get("quy_trinh") if isinstance(data, dict) else None
        stage = flow.get("giai_doan") if isinstance(flow, dict) else None
        return Checked(loaded.file, self.check_loaded(loaded),
                       stage if isinstance(stage, str) else None)

    def warm(self) -> None:
        """Build what every dossier needs (the current schema's validator, the rule catalogue),
        so that worker processes forked after this inherit it; a problem is left for the check
        of the first dossier to report, as a serial check would."""
        from hoso.errors import HosoError

        try:
            self.validator(SUPPORTED_VERSIONS[-1])
            if not self.options.schema_only:
                from hoso.validate.rules import prepare

                prepare(self.repo, self.options)
        except HosoError:
            pass

    def check_paths(self, files: Sequence[Path], *, jobs: int | None = 1,
                    progress: Callable[[Path], None] | None = None) -> list[Checked]:
        """Check ``files``, in parallel when there are many and ``jobs`` allows (None: every
        core); the results in the order of ``files``, the same as a serial check's."""
        workers = 1
        if len(files) > 1:  # one file (the pre-commit hook's usual call) imports no pool
            from hoso.validate import parallel

            workers = parallel.worker_count(jobs, len(files))
        if workers > 1:
            rebuild = functools.partial(Checker, self.repo, self.options)
            return parallel.check(self, files, workers, rebuild, progress)
        out: list[Checked] = []
        for path in files:
            out.append(self.check_path(path))
            if progress:
                progress(path)
        return out

    def check_files(self, files: Iterable[Path],
                    progress: Callable[[Path], None] | None = None, *,
                    jobs: int | None = 1) -> Result:
        result = Result()
        for checked in self.check_paths(list(files), jobs=jobs, progress=progress):
            result.files.append(checked.file)
            result.extend(checked.findings)
        return result


def report(result: Result, fmt: str) -> str:
    try:
        renderer = fnd.RENDERERS[fmt]
    except KeyError:
        raise UserError(f"Định dạng “{fmt}” không có; chọn text, json hoặc github.") from None
    return renderer(result)
