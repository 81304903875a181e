#!/usr/bin/env bash
# The whole test suite under AddressSanitizer + UndefinedBehaviorSanitizer:
# builds the tree with the `asan` preset (build-asan/) and runs every test
# through ctest. Any sanitizer report fails the test that triggered it.
# Tests that only measure the plain build (memory bounds) skip themselves.
# Excluded here: smapi_mock_install_consumer (it installs this tree's static
# libraries, which are ASan-instrumented, into a consumer project built
# without the sanitizer, so the consumer cannot link; the plain suite runs it).
set -euo pipefail
cd "$(dirname "$0")/.."
source ci/deps.sh
smapi_install_deps

# Parallel compile jobs (the CI machines have 2 cores).
SMAPI_ASAN_JOBS=${SMAPI_ASAN_JOBS:-2}

echo "==> configuring and building with ASan + UBSan (build-asan/)"
cmake --preset asan -DSMAPI_BUILD_TESTS=ON >/dev/null
cmake --build --preset asan -j "$SMAPI_ASAN_JOBS"

# halt on the first report; UBSan prints where; leaks are errors too.
export ASAN_OPTIONS=${ASAN_OPTIONS:-halt_on_error=1:detect_leaks=1:detect_stack_use_after_return=1:strict_string_checks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}

echo "==> running the tests under ASan + UBSan"
SMAPI_ASAN_EXCLUDE=${SMAPI_ASAN_EXCLUDE:-^smapi_mock_install_consumer$}
ctest --preset asan --exclude-regex "$SMAPI_ASAN_EXCLUDE" --output-junit "$PWD/build-asan/ctest-junit.xml"
