#!/usr/bin/env bash
# What the stats triggers (migration 0005) cost the state machine: backend CPU time (read from /proc/self/stat, so
# other load on a shared machine hardly matters) of a task's life (insert Queued, then Running, then Succeeded), one
# task per statement and 50 per statement as the Api's batches do, with the triggers off and on. Best of 5 rounds.
# Usage: bench/dashboard/trigger-cost.sh [lives per round, default 3000]
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-3000}
BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
DIR=$(mktemp -d /tmp/overseer-trigger-cost-XXXXXX)
PORT=$((20000 + RANDOM % 20000))
as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
chmod 755 "$DIR"
if [[ $(id -u) -eq 0 ]]; then chown postgres "$DIR"; fi
cleanup() { as_pg "$BIN/pg_ctl" -D "$DIR/data" -m fast stop >/dev/null 2>&1 || true; rm -rf "$DIR"; }
trap cleanup EXIT
as_pg "$BIN/initdb" -D "$DIR/data" -A trust -U postgres >/dev/null
as_pg "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -o "-p $PORT -k $DIR -c listen_addresses='' -c synchronous_commit=off" start >/dev/null
PSQL=("$BIN/psql" -h "$DIR" -p "$PORT" -U postgres -q -v ON_ERROR_STOP=1 -At)
for f in Api/Infrastructure/Database/Migrations/*.sql; do "${PSQL[@]}" -f "$f" >/dev/null; done
"${PSQL[@]}" >/dev/null <<'SQL'
CREATE FUNCTION bench_cpu_ticks() RETURNS bigint LANGUAGE sql AS $$
    SELECT s[12]::bigint + s[13]::bigint FROM regexp_split_to_array(split_part(pg_read_file('/proc/self/stat'), ') ', 2), ' ') s $$;
CREATE FUNCTION bench_lives(n int, batch int) RETURNS double precision LANGUAGE plpgsql AS $$
DECLARE t0 bigint := bench_cpu_ticks(); ids uuid[];
BEGIN
    FOR i IN 1..n LOOP
        WITH ins AS (INSERT INTO tasks (id, name, kind, state, spec, retries)
                     SELECT gen_random_uuid(), 'bench', 'task', 'Queued', '{}', 0 FROM generate_series(1, batch) RETURNING id)
        SELECT array_agg(id) INTO ids FROM ins;
        UPDATE tasks SET state = 'Running', attempt = 1 WHERE id = ANY(ids);
        UPDATE tasks SET state = 'Succeeded', finished_at = now() WHERE id = ANY(ids);
    END LOOP;
    RETURN (bench_cpu_ticks() - t0) * 1000000.0 / current_setting('bench.hz')::int / (n * batch);
END $$;
SQL
HZ=$(getconf CLK_TCK)
measure() { "${PSQL[@]}" -c "ALTER TABLE tasks $1 TRIGGER USER" -c "SET bench.hz = $HZ" -c "SELECT bench_lives($2, $3)" | tail -1; }
echo "backend CPU per task life (insert, two updates), best of 5:"
for batch in 1 50; do
  lives=$(( batch == 1 ? N : N / 20 ))
  offs=(); ons=()
  for round in 1 2 3 4 5; do
    offs+=("$(measure DISABLE "$lives" "$batch")")
    ons+=("$(measure ENABLE "$lives" "$batch")")
  done
  off=$(printf '%s\n' "${offs[@]}" | sort -g | head -1)
  on=$(printf '%s\n' "${ons[@]}" | sort -g | head -1)
  awk -v b="$batch" -v off="$off" -v on="$on" \
    'BEGIN { printf "  %2d per statement: triggers off %6.1f us, on %6.1f us (+%.1f us, x%.2f)\n", b, off, on, on - off, on / off }'
done
