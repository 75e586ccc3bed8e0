#!/usr/bin/env bash
# Local executor throughput vs a bare .NET spawn loop. Not part of the test command.
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build -c Release -nologo -v quiet bench/executor
dotnet bench/executor/bin/Release/net10.0/Overseer.Bench.Executor.dll "$@"
