// Tokens of the administration API, over SQL. Only the hash of a token's secret is stored.
import type { Kysely, Selectable } from 'kysely';
import type { AdminRole, ApiToken } from '../services/model.js';
import type { ApiTokenWriter } from '../services/store.js';
import type { ApiTokensTable, Database } from './database-tables.js';
import { optional, type Now } from './row-values.js';

const toToken = (row: Selectable<ApiTokensTable>): ApiToken => ({
  id: row.id,
  name: row.name,
  role: row.role as AdminRole,
  tenantId: optional(row.tenant_id),
  secretHash: row.secret_hash,
  createdAt: row.created_at,
  lastUsedAt: optional(row.last_used_at),
});

export class SqlApiTokenRepository implements ApiTokenWriter {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: Now,
  ) {}

  async list(): Promise<ApiToken[]> {
    return (await this.db.selectFrom('api_tokens').selectAll().orderBy('name').execute()).map(toToken);
  }

  async findById(id: string): Promise<ApiToken | undefined> {
    const row = await this.db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toToken(row);
  }

  async findByName(name: string): Promise<ApiToken | undefined> {
    const row = await this.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('name', '=', name)
      .executeTakeFirst();
    return row && toToken(row);
  }

  async insert(token: {
    id: string;
    name: string;
    role: AdminRole;
    tenantId: string | undefined;
    secretHash: string;
  }): Promise<ApiToken> {
    const row = {
      id: token.id,
      name: token.name,
      role: token.role,
      tenant_id: token.tenantId ?? null,
      secret_hash: token.secretHash,
      created_at: this.now(),
      last_used_at: null,
    };
    await this.db.insertInto('api_tokens').values(row).execute();
    return toToken(row);
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('api_tokens').where('id', '=', id).execute();
  }
}
