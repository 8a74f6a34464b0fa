#!/usr/bin/env bash
# Mutation testing for developers (not run by CI): mutmut makes small deliberate bugs in the modules
# that hold the form's dates and the admission rules, one at a time, and runs the tests that should
# catch them; a mutant that survives is a behaviour no test pins down.
#
#   bash tests/mutation.sh                 # the date model and the rules with limits (~12 minutes)
#   bash tests/mutation.sh src/hoso/escape.py tests/test_escape.py   # other modules and tests
#
# mutmut only knows a package root called src/, so the run happens in a temporary copy of the
# committed tree where scripts/ is renamed src/; nothing in this checkout changes. The summary
# prints killed / survived / not reached; `mutmut show NAME` in the printed folder shows a mutant.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '==> %s\n' "$*" >&2; }

modules=(src/hoso/form/dates.py src/hoso/validate/rules/age.py src/hoso/validate/rules/papers.py
         src/hoso/validate/rules/readmission.py src/hoso/validate/rules/introducers.py
         src/hoso/validate/rules/procedure.py)
tests=(tests/test_form.py tests/test_limit_edges.py tests/test_rules_cases.py tests/test_rules.py
       tests/test_procedure_rules.py)
if [ "$#" -ge 2 ]; then
  modules=("$1"); tests=("${@:2}")
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/hoso-mutation.XXXXXX")
say "Bản sao để đột biến: $work"
git archive HEAD | tar -x -C "$work"
mv "$work/scripts" "$work/src"
quote() { local out="" x; for x in "$@"; do out+="\"$x\", "; done; printf '[%s]' "${out%, }"; }
cat >>"$work/pyproject.toml" <<EOF

[tool.mutmut]
source_paths = $(quote "${modules[@]}")
also_copy = ["src", "dossiers", "schema", "templates", "docs", "to-chuc.yaml", "mkdocs.yml", "tests"]
pytest_add_cli_args = ["-p", "no:xdist", "-p", "no:cacheprovider", "-q"]
pytest_add_cli_args_test_selection = $(quote "${tests[@]}")
EOF

venv="$work/.venv"
say "Đang tạo môi trường Python riêng (không cài hoso: mutmut nạp mã từ bản sao)…"
"${PYTHON:-python3}" -m venv "$venv"
"$venv/bin/python" -m pip install -q --disable-pip-version-check mutmut pytest hypothesis \
  "PyYAML>=6.0.2" "ruamel.yaml>=0.18" "jsonschema>=4.23" "jsonschema-rs>=0.29" "click>=8.1" \
  "holidays>=0.100" "vietnam-provinces>=2025.10" "Jinja2>=3.1.6" lxml

say "Đang chạy mutmut (một tiến trình; mỗi đột biến chạy các kiểm thử liên quan)…"
cd "$work"
PYTHONPATH=src PATH="$venv/bin:$PATH" "$venv/bin/mutmut" run --max-children 1 >"$work/mutmut.log" 2>&1 || true
PYTHONPATH=src "$venv/bin/mutmut" results >"$work/results.txt" 2>/dev/null || true
killed=$(grep -o '🎉 [0-9]*' "$work/mutmut.log" | tail -1 | tr -dc 0-9)
reached_none=$(grep -o '🫥 [0-9]*' "$work/mutmut.log" | tail -1 | tr -dc 0-9)
survived=$(grep -o '🙁 [0-9]*' "$work/mutmut.log" | tail -1 | tr -dc 0-9)
echo "Đột biến bị kiểm thử bắt: ${killed:-0}; sống sót: ${survived:-0}; không kiểm thử nào chạy tới: ${reached_none:-0}."
echo "Các đột biến sống sót, theo hàm:"
grep survived "$work/results.txt" | sed 's/__mutmut_[0-9]*//' | sort | uniq -c | sort -rn || true
echo "Xem một đột biến: cd $work && PYTHONPATH=src $venv/bin/mutmut show TÊN"
