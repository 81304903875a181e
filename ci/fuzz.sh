#!/usr/bin/env bash
# libFuzzer runs of the code that reads untrusted bytes (fuzz/). Builds the
# fuzz project with clang-14 in build-fuzz/, seeds each target's corpus from
# fixtures/ (vectors, mock configs, CONTRACT.md wire examples), then fuzzes.
#
#   ci/fuzz.sh --smoke   each target for SMAPI_FUZZ_SMOKE_SECONDS (default 15 s),
#                        SMAPI_FUZZ_JOBS (default 2) targets at a time;
#                        CI runs this after the test suite
#   ci/fuzz.sh --long    each target for SMAPI_FUZZ_LONG_SECONDS (default 600 s),
#                        keeping the grown corpus in build-fuzz/corpus/
#   ci/fuzz.sh --build   build only
#
# A crash, leak, sanitizer report or timeout fails the script; the input that
# caused it is saved as build-fuzz/artifacts/<target>-crash-<sha1> and can be
# replayed with: build-fuzz/bin/<target> build-fuzz/artifacts/<file>
set -euo pipefail
cd "$(dirname "$0")/.."
source ci/deps.sh
SMAPI_PACKAGES+=(clang-14 libclang-rt-14-dev)
smapi_install_deps

MODE=${1:---smoke}
SMOKE_SECONDS=${SMAPI_FUZZ_SMOKE_SECONDS:-15}
LONG_SECONDS=${SMAPI_FUZZ_LONG_SECONDS:-600}
# One input taking longer than this is reported as a hang.
INPUT_TIMEOUT_SECONDS=${SMAPI_FUZZ_INPUT_TIMEOUT:-10}
# Longest generated input, in bytes (seeds may be longer).
MAX_LEN=${SMAPI_FUZZ_MAX_LEN:-16384}
# Memory a target may use before libFuzzer reports it (Boost.JSON + ASan ~450 MB).
RSS_LIMIT_MB=${SMAPI_FUZZ_RSS_LIMIT_MB:-2048}
TARGETS=(fuzz_exec_reply fuzz_jsonrpc_response fuzz_jsonrpc_request fuzz_xmlrpc fuzz_mock_config fuzz_mock_http)
OUT=build-fuzz

case "$MODE" in
  --smoke) SECONDS_PER_TARGET=$SMOKE_SECONDS ;;
  --long) SECONDS_PER_TARGET=$LONG_SECONDS ;;
  --build) SECONDS_PER_TARGET=0 ;;
  *) echo "usage: ci/fuzz.sh [--smoke|--long|--build]" >&2; exit 2 ;;
esac

echo "==> building the fuzz targets (clang-14, $OUT/)"
CC=clang-14 CXX=clang++-14 cmake -S fuzz -B "$OUT" -G Ninja >/dev/null
cmake --build "$OUT" -j 2
[ "$SECONDS_PER_TARGET" = 0 ] && exit 0

# ---- seeds ------------------------------------------------------------------
SEEDS=$OUT/seeds
rm -rf "$SEEDS"
for t in "${TARGETS[@]}"; do mkdir -p "$SEEDS/$t" "$OUT/corpus/$t"; done
mkdir -p "$OUT/artifacts"

seed() {  # seed TARGET NAME TEXT
  printf '%s' "$3" >"$SEEDS/$1/$2"
}
for v in fixtures/vectors/query_result/*.json; do
  name=$(basename "$v" .json)
  # fuzz_exec_reply: the first byte picks the exit (0 exited 0, 1 exited 1, 2 signalled).
  { printf '\0'; cat "$v"; } >"$SEEDS/fuzz_exec_reply/$name"
  cp "$v" "$SEEDS/fuzz_jsonrpc_response/raw_$name"
  { printf '{"result":'; cat "$v"; printf ',"error":null,"id":2}'; } >"$SEEDS/fuzz_jsonrpc_response/v1_$name"
  { printf '{"jsonrpc":"2.0","result":'; cat "$v"; printf ',"id":2}'; } >"$SEEDS/fuzz_jsonrpc_response/v2_$name"
done
{ printf '\1'; printf '%s' '{"code":"SR_BACKEND_FAILURE","params":["Unimplemented","Plugin.ls"],"backtrace":{"error":"x","files":["f"],"lines":[1]}}'; } \
  >"$SEEDS/fuzz_exec_reply/error_unimplemented"
{ printf '\2'; printf 'partial'; } >"$SEEDS/fuzz_exec_reply/signalled"
# What only xapi's reader (Yojson) takes: comments, bare keys, NaN, repeats, escapes, depth.
{ printf '\0'; printf '%s' '/* c */ {plugin: NaN, "a": [Infinity, -Infinity, 1e400], "a": "\udc00\ud83d\ude00", "b": {"c": 1, "C": 2, "c": 3}} // e'; } \
  >"$SEEDS/fuzz_exec_reply/yojson_extensions"
{ printf '\0'; printf '%*s' 300 '' | tr ' ' '['; printf '%*s' 300 '' | tr ' ' ']'; } >"$SEEDS/fuzz_exec_reply/deep"
{ printf '\1'; printf '%s' '{"Code":"A","code":"B","params":[],"backtrace":{"error":"e","files":[],"lines":["0x1f","1_0",-3]}}'; } \
  >"$SEEDS/fuzz_exec_reply/error_record_variants"
seed fuzz_jsonrpc_response v1_error '{"result":null,"error":["Unimplemented","Plugin.ls"],"id":3}'
seed fuzz_jsonrpc_response v2_error '{"jsonrpc":"2.0","error":{"code":-32000,"message":"m","data":["Unimplemented","Plugin.ls"]},"id":2}'
seed fuzz_jsonrpc_request v1 '{"method":"Plugin.query","params":[{"dbg":"debug"}],"id":2}'
seed fuzz_jsonrpc_request v2 '{"jsonrpc":"2.0","method":"Plugin.ls","params":{"dbg":"d"},"id":2}'
seed fuzz_jsonrpc_request diag '{"method":"Plugin.diagnostics","params":[{"dbg":5}],"id":"x"}'
seed fuzz_jsonrpc_request unknown '{"method":"Plugin.Query","params":[{}],"id":null}'
cp fixtures/vectors/xmlrpc/request/* fixtures/vectors/xmlrpc/response/* "$SEEDS/fuzz_xmlrpc/" 2>/dev/null || true
cp fixtures/mock-configs/*.json "$SEEDS/fuzz_mock_config/"
body='{"method":"Plugin.query","params":[{"dbg":"debug"}],"id":2}'
seed fuzz_mock_http post "$(printf 'POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s' ${#body} "$body")"
seed fuzz_mock_http chunked "$(printf 'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n%x\r\n%s\r\n0\r\n\r\n' ${#body} "$body")"
seed fuzz_mock_http get "$(printf 'GET /admin/config HTTP/1.0\r\n\r\n')"

# ---- fuzz -------------------------------------------------------------------
# Targets run JOBS at a time (each libFuzzer process is single-threaded).
JOBS=${SMAPI_FUZZ_JOBS:-2}

fuzz_one() {  # fuzz_one TARGET: fuzzes it; its exit status says whether it failed
  "$OUT/bin/$1" "$OUT/corpus/$1" "$SEEDS/$1" \
    -max_total_time="$SECONDS_PER_TARGET" -timeout="$INPUT_TIMEOUT_SECONDS" \
    -max_len="$MAX_LEN" -rss_limit_mb="$RSS_LIMIT_MB" -print_final_stats=1 \
    -artifact_prefix="$OUT/artifacts/$1-" >"$OUT/$1.log" 2>&1
}

failed=()
for ((first = 0; first < ${#TARGETS[@]}; first += JOBS)); do
  batch=("${TARGETS[@]:first:JOBS}")
  echo "==> ${batch[*]} for ${SECONDS_PER_TARGET}s"
  pids=()
  for t in "${batch[@]}"; do fuzz_one "$t" & pids+=($!); done
  for i in "${!batch[@]}"; do
    t=${batch[$i]}
    if ! wait "${pids[$i]}"; then
      failed+=("$t")
      grep -E "ERROR|SUMMARY|Test unit written" "$OUT/$t.log" | head -5 >&2 || true
    fi
    echo "$t: $(grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$OUT/$t.log" | tr '\n' ' ' || true)"
  done
done
if [ ${#failed[@]} -ne 0 ]; then
  echo "fuzzing found problems in: ${failed[*]} (logs: $OUT/<target>.log, inputs: $OUT/artifacts/)" >&2
  exit 1
fi
echo "==> fuzzing: no crash in ${#TARGETS[@]} targets"
