#!/usr/bin/env bash
# The whole test suite: installs what it needs, builds, runs every test project.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/prerequisites.sh
ensure_dotnet
ensure_postgres
ensure_kubectl
ensure_bwrap
ensure_chromium
ensure_node_modules tests/kube-schema
ensure_node_modules Dashboard
ensure_node_modules tests/Dashboard.Tests
dotnet build Aspire.sln -nologo -v quiet
# One test project at a time: on 2 cores, parallel projects (browsers, simulators, servers) starve each other.
# In-process test hosts that fail to shut down after their tests ran are reported here (see ApiApplication).
export OVERSEER_TEARDOWN_LOG="${TMPDIR:-/tmp}/overseer-teardown-$$.log"
status=0
dotnet test Aspire.sln --no-build -nologo -m:1 --blame-hang-timeout 10m "$@" || status=$?
if [ -s "$OVERSEER_TEARDOWN_LOG" ]; then
  echo "test.sh: in-process Api hosts that did not shut down cleanly after their tests (the tests themselves passed or failed above):"
  cat "$OVERSEER_TEARDOWN_LOG"
fi
rm -f "$OVERSEER_TEARDOWN_LOG"
exit "$status"
