// What a command needs from the outside world, passed in so tests can run commands in-process.
import { terminalPrompt } from '../client/tty-prompt.js';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Standard output is a terminal (a person reads it): logs are then written for a person. */
  readonly stdoutIsTerminal?: boolean;
  /** Standard error is a terminal: progress is shown there, and only then. */
  readonly stderrIsTerminal?: boolean;
  /** Asks the person at the terminal; undefined when there is none (CI, scripts). */
  readonly prompt?: (question: string, options: { secret: boolean }) => Promise<string>;
}

export interface CliContext {
  readonly io: CliIo;
  /** Set by a command; the CLI entry returns it. */
  exitCode: number;
}

export function processIo(): CliIo {
  const prompt = terminalPrompt();
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTerminal: process.stdout.isTTY === true,
    stderrIsTerminal: process.stderr.isTTY === true,
    ...(prompt === undefined ? {} : { prompt }),
  };
}

/** Prints what a command did but would rather not have (the work itself went through). */
export function printWarnings(ctx: CliContext, warnings: readonly string[], who = 'zprov'): void {
  for (const warning of warnings) ctx.io.stderr(`${who}: warning: ${warning}\n`);
}
