#!/usr/bin/env bash
# The README's test command (`npm test`): static checks, unit tests, server tests against PGlite and
# a real PostgreSQL, end-to-end tests in Chromium. Ends with one "N passed, N failed" line.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p .tmp/results
rm -f .tmp/results/*.json
status=0

step() {
  local name=$1
  shift
  echo
  echo "=== $name"
  if ! "$@"; then
    echo "!!! $name failed"
    status=1
  fi
}

step "typecheck" npx tsc -p tsconfig.json --noEmit
step "lint" npx eslint --max-warnings=0 .
step "format (Prettier)" npx prettier --check .
step "unused files, exports and dependencies (knip)" npx knip
step "Electron security audit (Electronegativity: no high or medium finding)" npx tsx scripts/electronegativity.ts
# The goal is 500 kB (issue 12); 223 kB since the desk paints its frame (React and renderer/app/DeskFrame.tsx)
# and loads the rest as one chunk right after: a ceiling that only goes down (scripts/first-paint-budget.ts).
step "agent desk's first-paint JavaScript (entry + static imports)" npx tsx scripts/first-paint-budget.ts --max 230000
step "unit tests" npx vitest run --reporter=default --reporter=json --outputFile=.tmp/results/unit.json
step "server tests (PGlite + PostgreSQL)" bash server/test/run.sh \
  --reporter=default --reporter=json --outputFile=.tmp/results/server.json
step "end-to-end (web mode in Chromium)" npx vitest run -c test/e2e/vitest.config.ts \
  --reporter=default --reporter=json --outputFile=.tmp/results/e2e.json
if [ -f test/e2e/telephony/vitest.config.ts ]; then
  step "telephony end-to-end (Kamailio + sipp rig)" npx vitest run -c test/e2e/telephony/vitest.config.ts \
    --reporter=default --reporter=json --outputFile=.tmp/results/telephony.json
fi

if [ -f test/e2e/callpop/vitest.config.ts ]; then
  step "pop while ringing (whole app + rig)" npx vitest run -c test/e2e/callpop/vitest.config.ts \
    --reporter=default --reporter=json --outputFile=.tmp/results/callpop.json
fi

if [ -f test/e2e/calllog/vitest.config.ts ]; then
  step "call log upload and history (whole app + rig + real server)" npx vitest run -c test/e2e/calllog/vitest.config.ts \
    --reporter=default --reporter=json --outputFile=.tmp/results/calllog.json
fi

step "the README's first command (npm run demo: back office + PBX + web app + a sample call)" \
  npx vitest run -c test/e2e/demo/vitest.config.ts \
  --reporter=default --reporter=json --outputFile=.tmp/results/demo.json

step "offline sync guarantees (fault injection against the real server)" npx vitest run -c test/e2e/sync/vitest.config.ts \
  --reporter=default --reporter=json --outputFile=.tmp/results/sync.json
step "directory sync through outages (real server)" npx vitest run -c test/e2e/directory-sync/vitest.config.ts \
  --reporter=default --reporter=json --outputFile=.tmp/results/directory-sync.json

step "supervisors' board (real server, Chromium)" npx vitest run -c test/e2e/board/vitest.config.ts \
  --reporter=default --reporter=json --outputFile=.tmp/results/board.json

step "back-office screens: cases and escalations (real server, Chromium)" npx vitest run -c test/e2e/cases/vitest.config.ts \
  --reporter=default --reporter=json --outputFile=.tmp/results/cases.json

node test/summarize.mjs .tmp/results || status=1
exit $status
