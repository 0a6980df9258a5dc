#!/usr/bin/env bash
# npm run demo: the main job of Companion in a minute, on this machine only (127.0.0.1).
#   0. installs the local PBX's Debian packages when missing (as root, or through sudo),
#   1. the back office (npm run server, embedded PGlite, demo accounts and the sample directory),
#   2. the local PBX (test/rig: rtpengine + Kamailio),
#   3. the web app (npm run web) configured for agent 1001 through COMPANION_SIP_*,
# then, once the agent's line has registered (the page is open), a sample call from a fixture
# customer's phone that pops a block script. Enter places another call; Ctrl-C stops everything
# this script started.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$(pwd)"
# shellcheck source=../test/rig/env.sh
source test/rig/env.sh

WEB_PORT="${PORT:-5173}"
SERVER_PORT="${DEMO_SERVER_PORT:-8787}"
LOG_DIR="${DEMO_LOG_DIR:-$ROOT/.tmp/demo}"
AGENT=1001
AGENT_PASSWORD="$(awk -v u="$AGENT" '$1 == u { print $2 }' test/rig/users.txt)"
TRUNK_PASSWORD="$(awk '$1 == "trunk" { print $2 }' test/rig/users.txt)"
# Fixture C.z1OpenOrder (test/fixtures/sampleCustomers.ts): Z1 block with an open order.
SAMPLE_PHONE='+56944556677'
SAMPLE_NAME='María José Contreras Silva'
REGISTER_TIMEOUT_S="${DEMO_REGISTER_TIMEOUT_S:-600}"

mkdir -p "$LOG_DIR"
say() { printf '\033[1mdemo:\033[0m %s\n' "$*"; }
fail() {
  printf '\033[1mdemo:\033[0m %s\n' "$*" >&2
  exit 1
}

for bin in node npm; do
  command -v "$bin" >/dev/null || fail "falta '$bin' (Node 20.19 o posterior)."
done
# The local PBX (Kamailio, rtpengine, sipp) comes from Debian's packages: installed here when missing,
# so that `npm ci && npm run demo` is the whole first run.
if ! command -v kamailio >/dev/null || ! command -v rtpengine >/dev/null || ! command -v sipp >/dev/null; then
  say "instalando la central de prueba (Kamailio, rtpengine, sipp) desde los paquetes de Debian…"
  if [[ $(id -u) == 0 ]]; then
    bash test/rig/install.sh
  elif command -v sudo >/dev/null && { sudo -n true 2>/dev/null || [[ -t 0 ]]; }; then
    sudo bash test/rig/install.sh
  else
    fail "falta la central de prueba. Instálela como administrador con: sudo npm run rig:install"
  fi
fi

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# Port 0 (PORT=0, DEMO_SERVER_PORT=0): each server binds a free port itself and the demo reads it
# back from its log, so no port is picked first and bound later (the tests run it this way).
for port in "$SERVER_PORT" "$WEB_PORT"; do
  [[ $port == 0 ]] && continue
  port_in_use "$port" && fail "el puerto 127.0.0.1:$port ya está en uso (¿otra demo?). Ciérrela o cambie PORT / DEMO_SERVER_PORT."
done

# What this script started, stopped on exit (never anything else).
pids=()
rig_started=0
cleanup() {
  trap - EXIT INT TERM
  echo
  say "deteniendo…"
  for pid in "${pids[@]}"; do
    kill -TERM -- "-$pid" 2>/dev/null || true
  done
  # The back office finishes its requests and closes its database (at most 15 s); tsx runs it in a
  # process of its own, so wait for its port to close too before forcing anything.
  for _ in $(seq 150); do
    alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    port_in_use "$SERVER_PORT" && alive=1
    ((alive)) || break
    sleep 0.1
  done
  for pid in "${pids[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || true; done
  if [[ $rig_started == 1 ]]; then bash test/rig/stop.sh >/dev/null 2>&1 || true; fi
  say "listo."
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# wait_until SECONDS DESCRIPTION COMMAND…: polls COMMAND every half second.
wait_until() {
  local seconds="$1" what="$2"
  shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || return 1
    sleep 0.5
  done
  say "$what"
}

# The port a server started on port 0 reported in its log: the back office's "listening" line,
# or vite's "Local: http://127.0.0.1:N/" (colour codes stripped).
server_port_in_log() { sed -n 's/.*"port":\([0-9][0-9]*\),"msg":"listening".*/\1/p' "$1" | tail -n 1; }
web_port_in_log() {
  sed 's/\x1b\[[0-9;]*m//g' "$1" | sed -n 's#.*Local:[[:space:]]*http://127\.0\.0\.1:\([0-9][0-9]*\)/.*#\1#p' | tail -n 1
}
port_reported() { [[ -n $("$1" "$2") ]]; }

http_ok() { node -e "fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))" "$1"; }

# 1. Back office, on a fresh embedded database of its own: demo accounts and the sample directory
# (the app downloads it from here). setsid: its own process group, which cleanup() ends.
say "iniciando el back office (registro en $LOG_DIR/server.log)…"
rm -rf "$LOG_DIR/server-data"
DATA_DIR="$LOG_DIR/server-data" SEED_DIRECTORY_CSV="$ROOT/assets/sample-directory.csv" \
  PORT="$SERVER_PORT" setsid npm run server >"$LOG_DIR/server.log" 2>&1 </dev/null &
pids+=("$!")

# 2. The PBX (left alone if it is already running, and then left running at the end).
if rig_pid_alive "$RIG_DIR/kamailio.pid" && rig_pid_alive "$RIG_DIR/rtpengine.pid"; then
  say "la central de prueba ya estaba en marcha ($RIG_DIR)"
else
  rig_started=1
fi
bash test/rig/start.sh | sed 's/^/  /'
kamailio_log="$RIG_DIR/kamailio.log"
log_lines_before=$(wc -l <"$kamailio_log")
if [[ $SERVER_PORT == 0 ]]; then
  wait_until 180 "back office escuchando" port_reported server_port_in_log "$LOG_DIR/server.log" ||
    { tail -n 30 "$LOG_DIR/server.log" >&2; fail "el back office no empezó a escuchar"; }
  SERVER_PORT="$(server_port_in_log "$LOG_DIR/server.log")"
fi

# 3. The web app, with the line of agent 1001 (and the back-office demo agent) as defaults.
say "compilando y sirviendo la aplicación web (registro en $LOG_DIR/web.log)…"
COMPANION_SIP_WS="ws://127.0.0.1:$RIG_WS_PORT" \
  COMPANION_SIP_URI="sip:$AGENT@$RIG_DOMAIN" \
  COMPANION_SIP_PASSWORD="$AGENT_PASSWORD" \
  COMPANION_SERVER_URL="http://127.0.0.1:$SERVER_PORT" \
  COMPANION_USER=agente \
  COMPANION_PASSWORD=companion-agente \
  PORT="$WEB_PORT" setsid npm run web >"$LOG_DIR/web.log" 2>&1 </dev/null &
pids+=("$!")
if [[ $WEB_PORT == 0 ]]; then
  wait_until 300 "aplicación web escuchando" port_reported web_port_in_log "$LOG_DIR/web.log" ||
    { tail -n 30 "$LOG_DIR/web.log" >&2; fail "la aplicación web no empezó a escuchar"; }
  WEB_PORT="$(web_port_in_log "$LOG_DIR/web.log")"
fi

wait_until 180 "back office en http://127.0.0.1:$SERVER_PORT" http_ok "http://127.0.0.1:$SERVER_PORT/healthz" ||
  { tail -n 30 "$LOG_DIR/server.log" >&2; fail "el back office no respondió"; }
wait_until 300 "aplicación web lista" http_ok "http://127.0.0.1:$WEB_PORT/" ||
  { tail -n 30 "$LOG_DIR/web.log" >&2; fail "la aplicación web no respondió"; }

echo
say "════════════════════════════════════════════════════════════════════"
say "  Abra  http://127.0.0.1:$WEB_PORT/  en Chromium (o Chrome)."
say "  La línea del agente $AGENT se conecta sola; cuando diga «En línea»,"
say "  llegará una llamada de ejemplo de $SAMPLE_NAME ($SAMPLE_PHONE)."
say "════════════════════════════════════════════════════════════════════"
echo
# On a desktop, open it for the user (DEMO_OPEN=0 to leave it to them).
if [[ ${DEMO_OPEN:-1} == 1 && -n ${DISPLAY:-${WAYLAND_DISPLAY:-}} ]] && command -v xdg-open >/dev/null; then
  xdg-open "http://127.0.0.1:$WEB_PORT/" >/dev/null 2>&1 || true
fi

registered() {
  awk -v n="$log_lines_before" -v want="REGISTER ok for sip:$AGENT@" \
    'NR > n && index($0, want) { found = 1 } END { exit !found }' "$kamailio_log"
}
wait_until "$REGISTER_TIMEOUT_S" "la línea del agente $AGENT está registrada" registered ||
  fail "la página no registró la línea del agente en ${REGISTER_TIMEOUT_S} s (¿está abierta?)"

# Two UDP ports the kernel just gave out as free. sipp binds with SO_REUSEADDR and defaults to 5060
# (the PBX's own port): it must get ports of its own, or it steals the PBX's requests.
free_udp_ports() {
  node -e '
    const dgram = require("node:dgram");
    const sockets = [dgram.createSocket("udp4"), dgram.createSocket("udp4")];
    let bound = 0;
    for (const s of sockets) s.bind(0, "127.0.0.1", () => {
      if (++bound < 2) return;
      console.log(sockets.map((x) => x.address().port).join(" "));
      for (const x of sockets) x.close();
    });'
}

# One customer call (sipp), in its own process group so that cleanup() can end it too.
sample_call() {
  local ports
  read -r -a ports < <(free_udp_ports)
  say "llamada de ejemplo desde $SAMPLE_PHONE: conteste en la ventana emergente (o rechace)…"
  # Through the trunk account, as a carrier presents the customer; plain RTP via rtpengine.
  setsid bash -c '
    work="$(mktemp -d)"; cd "$work" || exit 1
    if sipp -sf "$1/test/rig/sipp/call-agent.xml" -i 127.0.0.1 -p "$7" -mi 127.0.0.1 -mp "$8" \
      -s "$2" -au trunk -ap "$3" -key from_user "$4" -key from_name "$5" \
      -key extra1 "P-Asserted-Identity: <sip:$4@carrier.example;user=phone>" \
      -key extra2 "X-Rig-Pad: 1" -key extra3 "X-Rig-Pad: 2" \
      -m 1 -nostdin -timeout 100s -trace_err "127.0.0.1:$6" >/dev/null 2>&1
    then echo "demo: la llamada de ejemplo terminó."
    else echo "demo: la llamada de ejemplo terminó sin contestar (o falló)."
    fi
    cd / && rm -rf "$work"
  ' _ "$ROOT" "$AGENT" "$TRUNK_PASSWORD" "$SAMPLE_PHONE" "$SAMPLE_NAME" "$RIG_SIP_PORT" "${ports[0]}" "${ports[1]}" </dev/null &
  last_call="$!"
  pids+=("$last_call")
}

sleep 1
sample_call
say "Enter: otra llamada de ejemplo · Ctrl-C: detener todo."
# Without a terminal (no one to press Enter) the demo ends with its one call.
while read -r _; do
  sample_call
done
wait "$last_call" || true
