// `zprov serve` as a child process on a free loopback port, for the tests that run the built binary
// as an operator would. Resolves once the server says where it listens; rejects with its output if
// it exits first or says nothing within 20 s.
import { spawn, type ChildProcess } from 'node:child_process';
import { BIN } from '../client/run-binary.js';

export interface ServeProcess {
  readonly child: ChildProcess;
  /** Where it listens, e.g. http://127.0.0.1:43121. */
  readonly url: string;
  /** Everything it printed so far, standard output and error together. */
  output(): string;
  /** Its exit code, once it has exited. */
  exited(): Promise<number | null>;
  /** SIGTERM (unless it has exited already), then its exit code. */
  stop(): Promise<number | null>;
}

/**
 * Started with --host 127.0.0.1 --port 0 --metrics-port 0 and `args`; the environment holds PATH
 * only. `command` is how zprov is run: by default the clone's built binary under this Node.js.
 */
export async function startServeProcess(
  args: readonly string[],
  cwd: string,
  command: readonly string[] = [process.execPath, BIN],
  path: string = process.env['PATH'] ?? '',
): Promise<ServeProcess> {
  const [program, ...programArgs] = command as [string, ...string[]];
  // The metrics listener on a free port too, so that servers started side by side do not collide.
  const listen = ['--host', '127.0.0.1', '--port', '0', '--metrics-port', '0'];
  const child = spawn(program, [...programArgs, 'serve', ...listen, ...args], {
    cwd,
    env: { PATH: path },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`zprov serve said nothing of listening within 20 s:\n${output}`));
    }, 20_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const match = /zprov listening on (https?:\/\/\S+)/.exec(output);
      if (match === null) return;
      clearTimeout(timer);
      resolve(match[1] as string);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exit.then((code) => {
      clearTimeout(timer);
      reject(new Error(`zprov serve exited (${code}) before listening:\n${output}`));
    });
  });
  return {
    child,
    url,
    output: () => output,
    exited: () => exit,
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exit;
    },
  };
}
