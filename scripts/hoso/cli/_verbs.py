"""The verbs of the command line, one module each in this package."""

#: ``ci-annotations`` is ``ci_annotations.py``. A list, not a scan of the package: a one-file
#: ``hoso check`` starts without listing a folder (tests/test_cli_check.py holds it equal to the
#: modules present).
VERBS = ("advance", "build", "check", "ci-annotations", "codeowners", "diff", "documents", "form",
         "ghi", "import", "new", "render", "report", "rules", "site", "word")
