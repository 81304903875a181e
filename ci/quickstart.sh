#!/usr/bin/env bash
# Quick start on a fresh Debian 12 machine: install dependencies, build
# (Release), start the reference mock plugin, judge it with the harness, and
# print the verdict, where the reports are, and the Markdown summary.
set -euo pipefail
cd "$(dirname "$0")/.."
source ci/deps.sh
smapi_install_deps

echo "==> configuring and building (Release)"
cmake --preset release -DSMAPI_BUILD_TESTS=OFF >/dev/null
cmake --build --preset release --target smapi-conform smapi-mock

reports=out/quickstart
rm -rf "$reports"
mkdir -p "$reports"

echo "==> starting smapi-mock on a free port"
build/bin/smapi-mock serve --listen 127.0.0.1:0 >"$reports/mock.out" 2>"$reports/mock.log" &
mock_pid=$!
trap 'kill "$mock_pid" 2>/dev/null || true; wait "$mock_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  [ -s "$reports/mock.out" ] && break
  sleep 0.05
done
address=$(head -n 1 "$reports/mock.out")
[ -n "$address" ] || { echo "smapi-mock did not start; see $reports/mock.log" >&2; exit 2; }
echo "    listening on $address"

echo "==> smapi-conform run --target http://$address/"
status=0
build/bin/smapi-conform run --target "http://$address/" --report-dir "$reports" \
  --format json,junit,html,markdown || status=$?

echo
case $status in
  0) echo "verdict: conformant" ;;
  1) echo "verdict: non-conformant" ;;
  *) echo "verdict: harness error (exit $status)" ;;
esac
echo "reports: $reports/report.json $reports/junit.xml $reports/report.html $reports/summary.md"
echo
echo "==> $reports/summary.md (GitHub-flavoured Markdown, readable as text)"
cat "$reports/summary.md"
exit "$status"
