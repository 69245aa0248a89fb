// The documents devices last fetched, sealed, by hash, over SQL.
import { sql, type Kysely } from 'kysely';
import type { ServedDocument, ServedDocumentStore } from '../services/store.js';
import type { Database } from './database-tables.js';
import { toNumber } from './row-values.js';

const CHUNK = 200;

export class SqlServedDocumentStore implements ServedDocumentStore {
  constructor(private readonly db: Kysely<Database>) {}

  async keep(documents: readonly ServedDocument[]): Promise<void> {
    for (let i = 0; i < documents.length; i += CHUNK)
      await this.db
        .insertInto('served_documents')
        .values(
          documents
            .slice(i, i + CHUNK)
            .map((d) => ({ hash: d.hash, sealed: d.sealed, first_served_at: d.at })),
        )
        .onConflict((c) => c.column('hash').doNothing())
        .execute();
  }

  async find(hash: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('served_documents')
      .select('sealed')
      .where('hash', '=', hash)
      .executeTakeFirst();
    return row?.sealed;
  }

  async pruneUnreferenced(before: string): Promise<number> {
    const result = await this.db
      .deleteFrom('served_documents')
      .where('first_served_at', '<', before)
      .where('hash', 'not in', sql<string>`(select last_document_hash from device_fetch_state)`)
      .executeTakeFirst();
    return toNumber(result.numDeletedRows);
  }
}
