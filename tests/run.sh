#!/usr/bin/env bash
# The README's test command: installs everything the test suite needs, then runs it.
# Usage: bash tests/run.sh [pytest options]
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
VENV=${HOSO_VENV:-.venv}
say() { printf '==> %s\n' "$*" >&2; }

install_chromium() {
  local sudo=()
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 || return 1
    sudo=(sudo)
  fi
  command -v apt-get >/dev/null 2>&1 || return 1
  "${sudo[@]}" apt-get update -qq &&
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
}

if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1 \
    && [ -z "${CHROMIUM:-}" ]; then
  say "Đang cài chromium cho kiểm thử trang hướng dẫn trong trình duyệt (apt-get, có thể mất vài phút)…"
  if ! install_chromium; then
    say "Không cài được chromium trên máy này (cần apt-get và quyền root hoặc sudo)."
    say "Các kiểm thử trình duyệt sẽ được bỏ qua ở đây; CI vẫn chạy chúng. Có chromium ở chỗ khác thì đặt CHROMIUM=đường/dẫn."
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
