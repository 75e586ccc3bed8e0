// graphile-worker against the benchmark database: single and batch enqueue, then draining N no-op jobs one at a
// time (each worker fetches and completes its own job) and batched (localQueue + batched completions).
import { makeWorkerUtils, run, Logger } from 'graphile-worker';
import { settings, report, loops, sql, commits } from './common.mjs';

const { url, items, concurrency, batch, chunk, limitMs } = settings;
const logger = new Logger(() => () => {});
const utils = await makeWorkerUtils({ connectionString: url, logger });
await utils.migrate();
const clear = () => sql('TRUNCATE graphile_worker._private_jobs, graphile_worker._private_job_queues CASCADE');

await clear();
let [done, ms, timedOut] = await loops(items, concurrency, async (n) => { await utils.addJob('noop', { n }); return 1; });
report('graphile-worker', 'single enqueue', done, ms, { timedOut });

await clear();
await enqueueBatches();

let before = await commits();
[done, ms, timedOut] = await drain({});
report('graphile-worker', 'claim+complete one at a time', done, ms, { timedOut, commitsPerItem: (await commits() - before) / Math.max(done, 1) });

await clear();
await enqueueBatches(true);
[done, ms, timedOut] = await drain({ localQueue: { size: batch }, completeJobBatchDelay: 0, failJobBatchDelay: 0 });
report('graphile-worker', 'claim+complete batched', done, ms, { timedOut });

await utils.release();

async function enqueueBatches(quiet = false) {
  const chunks = Math.ceil(items / chunk);
  const [count, took, over] = await loops(chunks, concurrency, async (c) => {
    const size = Math.min(chunk, items - c * chunk);
    await utils.addJobs(Array.from({ length: size }, (_, k) => ({ identifier: 'noop', payload: { n: c * chunk + k } })));
    return size;
  });
  if (!quiet) {
    report('graphile-worker', 'batch enqueue', count, took, { timedOut: over, chunk });
  }
  await sql('ANALYZE graphile_worker._private_jobs');
}

async function drain(worker) {
  let completed = 0;
  const started = performance.now();
  const runner = await run({
    connectionString: url, concurrency, maxPoolSize: concurrency + 2, pollInterval: 1000, noHandleSignals: true, logger,
    taskList: { noop: async () => {} }, preset: { worker },
  });
  await new Promise((resolve) => {
    const timer = setTimeout(resolve, limitMs);
    runner.events.on('job:success', () => { if (++completed >= items) { clearTimeout(timer); resolve(); } });
  });
  const ms = performance.now() - started;
  await runner.stop();
  return [completed, ms, completed < items];
}
