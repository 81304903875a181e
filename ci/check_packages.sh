#!/usr/bin/env bash
# Proof of the packages (cmake/SmapiPackage.cmake), from an already built
# tree: cpack makes the .deb, .rpm and .tar.gz into WORK_DIR, then
#  - the .deb declares no dependency, installs into a scratch root (dpkg
#    --root with its own database; dpkg -x where that is refused) and both
#    programs run from there: --version, and the installed smapi-conform
#    judges a plugin directory the installed smapi-mock writes;
#  - the .rpm (rpm -qp) has the project's name and version, requires nothing
#    but rpm's own features (rpmlib(...)), and holds the .deb's files; as
#    root it is also installed (rpm --root, a scratch database) and run;
#  - the .tar.gz holds the same files under one top directory, and its
#    smapi-conform runs from where it was unpacked.
# Every package holds both programs, the report schema, the generated
# requirements (docs/requirements.md), and the man pages and completion.
#
#   ci/check_packages.sh BUILD_DIR WORK_DIR [CPACK [STATIC]]
#
# STATIC (ON by default) is whether the build is meant to link both programs
# statically (CMake's SMAPI_STATIC_EXPECTED); packages are made from such a
# build only, so with OFF (a sanitizer build) this exits 77 (ctest: skipped).
# Needs dpkg-deb, rpm and rpmbuild (the rpm package; ci/deps.sh installs it)
# and readelf.
set -euo pipefail

usage="usage: check_packages.sh BUILD_DIR WORK_DIR [CPACK [STATIC]]"
build="${1:?$usage}"
work="$(realpath -m "${2:?$usage}")"
cpack="${3:-cpack}"
fail() { echo "FAILED: $*" >&2; exit 1; }
case "${4:-ON}" in
  ON) ;;
  OFF) echo "SKIPPED: this build links dynamically (a sanitizer build?); packages come from a static one (ci/package.sh)"
       exit 77 ;;
  *) fail "STATIC must be ON or OFF, got '$4'" ;;
esac
for tool in dpkg-deb dpkg rpm rpmbuild tar readelf; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (ci/deps.sh installs what this needs)"
done

rm -rf "$work"
mkdir -p "$work"
"$cpack" --config "$build/CPackConfig.cmake" -G "DEB;RPM;TGZ" -B "$work" > "$work/cpack.log" 2>&1 ||
  { cat "$work/cpack.log"; fail "cpack failed"; }
one() {  # the single file matching a glob in $work
  local found=("$work"/$1)
  [[ ${#found[@]} -eq 1 && -f "${found[0]}" ]] || fail "expected one $1 in $work, found: ${found[*]}"
  echo "${found[0]}"
}
deb="$(one '*.deb')"; rpm="$(one '*.rpm')"; tgz="$(one '*.tar.gz')"
echo "made: $(basename "$deb") $(basename "$rpm") $(basename "$tgz")"

# Paths every package holds, relative to its prefix: the programs, the
# schema, the generated requirements, and the man pages and bash completion
# the build generates (into BUILD_DIR/share, as installed).
required=(bin/smapi-conform bin/smapi-mock share/smapi-conform/report.schema.json
          share/doc/smapi-conformance/requirements.md)
for program in smapi-conform smapi-mock; do
  for generated in share/man/man1/$program.1 share/bash-completion/completions/$program; do
    [[ -f "$build/$generated" ]] && required+=("$generated")
  done
done
echo "every package must hold: ${required[*]}"
holds_required() {  # $1: package name, stdin: its file list relative to the prefix
  local list; list="$(cat)"
  for path in "${required[@]}"; do
    grep -qx "$path" <<< "$list" || fail "$1 does not hold $path"
  done
}

# --- .deb ---------------------------------------------------------------
name="$(dpkg-deb -f "$deb" Package)"; version="$(dpkg-deb -f "$deb" Version)"
[[ "$name" == smapi-conformance ]] || fail ".deb Package is '$name'"
[[ -z "$(dpkg-deb -f "$deb" Depends Pre-Depends Recommends)" ]] ||
  fail ".deb declares dependencies: $(dpkg-deb -f "$deb" Depends Pre-Depends Recommends)"
[[ -n "$(dpkg-deb -f "$deb" Maintainer)" && -n "$(dpkg-deb -f "$deb" Description)" ]] ||
  fail ".deb has no Maintainer or Description"
dpkg-deb --fsys-tarfile "$deb" | tar -t | sed -n 's|^\./usr/||p' | grep -v '/$' | grep . | sort > "$work/deb.files"
holds_required .deb < "$work/deb.files"

root="$work/root"
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
touch "$root/var/lib/dpkg/status"
if dpkg --root="$root" --admindir="$root/var/lib/dpkg" --log=/dev/null --force-not-root \
     --force-script-chrootless -i "$deb" > "$work/dpkg.log" 2>&1; then
  echo "ok: dpkg -i into a scratch root: $(dpkg --root="$root" --admindir="$root/var/lib/dpkg" -l "$name" | tail -1 | tr -s ' ')"
else
  echo "dpkg --root refused ($(tail -1 "$work/dpkg.log")); unpacking with dpkg -x"
  dpkg -x "$deb" "$root"
fi
bin="$root/usr/bin"
for program in smapi-conform smapi-mock; do
  out="$("$bin/$program" --version)" || fail "the installed $program --version failed"
  [[ "$out" == "$program $version" ]] || fail "the installed $program says '$out', the package is $version"
  ! readelf -lW "$bin/$program" | grep -q INTERP || fail "the packaged $program is linked dynamically"
done
plugin="$work/plugins/volume/org.xen.xapi.storage.pkg"
"$bin/smapi-mock" plugin-dir "$plugin" > /dev/null || fail "the installed smapi-mock plugin-dir failed"
[[ "$(readlink "$plugin/Plugin.Query")" == "$bin/smapi-mock" ]] || fail "the plugin does not run the installed smapi-mock"
"$bin/smapi-conform" run --target "exec:$plugin" --quiet > "$work/run.out" 2>&1 ||
  { cat "$work/run.out"; fail "the installed smapi-conform did not judge the installed mock conformant"; }
grep -q '^verdict: conformant' "$work/run.out" || { cat "$work/run.out"; fail "no conformant verdict"; }
echo "ok: the installed programs run; smapi-conform judged smapi-mock's plugin directory conformant"

# --- .rpm ---------------------------------------------------------------
[[ "$(rpm -qp --qf '%{NAME} %{VERSION}' "$rpm" 2>/dev/null)" == "$name $version" ]] ||
  fail ".rpm is '$(rpm -qp --qf '%{NAME} %{VERSION}' "$rpm" 2>/dev/null)', not '$name $version'"
requires="$(rpm -qpR "$rpm" 2>/dev/null | grep -v '^rpmlib(' || true)"
[[ -z "$requires" ]] || fail ".rpm requires: $requires"
# rpm -qlp lists the directories the package owns too; the .deb's list has
# files only. Every file is under /usr.
rpm -qlp "$rpm" 2>/dev/null > "$work/rpm.list"
[[ -z "$(grep -v '^/usr/' "$work/rpm.list")" ]] || fail ".rpm installs outside /usr: $(grep -v '^/usr/' "$work/rpm.list" | head -3)"
rpm -qp --qf '[%{FILEMODES:perms} %{FILENAMES}\n]' "$rpm" 2>/dev/null |
  sed -n 's|^[^d][^ ]* /usr/||p' | sort > "$work/rpm.files"
diff -u "$work/deb.files" "$work/rpm.files" > "$work/rpm.diff" ||
  { cat "$work/rpm.diff"; fail "the .rpm and the .deb hold different files"; }
echo "ok: .rpm $name $version requires only rpmlib features and holds the .deb's $(wc -l < "$work/rpm.files") files"
# Installed with rpm itself where this user may (as root: a scratch database).
rpm_root="$work/rpm-root"
mkdir -p "$rpm_root"
if rpm --root="$rpm_root" --initdb 2>/dev/null && rpm --root="$rpm_root" -i "$rpm" > "$work/rpm-i.log" 2>&1; then
  [[ "$("$rpm_root/usr/bin/smapi-conform" --version)" == "smapi-conform $version" ]] ||
    fail "smapi-conform installed from the .rpm does not run"
  echo "ok: rpm -i into a scratch root; its smapi-conform runs"
else
  echo "note: rpm -i into a scratch root was refused to this user ($(tail -1 "$work/rpm-i.log" 2>/dev/null)); the listing above stands"
fi

# --- .tar.gz ------------------------------------------------------------
top="$(basename "$tgz" .tar.gz)"
tar -tzf "$tgz" | grep -v '/$' | sed -n "s|^$top/||p" | sort > "$work/tgz.files"
[[ "$(tar -tzf "$tgz" | grep -vc "^$top/")" -eq 0 ]] || fail "the .tar.gz has entries outside $top/"
diff -u "$work/deb.files" "$work/tgz.files" > "$work/tgz.diff" ||
  { cat "$work/tgz.diff"; fail "the .tar.gz and the .deb hold different files"; }
mkdir "$work/unpacked"
tar -xzf "$tgz" -C "$work/unpacked"
[[ "$("$work/unpacked/$top/bin/smapi-conform" --version)" == "smapi-conform $version" ]] ||
  fail "smapi-conform from the .tar.gz does not run"
echo "ok: .tar.gz holds the same $(wc -l < "$work/tgz.files") files under $top/; its smapi-conform runs"
