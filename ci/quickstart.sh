#!/usr/bin/env bash
# Quick start on a fresh Debian 12 machine: install dependencies, build
# (Release), start the reference mock plugin, judge it with the harness, and
# print the verdict, where report.html is, and the Markdown summary
# (ci/quickstart_judge.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
source ci/deps.sh
smapi_install_deps

echo "==> configuring and building (Release)"
cmake --preset release -DSMAPI_BUILD_TESTS=OFF >/dev/null
# Every target, not only the two programs: `cmake --install build` installs
# the libraries of the smapi-mock package too.
cmake --build --preset release

exec ci/quickstart_judge.sh build/bin out/quickstart
