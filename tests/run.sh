#!/usr/bin/env bash
# The README's test command: installs everything the test suite needs, then runs it.
# Usage: bash tests/run.sh [pytest options]
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
VENV=${HOSO_VENV:-.venv}
say() { printf '==> %s\n' "$*" >&2; }

# System programs the tests need (a fresh CI machine has none): chromium for the browser checks,
# LibreOffice Writer to save the Word form again as another editor would.
need=()
if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1 \
    && [ -z "${CHROMIUM:-}" ]; then
  need+=(chromium)
fi
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
install_system() {
  local sudo=()
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 || return 1
    sudo=(sudo)
  fi
  command -v apt-get >/dev/null 2>&1 || return 1
  "${sudo[@]}" apt-get update -qq &&
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
if [ "${#need[@]}" -gt 0 ]; then
  say "Đang cài ${need[*]} cho kiểm thử trình duyệt và mẫu Word (apt-get, có thể mất vài phút)…"
  if ! install_system "${need[@]}"; then
    say "Không cài được ${need[*]} trên máy này (cần apt-get và quyền root hoặc sudo)."
    say "Chromium dùng cho kiểm thử trình duyệt, LibreOffice Writer cho kiểm thử mẫu Word; thiếu thì"
    say "các kiểm thử đó được bỏ qua ở đây, riêng trong CI (CI=true) thì báo lỗi."
    say "Có chromium ở chỗ khác thì đặt CHROMIUM=đường/dẫn."
  fi
fi
if [ ! -x "$VENV/bin/python" ]; then
  say "Đang tạo môi trường Python $VENV…"
  "$PY" -m venv "$VENV"
fi
say "Đang cài hoso với mọi phần và các gói kiểm thử vào $VENV (lần đầu mất vài phút)…"
"$VENV/bin/python" -m pip install -q --disable-pip-version-check -e '.[test]'
PATH="$(cd "$VENV/bin" && pwd):$PATH"
export PATH
say "Đang chạy kiểm thử…"
exec "$VENV/bin/python" -m pytest -n auto -q "$@"
