// SIP/IAX2 accounts of a user, over SQL. The password column holds only sealed text (secret-box.ts).
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Account, AccountProtocol } from '../services/model.js';
import type { AccountWriter } from '../services/store.js';
import type { AccountsTable, Database } from './database-tables.js';
import { fromFlag, optional, toFlag, type Now } from './row-values.js';

const toAccount = (row: Selectable<AccountsTable>): Account => ({
  id: row.id,
  userId: row.user_id,
  ident: row.ident,
  position: Number(row.position),
  protocol: row.protocol as AccountProtocol,
  isDefault: fromFlag(row.is_default),
  options: row.options,
  sealedPassword: optional(row.sealed_password),
  sourceKey: optional(row.source_key),
  enabled: fromFlag(row.enabled),
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export class SqlAccountRepository implements AccountWriter {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: Now,
  ) {}

  async listByUser(userId: string): Promise<Account[]> {
    const rows = await this.db
      .selectFrom('accounts')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('position')
      .orderBy('created_at')
      .execute();
    return rows.map(toAccount);
  }

  async findById(id: string): Promise<Account | undefined> {
    const row = await this.db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toAccount(row);
  }

  async findByIdent(ident: string): Promise<Account | undefined> {
    const row = await this.db
      .selectFrom('accounts')
      .selectAll()
      .where('ident', '=', ident)
      .executeTakeFirst();
    return row && toAccount(row);
  }

  async listImported(tenantId: string, prefix: string): Promise<Account[]> {
    const rows = await this.db
      .selectFrom('accounts')
      .innerJoin('users', 'users.id', 'accounts.user_id')
      .selectAll('accounts')
      .where('users.tenant_id', '=', tenantId)
      // substr, not LIKE: a key may hold % or _, and LIKE's case rules differ between the dialects.
      .where(sql<string>`substr(accounts.source_key, 1, ${prefix.length})`, '=', prefix)
      .orderBy('accounts.source_key')
      .execute();
    return rows.map(toAccount);
  }

  async sealedPrefixes(length: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('accounts')
      .select(sql<string>`substr(sealed_password, 1, ${length})`.as('prefix'))
      .where('sealed_password', 'is not', null)
      .distinct()
      .execute();
    return rows.map((row) => row.prefix);
  }

  async insert(account: {
    userId: string;
    ident: string;
    position: number;
    protocol: AccountProtocol;
    isDefault: boolean;
    options: string;
    sealedPassword: string | undefined;
    sourceKey?: string;
    enabled?: boolean;
  }): Promise<Account> {
    const at = this.now();
    const row = {
      id: randomUUID(),
      user_id: account.userId,
      ident: account.ident,
      position: account.position,
      protocol: account.protocol,
      is_default: toFlag(account.isDefault),
      options: account.options,
      sealed_password: account.sealedPassword ?? null,
      source_key: account.sourceKey ?? null,
      enabled: toFlag(account.enabled ?? true),
      created_at: at,
      updated_at: at,
    };
    await this.db.insertInto('accounts').values(row).execute();
    return toAccount(row);
  }

  async update(
    id: string,
    patch: Partial<{
      position: number;
      protocol: AccountProtocol;
      isDefault: boolean;
      options: string;
      sealedPassword: string | null;
      enabled: boolean;
    }>,
  ): Promise<void> {
    const values: Partial<AccountsTable> = { updated_at: this.now() };
    if (patch.position !== undefined) values.position = patch.position;
    if (patch.protocol !== undefined) values.protocol = patch.protocol;
    if (patch.isDefault !== undefined) values.is_default = toFlag(patch.isDefault);
    if (patch.options !== undefined) values.options = patch.options;
    if (patch.sealedPassword !== undefined) values.sealed_password = patch.sealedPassword;
    if (patch.enabled !== undefined) values.enabled = toFlag(patch.enabled);
    await this.db.updateTable('accounts').set(values).where('id', '=', id).execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('accounts').where('id', '=', id).execute();
  }
}
