// The Debian nginx run in the foreground on deploy/nginx.conf, for tests: everything it writes lives
// in a temp dir, it listens on a free loopback port, and only the lines marked "site:" differ from
// the shipped file. The wrapper gives what /etc/nginx/nginx.conf would: the main and events blocks,
// and http { } with the temp paths.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import { readNginx, withSiteValues } from './deploy-files.js';

export const NGINX = '/usr/sbin/nginx';

export interface NginxProcess {
  readonly port: number;
  readonly accessLog: string;
  readonly errorLog: string;
  /** nginx's own log (startup and the main context), at level warn. */
  readonly mainLog: string;
  stop(): Promise<void>;
}

export interface NginxOptions {
  /** An empty directory of its own. */
  readonly dir: string;
  readonly upstreamPort: number;
  readonly cert: string;
  readonly key: string;
}

export async function startNginx(options: NginxOptions): Promise<NginxProcess> {
  // A free port can be taken by someone else before nginx binds it: try again with another.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(options, await freePort());
    } catch (error) {
      if (attempt === 3 || !/Address already in use/.test((error as Error).message)) throw error;
    }
  }
}

async function startOnce(options: NginxOptions, port: number): Promise<NginxProcess> {
  const { dir } = options;
  const accessLog = join(dir, 'access.log');
  const errorLog = join(dir, 'error.log');
  const mainLog = join(dir, 'main.log');
  writeFileSync(
    join(dir, 'zprov.conf'),
    withSiteValues(readNginx(), {
      listen: `127.0.0.1:${port}`,
      server: `127.0.0.1:${options.upstreamPort}`,
      server_name: 'localhost',
      ssl_certificate: options.cert,
      ssl_certificate_key: options.key,
      access_log: accessLog,
      error_log: errorLog,
    }),
  );
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((kind) => `  ${kind}_temp_path ${join(dir, kind)};`)
    .join('\n');
  writeFileSync(
    join(dir, 'nginx.conf'),
    [
      'daemon off;',
      'worker_processes 1;',
      // Workers would run as nobody, who cannot enter the temp dir.
      ...(process.getuid?.() === 0 ? ['user root;'] : []),
      `pid ${join(dir, 'nginx.pid')};`,
      `error_log ${mainLog} warn;`,
      'events { worker_connections 64; }',
      'http {',
      temp,
      `  include ${join(dir, 'zprov.conf')};`,
      '}',
      '',
    ].join('\n'),
  );
  writeFileSync(mainLog, ''); // nothing left from an attempt on a port that was taken
  const child = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', mainLog], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const logs = (): string =>
    output + (existsSync(mainLog) ? readFileSync(mainLog, 'utf8') : '') + `\n(config in ${dir})`;
  const deadline = Date.now() + 10_000;
  while (!(await accepts(port))) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`nginx exited (${child.exitCode ?? child.signalCode}) before listening:\n${logs()}`);
    if (Date.now() > deadline) {
      await stop(child, exited);
      throw new Error(`nginx did not listen on ${port} within 10 s:\n${logs()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { port, accessLog, errorLog, mainLog, stop: () => stop(child, exited) };
}

/** SIGTERM (nginx's fast shutdown), SIGKILL if it is still there after 5 s. */
async function stop(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
