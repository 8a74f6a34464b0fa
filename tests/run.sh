#!/usr/bin/env bash
# The README's test command: installs everything the test suite needs, then runs it.
# Usage: bash tests/run.sh [pytest options]
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
VENV=${HOSO_VENV:-.venv}
# System programs the tests need (a fresh CI machine has none): chromium for the browser checks,
# LibreOffice Writer to save the Word form again as another editor would.
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
install_system() {
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  elif command -v sudo >/dev/null 2>&1; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    return 1
  fi
}
if [ "${#need[@]}" -gt 0 ] && ! install_system "${need[@]}"; then
  echo "Không cài được ${need[*]} (cần quyền quản trị: apt-get install ${need[*]}). Chromium dùng" \
    "cho kiểm thử trình duyệt, LibreOffice Writer cho kiểm thử mẫu Word; thiếu thì các kiểm thử" \
    "đó bị bỏ qua, riêng trong CI (CI=true) thì báo lỗi." >&2
fi
[ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --disable-pip-version-check -e '.[test]'
export PATH="$PWD/$VENV/bin:$PATH"
exec "$VENV/bin/python" -m pytest -n auto -q "$@"
