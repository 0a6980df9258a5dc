#!/usr/bin/env bash
# Starts the telephony rig: rtpengine first (Kamailio needs its control socket), then Kamailio.
#   test/rig/start.sh               both
#   test/rig/start.sh kamailio      only one of them (e.g. after a test killed it)
# Idempotent: a daemon already running and answering is left alone.
# Fails loudly with the log tail when a daemon does not answer in time.
set -euo pipefail
# shellcheck source=env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

components=("$@")
[[ ${#components[@]} -eq 0 ]] && components=(rtpengine kamailio)

for bin in kamailio rtpengine sipp node; do
  if ! command -v "$bin" >/dev/null; then
    echo "rig: '$bin' is not installed; run test/rig/install.sh" >&2
    exit 1
  fi
done

mkdir -p "$RIG_DIR/db"

# wait_for NAME KIND PORT: until the probe answers; fails at once if the daemon exits.
wait_for() {
  local name="$1" kind="$2" port="$3"
  local deadline=$(($(date +%s%N) / 1000000 + RIG_START_TIMEOUT_MS))
  while (($(date +%s%N) / 1000000 < deadline)); do
    rig_pid_alive "$RIG_DIR/$name.pid" || return 2
    node "$RIG_HOME/probe.mjs" 500 "$kind" 127.0.0.1 "$port" && return 0
  done
  return 1
}

fail() {
  local name="$1" why="$2"
  echo "rig: $name did not come up: $why" >&2
  rig_log_tail "$name"
  "$RIG_HOME/stop.sh" "$name" >/dev/null 2>&1 || true
  exit 1
}

start_rtpengine() {
  if rig_pid_alive "$RIG_DIR/rtpengine.pid" && node "$RIG_HOME/probe.mjs" 1000 ng 127.0.0.1 "$RIG_NG_PORT"; then
    echo "rig: rtpengine already running (pid $(cat "$RIG_DIR/rtpengine.pid"))"
    return
  fi
  # Userspace only (--table=-1): no kernel module, no privileges needed.
  setsid rtpengine --config-file=none --foreground --log-stderr --log-level="${RIG_RTPENGINE_LOG_LEVEL:-5}" \
    --table=-1 --interface=127.0.0.1 \
    --listen-ng="127.0.0.1:$RIG_NG_PORT" \
    --port-min="$RIG_RTP_MIN" --port-max="$RIG_RTP_MAX" \
    --num-threads=2 --delete-delay=0 --timeout=60 --silent-timeout=3600 --offer-timeout=60 \
    >"$RIG_DIR/rtpengine.log" 2>&1 </dev/null &
  echo $! >"$RIG_DIR/rtpengine.pid"
  wait_for rtpengine ng "$RIG_NG_PORT" || fail rtpengine "no pong on 127.0.0.1:$RIG_NG_PORT (or it exited)"
  echo "rig: rtpengine up (pid $(cat "$RIG_DIR/rtpengine.pid"), ng 127.0.0.1:$RIG_NG_PORT)"
}

write_credentials() {
  # db_text table read by Kamailio's htable "users": key = auth user, value = password.
  {
    echo "key_name(str) key_type(int) value_type(int) key_value(str) expires(int)"
    grep -Ev '^[[:space:]]*(#|$)' "$RIG_HOME/users.txt" | while read -r user password _; do
      echo "${user}:0:0:${password}:0"
    done
  } >"$RIG_DIR/db/htable"
}

start_kamailio() {
  if rig_pid_alive "$RIG_DIR/kamailio.pid" && node "$RIG_HOME/probe.mjs" 1000 sip-udp 127.0.0.1 "$RIG_SIP_PORT"; then
    echo "rig: kamailio already running (pid $(cat "$RIG_DIR/kamailio.pid"))"
    return
  fi
  write_credentials
  # -DD: the main process stays in the foreground (its pid is ours to stop);
  # setsid gives it a process group so stop.sh can end its children with it.
  setsid kamailio -DD -E -f "$RIG_HOME/kamailio.cfg" -Y "$RIG_DIR" -m 64 -M 8 \
    -A "SIP_PORT=$RIG_SIP_PORT" -A "WS_PORT=$RIG_WS_PORT" \
    -A "NG_SOCK=\"udp:127.0.0.1:$RIG_NG_PORT\"" \
    -A "DB_URL=\"text://$RIG_DIR/db\"" -A "REALM=\"$RIG_REALM\"" -A "SIP_DOMAIN=\"$RIG_DOMAIN\"" \
    >"$RIG_DIR/kamailio.log" 2>&1 </dev/null &
  echo $! >"$RIG_DIR/kamailio.pid"
  wait_for kamailio sip-udp "$RIG_SIP_PORT" || fail kamailio "no reply to OPTIONS on udp 127.0.0.1:$RIG_SIP_PORT (or it exited)"
  wait_for kamailio tcp "$RIG_WS_PORT" || fail kamailio "WebSocket port 127.0.0.1:$RIG_WS_PORT closed (or it exited)"
  # Both ports answer; a daemon that dies right after binding is caught here.
  sleep 0.2
  rig_pid_alive "$RIG_DIR/kamailio.pid" || fail kamailio "the process exited"
  echo "rig: kamailio up (pid $(cat "$RIG_DIR/kamailio.pid"), sip udp:127.0.0.1:$RIG_SIP_PORT, ws://127.0.0.1:$RIG_WS_PORT)"
}

for c in "${components[@]}"; do
  case "$c" in
    rtpengine) start_rtpengine ;;
    kamailio) start_kamailio ;;
    *) echo "rig: unknown component '$c' (rtpengine|kamailio)" >&2; exit 2 ;;
  esac
done

# What clients need, in a form a shell or a test can read.
cat >"$RIG_DIR/rig.env" <<EOF
RIG_DIR=$RIG_DIR
RIG_SIP_PORT=$RIG_SIP_PORT
RIG_WS_URL=ws://127.0.0.1:$RIG_WS_PORT
RIG_DOMAIN=$RIG_DOMAIN
EOF
