// Tokens of the administration API: made by `zprov token create` (shown once), kept as the SHA-256
// of their secret part (about 190 random bits: beyond any search, so a fast hash loses nothing),
// checked in constant time, and turned into the principal every API request acts as.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { ZprovError } from '../../core/errors.js';
import type { Clock } from '../clock.js';
import { ADMIN_ROLES, type AdminRole, type ApiToken } from '../model.js';
import type { Store } from '../store.js';
import { requireTenant } from './lookups.js';

/** Who an API request acts as: a token's name, role and (for a tenant admin) tenant. */
export interface Principal {
  /** As the change history and the logs name it. */
  readonly name: string;
  readonly role: AdminRole;
  /** The one tenant the token may see; undefined: every tenant. */
  readonly tenantId: string | undefined;
}

export interface TokenView {
  readonly name: string;
  readonly role: AdminRole;
  readonly tenant: string | undefined;
  readonly createdAt: string;
  readonly lastUsedAt: string | undefined;
}

const TOKEN = /^zprov_([0-9a-f]{16})_([A-Za-z0-9_-]{32})$/;
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** last_used_at is written at most this often per token: a busy integration is not a write per call. */
const TOUCH_INTERVAL_MS = 60_000;

const digest = (secret: string): Buffer => createHash('sha256').update(secret, 'utf8').digest();

export function checkRole(role: string): AdminRole {
  if (!(ADMIN_ROLES as readonly string[]).includes(role))
    throw new ZprovError('invalid_input', `role: '${role}' is not one of ${ADMIN_ROLES.join(', ')}`, 'role');
  return role as AdminRole;
}

export class TokenAdmin {
  private readonly touched = new Map<string, number>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** Makes a token; the returned text is the only time its secret exists outside the caller. */
  async create(name: string, role: string, tenantSlug?: string): Promise<{ token: string; view: TokenView }> {
    if (!NAME.test(name))
      throw new ZprovError(
        'invalid_input',
        `name: '${name}' is not a token name (letters, digits, '.', '_', '-'; at most 64)`,
        'name',
      );
    const checked = checkRole(role);
    if (checked === 'tenant-admin' && tenantSlug === undefined)
      throw new ZprovError('invalid_input', 'tenant: a tenant admin token needs --tenant', 'tenant');
    if (checked === 'server-admin' && tenantSlug !== undefined)
      throw new ZprovError(
        'invalid_input',
        'tenant: a server admin token sees every tenant; leave out --tenant',
        'tenant',
      );
    const id = randomBytes(8).toString('hex');
    const secret = randomBytes(24).toString('base64url');
    const token = await this.store.write(async (tx) => {
      const tenant = tenantSlug === undefined ? undefined : await requireTenant(tx, tenantSlug);
      if ((await tx.tokens.findByName(name)) !== undefined)
        throw new ZprovError('already_exists', `token '${name}' already exists`, 'name');
      return tx.tokens.insert({
        id,
        name,
        role: checked,
        tenantId: tenant?.id,
        secretHash: digest(secret).toString('hex'),
      });
    });
    return { token: `zprov_${id}_${secret}`, view: await this.view(token) };
  }

  async list(): Promise<TokenView[]> {
    return Promise.all((await this.store.tokens.list()).map((t) => this.view(t)));
  }

  async revoke(name: string): Promise<void> {
    await this.store.write(async (tx) => {
      const token = await tx.tokens.findByName(name);
      if (token === undefined) throw new ZprovError('not_found', `no token '${name}'`, 'name');
      await tx.tokens.delete(token.id);
    });
  }

  /** The principal a presented token stands for; undefined for anything else, revoked tokens included. */
  async authenticate(presented: string): Promise<Principal | undefined> {
    const match = TOKEN.exec(presented);
    if (match === null) return undefined;
    const token = await this.store.tokens.findById(match[1] as string);
    const expected = Buffer.from(token?.secretHash ?? '0'.repeat(64), 'hex');
    const matches = timingSafeEqual(digest(match[2] as string), expected);
    if (token === undefined || !matches) return undefined;
    const now = this.clock.now();
    if (now - (this.touched.get(token.id) ?? -Infinity) >= TOUCH_INTERVAL_MS) {
      this.touched.set(token.id, now);
      await this.store.touchToken(token.id, new Date(now).toISOString());
    }
    return { name: token.name, role: token.role, tenantId: token.tenantId };
  }

  private async view(token: ApiToken): Promise<TokenView> {
    const tenant =
      token.tenantId === undefined ? undefined : await this.store.tenants.findById(token.tenantId);
    return {
      name: token.name,
      role: token.role,
      tenant: tenant?.slug,
      createdAt: token.createdAt,
      lastUsedAt: token.lastUsedAt,
    };
  }
}
