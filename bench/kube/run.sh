#!/usr/bin/env bash
# Tasks through the Kubernetes executor against KubeSim. Not part of the test command.
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build -c Release -nologo -v quiet bench/kube
dotnet bench/kube/bin/Release/net10.0/Overseer.Bench.Kube.dll "$@"
