#!/usr/bin/env bash
# The second half of quickstart.sh, on binaries already built: start the
# reference mock plugin, judge it with the harness, and show the verdict, where
# report.html is, and the Markdown summary.
#   usage: ci/quickstart_judge.sh BIN_DIR REPORT_DIR
# Exit status: the harness's (0 conformant, 1 non-conformant, 2 harness error).
set -euo pipefail
bin=$1 reports=$2

rm -rf "$reports"
mkdir -p "$reports"
# The mock's own output stays out of the report directory.
mock_out=$(mktemp -d)

echo "==> starting smapi-mock on a free port"
"$bin/smapi-mock" serve --listen 127.0.0.1:0 >"$mock_out/mock.out" 2>"$mock_out/mock.log" &
mock_pid=$!
trap 'kill "$mock_pid" 2>/dev/null || true; wait "$mock_pid" 2>/dev/null || true; rm -rf "$mock_out"' EXIT
for _ in $(seq 1 100); do
  [ -s "$mock_out/mock.out" ] && break
  sleep 0.05
done
address=$(head -n 1 "$mock_out/mock.out")
[ -n "$address" ] || { echo "smapi-mock did not start:" >&2; cat "$mock_out/mock.log" >&2; exit 2; }
echo "    listening on $address"

echo "==> smapi-conform run --target http://$address/ --report-dir $reports --format json,junit,html,markdown"
status=0
"$bin/smapi-conform" run --target "http://$address/" --report-dir "$reports" \
  --format json,junit,html,markdown || status=$?

echo
case $status in
  0) echo "verdict: conformant" ;;
  1) echo "verdict: non-conformant" ;;
  *) echo "verdict: harness error (exit $status)" ;;
esac
if [ -s "$reports/report.html" ]; then
  echo "report for people: file://$(cd "$reports" && pwd)/report.html (open it in a browser)"
  echo "for tools and CI: $reports/report.json $reports/junit.xml"
fi
if [ -s "$reports/summary.md" ]; then
  echo
  echo "==> $reports/summary.md (Markdown, as a CI job summary shows it)"
  cat "$reports/summary.md"
fi
exit "$status"
