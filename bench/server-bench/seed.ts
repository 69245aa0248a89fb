// Fills a fresh data directory for the benchmark: a server-wide profile, N users with one SIP account
// each. Users share one password and one stored hash (computed once at full cost), inserted in one
// batch through storage: hashing 10,000 passwords would take minutes and measure nothing. Sharing the
// hash does not make the cold phase cheaper: the server remembers verified logins per username, so
// every user's first fetch still runs scrypt.
import { composeApp, passwordMacKey } from '../../src/app/compose-app.js';
import { loadConfig } from '../../src/config/app-config.js';
import { DEFAULT_TENANT_SLUG } from '../../src/services/model.js';
import { DEFAULT_SCRYPT_PARAMS, PasswordHasher } from '../../src/services/password-hash.js';
import type { NewUser } from '../../src/services/store.js';
import { loadSecretKey } from '../../src/storage/secret-key-file.js';
import { SqlStore } from '../../src/storage/sql-store.js';

export const BENCH_PASSWORD = 'bench-Pa55word';
/** bench00001 …; also used with '%s' to make wrk's path template. */
export const benchUsername = (n: number | string): string =>
  `bench${typeof n === 'number' ? String(n).padStart(5, '0') : n}`;

const PROFILE = `<?xml version="1.0" encoding="UTF-8"?>
<options>
  <general>
    <auto_away>600</auto_away>
    <minimize_to_tray>true</minimize_to_tray>
    <record_calls>false</record_calls>
  </general>
  <audio>
    <ring_when_talking>false</ring_when_talking>
    <use_echo_cancellation>true</use_echo_cancellation>
    <use_noise_suppression>true</use_noise_suppression>
  </audio>
</options>
`;

/**
 * `keyed`: store the shared password the way zprov stores the passwords it generates (a keyed HMAC,
 * checked in microseconds) instead of with scrypt, as typed passwords are.
 */
export async function seedUsers(
  dataDir: string,
  count: number,
  options: {
    readonly keyed?: boolean;
    readonly firstUser?: number;
    /** false: users only, without the SIP account each (what the web pages' benchmark lists). */
    readonly accounts?: boolean;
  } = {},
): Promise<{ seconds: number }> {
  const started = performance.now();
  const config = loadConfig({ flags: { dataDir }, env: {} });
  const app = await composeApp(config);
  try {
    if ((await app.management.profiles.list()).length === 0) {
      await app.management.profiles.import('bench-defaults', PROFILE);
      await app.management.profiles.assign('bench-defaults', { kind: 'server' });
    }
  } finally {
    await app.close();
  }

  const macKey = passwordMacKey(loadSecretKey(config, { create: false }).key);
  const passwordHash =
    options.keyed === true
      ? await new PasswordHasher(DEFAULT_SCRYPT_PARAMS, macKey).hashGenerated(BENCH_PASSWORD)
      : await new PasswordHasher().hash(BENCH_PASSWORD);
  const first = options.firstUser ?? 1;
  const store = await SqlStore.open(config.database);
  try {
    await store.write(async (tx) => {
      const tenant = await tx.tenants.findBySlug(DEFAULT_TENANT_SLUG);
      if (tenant === undefined) throw new Error('the default tenant is missing');
      const rows: NewUser[] = Array.from({ length: count }, (_, i) => ({
        tenantId: tenant.id,
        username: benchUsername(first + i),
        displayName: `Bench User ${first + i}`,
        enabled: true,
        groupId: undefined,
        passwordHash,
      }));
      await tx.users.insertMany(rows);
    });
  } finally {
    await store.close();
  }

  if (options.accounts === false) return { seconds: (performance.now() - started) / 1000 };
  const again = await composeApp(config);
  try {
    for (let i = first; i < first + count; i++) {
      await again.management.accounts.add(DEFAULT_TENANT_SLUG, benchUsername(i), {
        protocol: 'sip',
        username: `ext${1000 + i}`,
        password: `sip-secret-${i}`,
        domain: 'pbx.example.com',
        codecs: 'opus,g722,pcma,pcmu',
      });
    }
  } finally {
    await again.close();
  }
  return { seconds: (performance.now() - started) / 1000 };
}
