#!/usr/bin/env bash
# Proxy benchmark: the Sidecar's egress proxy vs tinyproxy, configured alike (listen on 127.0.0.1, allow only the
# local origin, log warnings only), 32 keep-alive clients, small (100 B) and 1 MiB responses. Prints requests/s,
# p50/p99 latency, p99 added over going direct, and the ratios. Not part of the test command.
#   bench/proxy/run.sh            (SECONDS=10 CLIENTS=32 by default)
#   PREVIOUS=<git ref> bench/proxy/run.sh   also runs that commit's sidecar as "previous" (e.g. the last commit of
#                                           the socket proxy, 71d1ef7), built in a temporary worktree
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_RUN=${SECONDS_PER_RUN:-10}
CLIENTS=${CLIENTS:-32}
if ! command -v tinyproxy >/dev/null; then
  [ "$(id -u)" = 0 ] || { echo "tinyproxy is missing: run as root (or apt-get install tinyproxy)"; exit 1; }
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tinyproxy >/dev/null
fi
dotnet build -c Release -nologo -v q Sidecar/Sidecar.csproj >/dev/null
dotnet build -c Release -nologo -v q bench/proxy/ProxyBench/ProxyBench.csproj >/dev/null
BENCH="dotnet bench/proxy/ProxyBench/bin/Release/net10.0/ProxyBench.dll"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
ORIGIN=$(free_port); SIDECAR=$(free_port); TINY=$(free_port); PREV_PORT=$(free_port)
WORK=$(mktemp -d); PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true
  [ -z "${PREVIOUS:-}" ] || git worktree remove --force "$WORK/previous" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
VIAS="direct sidecar tinyproxy"
if [ -n "${PREVIOUS:-}" ]; then
  git worktree add --detach "$WORK/previous" "$PREVIOUS" >/dev/null 2>&1
  dotnet build -c Release -nologo -v q "$WORK/previous/Sidecar/Sidecar.csproj" >/dev/null
  dotnet "$WORK/previous/Sidecar/bin/Release/net10.0/Overseer.Sidecar.dll" --urls http://127.0.0.1:0 --Proxy:Port "$PREV_PORT" \
    --Proxy:Allow:0 "127.0.0.1:$ORIGIN" --Logging:LogLevel:Default=Warning >"$WORK/previous.log" 2>&1 & PIDS+=($!)
  VIAS="$VIAS previous"
fi

$BENCH origin "$ORIGIN" & PIDS+=($!)
dotnet Sidecar/bin/Release/net10.0/Overseer.Sidecar.dll --urls http://127.0.0.1:0 --Proxy:Port "$SIDECAR" \
  --Proxy:Allow:0 "127.0.0.1:$ORIGIN" --Logging:LogLevel:Default=Warning >"$WORK/sidecar.log" 2>&1 & PIDS+=($!)
cat >"$WORK/tinyproxy.conf" <<CONF
Port $TINY
Listen 127.0.0.1
Timeout 60
MaxClients 256
LogLevel Warning
LogFile "$WORK/tinyproxy.log"
PidFile "$WORK/tinyproxy.pid"
Allow 127.0.0.1
DisableViaHeader Yes
FilterDefaultDeny Yes
Filter "$WORK/filter"
FilterExtended Yes
ConnectPort $ORIGIN
CONF
[ "$(id -u)" = 0 ] && echo "User nobody" >>"$WORK/tinyproxy.conf" && echo "Group nogroup" >>"$WORK/tinyproxy.conf" && chmod 777 "$WORK"
echo '^127\.0\.0\.1$' >"$WORK/filter"
tinyproxy -d -c "$WORK/tinyproxy.conf" >"$WORK/tinyproxy.out" 2>&1 & PIDS+=($!)
for port in "$ORIGIN" "$SIDECAR" "$TINY" $([ -n "${PREVIOUS:-}" ] && echo "$PREV_PORT"); do
  for _ in $(seq 1 100); do (echo >/dev/tcp/127.0.0.1/"$port") 2>/dev/null && break; sleep 0.1; done
done

echo "nproc $(nproc); $CLIENTS keep-alive clients; ${SECONDS_PER_RUN}s per run after 1s warm-up"
printf '%-8s %-9s %10s %9s %9s %9s %7s\n' size via "req/s" "p50 ms" "p99 ms" "+p99 ms" errors
for path in /small /large; do
  declare -A RPS P99
  for via in $VIAS; do
    case $via in direct) port=0 ;; sidecar) port=$SIDECAR ;; tinyproxy) port=$TINY ;; previous) port=$PREV_PORT ;; esac
    read -r rps p50 p99 errors < <($BENCH load "$port" "$ORIGIN" "$path" "$CLIENTS" "$SECONDS_PER_RUN")
    RPS[$via]=$rps; P99[$via]=$p99
    added=$(python3 -c "print(f'{$p99 - ${P99[direct]}:.3f}')")
    printf '%-8s %-9s %10s %9s %9s %9s %7s\n' "$path" "$via" "$rps" "$p50" "$p99" "$added" "$errors"
  done
  python3 -c "print(f'  ratio sidecar/tinyproxy on $path: {${RPS[sidecar]}/max(1,${RPS[tinyproxy]}):.2f}x req/s; added p99 sidecar {${P99[sidecar]}-${P99[direct]}:.3f} ms, tinyproxy {${P99[tinyproxy]}-${P99[direct]}:.3f} ms')"
  [ -z "${PREVIOUS:-}" ] || python3 -c "print(f'  ratio sidecar/previous ($PREVIOUS) on $path: {${RPS[sidecar]}/max(1,${RPS[previous]}):.2f}x req/s; added p99 previous {${P99[previous]}-${P99[direct]}:.3f} ms')"
done
