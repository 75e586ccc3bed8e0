#!/usr/bin/env bash
# Server render time of every Dashboard page with 100,000 tasks in the database. Not part of the test command.
# Usage: bench/dashboard/run.sh [--tasks 100000] [--samples 30]
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build -c Release -nologo -v quiet bench/dashboard
dotnet bench/dashboard/bin/Release/net10.0/Overseer.Bench.Dashboard.dll "$@"
