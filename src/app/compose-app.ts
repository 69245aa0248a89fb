// The composition root: the one place that wires adapters (storage, the key file) to the services.
import { hkdfSync } from 'node:crypto';
import { hostname } from 'node:os';
import { ZprovError } from '../core/index.js';
import { addressMatcher } from '../config/address-list.js';
import { isWildcardHost, type AppConfig } from '../config/app-config.js';
import { silentLogger, systemClock, type Clock, type ServiceLogger } from '../services/clock.js';
import { recordingStore } from '../services/change-history.js';
import { createManagement, type ManagementService } from '../services/management/management-service.js';
import { DEFAULT_SCRYPT_PARAMS, PasswordHasher, type ScryptParams } from '../services/password-hash.js';
import type { ProvisioningService } from '../services/provisioning-contract.js';
import type { ProvisioningObserver } from '../services/provisioning-observer.js';
import { AuditRetention } from '../services/audit-retention.js';
import { ProvisioningUseCase } from '../services/provisioning-service.js';
import { keyIdOfSealed, SEALED_KEY_PREFIX_LENGTH, SecretBox } from '../services/secret-box.js';
import { withWrite, type Store } from '../services/store.js';
import { loadSecretKey, type LoadedSecretKey } from '../storage/secret-key-file.js';
import { SqlStore } from '../storage/sql-store.js';
import { observedStore } from './observed-store.js';

export interface ComposeOptions {
  /** Time source for lockouts and rotation windows (tests pass a manual clock). */
  readonly clock?: Clock;
  /** Where services report failures; a pino logger fits. Default: silent. */
  readonly logger?: ServiceLogger;
  /** scrypt cost for new password hashes (tests and seeding may lower it; stored hashes carry their own). */
  readonly passwordHash?: ScryptParams;
  /** How often the server looks for writes made by other processes (the CLI). Default 1000 ms. */
  readonly generationCheckMs?: number;
  /** Audit batching: every flushIntervalMs (default 100) or maxBatch entries (default 256). */
  readonly audit?: { readonly flushIntervalMs?: number; readonly maxBatch?: number };
  /**
   * SQLite: checkpoint the WAL from a worker thread, not in the request path (the server sets it;
   * short-lived commands need not).
   */
  readonly backgroundCheckpoints?: boolean;
  /**
   * SQLite: how long a statement may wait for another process's write lock, holding the event loop
   * (the server keeps it short: audit batches and management writes try again later instead).
   */
  readonly busyTimeoutMs?: number;
  /**
   * Delete audit entries older than config.auditRetentionDays, now and every hour (the server does;
   * short-lived commands need not).
   */
  readonly auditRetention?: boolean;
  /**
   * Told how fetches end, what the caches, lockouts and audit buffer do, and which storage calls fail
   * (the server's metrics). Nobody by default.
   */
  readonly observer?: ProvisioningObserver;
}

export interface ComposedApp {
  readonly config: AppConfig;
  /**
   * The provisioning use case behind the HTTP endpoint. Never throws: every outcome is a result.
   * `invalidate()` is called automatically after management writes made through this app.
   */
  readonly provisioning: ProvisioningService & {
    /** Writes buffered audit entries now (they are also written every 100 ms and on close). */
    flushAudit(): Promise<void>;
    /** Stopping: the password checks waiting now are refused at once, so the requests behind them end. */
    beginShutdown(): void;
  };
  /** Tenants, groups, profiles, users, accounts, reports and Provision.xml files. */
  readonly management: ManagementService;
  /** Things the operator should hear at start (a key file created or readable by others). */
  readonly notices: readonly string[];
  /** Resolves when storage answers; rejects otherwise (readiness probe). */
  checkReady(): Promise<void>;
  /** Writes the buffered audit entries and closes storage. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Opens storage (creating and migrating the SQLite file on first start), loads the key for secrets
 * at rest (creating the key file on first start) and wires the services.
 *
 * Use: `const app = await composeApp(loadConfig(...)); ... app.provisioning.provision(request) ...;
 * await app.close();`
 */
export async function composeApp(config: AppConfig, options: ComposeOptions = {}): Promise<ComposedApp> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const opened = await SqlStore.open(config.database, {
    backgroundCheckpoints: options.backgroundCheckpoints === true,
    ...(options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs }),
    onCheckpointError: (message) => logger.warn({ error: message }, 'background WAL checkpoint failed'),
  });
  let key: LoadedSecretKey;
  let box: SecretBox;
  try {
    ({ key, box } = await openSecrets(config, opened));
  } catch (error) {
    await opened.close();
    throw error;
  }
  const { observer } = options;
  const store =
    observer === undefined ? opened : observedStore(opened, (operation) => observer.databaseError(operation));
  const notices: string[] = [];
  if (key.source === 'created')
    notices.push(`created the key for secrets at rest: ${config.secretKeyFile} (back it up)`);
  if (key.warning !== undefined) notices.push(key.warning);
  const hasher = new PasswordHasher(options.passwordHash ?? DEFAULT_SCRYPT_PARAMS, passwordMacKey(key.key));
  const provisioning = new ProvisioningUseCase({
    store,
    box,
    hasher,
    throttle: config.throttle,
    clock,
    logger,
    ...(options.generationCheckMs === undefined ? {} : { generationCheckMs: options.generationCheckMs }),
    ...(options.audit === undefined ? {} : { audit: options.audit }),
    exemptFromAddressLimits: addressMatcher(config.trustedNetworks),
    ...(observer === undefined ? {} : { observer }),
  });
  const management = createManagement({
    // Every management write is recorded in the change history, whoever makes it.
    store: notifyingStore(
      recordingStore(store, () => clock.now()),
      () => provisioning.invalidate(),
    ),
    box,
    hasher,
    clock,
    rotationWindowSeconds: config.rotationWindowSeconds,
    defaultUrls: defaultBaseUrls(config),
    throttle: config.throttle,
  });
  const retention =
    options.auditRetention === true
      ? new AuditRetention(store.audit, { retentionDays: config.auditRetentionDays, clock, logger })
      : undefined;
  retention?.start();
  let closing: Promise<void> | undefined;
  return {
    config,
    provisioning,
    management,
    notices,
    checkReady: () => store.ping(),
    close: () =>
      (closing ??= (async () => {
        try {
          await retention?.stop();
          await provisioning.close();
        } finally {
          await store.close();
        }
      })()),
  };
}

/**
 * The key for secrets at rest, made only for a database that holds nothing yet, and checked against
 * the secrets already sealed: a missing or different key refuses to start rather than sealing new
 * secrets that the real key, once restored, could not open.
 */
async function openSecrets(
  config: AppConfig,
  store: Store,
): Promise<{ key: LoadedSecretKey; box: SecretBox }> {
  const [prefixes, hasUsers] = await Promise.all([
    store.accounts.sealedPrefixes(SEALED_KEY_PREFIX_LENGTH),
    store.users.exist(),
  ]);
  const key = loadSecretKey(config, { create: prefixes.length === 0 && !hasUsers });
  const box = new SecretBox(key.key);
  const others = prefixes.map(keyIdOfSealed).filter((id) => id !== box.keyId);
  if (others.length > 0) {
    const where =
      config.secretKey !== undefined ? 'ZPROV_SECRET_KEY' : `the key file ${config.secretKeyFile}`;
    throw new ZprovError(
      'config',
      `${where} holds key ${box.keyId}, but the stored SIP/IAX passwords were sealed with key ` +
        `${others.map((id) => id ?? 'of an unknown format').join(', ')}: restore the key they were sealed with`,
      config.secretKey !== undefined ? 'secretKey' : 'secretKeyFile',
    );
  }
  return { key, box };
}

/** The key for generated passwords' HMACs: derived from the key file's key, for this purpose only. */
export const passwordMacKey = (key: Buffer): Buffer =>
  Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'zprov provisioning password mac', 32));

/** The store management writes through: after each write the provisioning caches look again. */
function notifyingStore(store: Store, afterWrite: () => void): Store {
  return withWrite(store, async (work, options) => {
    try {
      return await store.write(work, options);
    } finally {
      afterWrite();
    }
  });
}

/** publicUrls when configured, else this server's own address (the host name when listening on all). */
export function defaultBaseUrls(config: AppConfig): string[] {
  if (config.publicUrls.length > 0) return [...config.publicUrls];
  const host = isWildcardHost(config.host) ? hostname() : config.host;
  const shown = host.includes(':') ? `[${host}]` : host;
  return [`${config.tls === undefined ? 'http' : 'https'}://${shown}:${config.port}`];
}
