// A progress bar on standard error for long commands, drawn only when a person watches (a terminal);
// scripts and logs get nothing but the command's summary.
import type { CliIo } from './cli-context.js';

export interface ProgressBar {
  readonly update: (done: number, total: number) => void;
  /** Clears the bar's line. */
  readonly done: () => void;
}

const WIDTH = 30;
/** Redraw at most this often: a terminal fed ten thousand lines a second slows the work it shows. */
const MIN_INTERVAL_MS = 100;

export function progressBar(
  io: Pick<CliIo, 'stderr' | 'stderrIsTerminal'>,
  label: string,
  now: () => number = Date.now,
): ProgressBar | undefined {
  if (io.stderrIsTerminal !== true) return undefined;
  let drawnAt = -Infinity;
  let shown = false;
  return {
    update(done, total) {
      const at = now();
      if (done < total && at - drawnAt < MIN_INTERVAL_MS) return;
      drawnAt = at;
      shown = true;
      const share = total === 0 ? 1 : Math.min(1, done / total);
      const filled = Math.round(share * WIDTH);
      io.stderr(
        `\r${label} [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${String(Math.floor(share * 100)).padStart(3)}% ${done}/${total}`,
      );
    },
    done() {
      if (shown) io.stderr('\r\x1b[2K');
      shown = false;
    },
  };
}
