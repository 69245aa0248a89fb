// `zprov apply`: what a phone without built-in provisioning cannot do for itself. After a successful
// simulation the merged configuration replaces the local Config.xml: a timestamped backup of the old
// file first, then an atomic replacement (atomic-write.ts), so the file is whole whatever fails.
// Nothing is written when nothing changes, so a login script leaves no trail of identical backups.
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { serializeConfig } from '../core/index.js';
import { backupFile, removeStaleTemps, writeFileAtomic, type AtomicWriteHooks } from '../fs/atomic-write.js';
import type { SimulationResult } from './desktop-simulation.js';
import type { SimulationReport } from './simulation-report.js';
import type { ProcessCheck, ProcessProbe } from './zoiper-process.js';

export type ApplyOutcome = 'applied' | 'unchanged' | 'refused-running' | 'not-applied';

export interface ApplyOptions {
  /** Refuse (instead of warning) when Zoiper appears to be running. */
  readonly strict: boolean;
  /** Milliseconds since the epoch, for the backup's name. */
  readonly now: number;
  readonly probe: ProcessProbe;
  readonly hooks?: AtomicWriteHooks;
  /** Decides whether a leftover temporary file's writer still runs (tests replace it). */
  readonly isAlive?: (pid: number) => boolean;
}

export interface ApplyReport {
  readonly outcome: ApplyOutcome;
  readonly simulation: SimulationReport;
  readonly configPath?: string;
  readonly backup?: string;
  /** Temporary files of an earlier, interrupted apply that were cleared. */
  readonly removedTemps: readonly string[];
  readonly zoiper?: ProcessCheck;
  readonly warnings: readonly string[];
}

export async function applySimulation(result: SimulationResult, options: ApplyOptions): Promise<ApplyReport> {
  const simulation = result.report;
  const { configPath, merged } = result;
  if (simulation.outcome !== 'success' || merged === undefined || configPath === undefined) {
    return { outcome: 'not-applied', simulation, removedTemps: [], warnings: [] };
  }
  const warnings: string[] = [];
  const removedTemps = await removeStaleTemps(configPath, options.isAlive);
  if (removedTemps.length > 0)
    warnings.push(`removed ${removedTemps.length} temporary file(s) left by an interrupted apply`);

  const zoiper = await options.probe();
  if (zoiper.running) {
    const running = `Zoiper appears to be running (${zoiper.matches.join(', ')})`;
    if (options.strict) {
      return {
        outcome: 'refused-running',
        simulation,
        configPath,
        removedTemps,
        zoiper,
        warnings: [...warnings, `${running}: nothing written (--strict); quit Zoiper and run again`],
      };
    }
    warnings.push(`${running}: it may overwrite the new Config.xml when it exits; quit it before applying`);
  }

  const localFound = simulation.overlay?.localFound ?? false;
  if (localFound && (simulation.diff?.length ?? 0) === 0) {
    return { outcome: 'unchanged', simulation, configPath, removedTemps, zoiper, warnings };
  }
  await mkdir(dirname(configPath), { recursive: true });
  const backup = localFound ? await backupFile(configPath, options.now) : undefined;
  await writeFileAtomic(configPath, serializeConfig(merged), options.hooks);
  return {
    outcome: 'applied',
    simulation,
    configPath,
    ...(backup === undefined ? {} : { backup }),
    removedTemps,
    zoiper,
    warnings,
  };
}
