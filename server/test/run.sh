#!/usr/bin/env bash
# `npm run test:server`: every server test on PGlite AND on a throw-away PostgreSQL (started and
# stopped by with-postgres.sh). Extra arguments go to vitest (e.g. a file filter).
set -euo pipefail
cd "$(dirname "$0")/../.."
exec bash server/test/with-postgres.sh npx vitest run --config server/vitest.config.ts "$@"
