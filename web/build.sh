#!/usr/bin/env bash
# Builds the web dashboard on demand and, given a directory, copies the build there.
#   web/build.sh [OUT_DIR]        build (if needed) and copy the build to OUT_DIR
#   web/build.sh --test           npm ci (if needed) and the Vitest tests
# - `npm ci` (from the committed package-lock.json) when node_modules is missing or older than the
#   lockfile; nothing is downloaded otherwise, so offline builds work once it has run;
# - `npm run build` (type check + Vite production build into web/dist) when a source changed;
# - OUT_DIR (the app module passes target/classes/perpetua-web) gets a copy of web/dist.
# PERPETUA_WEB_SKIP=1 skips everything (the platform then serves no dashboard at /).
set -euo pipefail
WEB="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="${1:-}"
if [[ "${PERPETUA_WEB_SKIP:-}" == "1" ]]; then
  echo "web: PERPETUA_WEB_SKIP=1, dashboard not built" >&2
  exit 0
fi
cd "$WEB"
if ! command -v npm >/dev/null 2>&1; then
  echo "web: npm not found; install Node.js 20+ and npm (Debian: apt-get install -y nodejs npm)," >&2
  echo "     or set PERPETUA_WEB_SKIP=1 to build without the dashboard" >&2
  exit 1
fi
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "web: npm ci (node_modules missing or older than package-lock.json)" >&2
  npm ci --no-audit --no-fund --loglevel=error >&2
fi
if [[ "$OUT" == "--test" ]]; then
  npm run --silent test >&2
  exit 0
fi
STAMP="dist/.build-stamp"
if [[ ! -f "$STAMP" || -n "$(find src public index.html package.json package-lock.json vite.config.ts tsconfig.json \
    -newer "$STAMP" -print -quit 2>/dev/null)" ]]; then
  echo "web: npm run build (sources changed)" >&2
  npm run --silent build >&2
  touch "$STAMP"
fi
if [[ -n "$OUT" ]]; then
  rm -rf "$OUT"
  mkdir -p "$OUT"
  cp -R dist/. "$OUT"/
  rm -f "$OUT/.build-stamp"
fi
