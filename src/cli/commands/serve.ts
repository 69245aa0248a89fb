// zprov serve: runs the provisioning server until SIGTERM or SIGINT, then stops accepting, lets the
// requests in flight finish, writes what is still buffered (audit) and exits 0.
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { composeApp } from '../../app/compose-app.js';
import type { AppConfig } from '../../config/app-config.js';
import type { AdminListener } from '../../server/admin-api/admin-api.js';
import type { MetricsListener } from '../../server/metrics-listener.js';
import type { RunningServer } from '../../server/start-server.js';
import type { ProvisioningObserver } from '../../services/provisioning-observer.js';
import { loadCliConfig, storageArgs, type StorageFlags } from '../admin-session.js';
import { printWarnings, type CliContext } from '../cli-context.js';
import { EXIT } from '../exit-codes.js';
import { addSettingOptions, FLAG_KEYS, SETTINGS_PRECEDENCE, settingsFromFlags } from '../setting-options.js';
import { firstStartGuide, listeningMessage, plainHttpWarning, zprovCommand } from './serve-messages.js';

/** What commander parsed: the storage flags and every other setting's flag, by attribute name. */
export type ServeFlags = StorageFlags & Readonly<Record<string, unknown>>;

/** serve takes every setting that has a flag, and --config after the data directory's settings. */
const SERVE_OPTIONS = FLAG_KEYS.flatMap((key) =>
  key === 'secretKeyFile' ? [key, 'config' as const] : [key],
);

export function registerServe(program: Command, ctx: CliContext): void {
  const command = program
    .command('serve')
    .description('run the provisioning server; stops cleanly on SIGTERM or SIGINT')
    .addHelpText('after', SETTINGS_PRECEDENCE);
  addSettingOptions(command, SERVE_OPTIONS).action(async (flags: ServeFlags) => {
    ctx.exitCode = await serve(ctx, flags, processSignals());
  });
}

/**
 * How long the server's SQLite connection waits for another process's write lock (a CLI command, the
 * sqlite3 shell) while holding the event loop: short, so fetches and health checks go on; a batch
 * or write that finds the lock taken tries again later.
 */
export const SERVER_BUSY_TIMEOUT_MS = 20;

/** Resolves when the server should stop. */
export type StopTrigger = Promise<string>;

export async function serve(ctx: CliContext, flags: ServeFlags, stopWhen: StopTrigger): Promise<number> {
  const config = loadCliConfig(ctx, flags, settingsFromFlags(flags, FLAG_KEYS));
  const firstStart = isFirstStart(config);
  // The HTTP framework and the logger are loaded by serve alone: other commands start without them.
  const [{ createServerLogger, prettyDestination }, { startServer }] = await Promise.all([
    import('../../server/server-logger.js'),
    import('../../server/start-server.js'),
  ]);
  const toStdout = (line: string): void => ctx.io.stdout(line);
  const forPerson =
    config.logFormat === 'pretty' || (config.logFormat === 'auto' && ctx.io.stdoutIsTerminal === true);
  const logger = createServerLogger(
    config.logLevel,
    forPerson
      ? await prettyDestination(toStdout, { colors: ctx.io.stdoutIsTerminal === true })
      : { write: toStdout },
  );
  const metrics = config.metrics === undefined ? undefined : await startMetrics(config.metrics);
  let app;
  try {
    app = await composeApp(config, {
      logger,
      backgroundCheckpoints: true,
      auditRetention: true,
      busyTimeoutMs: SERVER_BUSY_TIMEOUT_MS,
      ...(metrics === undefined ? {} : { observer: metrics.observer }),
    });
  } catch (error) {
    await metrics?.listener.close();
    throw error;
  }
  // The administration API: on a listener of its own when asked, on the phones' port only if told.
  const adminApi = { management: app.management, logger };
  let server: RunningServer;
  let admin: AdminListener | undefined;
  try {
    server = await startServer(config, {
      provisioning: app.provisioning,
      checkReady: () => app.checkReady(),
      logger,
      enrolments: app.management.enrolments,
      ...(config.admin.onPhonePort ? { adminApi } : {}),
    });
    if (config.admin.listener !== undefined) {
      const { startAdminListener } = await import('../../server/admin-api/admin-api.js');
      const phones = server;
      admin = await startAdminListener(config.admin.listener, adminApi).catch(async (error: unknown) => {
        await phones.close();
        throw error;
      });
    }
  } catch (error) {
    await app.close();
    await metrics?.listener.close();
    throw error;
  }
  const exposed = plainHttpWarning(config);
  if (exposed !== undefined) printWarnings(ctx, [exposed]);
  // One write, so whoever waits for the listening line also has the rest.
  ctx.io.stdout(
    [
      ...app.notices.map((notice) => `${notice}\n`),
      firstStart ? firstStartGuide(config, server.url, storageArgs(flags), zprovCommand(ctx.io.env)) : '',
      listeningMessage(config, server.url, metrics?.listener.url, admin?.url),
    ].join(''),
  );
  const reason = await stopWhen;
  logger.info({ signal: reason }, 'stopping: finishing requests in flight');
  app.provisioning.beginShutdown();
  try {
    await Promise.all([server.close(), admin?.close()]);
  } finally {
    await app.close();
    await metrics?.listener.close();
  }
  logger.info('stopped');
  return EXIT.OK;
}

/** The metrics and their listener; prom-client is loaded only when metrics are served. */
async function startMetrics(
  settings: NonNullable<AppConfig['metrics']>,
): Promise<{ observer: ProvisioningObserver; listener: MetricsListener }> {
  const [{ ServerMetrics }, { startMetricsListener }] = await Promise.all([
    import('../../server/server-metrics.js'),
    import('../../server/metrics-listener.js'),
  ]);
  const metrics = new ServerMetrics();
  return { observer: metrics, listener: await startMetricsListener(settings, metrics.registry) };
}

/** A first start is one that finds no database yet (the embedded SQLite default). */
function isFirstStart(config: AppConfig): boolean {
  return config.database.kind === 'sqlite' && !existsSync(config.database.path);
}

/** The first SIGTERM or SIGINT; a second one while stopping cuts the wait short. */
function processSignals(): StopTrigger {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      process.once('SIGTERM', () => process.exit(EXIT.FAILURE));
      process.once('SIGINT', () => process.exit(EXIT.FAILURE));
      resolve(signal);
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}
