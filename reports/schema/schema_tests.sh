#!/usr/bin/env bash
# The report schema's ctest checks (reports/CMakeLists.txt runs them):
#   schema_tests.sh samples SAMPLES_BIN           every sample report is valid
#   schema_tests.sh real CONFORM_BIN SOURCE_DIR   smapi-conform's report.json for
#                                                 every fixture plugin is valid
#   schema_tests.sh hostile CONFORM_BIN SOURCE_DIR the same for every fixtures/hostile script
#                                                 (real and hostile: each report read back by merge
#                                                 writes the same report again)
#   schema_tests.sh mock CONFORM_BIN MOCK_BIN      the same for smapi-mock over
#                                                 JSON-RPC v1, v2 and XML-RPC
#   schema_tests.sh negative SAMPLES_BIN          broken reports are rejected
#   schema_tests.sh sarif SAMPLES_BIN             the sample SARIF logs meet OASIS's structure
#                                                 and GitHub's ingestion rules
#                                                 (check_sarif.py); logs GitHub refuses do not
#   schema_tests.sh markdown SAMPLES_BIN          the sample summaries render safely as GitHub
#                                                 renders them (check_markdown.py, cmark-gfm;
#                                                 exit 77, a skip, without it)
# The real and mock runs write every format; check_formats.py checks the
# JUnit, TAP, SARIF, Markdown and HTML files against report.json.
# Uses Debian's /usr/bin/python3 with python3-jsonschema (ci/deps.sh installs it).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
python=/usr/bin/python3
validate() { "$python" "$here/validate.py" "$@"; }
check_sarif() { "$python" "$here/check_sarif.py" "$@"; }

# reject_each CHECK GOOD MUTATION...: each MUTATION, Python run on the JSON of
# GOOD as r (r0 and rule0: a SARIF log's first result and rule), must make
# CHECK exit 1.
reject_each() {
  local check=$1 good=$2 i=0 status mutation
  shift 2
  for mutation in "$@"; do
    i=$((i + 1))
    "$python" - "$good" "$work/broken-$i.json" "$mutation" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
runs = r.get("runs") or [{}]
r0 = (runs[0].get("results") or [{}])[0]
rule0 = (runs[0].get("tool", {}).get("driver", {}).get("rules") or [{}])[0]
exec(sys.argv[3])
json.dump(r, open(sys.argv[2], "w"))
PY
    status=0
    "$check" "$work/broken-$i.json" >"$work/out" 2>&1 || status=$?
    if [ "$status" -ne 1 ]; then
      echo "mutation not rejected (exit $status): $mutation" >&2
      cat "$work/out" >&2
      exit 1
    fi
  done
  echo "rejected all $i broken files"
}

if ! "$python" -c 'import jsonschema' 2>/dev/null; then
  echo "schema_tests.sh: $python cannot import jsonschema; run ci/deps.sh (python3-jsonschema)" >&2
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

case "${1:-}" in
  samples)
    "$2" "$work"
    count=$(find "$work" -name '*.json' | wc -l)
    [ "$count" -ge 5 ] || { echo "expected at least 5 sample reports, got $count" >&2; exit 1; }
    validate "$work"/*.json
    ;;
  real | hostile)
    conform=$2 source=$3
    if [ "$1" = real ]; then
      # Every fixture plugin directory: fixtures/plugins/<group>/<name>/<volume|datapath>/<dir>.
      find "$source/fixtures/plugins" -mindepth 4 -maxdepth 4 -type d | sort > "$work/plugins"
      least=20
    else
      # Every hostile script (fixtures/hostile/), as every method of a volume plugin.
      for script in "$source"/fixtures/hostile/*; do
        plugin="$work/hostile/$(basename "$script")/volume/org.xen.xapi.storage.hostile"
        mkdir -p "$plugin"
        for method in Plugin.Query Plugin.ls Plugin.diagnostics; do ln -s "$script" "$plugin/$method"; done
        echo "$plugin"
      done > "$work/plugins"
      least=10
    fi
    n=$(wc -l < "$work/plugins")
    [ "$n" -ge "$least" ] || { echo "expected at least $least plugins, found $n" >&2; exit 1; }
    run_one() {  # run_one INDEX PLUGIN: exit status 0/1 are verdicts; 2 is a harness error
      local status=0
      # No robustness probes: they are tested elsewhere, and this keeps each run short.
      "$conform" run --target "$2" --timeout 2 --max-output 1048576 --report-dir "$work/$1" \
        --format all --no-probes --repeat 1 --concurrency 1 >/dev/null 2>"$work/$1.stderr" || status=$?
      if [ "$status" -gt 1 ] || [ ! -s "$work/$1/report.json" ]; then
        echo "smapi-conform failed (exit $status, report.json missing or empty) on $2:" >&2
        cat "$work/$1.stderr" >&2
        return 255  # makes xargs stop
      fi
    }
    export -f run_one
    export conform work
    # Two at a time (the machines have two cores).
    # shellcheck disable=SC2016  # $0 and $1 are the inner shell's: xargs passes them
    nl -ba -w1 -s' ' "$work/plugins" | xargs -P 2 -L 1 bash -c 'run_one "$0" "$1"'
    validate "$work"/[0-9]*/report.json
    "$python" "$here/check_formats.py" "$work"/[0-9]*/
    # Each report read back (merge of one report, a fleet of one) writes the
    # same run report again, quoted fields and digests as they were.
    for dir in "$work"/[0-9]*/; do
      "$conform" merge "${dir%/}-merged" "$dir/report.json" --format json >/dev/null 2>"$work/merge.err" ||
        [ $? -le 2 ] || { echo "merge failed on $dir/report.json:" >&2; cat "$work/merge.err" >&2; exit 1; }
    done
    "$python" - "$work" <<'PY'
import glob, json, sys
bad = 0
for merged in sorted(glob.glob(f"{sys.argv[1]}/[0-9]*-merged/report.json")):
    original = merged.replace("-merged/", "/")
    if json.load(open(merged))["members"][0]["report"] != json.load(open(original)):
        print(f"{original}: read back and written again, it differs", file=sys.stderr)
        bad += 1
count = len(glob.glob(f"{sys.argv[1]}/[0-9]*-merged/report.json"))
print(f"{count} reports read back and written again: {bad} differ")
sys.exit(1 if bad or count == 0 else 0)
PY
    ;;
  mock)
    # smapi-mock over every HTTP protocol, as served and with a mutant.
    conform=$2 mock=$3
    quick=(--no-probes --repeat 1 --concurrency 1)
    n=0
    pass=0
    for mutant in "" QUERY-FIELD-TYPES; do
      # A fresh file per pass: the background shell truncates its output
      # file only when it gets to run, so a reused mock.out could still hold
      # the first (killed) mock's address when the second pass reads it.
      pass=$((pass + 1))
      out="$work/mock-$pass.out" err="$work/mock-$pass.err"
      setsid "$mock" serve --listen 127.0.0.1:0 ${mutant:+--mutant "$mutant"} >"$out" 2>"$err" &
      pid=$!
      # Wait for a whole line (the address and its newline), not any byte.
      for _ in $(seq 100); do [ "$(wc -l <"$out")" -ge 1 ] && break; sleep 0.05; done
      address=$(head -n1 "$out")
      [ -n "$address" ] || { echo "smapi-mock did not start:" >&2; cat "$err" >&2; exit 1; }
      for protocol in jsonrpc jsonrpc2 xmlrpc; do
        n=$((n + 1))
        status=0
        "$conform" run --target "http://$address/" --protocol "$protocol" --timeout 5 \
          --report-dir "$work/$n" --format all "${quick[@]}" >/dev/null 2>"$work/stderr" || status=$?
        if [ "$status" -gt 1 ]; then
          echo "smapi-conform failed (exit $status) on the mock over $protocol:" >&2
          cat "$work/stderr" >&2
          kill -- "-$pid"
          exit 1
        fi
      done
      kill -- "-$pid"
      wait "$pid" 2>/dev/null || true
    done
    validate "$work"/*/report.json
    "$python" "$here/check_formats.py" "$work"/*/
    ;;
  negative)
    "$2" "$work"
    good="$work/sample.json"
    validate "$good" >/dev/null
    # Each mutation breaks one rule of the schema; each must be rejected.
    mutations=(
      'del r["summary"]'
      'r["schema_version"] = 3'
      'r["catalogue_version"] = "two"'
      'del r["results"][0]["citation"]'
      'r["results"][0]["outcome"] = "maybe"'
      'r["results"][0]["level"] = "MAY"'
      'r["results"][0]["surprise"] = True'
      'r["calls"][0]["delivery"] = "lost"'
      'r["results"][0]["evidence"] = [r["calls"][0]]'
      'r["results"][0]["evidence"] = [len(r["calls"])]'
      'r["calls"][1]["id"] = 0'
      'r["calls"][0]["reply"]["sha256"] = "not a digest"'
      'del r["calls"][0]["request"]["bytes"]'
      'r["results"][3]["consequence"] = "a pass carries no consequence"'
      'r["results"][3]["reproducer"] = "printf x"'
      'r["summary"]["counts"]["pass"] = -1'
      'r["transport"] = "carrier-pigeon"'
      'r["results"][0]["reproducer"] = "two\nlines"'
      'r["xapi_view"]["features"][0]["version"] = "1"'
      'r["waiver_problems"] = [{"kind": "late", "id": "X", "detail": ""}]'
    )
    reject_each validate "$good" "${mutations[@]}"
    # A fleet's report: its own rules, and each member's report is a run's.
    fleet_mutations=(
      'r["schema_version"] = 6'
      'del r["discovered"]'
      'r["members"][1]["surprise"] = 1'
      'r["members"][1]["report"]["schema_version"] = 5'
      'r["members"][1]["report"]["results"][0]["evidence"] = [99]'
      'r["members"].reverse()'
      'r["members"][2]["name"] = "volume/not-discovered"'
      'r["summary"]["plugins"]["conformant"] = 7'
      'r["shard"] = {"index": 3, "count": 2}'
      'r["members"][0]["harness_error"] = ""'
    )
    reject_each validate "$work/sample-fleet.json" "${fleet_mutations[@]}"
    ;;
  sarif)
    "$2" "$work"
    count=$(find "$work" -name '*.sarif' | wc -l)
    [ "$count" -ge 5 ] || { echo "expected at least 5 sample SARIF logs, got $count" >&2; exit 1; }
    check_sarif "$work"/*.sarif
    # Each mutation is one thing GitHub or OASIS refuses; each must be reported.
    mutations=(
      'del r0["locations"][0]["physicalLocation"]'
      'r0["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] = "http://127.0.0.1:8080/Plugin.query"'
      'r0["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] = "/abs/Plugin.Query"'
      'r0["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] = ""'
      'r0["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] = "../x/Plugin.Query"'
      'r0["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] = "a b"'
      'r0["locations"][0]["physicalLocation"]["region"]["startLine"] = 0'
      'r0["locations"] = []'
      'r0["message"]["text"] = ""'
      'r0["level"] = "fatal"'
      'r0["surprise"] = 1'
      'r0["ruleIndex"] = 1'
      'rule0["shortDescription"]["text"] = "x" * 1025'
      'del rule0["help"]'
      'r["version"] = "2.0.0"'
      'r["runs"][0]["tool"]["driver"]["name"] = ""'
    )
    reject_each check_sarif "$work/sample.sarif" "${mutations[@]}"
    ;;
  markdown)
    "$2" "$work"
    # Plugin text that must read verbatim once rendered, hostile markup included.
    "$python" "$here/check_markdown.py" \
      --contains "<script>document.body.setAttribute('data-pwned','script')</script>" \
      --contains "*bold* _it_ ~~gone~~ <b>x</b> [l](u) ![i](u) \`c\` a|b http://e.invalid www.e.invalid" \
      --contains "# not a heading" \
      --contains "VDI_DESTROY -> VDI_DELETE" \
      "$work"/*.md
    ;;
  *)
    echo "usage: schema_tests.sh samples|real|hostile|mock|negative|sarif|markdown ..." >&2
    exit 2
    ;;
esac
