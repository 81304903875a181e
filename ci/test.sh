#!/usr/bin/env bash
# The whole test suite, as CI runs it: install dependencies, build (Release,
# warnings as errors) and run every test through ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
source ci/deps.sh
smapi_install_deps

echo "==> configuring and building (Release, -Werror)"
cmake --preset ci -DSMAPI_BUILD_TESTS=ON >/dev/null
cmake --build --preset ci

echo "==> running the tests"
ctest --preset ci --output-junit "$PWD/build/ctest-junit.xml"
