// Moves SQLite's WAL checkpoints off the event loop for a long-running server. Left to itself, the
// connection that commits past the auto-checkpoint threshold copies the WAL into the database and
// syncs the file, synchronously: on an ordinary disk that is a 10-20 ms stall of every request in
// flight, every few seconds under load (the audit log writes all the time). Instead the server's
// connection turns auto-checkpoints off and a worker thread with its own connection runs a PASSIVE
// checkpoint (it never blocks writers or readers) once a second. Short-lived CLI processes keep
// SQLite's default.
//
// A passive checkpoint never makes the WAL file smaller: after a burst of writes (an import, a flood
// of audited requests) it would keep its largest size for good. Once a passive checkpoint has copied
// everything and the file is past a size that ordinary load does not reach, the worker truncates it
// (a TRUNCATE checkpoint, which holds writers back only while it cuts a log it has nothing to copy
// from). SQLite's journal_size_limit would do this on every reset, from the writing connection: it
// cost a fifth of the warm fetch rate in bench:server.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export interface WalCheckpointer {
  /** Runs a last checkpoint and ends the worker. */
  stop(): Promise<void>;
}

/** Well above what a second of heavy fetching writes (about 6 MB of audit pages at 30,000 a second). */
export const DEFAULT_WAL_TRUNCATE_ABOVE_BYTES = 64 * 1024 * 1024;

// CommonJS, evaluated in the worker: better-sqlite3 is loaded by the path the main thread resolved.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const { statSync } = require('node:fs');
const db = new Database(workerData.path);
db.pragma('busy_timeout = ' + workerData.busyTimeoutMs);
const walSize = () => {
  try {
    return statSync(workerData.path + '-wal').size;
  } catch {
    return 0;
  }
};
const checkpoint = () => {
  try {
    const [{ busy, log, checkpointed }] = db.pragma('wal_checkpoint(PASSIVE)');
    if (busy === 0 && log === checkpointed && walSize() > workerData.truncateAboveBytes)
      db.pragma('wal_checkpoint(TRUNCATE)');
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message) });
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

export function startWalCheckpointer(
  path: string,
  options: {
    intervalMs?: number;
    busyTimeoutMs?: number;
    /** A WAL file larger than this is cut back once fully checkpointed. */
    truncateAboveBytes?: number;
    onError?: (message: string) => void;
  } = {},
): WalCheckpointer {
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: {
      path,
      driver: createRequire(import.meta.url).resolve('better-sqlite3'),
      intervalMs: options.intervalMs ?? 1000,
      busyTimeoutMs: options.busyTimeoutMs ?? 5000,
      truncateAboveBytes: options.truncateAboveBytes ?? DEFAULT_WAL_TRUNCATE_ABOVE_BYTES,
    },
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.on('message', (message: { error?: string }) => {
    if (message.error !== undefined) options.onError?.(message.error);
  });
  // A worker that fails to start leaves checkpoints to the next writer that opens the file.
  worker.on('error', (error) => options.onError?.(error.message));
  let stopping: Promise<void> | undefined;
  return {
    stop: () =>
      (stopping ??= (async () => {
        worker.postMessage('stop');
        const timer = setTimeout(() => void worker.terminate(), 5000);
        await exited;
        clearTimeout(timer);
      })()),
  };
}
