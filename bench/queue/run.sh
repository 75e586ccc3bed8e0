#!/usr/bin/env bash
# Overseer's queue vs graphile-worker and pg-boss on one PostgreSQL, one invocation. Not part of the test command.
# Usage: bench/queue/run.sh [--items 20000] [--batch 100] [--finished 1000000] [--samples 3000] [--phase-seconds 90] [--no-peers]
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -d bench/queue/node/node_modules ]; then
  (cd bench/queue/node && npm ci --no-audit --no-fund --loglevel=error)
fi
dotnet build -c Release -nologo -v quiet bench/queue
dotnet bench/queue/bin/Release/net10.0/Overseer.Bench.Queue.dll "$@"
