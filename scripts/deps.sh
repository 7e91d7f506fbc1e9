#!/usr/bin/env bash
# Installs the Debian 12 packages crmrules needs, when any is missing. Sourced by the
# README's two commands; safe to run again. Needs root (or sudo) only when installing.
set -euo pipefail

CRM_DEBIAN_PACKAGES=(
  build-essential cmake ninja-build pkg-config ccache
  libboost1.81-dev libxxhash-dev libssl-dev libnlopt-cxx-dev catch2 libbenchmark-dev
  python3 python3-dev python3-cffi python3-pytest python3-setuptools python3-pip python3-pandas python3-numpy python3-dask python3-distributed
  clang-19 libclang-rt-19-dev
  libcli11-dev python3-jsonschema libpugixml-dev
)

crm_missing_packages() {
  local p
  for p in "${CRM_DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"
  done
}

missing=$(crm_missing_packages)
if [ -n "$missing" ]; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  echo "crmrules: installing Debian packages: $(echo $missing)"
  $sudo_cmd apt-get update -q
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -q --no-install-recommends $missing
fi
