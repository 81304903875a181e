#!/usr/bin/env bash
# Installs the Debian 12 packages the project builds and tests with. Sourced by
# quickstart.sh and test.sh. As root it runs apt-get; otherwise it prints the
# exact command to run and stops.
set -euo pipefail

SMAPI_PACKAGES=(
  g++ cmake ninja-build pkg-config
  lld              # the sanitizer build links with ld.lld (faster than ld.bfd on its large objects)
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libgtest-dev libgmock-dev libexpat1-dev libpugixml-dev
  python3          # the field-faithful fixture plugins are Python, like the field's
  python3-jsonschema  # reports/schema/validate.py checks every report.json against its schema
  python3-yaml     # ci/templates/run_locally.py reads the CI templates to run their commands in a test
  chromium         # the HTML report is tested in a real headless browser
  libssl-dev       # SHA-256 (libcrypto) for certification manifests and the HTML report's CSP
  openssh-client   # ssh-keygen -Y sign / verify for certification bundles
  zlib1g-dev       # verify reads .tar.gz certification bundles
  perl             # prove (TAP::Harness) reads report.tap in a test
  cmark-gfm        # summary.md is rendered as GitHub renders it in a test
  man-db groff-base  # the generated man pages are rendered with man -l and groff -ww in a test
  rpm              # ci/package.sh builds the .rpm (rpmbuild); its test reads it with rpm -qp
)

smapi_missing_packages() {
  local missing=() pkg
  for pkg in "${SMAPI_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  echo "${missing[@]}"
}

smapi_install_deps() {
  local missing
  missing=$(smapi_missing_packages)
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "smapi-conformance needs these Debian packages: $missing" >&2
    echo "Install them with:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends $missing" >&2
    exit 2
  fi
  echo "==> installing: $missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $missing
}
