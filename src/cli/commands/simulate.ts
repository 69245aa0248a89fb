// zprov simulate: do what the phone does when it provisions, step by step, and say what happened.
// Desktop (default): Provision.xml lookup, credentials, each base URL in order, overlay onto the
// local Config.xml, diff. Mobile (--platform android|ios): the app's URL template, the reply checked
// against the platform's schema, a failed re-fetch keeping the previous configuration.
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import {
  MOBILE_PLATFORMS,
  MOBILE_VERSION_SENT,
  serializeConfig,
  type MobilePlatform,
} from '../../core/index.js';
import { writeFileAtomic } from '../../fs/atomic-write.js';
import { simulateDesktop, type ClientPorts, type SimulationResult } from '../../client/desktop-simulation.js';
import { simulateMobile } from '../../client/mobile-simulation.js';
import { nodeFetch, nodeFileSystem, systemClock } from '../../client/node-ports.js';
import { formatReport } from '../../client/report-text.js';
import { DESKTOP_OSES, hostOs, type DesktopOs } from '../../client/zoiper-locations.js';
import { ERROR_CODES, ZprovError } from '../../core/errors.js';
import type { CliContext } from '../cli-context.js';
import { exitCodeForSimulation } from '../exit-codes.js';

export interface SimulationFlags {
  readonly platform: 'desktop' | MobilePlatform;
  readonly platformOs?: DesktopOs;
  readonly provision?: string;
  readonly workingDir?: string;
  readonly exeDir?: string;
  readonly dataDir?: string;
  readonly config?: string;
  readonly user?: string;
  readonly password?: string;
  readonly timeout: string;
  readonly url?: string;
  readonly provVersion?: string;
  readonly previous?: string;
  readonly state?: string;
  readonly json?: boolean;
}

/** The options simulate and apply share. */
export function addSimulationOptions(command: Command, { mobile }: { mobile: boolean }): Command {
  command
    .addOption(
      new Option(
        '--platform-os <os>',
        'operating-system conventions to follow (default: this machine)',
      ).choices(DESKTOP_OSES),
    )
    .option('--provision <file>', 'use this provision file instead of looking for one')
    .option('--working-dir <dir>', 'the directory Zoiper is started in (default: the current directory)')
    .option(
      '--exe-dir <dir>',
      "the Zoiper executable's directory (default: found on PATH, else the installer's)",
    )
    .option('--data-dir <dir>', "the user's Zoiper5 data directory (default: the OS convention)")
    .option('--config <file>', 'the local Config.xml (default: Config.xml in the data directory)')
    .option('--user <name>', 'username to send when the provision file asks the user for one')
    .option('--password <password>', 'password to send when the provision file asks the user for one')
    .option('--timeout <seconds>', 'how long each URL may take to answer', '10')
    .option('--json', 'print the report as JSON');
  if (mobile) {
    command
      .addOption(
        new Option('--platform <platform>', 'emulate Zoiper5 Desktop or a mobile app')
          .choices(['desktop', ...MOBILE_PLATFORMS])
          .default('desktop'),
      )
      .option('--url <template>', "mobile: the app's provisioning URL with [username], [password], [version]")
      .option(
        '--prov-version <value>',
        `mobile: what [version] becomes (default ${MOBILE_VERSION_SENT}, as the apps send)`,
      )
      .option('--previous <file>', 'mobile: the configuration the app already holds (a re-provisioning)')
      .option(
        '--state <file>',
        'mobile: like --previous, and the received configuration is saved there on success',
      );
  }
  return command;
}

export function registerSimulate(program: Command, ctx: CliContext): void {
  const command = program
    .command('simulate')
    .description(
      'provision the way Zoiper does and report every step; exit 0 success, 10 no provision file, ' +
        '11 invalid provision file, 12 every URL failed, 13 the server answered with an error document',
    )
    .option('-o, --output <file>', 'also write the resulting configuration to this file');
  addSimulationOptions(command, { mobile: true }).action(
    async (flags: SimulationFlags & { output?: string }) => {
      const result = await runSimulation(ctx, flags);
      const report = result.report;
      if (flags.json === true) ctx.io.stdout(`${JSON.stringify(report, null, 2)}\n`);
      else ctx.io.stdout(formatReport(report));
      if (report.outcome === 'success' && result.merged !== undefined) {
        if (flags.output !== undefined)
          await writeOrFail(resolve(ctx.io.cwd, flags.output), serializeConfig(result.merged));
        if (flags.state !== undefined && report.mode !== 'desktop')
          await writeOrFail(resolve(ctx.io.cwd, flags.state), serializeConfig(result.merged));
      }
      ctx.exitCode = exitCodeForSimulation(report.outcome);
    },
  );
}

export function clientPorts(): ClientPorts {
  return { fs: nodeFileSystem, fetch: nodeFetch, clock: systemClock };
}

/** Runs the emulator the flags ask for, with relative paths taken from the CLI's directory. */
export async function runSimulation(
  ctx: CliContext,
  flags: SimulationFlags,
  ports: ClientPorts = clientPorts(),
): Promise<SimulationResult> {
  const at = (path: string | undefined): string | undefined =>
    path === undefined ? undefined : resolve(ctx.io.cwd, path);
  const seconds = Number(flags.timeout);
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new ZprovError(
      ERROR_CODES.INVALID_INPUT,
      `--timeout ${flags.timeout}: expected a number of seconds above 0`,
    );
  const timeoutMs = Math.round(seconds * 1000);
  const common = {
    user: flags.user,
    password: flags.password,
    prompt: ctx.io.prompt,
    timeoutMs,
  };
  const platform = flags.platform ?? 'desktop';
  if (platform !== 'desktop') {
    if (flags.url === undefined)
      throw new ZprovError(
        ERROR_CODES.INVALID_INPUT,
        `--platform ${platform} needs --url with the app's URL template`,
      );
    if (flags.previous !== undefined && flags.state !== undefined)
      throw new ZprovError(ERROR_CODES.INVALID_INPUT, 'give --previous or --state, not both');
    for (const [flag, value] of [
      ['--platform-os', flags.platformOs],
      ['--provision', flags.provision],
      ['--working-dir', flags.workingDir],
      ['--exe-dir', flags.exeDir],
      ['--data-dir', flags.dataDir],
      ['--config', flags.config],
    ] as const) {
      if (value !== undefined)
        throw new ZprovError(
          ERROR_CODES.INVALID_INPUT,
          `${flag} belongs to Desktop mode; the mobile apps have no provision file or Config.xml`,
        );
    }
    return simulateMobile(
      {
        platform,
        urlTemplate: flags.url,
        versionValue: flags.provVersion,
        previousFile: at(flags.previous ?? flags.state),
        ...common,
      },
      ports,
    );
  }
  for (const [flag, value] of [
    ['--url', flags.url],
    ['--prov-version', flags.provVersion],
    ['--previous', flags.previous],
    ['--state', flags.state],
  ] as const) {
    if (value !== undefined)
      throw new ZprovError(
        ERROR_CODES.INVALID_INPUT,
        `${flag} belongs to mobile mode (--platform android|ios)`,
      );
  }
  return simulateDesktop(
    {
      os: flags.platformOs ?? hostOs(process.platform),
      env: ctx.io.env,
      homeDir: homedir(),
      workingDirectory: at(flags.workingDir) ?? ctx.io.cwd,
      executableDirectory: at(flags.exeDir),
      dataDirectory: at(flags.dataDir),
      provisionFile: at(flags.provision),
      configFile: at(flags.config),
      ...common,
    },
    ports,
  );
}

async function writeOrFail(path: string, text: string): Promise<void> {
  try {
    await writeFileAtomic(path, text);
  } catch (error) {
    throw new ZprovError(ERROR_CODES.IO, `cannot write ${path}: ${(error as Error).message}`, path, {
      cause: error,
    });
  }
}
