#!/usr/bin/env bash
# Generated documentation: docs/requirements.md is exactly what
# `smapi-conform list --format markdown` prints (the catalogue's own rows).
#
#   ci/gen-docs.sh [SMAPI_CONFORM]          rewrite docs/requirements.md
#   ci/gen-docs.sh --check SMAPI_CONFORM    exit 1 when the checked-in file differs
#
# SMAPI_CONFORM defaults to build/bin/smapi-conform.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
doc="$root/docs/requirements.md"

check=0
if [[ "${1:-}" == "--check" ]]; then
  check=1
  shift
fi
bin="${1:-$root/build/bin/smapi-conform}"
if [[ ! -x "$bin" ]]; then
  echo "gen-docs: $bin is not an executable (build smapi-conform first)" >&2
  exit 2
fi

generated="$(mktemp)"
trap 'rm -f "$generated"' EXIT
"$bin" list --format markdown > "$generated"

if (( check )); then
  if ! diff -u "$doc" "$generated" > /dev/null 2>&1; then
    diff -u "$doc" "$generated" | head -40 >&2 || true
    echo "gen-docs: docs/requirements.md is out of date with the catalogue;" \
         "regenerate it with: ci/gen-docs.sh $bin" >&2
    exit 1
  fi
  echo "gen-docs: docs/requirements.md matches the catalogue"
  exit 0
fi
cp "$generated" "$doc"
echo "gen-docs: wrote $doc"
