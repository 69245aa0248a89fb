// What the provisioning use case reports to its observer (the metrics adapter listens): each fetch
// once with its outcome and tenant, cache look-ups, lockouts and the audit buffer's work.
import { describe, expect, it } from 'vitest';
import { composeApp } from '../../src/app/compose-app.js';
import { loadConfig } from '../../src/config/app-config.js';
import { AuditBuffer } from '../../src/services/audit-buffer.js';
import { silentLogger } from '../../src/services/clock.js';
import type { AuditEntry } from '../../src/services/model.js';
import type { ProvisioningObserver } from '../../src/services/provisioning-observer.js';
import type { AuditLog } from '../../src/services/store.js';
import { request, TEST_HASH } from '../support/test-app.js';
import { tempDir } from '../support/test-databases.js';

/** Every call, as a short line: "fetched served acme", "loginCache hit", … */
function recordingObserver(): {
  events: string[];
  observer: ProvisioningObserver;
  seconds: number[];
  audit: { buffered: number; written: number };
} {
  const events: string[] = [];
  const seconds: number[] = [];
  const audit = { buffered: 0, written: 0 };
  return {
    events,
    seconds,
    audit,
    observer: {
      fetched: (outcome, tenant, s) => {
        events.push(`fetched ${outcome} ${tenant ?? '-'}`);
        seconds.push(s);
      },
      lockedOut: (scope) => events.push(`lockedOut ${scope}`),
      loginCache: (hit) => events.push(`loginCache ${hit ? 'hit' : 'miss'}`),
      documentCache: (hit) => events.push(`documentCache ${hit ? 'hit' : 'miss'}`),
      auditBuffered: () => {
        events.push('auditBuffered');
        audit.buffered += 1;
      },
      auditWritten: (n) => {
        events.push(`auditWritten ${n}`);
        audit.written += n;
      },
      auditDropped: (n) => events.push(`auditDropped ${n}`),
      databaseError: (operation) => events.push(`databaseError ${operation}`),
    },
  };
}

describe('provisioning observer', () => {
  it('hears each fetch once, with its outcome, its tenant when it exists, and how long it took', async () => {
    const dir = tempDir();
    const { events, observer, seconds, audit } = recordingObserver();
    const config = loadConfig({ flags: { dataDir: dir.path, maxFailuresPerUser: 2 }, env: {} });
    const app = await composeApp(config, { passwordHash: TEST_HASH, observer });
    try {
      await app.management.tenants.add({ slug: 'acme' });
      await app.management.users.add({ tenant: 'acme', username: 'ann', password: 'ann-password' });
      await app.management.accounts.add('acme', 'ann', { username: '100', domain: 'pbx.example.com' });
      const ask = async (username: string, password: string, tenant: string | undefined) =>
        (await app.provisioning.provision(request(username, password, { tenant }))).outcome;

      expect(await ask('ann', 'ann-password', 'acme')).toBe('served');
      // The audit buffer writes on its own timer: its writes are checked at the end.
      const fetchEvents = (): string[] => events.filter((e) => !e.startsWith('auditWritten'));
      expect(fetchEvents()).toEqual([
        'loginCache miss',
        'documentCache miss',
        'fetched served acme',
        'auditBuffered',
      ]);

      events.length = 0;
      expect(await ask('ann', 'ann-password', 'acme')).toBe('served');
      expect(fetchEvents()).toEqual([
        'loginCache hit',
        'documentCache hit',
        'fetched served acme',
        'auditBuffered',
      ]);

      events.length = 0;
      expect(await ask('ann', 'wrong', 'acme')).toBe('wrong_password');
      expect(await ask('ann', 'wrong', 'acme')).toBe('wrong_password');
      expect(await ask('ann', 'wrong', 'acme')).toBe('locked_out');
      expect(events.filter((e) => e.startsWith('fetched') || e.startsWith('lockedOut'))).toEqual([
        'fetched wrong_password acme',
        'fetched wrong_password acme',
        'lockedOut username',
        'fetched locked_out acme',
      ]);

      events.length = 0;
      expect(await ask('x', 'y', 'made-up')).toBe('unknown_user');
      expect(await ask('', '', 'acme')).toBe('missing_credentials');
      expect(events.filter((e) => e.startsWith('fetched'))).toEqual([
        'fetched unknown_user -',
        'fetched missing_credentials -',
      ]);

      expect(seconds.every((s) => s >= 0 && s < 10)).toBe(true);
      await app.provisioning.flushAudit();
      expect(audit.buffered).toBeGreaterThanOrEqual(2);
      expect(audit.written).toBe(audit.buffered);
    } finally {
      await app.close();
      dir.remove();
    }
  });

  it('hears of audit entries given up when the audit log cannot be written', async () => {
    const { events, observer } = recordingObserver();
    const failing: AuditLog = {
      appendBatch: () => Promise.reject(new Error('disk full')),
      recent: () => Promise.resolve([]),
      page: () => Promise.resolve([]),
      fetchStates: () => Promise.resolve(new Map()),
      pruneOldest: () => Promise.resolve(0),
    };
    const buffer = new AuditBuffer(failing, { logger: silentLogger, maxPending: 2, observer });
    const entry = { at: '2026-01-01T00:00:00.000Z', outcome: 'unknown_user', username: 'u' } as AuditEntry;
    for (let i = 0; i < 3; i++) buffer.record(entry, i);
    await buffer.close();
    expect(events).toEqual(['auditBuffered', 'auditBuffered', 'auditBuffered', 'auditDropped 1']);
  });
});
