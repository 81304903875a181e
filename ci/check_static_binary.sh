#!/usr/bin/env bash
# Proof that smapi-conform and smapi-mock are portable single files:
#  1. neither has a program interpreter or a dynamic section (readelf), so
#     no shared library is needed;
#  2. in an empty root holding only the two binaries, smapi-mock plugin-dir
#     writes a plugin directory and smapi-conform judges it conformant;
#  3. in the same root, with /etc/hosts and an /etc/nsswitch.conf whose
#     hosts line names only a service no system has, smapi-conform judges
#     http://mockhost:PORT/ (a smapi-mock serve outside the root): the static
#     binary ignores that line and uses glibc's built-in files and dns
#     services, so it never loads a service module
#     (harness/static_runtime.h). Without that, glibc tries to load
#     libnss_smapi-absent-service.so.2 and the lookup fails. smapi-mock
#     record, the mock's one client, records the same target by name;
#  4. with an openssl.cnf in the root (where the static libcrypto looks)
#     naming a provider module that does not exist, smapi-conform still
#     writes report.html (its CSP hashes are SHA-256): libcrypto reads no
#     configuration (reports/detail/sha256.cpp).
#
#   ci/check_static_binary.sh SMAPI_CONFORM SMAPI_MOCK [STATIC]
#
# STATIC is what the build means to do (CMake's SMAPI_STATIC_EXPECTED of both
# programs, ON by default): OFF for a sanitizer build or with a
# SMAPI_*_STATIC_RUNTIME option OFF. With ON, a program that a missing static
# archive left dynamic fails here. Exits 0 when all hold, 1 when one does
# not, 77 (ctest: skipped) when STATIC is OFF or when this user can neither
# chroot nor unshare -r. Needs readelf (binutils), chroot and
# unshare (util-linux); the empty root is made with chroot as root, otherwise
# in a user namespace (unshare -r).
set -euo pipefail

conform="${1:?usage: check_static_binary.sh SMAPI_CONFORM SMAPI_MOCK}"
mock="${2:?usage: check_static_binary.sh SMAPI_CONFORM SMAPI_MOCK}"
skip() { echo "SKIPPED: $*"; exit 77; }
fail() { echo "FAILED: $*" >&2; exit 1; }
case "${3:-ON}" in
  ON) ;;
  OFF) skip "this build links dynamically (a sanitizer build, or a SMAPI_*_STATIC_RUNTIME option is OFF)" ;;
  *) fail "STATIC must be ON or OFF, got '$3'" ;;
esac

# 1. Nothing dynamic.
for bin in "$conform" "$mock"; do
  [[ -x "$bin" ]] || fail "$bin is not an executable"
  if readelf -lW "$bin" | grep -q 'INTERP'; then
    fail "$(basename "$bin") needs a program interpreter: $(readelf -lW "$bin" | grep -o 'interpreter: [^]]*')"
  fi
  readelf -dW "$bin" | grep -q 'There is no dynamic section' ||
    fail "$(basename "$bin") has a dynamic section: $(readelf -dW "$bin" | grep NEEDED | tr -s ' ' | head -5)"
  echo "ok: $(basename "$bin") has no interpreter and no dynamic section"
done

work="$(mktemp -d)"
mock_pid=""
cleanup() {
  if [[ -n "$mock_pid" ]]; then kill "$mock_pid" 2>/dev/null || true; wait "$mock_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
root="$work/root"
mkdir -p "$root/bin" "$root/proc"
cp "$conform" "$root/bin/smapi-conform"
cp "$mock" "$root/bin/smapi-mock"

# How this user enters the root: chroot as root, else a user namespace.
enter=()
if [[ "$(id -u)" -eq 0 ]] && chroot "$root" /bin/smapi-conform --version >/dev/null 2>&1; then
  enter=(chroot)
elif unshare -r chroot "$root" /bin/smapi-conform --version >/dev/null 2>&1; then
  enter=(unshare -r chroot)
else
  skip "this user can neither chroot nor unshare -r (user namespaces off?); the readelf checks above passed"
fi
in_root() { "${enter[@]}" "$root" "$@"; }
echo "ok: entering the empty root with: ${enter[*]}"

# 2. plugin-dir links the plugin's scripts to the binary it runs as, read
# from /proc/self/exe: a private /proc is mounted for it alone.
plugin=/plugins/volume/org.xen.xapi.storage.mock
"${enter[@]:0:${#enter[@]}-1}" unshare --mount --pid --fork --mount-proc="$root/proc" \
  chroot "$root" /bin/smapi-mock plugin-dir "$plugin" >/dev/null ||
  fail "smapi-mock plugin-dir failed in the empty root"
[[ "$(readlink "$root$plugin/Plugin.Query")" == /bin/smapi-mock ]] ||
  fail "Plugin.Query links to $(readlink "$root$plugin/Plugin.Query"), not /bin/smapi-mock"
rmdir "$root/proc"  # judged below with no /proc at all
echo "root holds: $(cd "$root" && find . -mindepth 1 | sort | tr '\n' ' ')"

in_root /bin/smapi-conform run --target "exec:$plugin" --quiet --report-dir /out --format json \
  > "$work/exec.out" 2>&1 || { cat "$work/exec.out"; fail "smapi-conform did not judge the exec plugin conformant"; }
grep -q '^verdict: conformant' "$work/exec.out" || { cat "$work/exec.out"; fail "no conformant verdict"; }
[[ -s "$root/out/report.json" ]] || fail "no /out/report.json in the root"
echo "ok: the static smapi-conform judged smapi-mock's plugin directory conformant in the empty root"

# 3. A host name through /etc/hosts, whatever nsswitch.conf says.
"$mock" serve --listen 127.0.0.1:0 --allow-host mockhost > "$work/serve.out" 2> "$work/serve.err" &
mock_pid=$!
for _ in $(seq 100); do
  [[ -s "$work/serve.out" ]] && break
  kill -0 "$mock_pid" 2>/dev/null || { cat "$work/serve.err"; fail "smapi-mock serve exited"; }
  sleep 0.05
done
port="$(head -1 "$work/serve.out" | sed 's/.*://')"
[[ "$port" =~ ^[0-9]+$ ]] || fail "smapi-mock serve printed no port: $(cat "$work/serve.out" "$work/serve.err")"
mkdir -p "$root/etc"
echo "127.0.0.1 mockhost" > "$root/etc/hosts"
echo "hosts: smapi-absent-service" > "$root/etc/nsswitch.conf"
in_root /bin/smapi-conform run --target "http://mockhost:$port/" --quiet > "$work/http.out" 2>&1 ||
  { cat "$work/http.out"; fail "smapi-conform could not judge http://mockhost:$port/ from the empty root"; }
grep -q '^verdict: conformant' "$work/http.out" || { cat "$work/http.out"; fail "no conformant verdict over HTTP"; }
echo "ok: the static smapi-conform found mockhost in /etc/hosts and judged http://mockhost:$port/ conformant"
in_root /bin/smapi-mock record --target "http://mockhost:$port/" --out /recorded.json > "$work/record.out" 2>&1 ||
  { cat "$work/record.out"; fail "smapi-mock record could not record http://mockhost:$port/ from the empty root"; }
[[ -s "$root/recorded.json" ]] || fail "smapi-mock record wrote no /recorded.json"
echo "ok: the static smapi-mock record found mockhost in /etc/hosts too"

# 4. A host's openssl.cnf naming a provider that cannot be loaded.
mkdir -p "$root/usr/lib/ssl"
printf '%s\n' 'config_diagnostics = 1' 'openssl_conf = openssl_init' '[openssl_init]' \
  'providers = provider_sect' '[provider_sect]' 'absent = absent_sect' '[absent_sect]' \
  'module = /nonexistent/smapi-absent-provider.so' 'activate = 1' > "$root/usr/lib/ssl/openssl.cnf"
in_root /bin/smapi-conform run --target "exec:$plugin" --quiet --report-dir /out-ssl --format html \
  > "$work/ssl.out" 2>&1 || { cat "$work/ssl.out"; fail "smapi-conform failed with an openssl.cnf in the root"; }
[[ -s "$root/out-ssl/report.html" ]] || { cat "$work/ssl.out"; fail "no report.html with an openssl.cnf in the root"; }
echo "ok: an openssl.cnf naming a missing provider does not stop the static smapi-conform's reports"
