#!/usr/bin/env bash
# System packages the tests use (Debian): Chromium for end-to-end tests, PostgreSQL for the server
# tests, Kamailio + rtpengine + sipp for the telephony rig. Idempotent; needs root (as on CI).
set -euo pipefail
packages=(chromium postgresql kamailio kamailio-websocket-modules sip-tester rtpengine-daemon)
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing system packages: ${missing[*]} (install them as root: apt-get install ${missing[*]})" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
