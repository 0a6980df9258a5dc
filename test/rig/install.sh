#!/usr/bin/env bash
# Installs the rig's Debian packages when missing (CI machines start without them).
# Needs root (apt-get); does nothing when everything is already there.
set -euo pipefail

need=()
command -v kamailio >/dev/null || need+=(kamailio)
[[ -f /usr/lib/x86_64-linux-gnu/kamailio/modules/websocket.so ]] || ls /usr/lib/*/kamailio/modules/websocket.so >/dev/null 2>&1 || need+=(kamailio-websocket-modules)
command -v rtpengine >/dev/null || need+=(rtpengine-daemon)
command -v sipp >/dev/null || need+=(sip-tester)

if [[ ${#need[@]} -eq 0 ]]; then
  echo "rig: packages already installed"
  exit 0
fi

echo "rig: installing ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# No recommends: rtpengine's kernel module (dkms) is not wanted, the rig runs in userspace.
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
echo "rig: installed ${need[*]}"
