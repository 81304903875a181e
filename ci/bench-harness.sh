#!/usr/bin/env bash
# Benchmarks smapi-conform against its yardsticks, all in one invocation:
#
#  1. Cost per call: `smapi-conform run` making N exec calls of the mock's
#     Plugin.Query (--no-probes --repeat N --concurrency 1: N + 2 calls),
#     against a bare fork/exec loop (ci/bench/bare_spawn.c) making N calls of
#     the same script the plainest way, in turns with it.
#     Target: harness time per call <= 1.5 x the bare loop's.
#  2. The default suite (every default flag, no reports) against
#     `smapi-mock serve`: wall time. Target <= 0.5 s.
#  3. The default suite against a `smapi-mock plugin-dir`: wall time.
#     Target <= 3 s.
#  4. A tree of 32 mock plugins (16 volume, 16 datapath) judged in one run
#     at --jobs 1 and at --jobs 2. Target: speed-up >= 1.7 x on 2 CPUs.
#     Beside it, not a target: the bare loop of 1. twice in a row against
#     two at once, what two CPUs give this machine's process creation.
#
# usage: ci/bench-harness.sh [--report-only] [--rounds N] [--calls N] [--tree-size N]
#   --report-only   print the table, never fail on a missed target
#   --rounds        rounds of each measure, in turns; the best round counts
#                   for wall times, the totals for the per-call ratio (default 3)
#   --calls         calls per round for the per-call ratio (default 200)
#   --tree-size     plugins in the tree (default 32)
# Environment: SMAPI_BIN_DIR, where smapi-conform and smapi-mock are
# (default build/bin, built with `cmake --preset release` when missing).
#
# Exit status: 0 every target met (or --report-only), 1 a target missed,
# 2 a set-up failure.
#
# Other work on the machine moves every figure: quote them with the load
# average the table prints, and prefer the ratios, which compare two things
# measured in turns under the same load.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Targets.
readonly TARGET_CALL_RATIO_MAX=1.5      # harness time per call / bare loop's
readonly TARGET_SERVE_MAX_S=0.5         # default suite against smapi-mock serve
readonly TARGET_PLUGIN_DIR_MAX_S=3      # default suite against a plugin directory
readonly TARGET_JOBS_SPEEDUP_MIN=1.7    # tree at --jobs 1 / tree at --jobs 2
# Settings.
ROUNDS=3
CALLS=200
TREE_SIZE=32
REPORT_ONLY=0
readonly START_TIMEOUT_TENTHS=100       # 10 s for the mock server to print its address

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
  case "$1" in
    --report-only) REPORT_ONLY=1 ;;
    --rounds) ROUNDS=${2:?--rounds needs a value}; shift ;;
    --calls) CALLS=${2:?--calls needs a value}; shift ;;
    --tree-size) TREE_SIZE=${2:?--tree-size needs a value}; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "bench-harness: unknown argument $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done
for n in "$ROUNDS" "$CALLS" "$TREE_SIZE"; do
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "bench-harness: expected a positive integer, got '$n'" >&2; exit 2; }
done
[ "$CALLS" -le 1000 ] || { echo "bench-harness: --calls is at most 1000 (smapi-conform --repeat's limit)" >&2; exit 2; }

# --- the binaries ---------------------------------------------------------------
BIN=${SMAPI_BIN_DIR:-$ROOT/build/bin}
CONFORM=$BIN/smapi-conform
MOCK=$BIN/smapi-mock
if [ ! -x "$CONFORM" ] || [ ! -x "$MOCK" ]; then
  if [ -n "${SMAPI_BIN_DIR:-}" ]; then
    echo "bench-harness: no smapi-conform and smapi-mock in SMAPI_BIN_DIR=$BIN" >&2
    exit 2
  fi
  echo "==> building smapi-conform and smapi-mock (Release)"
  (cd "$ROOT" && cmake --preset release >/dev/null && cmake --build --preset release --target smapi-conform smapi-mock -j 2)
fi
command -v cc >/dev/null || { echo "bench-harness: needs a C compiler (cc) for the bare loop" >&2; exit 2; }

# --- clean-up -------------------------------------------------------------------
WORK=$(mktemp -d "${TMPDIR:-/tmp}/smapi-bench-harness.XXXXXX")
MOCK_PID=""
# shellcheck disable=SC2317  # called by the trap
cleanup() {
  if [ -n "$MOCK_PID" ]; then
    kill "$MOCK_PID" 2>/dev/null || true
    wait "$MOCK_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
now_ns() { date +%s%N; }
# Wall nanoseconds of one command, its output thrown away; fails with it.
wall_ns() {
  local start end
  start=$(now_ns)
  "$@" >/dev/null 2>"$WORK/last.err" || { echo "bench-harness: failed: $*" >&2; cat "$WORK/last.err" >&2; return 1; }
  end=$(now_ns)
  echo $((end - start))
}
min() { if [ -z "$1" ] || [ "$2" -lt "$1" ]; then echo "$2"; else echo "$1"; fi; }
seconds() { awk -v ns="$1" 'BEGIN {printf "%.3f", ns / 1e9}'; }

# --- 1. cost per call -------------------------------------------------------------
echo "==> cost per call: $CALLS calls x $ROUNDS rounds, harness and bare loop in turns"
cc -O2 -o "$WORK/bare_spawn" "$ROOT/ci/bench/bare_spawn.c"
PLUGIN=$WORK/volume/org.xen.xapi.storage.bench
"$MOCK" plugin-dir "$PLUGIN" >/dev/null
printf '%s' '{"dbg":"smapi-conform"}' >"$WORK/args.json"
HARNESS_CALL=("$CONFORM" run --target "exec:$PLUGIN" --no-probes --repeat "$CALLS" --concurrency 1 --quiet)
# The harness makes Plugin.query N times, then Plugin.ls and Plugin.diagnostics
# once: check that count from its report rather than trust it.
"${HARNESS_CALL[@]}" --report-dir "$WORK/count" --format json >/dev/null
HARNESS_CALLS=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["calls"]))' "$WORK/count/report.json")
[ "$HARNESS_CALLS" -eq $((CALLS + 2)) ] || { echo "bench-harness: expected $((CALLS + 2)) calls, the report has $HARNESS_CALLS" >&2; exit 2; }
"$WORK/bare_spawn" "$CALLS" "$WORK/args.json" "$PLUGIN/Plugin.Query" >/dev/null  # warm-up
sum_bare=0 sum_harness=0
for ((round = 1; round <= ROUNDS; round++)); do
  bare=$("$WORK/bare_spawn" "$CALLS" "$WORK/args.json" "$PLUGIN/Plugin.Query")
  harness=$(wall_ns "${HARNESS_CALL[@]}")
  sum_bare=$((sum_bare + bare)) sum_harness=$((sum_harness + harness))
  printf '    round %d  bare %6d us/call   harness %6d us/call\n' "$round" \
    $((bare / 1000 / CALLS)) $((harness / 1000 / HARNESS_CALLS))
done
BARE_US=$((sum_bare / 1000 / CALLS / ROUNDS))
HARNESS_US=$((sum_harness / 1000 / HARNESS_CALLS / ROUNDS))
CALL_RATIO=$(awk -v h="$sum_harness" -v hc="$HARNESS_CALLS" -v b="$sum_bare" -v bc="$CALLS" \
  'BEGIN {printf "%.2f", (h / hc) / (b / bc)}')

# --- 2. and 3. the default suite ---------------------------------------------------
echo "==> default suite against smapi-mock serve and plugin-dir, $ROUNDS rounds"
"$MOCK" serve --listen 127.0.0.1:0 >"$WORK/serve.out" 2>"$WORK/serve.err" &
MOCK_PID=$!
for ((i = 0; i < START_TIMEOUT_TENTHS; i++)); do
  [ -s "$WORK/serve.out" ] && break
  kill -0 "$MOCK_PID" 2>/dev/null || { echo "bench-harness: smapi-mock serve exited:" >&2; cat "$WORK/serve.err" >&2; exit 2; }
  sleep 0.1
done
SERVE_ADDR=$(head -n1 "$WORK/serve.out")
[ -n "$SERVE_ADDR" ] || { echo "bench-harness: smapi-mock serve printed no address" >&2; exit 2; }
wall_ns "$CONFORM" run --target "http://$SERVE_ADDR/" --quiet >/dev/null  # warm-up
best_serve="" best_dir=""
for ((round = 1; round <= ROUNDS; round++)); do
  serve=$(wall_ns "$CONFORM" run --target "http://$SERVE_ADDR/" --quiet)
  dir=$(wall_ns "$CONFORM" run --target "exec:$PLUGIN" --quiet)
  printf '    round %d  serve %s s   plugin-dir %s s\n' "$round" "$(seconds "$serve")" "$(seconds "$dir")"
  best_serve=$(min "$best_serve" "$serve") best_dir=$(min "$best_dir" "$dir")
done
kill "$MOCK_PID" 2>/dev/null || true
wait "$MOCK_PID" 2>/dev/null || true
MOCK_PID=""
SERVE_S=$(seconds "$best_serve")
DIR_S=$(seconds "$best_dir")

# --- 4. a tree of plugins ------------------------------------------------------------
echo "==> a tree of $TREE_SIZE mock plugins at --jobs 1 and --jobs 2, $ROUNDS rounds"
TREE=$WORK/tree
for ((i = 0; i < TREE_SIZE; i++)); do
  if ((i % 2 == 0)); then
    "$MOCK" plugin-dir "$TREE/volume/org.xen.xapi.storage.mock$i" >/dev/null
  else
    "$MOCK" plugin-dir "$TREE/datapath/mock$i" --kind datapath >/dev/null
  fi
done
# The fleet run judges each plugin: a tree that is not conformant as a whole
# means the benchmark measured something else, so the verdict is checked.
"$CONFORM" run --target "$TREE" --jobs 2 --quiet >/dev/null 2>"$WORK/tree.err" \
  || { echo "bench-harness: the tree of mock plugins was not judged conformant:" >&2; cat "$WORK/tree.err" >&2; exit 2; }
best_j1="" best_j2=""
for ((round = 1; round <= ROUNDS; round++)); do
  j1=$(wall_ns "$CONFORM" run --target "$TREE" --jobs 1 --quiet)
  j2=$(wall_ns "$CONFORM" run --target "$TREE" --jobs 2 --quiet)
  printf '    round %d  --jobs 1 %s s   --jobs 2 %s s\n' "$round" "$(seconds "$j1")" "$(seconds "$j2")"
  best_j1=$(min "$best_j1" "$j1") best_j2=$(min "$best_j2" "$j2")
done
JOBS_SPEEDUP=$(awk -v a="$best_j1" -v b="$best_j2" 'BEGIN {printf "%.2f", a / b}')
# What two CPUs give this machine's process creation at best: the bare loop
# of section 1, twice in a row against two at once. The harness's speed-up
# cannot beat it by much, as its plugins' calls are such spawns.
echo "==> the bare loop: twice in a row and two at once, $ROUNDS rounds"
best_b1="" best_b2=""
for ((round = 1; round <= ROUNDS; round++)); do
  start=$(now_ns)
  "$WORK/bare_spawn" "$CALLS" "$WORK/args.json" "$PLUGIN/Plugin.Query" >/dev/null
  "$WORK/bare_spawn" "$CALLS" "$WORK/args.json" "$PLUGIN/Plugin.Query" >/dev/null
  b1=$(($(now_ns) - start))
  start=$(now_ns)
  "$WORK/bare_spawn" "$CALLS" "$WORK/args.json" "$PLUGIN/Plugin.Query" >/dev/null &
  "$WORK/bare_spawn" "$CALLS" "$WORK/args.json" "$PLUGIN/Plugin.Query" >/dev/null
  wait $!
  b2=$(($(now_ns) - start))
  printf '    round %d  in a row %s s   at once %s s\n' "$round" "$(seconds "$b1")" "$(seconds "$b2")"
  best_b1=$(min "$best_b1" "$b1") best_b2=$(min "$best_b2" "$b2")
done
BARE_SPEEDUP=$(awk -v a="$best_b1" -v b="$best_b2" 'BEGIN {printf "%.2f", a / b}')

# --- verdict --------------------------------------------------------------------
verdict() {  # verdict AWK-CONDITION -> "ok" / "MISSED"
  if awk "BEGIN {exit !($1)}"; then echo ok; else echo MISSED; fi
}
v_call=$(verdict "$CALL_RATIO <= $TARGET_CALL_RATIO_MAX")
v_serve=$(verdict "$SERVE_S <= $TARGET_SERVE_MAX_S")
v_dir=$(verdict "$DIR_S <= $TARGET_PLUGIN_DIR_MAX_S")
v_jobs=$(verdict "$JOBS_SPEEDUP >= $TARGET_JOBS_SPEEDUP_MIN")
failed=0
for v in "$v_call" "$v_serve" "$v_dir" "$v_jobs"; do [ "$v" = ok ] || failed=1; done

echo
echo "smapi-conform benchmark ($(nproc) CPUs, $ROUNDS rounds)"
printf '%-40s %-24s %-10s %s\n' measure value target result
printf '%-40s %-24s %-10s %s\n' "us/call harness / bare loop (mean)" "$HARNESS_US / $BARE_US" "" ""
printf '%-40s %-24s %-10s %s\n' "cost per call ratio harness/bare" "$CALL_RATIO" "<= $TARGET_CALL_RATIO_MAX" "$v_call"
printf '%-40s %-24s %-10s %s\n' "default suite vs serve (best)" "$SERVE_S s" "<= $TARGET_SERVE_MAX_S" "$v_serve"
printf '%-40s %-24s %-10s %s\n' "default suite vs plugin-dir (best)" "$DIR_S s" "<= $TARGET_PLUGIN_DIR_MAX_S" "$v_dir"
printf '%-40s %-24s %-10s %s\n' "tree of $TREE_SIZE, --jobs 1 / --jobs 2 (best)" \
  "$(seconds "$best_j1") s / $(seconds "$best_j2") s" "" ""
printf '%-40s %-24s %-10s %s\n' "tree speed-up --jobs 2 over --jobs 1" "$JOBS_SPEEDUP" ">= $TARGET_JOBS_SPEEDUP_MIN" "$v_jobs"
printf '%-40s %-24s %-10s %s\n' "bare loop speed-up, two at once" "$BARE_SPEEDUP" "" "(this machine's ceiling)"
printf '%-40s %s\n' "load average before / after" "$LOAD_BEFORE / $(cut -d' ' -f1-3 /proc/loadavg)"

if [ "$failed" -ne 0 ] && [ "$REPORT_ONLY" -eq 0 ]; then
  echo "bench-harness: a target was missed" >&2
  exit 1
fi
exit 0
