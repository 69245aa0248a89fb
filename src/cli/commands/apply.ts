// zprov apply: simulate, then write the merged Config.xml the way the phone would hold it, for
// Zoiper editions without built-in provisioning. Made for login scripts: silent on success unless
// --verbose, a distinct exit code for every failure, and never a half-written Config.xml.
import { Option, type Command } from 'commander';
import { applySimulation, type ApplyReport } from '../../client/apply-config.js';
import { formatReport } from '../../client/report-text.js';
import { hostOs } from '../../client/zoiper-locations.js';
import { processProbeFor } from '../../client/zoiper-process.js';
import { ERROR_CODES, ZprovError } from '../../core/errors.js';
import { printWarnings, type CliContext } from '../cli-context.js';
import { EXIT, exitCodeForSimulation } from '../exit-codes.js';
import { addSimulationOptions, runSimulation, type SimulationFlags } from './simulate.js';

interface ApplyFlags extends SimulationFlags {
  readonly strict?: boolean;
  readonly verbose?: boolean;
  readonly testFault?: 'kill-before-rename' | 'fail-before-rename';
}

/**
 * Test hook (hidden option --test-fault): `kill-before-rename` kills the process with SIGKILL after
 * the new Config.xml is written to its temporary file and flushed, before the rename;
 * `fail-before-rename` throws there instead. Tests use them to show the original file survives.
 */
const FAULTS = ['kill-before-rename', 'fail-before-rename'] as const;

export function registerApply(program: Command, ctx: CliContext): void {
  const command = program
    .command('apply')
    .description(
      'provision like Zoiper5 Desktop and write the merged Config.xml (atomically, after a timestamped ' +
        'backup); quiet on success; exit codes as simulate, and 14 when --strict finds Zoiper running',
    )
    .option('--strict', 'refuse to write while Zoiper appears to be running (default: warn)')
    .option('--verbose', 'print the whole report, also on success')
    .addOption(new Option('--test-fault <point>').choices(FAULTS).hideHelp());
  addSimulationOptions(command, { mobile: false }).action(async (flags: ApplyFlags) => {
    ctx.exitCode = await apply(ctx, flags);
  });
}

async function apply(ctx: CliContext, flags: ApplyFlags): Promise<number> {
  const result = await runSimulation(ctx, flags);
  const applied = await applySimulation(result, {
    strict: flags.strict === true,
    now: Date.now(),
    probe: processProbeFor(hostOs(process.platform)),
    hooks: { beforeRename: faultHook(flags.testFault) },
  }).catch((error: unknown) => {
    throw new ZprovError(
      ERROR_CODES.IO,
      `cannot write ${result.configPath ?? 'Config.xml'}: ${error instanceof Error ? error.message : String(error)}; the file is unchanged`,
      result.configPath,
      { cause: error },
    );
  });
  const report = result.report;
  if (flags.json === true) ctx.io.stdout(`${JSON.stringify(applied, null, 2)}\n`);
  else if (flags.verbose === true) ctx.io.stdout(formatReport(report));
  printWarnings(ctx, applied.warnings, 'zprov apply');

  switch (applied.outcome) {
    case 'not-applied':
      if (flags.json !== true && flags.verbose !== true) ctx.io.stderr(formatReport(report));
      ctx.io.stderr(`zprov apply: nothing written: ${report.summary}\n`);
      return exitCodeForSimulation(report.outcome);
    case 'refused-running':
      return EXIT.ZOIPER_RUNNING;
    case 'unchanged':
      if (flags.verbose === true)
        ctx.io.stdout(`${applied.configPath ?? ''} is up to date; nothing written\n`);
      return EXIT.OK;
    case 'applied':
      if (flags.verbose === true) ctx.io.stdout(wroteLine(applied));
      return EXIT.OK;
  }
}

function wroteLine(applied: ApplyReport): string {
  const backup =
    applied.backup === undefined ? 'no backup: there was no file before' : `backup ${applied.backup}`;
  return `wrote ${applied.configPath ?? ''} (${backup})\n`;
}

function faultHook(fault: ApplyFlags['testFault']): (() => void) | undefined {
  switch (fault) {
    case 'kill-before-rename':
      return () => {
        process.kill(process.pid, 'SIGKILL');
      };
    case 'fail-before-rename':
      return () => {
        throw new Error('injected fault before rename (--test-fault)');
      };
    default:
      return undefined;
  }
}
