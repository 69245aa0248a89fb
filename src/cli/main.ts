// The zprov command line. Each command lives in commands/ and registers itself here; this entry
// turns every outcome into an exit code (see exit-codes.ts).
import { userInfo } from 'node:os';
import { Command, CommanderError } from 'commander';
import { runAs } from '../services/change-history.js';
import { isZprovError } from '../core/errors.js';
import { processIo, type CliContext, type CliIo } from './cli-context.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { packageVersion } from './package-version.js';
import { registerValidate } from './commands/validate.js';
import { registerMerge } from './commands/merge.js';
import { registerDiff } from './commands/diff.js';
import { registerSimulate } from './commands/simulate.js';
import { registerApply } from './commands/apply.js';
import { registerServe } from './commands/serve.js';
import { registerTenant } from './commands/tenant.js';
import { registerGroup } from './commands/group.js';
import { registerProfile } from './commands/profile.js';
import { registerUser } from './commands/user.js';
import { registerAccount } from './commands/account.js';
import { registerRender } from './commands/render.js';
import { registerFetchLog } from './commands/fetch-log.js';
import { registerProvisionFile } from './commands/provision-file.js';
import { registerProvisionUrl } from './commands/provision-url.js';
import { registerBackup } from './commands/backup.js';
import { registerExport } from './commands/export.js';
import { registerImport } from './commands/import.js';
import { registerToken } from './commands/token.js';
import { registerAdmin } from './commands/admin.js';
import { registerHistory } from './commands/history.js';

type Register = (program: Command, ctx: CliContext) => void;

/** Every command, in the order `zprov --help` lists them. */
const COMMANDS: readonly Register[] = [
  registerServe,
  registerTenant,
  registerGroup,
  registerProfile,
  registerUser,
  registerAccount,
  registerRender,
  registerProvisionFile,
  registerProvisionUrl,
  registerFetchLog,
  registerBackup,
  registerImport,
  registerExport,
  registerToken,
  registerAdmin,
  registerHistory,
  registerValidate,
  registerMerge,
  registerDiff,
  registerSimulate,
  registerApply,
];

export function buildProgram(ctx: CliContext): Command {
  const program = new Command('zprov')
    .description('Provisioning server and tools for the Zoiper softphone')
    .version(packageVersion(), '-V, --version', 'print the version of zprov and exit')
    .exitOverride()
    .configureOutput({ writeOut: ctx.io.stdout, writeErr: ctx.io.stderr })
    .showHelpAfterError('(run zprov --help for usage)');
  for (const register of COMMANDS) register(program, ctx);
  return program;
}

/** `cli:<os user>`: who the change history says made a change from the command line. */
function cliActor(io: CliIo): string {
  let name: string | undefined;
  try {
    name = userInfo().username;
  } catch {
    // No entry in the user database (a container running as a bare uid).
    name = io.env['USER'] ?? (typeof process.getuid === 'function' ? `uid ${process.getuid()}` : undefined);
  }
  return `cli:${name ?? 'unknown'}`;
}

export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const ctx: CliContext = { io, exitCode: EXIT.OK };
  try {
    // Every change a command makes is recorded in the change history as this person's.
    await runAs(cliActor(io), () => buildProgram(ctx).parseAsync([...argv], { from: 'user' }));
    return ctx.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    }
    if (isZprovError(error)) {
      io.stderr(`zprov: ${error.message}\n`);
      return exitCodeFor(error.code);
    }
    io.stderr(
      `zprov: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return EXIT.FAILURE;
  }
}
