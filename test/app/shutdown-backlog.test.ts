// Stopping while password checks are queued: the waiting ones are refused at once (busy), the running
// ones finish, every answer is given, and nothing touches storage after it has closed.
import { availableParallelism } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { composeApp } from '../../src/app/compose-app.js';
import { loadConfig } from '../../src/config/app-config.js';
import type { ServiceLogger } from '../../src/services/clock.js';
import { tempDir } from '../support/test-databases.js';
import { request } from '../support/test-app.js';

const dirs: { remove(): void }[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) dir.remove();
});

describe('stopping under a backlog of password checks', () => {
  it('refuses the waiting checks, runs none after the running ones, and logs no error', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const errors: string[] = [];
    const logger: ServiceLogger = {
      error: (_details, message) => errors.push(message),
      warn: () => undefined,
      info: () => undefined,
    };
    // About 5-10 ms a check here: 60 queued checks are a backlog of several hundred milliseconds.
    const app = await composeApp(loadConfig({ flags: { dataDir: dir.path } }), {
      logger,
      passwordHash: { logN: 12, r: 8, p: 1 },
    });
    const m = app.management;
    await m.users.addMany(
      'default',
      Array.from({ length: 30 }, (_, i) => ({ username: `u${i}`, password: `password-${i}` })),
    );
    let stopping = false;
    let answeredBeforeStop = 0;
    const answers = Array.from({ length: 60 }, (_, i) =>
      Promise.resolve(
        app.provisioning.provision(
          request(`u${i % 30}`, 'a wrong guess', { clientAddress: `198.51.100.${i}` }),
        ),
      ).finally(() => (answeredBeforeStop += stopping ? 0 : 1)),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    stopping = true;
    const checkedBeforeStop = answeredBeforeStop;
    app.provisioning.beginShutdown();
    await app.close();
    const outcomes = (await Promise.all(answers)).map((r) => r.outcome);
    // Every check is a wrong guess, so each one that ran is a wrong_password: at most those answered
    // before the stop and those running when it came (one per core). The rest were refused unchecked.
    const checked = outcomes.filter((o) => o === 'wrong_password').length;
    expect(checked).toBeLessThanOrEqual(checkedBeforeStop + availableParallelism());
    expect(outcomes.filter((o) => o === 'busy').length).toBe(60 - checked);
    expect(outcomes.filter((o) => o === 'busy').length).toBeGreaterThan(30);
    expect(errors).toEqual([]);
  });
});
