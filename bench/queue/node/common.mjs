// Shared by the peer benchmarks: settings from the environment, timing, and the commit counter.
import pg from 'pg';

export const settings = {
  url: process.env.DATABASE_URL,
  items: Number(process.env.N ?? 20000),
  concurrency: Number(process.env.C ?? 4),
  batch: Number(process.env.BATCH ?? 100),
  chunk: Number(process.env.CHUNK ?? 1000),
  limitMs: Number(process.env.PHASE_TIMEOUT_MS ?? 90000),
};

/** Prints one result line (JSON) for the orchestrator. */
export function report(system, metric, items, ms, extra = {}) {
  console.log(JSON.stringify({ system, metric, concurrency: settings.concurrency, items, seconds: ms / 1000, ...extra }));
}

/** Runs `count` calls of `one(i)` on `workers` concurrent loops, within the phase time limit; answers [done, ms, timedOut]. */
export async function loops(count, workers, one) {
  let next = 0;
  let done = 0;
  const started = performance.now();
  const deadline = started + settings.limitMs;
  await Promise.all(Array.from({ length: workers }, async () => {
    for (let i = next++; i < count && performance.now() < deadline; i = next++) {
      done += await one(i);
    }
  }));
  return [done, performance.now() - started, performance.now() >= deadline];
}

/** Runs SQL on a short-lived client. */
export async function sql(text) {
  const client = new pg.Client({ connectionString: settings.url });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

/** Commits of the database so far (stats are flushed about once a second, so wait first). */
export async function commits() {
  await new Promise((r) => setTimeout(r, 1200));
  const result = await sql('SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()');
  return Number(result.rows[0].xact_commit);
}
