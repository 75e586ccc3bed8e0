// pg-boss against the benchmark database: single and batch enqueue, then draining N no-op jobs one at a time
// (fetch 1 + complete, per worker loop) and batched (fetch BATCH + complete(ids)).
import PgBoss from 'pg-boss';
import { settings, report, loops, sql, commits } from './common.mjs';

const { url, items, concurrency, batch, chunk } = settings;
const boss = new PgBoss({ connectionString: url, max: concurrency + 2, supervise: false, schedule: false });
boss.on('error', (e) => console.error('pg-boss:', e.message));
await boss.start();
await boss.createQueue('noop').catch(() => {});
const clear = () => sql("DELETE FROM pgboss.job WHERE name = 'noop'");

await clear();
let [done, ms, timedOut] = await loops(items, concurrency, async (n) => { await boss.send('noop', { n }); return 1; });
report('pg-boss', 'single enqueue', done, ms, { timedOut });

await clear();
await enqueueBatches();
let before = await commits();
[done, ms, timedOut] = await drain(1);
report('pg-boss', 'claim+complete one at a time', done, ms, { timedOut, commitsPerItem: (await commits() - before) / Math.max(done, 1) });

await clear();
await enqueueBatches(true);
[done, ms, timedOut] = await drain(batch);
report('pg-boss', 'claim+complete batched', done, ms, { timedOut });

await boss.stop({ graceful: false, wait: true });

async function enqueueBatches(quiet = false) {
  const chunks = Math.ceil(items / chunk);
  const [count, took, over] = await loops(chunks, concurrency, async (c) => {
    const size = Math.min(chunk, items - c * chunk);
    await boss.insert(Array.from({ length: size }, (_, k) => ({ name: 'noop', data: { n: c * chunk + k } })));
    return size;
  });
  if (!quiet) {
    report('pg-boss', 'batch enqueue', count, took, { timedOut: over, chunk });
  }
  await sql('ANALYZE pgboss.job');
}

async function drain(size) {
  let completed = 0;
  const started = performance.now();
  const deadline = started + settings.limitMs;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < deadline) {
      const jobs = await boss.fetch('noop', { batchSize: size });
      if (!jobs || jobs.length === 0) {
        return;
      }
      await boss.complete('noop', jobs.map((j) => j.id));
      completed += jobs.length;
    }
  }));
  return [completed, performance.now() - started, completed < items];
}
