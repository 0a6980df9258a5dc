#!/usr/bin/env bash
# Stops the rig (Kamailio first, then rtpengine). Idempotent: nothing running is fine.
#   test/rig/stop.sh                  both, gracefully (SIGTERM, then SIGKILL after 5 s)
#   test/rig/stop.sh kamailio         one of them
#   test/rig/stop.sh --kill kamailio  SIGKILL at once: a crash, as a test wants it
set -uo pipefail
# shellcheck source=env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

signal=TERM
if [[ "${1:-}" == "--kill" ]]; then
  signal=KILL
  shift
fi
components=("$@")
[[ ${#components[@]} -eq 0 ]] && components=(kamailio rtpengine)

stop_one() {
  local name="$1" pidfile="$RIG_DIR/$1.pid"
  if ! rig_pid_alive "$pidfile"; then
    rm -f "$pidfile"
    echo "rig: $name not running"
    return
  fi
  local pid
  pid="$(cat "$pidfile")"
  # The daemon leads its own process group (setsid in start.sh): end the whole group.
  kill -"$signal" -- "-$pid" 2>/dev/null || kill -"$signal" "$pid" 2>/dev/null
  for _ in $(seq 1 50); do
    kill -0 -- "-$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 -- "-$pid" 2>/dev/null; then
    kill -KILL -- "-$pid" 2>/dev/null
    sleep 0.2
  fi
  rm -f "$pidfile"
  echo "rig: $name stopped ($signal)"
}

for c in "${components[@]}"; do
  case "$c" in
    rtpengine | kamailio) stop_one "$c" ;;
    *) echo "rig: unknown component '$c' (rtpengine|kamailio)" >&2; exit 2 ;;
  esac
done
exit 0
