#!/usr/bin/env bash
# Smoke check of a running rig, with sipp only (no browser):
#   a sipp party registers as EXT (digest auth), a sipp "customer" calls EXT through the trunk
#   account (proxy auth, plain RTP through rtpengine), the party answers and hangs up,
#   then the party unregisters. Exit 0 when the whole call succeeded.
#   test/rig/check.sh [EXT]      (default 1001; its password is read from users.txt)
set -euo pipefail
# shellcheck source=env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

ext="${1:-1001}"
password="$(awk -v u="$ext" '$1 == u { print $2 }' "$RIG_HOME/users.txt")"
trunk_password="$(awk '$1 == "trunk" { print $2 }' "$RIG_HOME/users.txt")"
[[ -n "$password" ]] || { echo "check: no password for $ext in users.txt" >&2; exit 2; }

work="$(mktemp -d)"
trap 'kill "$answer_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
cd "$work"
party_port=5962
proxy="127.0.0.1:$RIG_SIP_PORT"
sipp_common=(-i 127.0.0.1 -m 1 -nostdin -trace_err)

sipp -sf "$RIG_HOME/sipp/answer.xml" "${sipp_common[@]}" -p "$party_port" -mi 127.0.0.1 -mp 41010 \
  >answer.out 2>&1 &
answer_pid=$!

register() {
  sipp -sf "$RIG_HOME/sipp/register.xml" "${sipp_common[@]}" -p 5963 -s "$ext" -au "$ext" -ap "$password" \
    -key contact "sip:$ext@127.0.0.1:$party_port" -key expires "$1" "$proxy" >"register-$1.out" 2>&1
}

register 60 || { echo "check: REGISTER $ext failed" >&2; cat ./*errors.log >&2 2>/dev/null; exit 1; }
echo "check: $ext registered with digest auth"

started=$(date +%s%N)
if ! sipp -sf "$RIG_HOME/sipp/call-agent.xml" "${sipp_common[@]}" -p 5964 -mi 127.0.0.1 -mp 41000 \
  -s "$ext" -au trunk -ap "$trunk_password" \
  -key from_user +56912345678 -key from_name 'Cliente <b>Prueba</b>' \
  -key extra1 'P-Asserted-Identity: <sip:+56987654321@127.0.0.1>' \
  -key extra2 'X-Rig-Pad: 1' -key extra3 'X-Rig-Pad: 2' "$proxy" >call.out 2>&1; then
  echo "check: the call to $ext failed" >&2
  cat ./*errors.log >&2 2>/dev/null
  register 0 || true
  exit 1
fi
echo "check: INVITE to $ext answered and ended in $(((($(date +%s%N) - started)) / 1000000)) ms (party stays 2 s)"
wait "$answer_pid" || { echo "check: the answering party failed" >&2; exit 1; }
register 0 || { echo "check: unREGISTER failed" >&2; exit 1; }
echo "check: OK"
