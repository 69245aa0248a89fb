// A composed app on a fresh SQLite file in a temp dir, with a cheap password hash and a manual clock.
import { composeApp, type ComposedApp } from '../../src/app/compose-app.js';
import { loadConfig, type AppConfig, type ConfigInput } from '../../src/config/app-config.js';
import { manualClock } from '../../src/services/clock.js';
import type { ProvisioningRequest } from '../../src/services/provisioning-contract.js';
import { tempDir } from './test-databases.js';

/** Cheap enough for tests; real deployments use the default (logN 14). */
export const TEST_HASH = { logN: 4, r: 8, p: 1 } as const;

export interface TestApp {
  readonly app: ComposedApp;
  readonly config: AppConfig;
  readonly clock: ReturnType<typeof manualClock>;
  readonly dataDir: string;
  close(): Promise<void>;
}

export async function testApp(flags: ConfigInput = {}): Promise<TestApp> {
  const dir = tempDir();
  const config = loadConfig({ flags: { dataDir: dir.path, ...flags } });
  const clock = manualClock();
  const app = await composeApp(config, { clock, passwordHash: TEST_HASH });
  return {
    app,
    config,
    clock,
    dataDir: dir.path,
    close: async () => {
      await app.close();
      dir.remove();
    },
  };
}

export const request = (
  username: string,
  password: string,
  extra: Partial<ProvisioningRequest> = {},
): ProvisioningRequest => ({
  tenant: undefined,
  username,
  password,
  transport: 'url',
  clientAddress: '192.0.2.10',
  userAgent: 'Z 5.6.1 test',
  ...extra,
});
