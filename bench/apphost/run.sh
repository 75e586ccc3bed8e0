#!/usr/bin/env bash
# Warm start of `dotnet run --project AppHost` to its ready table, and Ctrl-C to exit, as a terminal does both:
# AppHost in a session and process group of its own, SIGINT to that group. Prints each run, the medians, the
# resident memory of AppHost, DCP and the Aspire dashboard, and the ratio to the bare built AppHost (the peer:
# the same model without `dotnet run`'s build check). Usage: bench/apphost/run.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
data=$(mktemp -d /tmp/overseer-bench-apphost.XXXXXX)
chmod 0711 "$data"
trap 'rm -rf "$data"' EXIT
dotnet build AppHost -nologo -v quiet >/dev/null
python3 - "$runs" "$data" <<'PY'
import os, signal, statistics, subprocess, sys, time
runs, data = int(sys.argv[1]), sys.argv[2]

def rss_kb(pattern):
    total = 0
    for pid in os.listdir('/proc'):
        if not pid.isdigit():
            continue
        try:
            cmd = open(f'/proc/{pid}/cmdline', 'rb').read().replace(b'\0', b' ').decode()
            if pattern in cmd:
                for line in open(f'/proc/{pid}/status'):
                    if line.startswith('VmRSS:'):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total

def one(command):
    start = time.monotonic()
    p = subprocess.Popen(command + ['--data-dir', data], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
                         preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    ready = None
    for line in p.stdout:
        if b'Overseer is running' in line:
            ready = time.monotonic() - start
            break
    if ready is None:
        raise SystemExit('AppHost exited before it was ready')
    time.sleep(2)
    memory = {name: rss_kb(pattern) // 1024 for name, pattern in
              [('apphost', 'Overseer.AppHost'), ('dcp', 'tools/dcp'), ('aspire-dashboard', 'Aspire.Dashboard')]}
    stop = time.monotonic()
    os.killpg(p.pid, signal.SIGINT)
    for _ in p.stdout:
        pass
    p.wait()
    return ready, time.monotonic() - stop, memory

results = {}
for name, command in [('dotnet run --project AppHost', ['dotnet', 'run', '--project', 'AppHost', '--no-launch-profile', '--']),
                      ('dotnet AppHost.dll (peer)', ['dotnet', 'AppHost/bin/Debug/net10.0/Overseer.AppHost.dll'])]:
    one(command)  # warm-up: the first run of a data dir runs initdb
    samples = [one(command) for _ in range(runs)]
    for ready, stop, memory in samples:
        print(f'{name}: ready {ready:.2f} s, stop {stop:.2f} s, RSS MiB {memory}')
    results[name] = (statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples), samples[-1][2])
for name, (ready, stop, memory) in results.items():
    print(f'{name}: median ready {ready:.2f} s, median stop {stop:.2f} s, RSS MiB {memory} (sum {sum(memory.values())})')
run, peer = results['dotnet run --project AppHost'][0], results['dotnet AppHost.dll (peer)'][0]
print(f'ratio ready(dotnet run) / ready(dll) = {run / peer:.2f}')
PY
