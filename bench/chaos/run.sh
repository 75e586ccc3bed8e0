#!/usr/bin/env bash
# The reliability suite's long run (docs/reliability.md). Not part of the test command.
#   bench/chaos/run.sh --tasks 1000 --faults 10 --seed 7 [--scenario api-crash]...
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build -c Release -nologo -v quiet bench/chaos
dotnet bench/chaos/bin/Release/net10.0/Overseer.Bench.Chaos.dll "$@"
