# Shared settings of the rig scripts (sourced, not run). Every value can be overridden
# from the environment so two rigs can live side by side on one machine.
RIG_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RIG_SIP_PORT="${RIG_SIP_PORT:-5060}"
RIG_WS_PORT="${RIG_WS_PORT:-8080}"
RIG_NG_PORT="${RIG_NG_PORT:-22222}"
RIG_RTP_MIN="${RIG_RTP_MIN:-30000}"
RIG_RTP_MAX="${RIG_RTP_MAX:-30399}"
RIG_REALM="${RIG_REALM:-companion.test}"
# SIP domain of every account (sip:1001@companion.test); the proxy is found by address, not DNS.
RIG_DOMAIN="${RIG_DOMAIN:-companion.test}"
# Runtime files (logs, pids, credentials table) live here, never in the repository.
RIG_DIR="${RIG_DIR:-${TMPDIR:-/tmp}/companion-rig-${RIG_SIP_PORT}}"
RIG_START_TIMEOUT_MS="${RIG_START_TIMEOUT_MS:-15000}"

rig_pid_alive() {
  local file="$1"
  [[ -f "$file" ]] && kill -0 "$(cat "$file")" 2>/dev/null
}

rig_log_tail() {
  local name="$1"
  echo "---- last lines of $RIG_DIR/$name.log ----" >&2
  tail -n 40 "$RIG_DIR/$name.log" >&2 2>/dev/null || echo "(no log)" >&2
  echo "----" >&2
}
