// zprov serve: runs the provisioning server until SIGTERM or SIGINT, then stops accepting, lets the
// requests in flight finish, writes what is still buffered (audit) and exits 0.
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { composeApp } from '../../app/compose-app.js';
import type { AppConfig } from '../../config/app-config.js';
import { collect, loadCliConfig, storageArgs, storageOptions, type StorageFlags } from '../admin-session.js';
import type { CliContext } from '../cli-context.js';
import { EXIT } from '../exit-codes.js';
import { firstStartGuide, listeningMessage } from './serve-messages.js';

export interface ServeFlags extends StorageFlags {
  readonly host?: string;
  readonly port?: string;
  readonly publicUrl?: string[];
  readonly tlsCert?: string;
  readonly tlsKey?: string;
  readonly trustedProxies?: string;
  readonly trustedNetworks?: string;
  readonly logLevel?: string;
}

export function registerServe(program: Command, ctx: CliContext): void {
  const command = program
    .command('serve')
    .description(
      'run the provisioning server (settings: flags, then ZPROV_* variables, then --config file); ' +
        'stops cleanly on SIGTERM or SIGINT',
    )
    .option('--host <address>', 'address to listen on (default 0.0.0.0)')
    .option('--port <number>', 'port to listen on (default 8080; 0 picks a free one)')
    .option(
      '--public-url <url>',
      'public base URL of this server, repeatable, in failover order (for provision.xml)',
      collect,
    )
    .option('--tls-cert <file>', 'PEM certificate chain: serve HTTPS (needs --tls-key)')
    .option('--tls-key <file>', 'PEM private key for --tls-cert')
    .option(
      '--trusted-proxies <hops-or-cidrs>',
      'read the client address from X-Forwarded-For: a hop count, or proxy addresses/CIDRs, comma-separated',
    )
    .option(
      '--trusted-networks <cidrs>',
      'addresses/CIDRs, comma-separated, exempt from the per-address lockout (an office NAT); per-user limits still apply',
    )
    .option('--log-level <level>', 'fatal, error, warn, info (default), debug, trace or silent');
  storageOptions(command).action(async (flags: ServeFlags) => {
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
  const config = loadCliConfig(ctx, flags, {
    host: flags.host,
    port: flags.port,
    publicUrls: flags.publicUrl,
    tlsCert: flags.tlsCert,
    tlsKey: flags.tlsKey,
    trustedProxies: flags.trustedProxies,
    trustedNetworks: flags.trustedNetworks,
    logLevel: flags.logLevel,
  });
  const firstStart = isFirstStart(config);
  // The HTTP framework and the logger are loaded by serve alone: other commands start without them.
  const [{ createServerLogger }, { startServer }] = await Promise.all([
    import('../../server/server-logger.js'),
    import('../../server/start-server.js'),
  ]);
  const logger = createServerLogger(config.logLevel, { write: (line: string) => ctx.io.stdout(line) });
  const app = await composeApp(config, {
    logger,
    backgroundCheckpoints: true,
    auditRetention: true,
    busyTimeoutMs: SERVER_BUSY_TIMEOUT_MS,
  });
  let server;
  try {
    server = await startServer(config, {
      provisioning: app.provisioning,
      checkReady: () => app.checkReady(),
      logger,
    });
  } catch (error) {
    await app.close();
    throw error;
  }
  // One write, so whoever waits for the listening line also has the rest.
  ctx.io.stdout(
    [
      ...app.notices.map((notice) => `${notice}\n`),
      firstStart ? firstStartGuide(config, server.url, storageArgs(flags)) : '',
      listeningMessage(config, server.url),
    ].join(''),
  );
  const reason = await stopWhen;
  logger.info({ signal: reason }, 'stopping: finishing requests in flight');
  app.provisioning.beginShutdown();
  try {
    await server.close();
  } finally {
    await app.close();
  }
  logger.info('stopped');
  return EXIT.OK;
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
