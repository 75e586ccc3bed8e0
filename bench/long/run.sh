#!/usr/bin/env bash
# Long tasks (issue 18): one task of --minutes on the Kubernetes executor against KubeSim (its Job's
# activeDeadlineSeconds comes from the task's timeout) and one on the local executor, side by side; both must end
# Succeeded. Not part of ./test.sh: it takes as long as --minutes (default 20).
# Usage: bench/long/run.sh [--minutes 20]
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build -nologo -v quiet Api
dotnet build -nologo -v quiet bench/long
dotnet bench/long/bin/Debug/net10.0/Overseer.Bench.Long.dll "$@"
