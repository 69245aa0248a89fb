// Keeps each document a device is served, once per distinct document, sealed (it holds SIP
// passwords), so that the pages can show what a device holds against what it would get now. On the
// phones' path this is one set look-up per fetch; a document not seen before is sealed and written
// with others in a batch, off the answer's path. Documents no device holds any more are forgotten
// at most once an hour.
import type { Clock, ServiceLogger } from './clock.js';
import type { SecretBox } from './secret-box.js';
import type { ServedDocument, ServedDocumentStore } from './store.js';

/** What the seal of a served document is bound to: its hash, so one cannot stand for another. */
export const servedDocumentContext = (hash: string): string => `served:${hash}`;

const FLUSH_MS = 1_000;
const PRUNE_EVERY_MS = 3_600_000;
/** Hashes remembered as kept; past this the memory starts over (a re-offered one is a no-op write). */
const MAX_REMEMBERED = 200_000;

export class ServedDocumentKeeper {
  private readonly kept = new Set<string>();
  private waiting: ServedDocument[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private lastPrune: number;

  constructor(
    private readonly store: ServedDocumentStore,
    private readonly box: SecretBox,
    private readonly clock: Clock,
    private readonly logger: ServiceLogger,
  ) {
    this.lastPrune = clock.now();
  }

  /** A document a device was just served. */
  offer(hash: string, body: string, at: string): void {
    if (this.kept.has(hash)) return;
    if (this.kept.size >= MAX_REMEMBERED) this.kept.clear();
    this.kept.add(hash);
    this.waiting.push({ hash, sealed: this.box.seal(body, servedDocumentContext(hash)), at });
    if (this.timer === undefined) {
      this.timer = setTimeout(() => void this.flush(), FLUSH_MS);
      this.timer.unref();
    }
  }

  flush(): Promise<void> {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.writing = this.writing.then(() => this.write());
    return this.writing;
  }

  private async write(): Promise<void> {
    const batch = this.waiting;
    this.waiting = [];
    try {
      if (batch.length > 0) await this.store.keep(batch);
      if (this.clock.now() - this.lastPrune >= PRUNE_EVERY_MS) {
        this.lastPrune = this.clock.now();
        await this.store.pruneUnreferenced(new Date(this.lastPrune - PRUNE_EVERY_MS).toISOString());
      }
    } catch (error) {
      // Nothing a phone needs depends on it: those documents are offered again on a later fetch.
      for (const document of batch) this.kept.delete(document.hash);
      this.logger.error({ err: error, documents: batch.length }, 'served documents could not be kept');
    }
  }

  async close(): Promise<void> {
    await this.flush();
  }
}
