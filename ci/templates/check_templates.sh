#!/usr/bin/env bash
# The CI templates, run here: check_templates.sh CONFORM_BIN SOURCE_DIR
#
# Builds a plugin tree of fixture plugins (three good ones, one with a MUST
# defect) and judges it once unsharded. Then two shards by hand (run --shard
# 1/2 and 2/2, merge), and each template's commands (run_locally.py: every
# shard job, then the merge job): each merge must exit 1 (non-conformant),
# and its report.json equal the unsharded run's apart from timings; the
# templates' merged reports must be valid and agree (check_formats.py).
# Uses Debian's /usr/bin/python3 with python3-yaml and python3-jsonschema.
set -euo pipefail

conform=$(realpath "$1") source=$(realpath "$2")
here=$(cd "$(dirname "$0")" && pwd)
python=/usr/bin/python3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if ! "$python" -c 'import yaml, jsonschema' 2>/dev/null; then
  echo "check_templates.sh: $python needs python3-yaml and python3-jsonschema (ci/deps.sh installs them)" >&2
  exit 1
fi

# The tree, as /usr/libexec/xapi-storage-script holds plugins.
tree=$work/xapi-storage-script
plugins=$source/fixtures/plugins
mkdir -p "$tree/volume" "$tree/datapath"
ln -s "$plugins/good/ext4-ng/volume/org.xen.xapi.storage.ext4-ng" "$tree/volume/org.xen.xapi.storage.ext4-ng"
ln -s "$plugins/good/gfs2-api3/volume/org.xen.xapi.storage.gfs2" "$tree/volume/org.xen.xapi.storage.gfs2"
ln -s "$plugins/good/tapdisk/datapath/tapdisk" "$tree/datapath/tapdisk"
ln -s "$plugins/defects/diag-answers/volume/org.xen.xapi.storage.ext4-ng" "$tree/volume/org.xen.xapi.storage.baddiag"

# Fewer calls per plugin: the test is about the templates, not the checks.
light="--no-probes --repeat 2 --concurrency 1"

# From a directory like a CI job's: SARIF paths are relative to the working
# directory, or to a plugin's parent when it lies outside it.
status=0
mkdir -p "$work/unsharded"
(cd "$work/unsharded" && "$conform" run --target "$tree" --report-dir "$work/whole" --format json $light --quiet \
  >/dev/null) || status=$?
[ "$status" -eq 1 ] || { echo "the unsharded run exited $status, expected 1 (non-conformant)" >&2; exit 1; }

# Equal apart from timings: same.py UNSHARDED MERGED NAME.
cat >"$work/same.py" <<'PY'
import json, re, sys

# Timings: start times, durations, and the milliseconds a message quotes
# ("the slowest took 1060 ms of 30000 ms").
def without_timings(value):
    if isinstance(value, dict):
        return {k: without_timings(v) for k, v in value.items() if k not in ("started_at", "duration_ms", "elapsed_ms")}
    if isinstance(value, list):
        return [without_timings(v) for v in value]
    if isinstance(value, str):
        return re.sub(r"\b\d+ ms\b", "N ms", value)
    return value

def differences(a, b, path="$"):
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            yield from differences(a.get(key), b.get(key), f"{path}.{key}")
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b)):
            yield from differences(x, y, f"{path}[{i}]")
    elif a != b:
        yield f"{path}: {json.dumps(a)[:160]} (unsharded) vs {json.dumps(b)[:160]} (merged)"

whole, merged = (without_timings(json.load(open(f))) for f in sys.argv[1:3])
found = list(differences(whole, merged))
for line in found[:10]:
    print(f"{sys.argv[3]}: {line}", file=sys.stderr)
if found:
    sys.exit(1)
names = [m["name"] for m in merged["members"]]
print(f"{sys.argv[3]}: merged {len(names)} plugins, verdict {merged['summary']['verdict']}, "
      "equal to the unsharded run apart from timings")
PY

# Two shards by hand, merged, equal the unsharded run.
for k in 1 2; do
  status=0
  (cd "$work/unsharded" && "$conform" run --target "$tree" --shard "$k/2" --report-dir "$work/by-hand/$k" \
    --format json $light --quiet >/dev/null) || status=$?
  [ "$status" -le 1 ] || { echo "shard $k/2 exited $status" >&2; exit 1; }
done
status=0
"$conform" merge "$work/by-hand/merged" "$work/by-hand/1/report.json" "$work/by-hand/2/report.json" >/dev/null || status=$?
[ "$status" -eq 1 ] || { echo "merging two shards exited $status, expected 1 (non-conformant)" >&2; exit 1; }
"$python" "$work/same.py" "$work/whole/report.json" "$work/by-hand/merged/report.json" "two shards"

for template in github:github-actions.yml gitlab:gitlab-ci.yml; do
  kind=${template%%:*} file=${template#*:}
  echo "== $file"
  status=0
  "$python" "$here/run_locally.py" "$kind" "$here/$file" --workdir "$work/$kind" \
    --set "SMAPI_CONFORM=$conform" --set "PLUGIN_TREE=$tree" --set "RUN_ARGS=$light --quiet" \
    >"$work/$kind.log" 2>&1 || status=$?
  if [ "$status" -ne 1 ]; then
    echo "$file: the merge job exited $status, expected 1 (non-conformant):" >&2
    cat "$work/$kind.log" >&2
    exit 1
  fi
  merged=$work/$kind/work/merged
  shards=$(ls "$work/$kind/work"/*/shard-*/report.json | wc -l)
  [ "$shards" -ge 2 ] || { echo "$file: expected at least 2 shard reports, found $shards" >&2; exit 1; }
  for format in report.json junit.xml report.html summary.md report.tap report.sarif; do
    [ -s "$merged/$format" ] || { echo "$file: the merge wrote no $format" >&2; exit 1; }
  done
  "$python" "$source/reports/schema/validate.py" "$merged/report.json"
  "$python" "$source/reports/schema/check_formats.py" "$merged"
  "$python" "$work/same.py" "$work/whole/report.json" "$merged/report.json" "$file"
done
