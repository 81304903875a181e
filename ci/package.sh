#!/usr/bin/env bash
# Builds the packages: a Release build of its own (build-package/, no tests),
# then CPack makes the .deb, the .rpm and the .tar.gz (cmake/SmapiPackage.cmake)
# into out/packages/ and this prints where they are. Both programs in them are
# linked statically, so they run on any x86-64 Linux (README, "Install").
#
#   ci/package.sh [OUT_DIR]      default out/packages
set -euo pipefail
cd "$(dirname "$0")/.."
source ci/deps.sh
smapi_install_deps

out="${1:-out/packages}"
build=build-package

echo "==> configuring and building (Release, no tests) in $build/"
cmake --preset release -B "$build" -DSMAPI_BUILD_TESTS=OFF >/dev/null
cmake --build "$build"

echo "==> packaging"
rm -rf "$out"
mkdir -p "$out"
cpack --config "$build/CPackConfig.cmake" -G "DEB;RPM;TGZ" -B "$out" > "$build/cpack.log" 2>&1 ||
  { cat "$build/cpack.log"; exit 1; }
rm -rf "$out/_CPack_Packages"

echo "==> packages"
for file in "$out"/*.deb "$out"/*.rpm "$out"/*.tar.gz; do
  echo "$(cd "$(dirname "$file")" && pwd)/$(basename "$file")"
done
