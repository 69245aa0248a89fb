// nginx as the yardstick: one worker, pinned to the server's core, serving a static copy of a rendered
// document from a temporary prefix with its own configuration (no system files touched).
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { descendants, killTree, sleep, spawnPinned, type Pinned } from './processes.js';

export interface NginxServer {
  readonly process: Pinned;
  readonly url: string;
  /** Pids of the master and its worker (the worker does the serving). */
  pids(): number[];
  /** Removes the temporary prefix (after the process has stopped). */
  remove(): void;
}

export async function startNginx(
  core: number,
  port: number,
  path: string,
  document: string,
): Promise<NginxServer> {
  // Its own prefix, readable by the unprivileged worker nginx switches to when started as root.
  const dir = mkdtempSync(join(tmpdir(), 'zprov-bench-nginx-'));
  chmodSync(dir, 0o755);
  const remove = (): void => rmSync(dir, { recursive: true, force: true });
  const root = join(dir, 'www');
  mkdirSync(join(root, path.split('/').slice(0, -1).join('/')), { recursive: true, mode: 0o755 });
  writeFileSync(join(root, path), document, { mode: 0o644 });
  const conf = join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    `worker_processes 1;
daemon off;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${join(dir, 'client_body')};
  proxy_temp_path ${join(dir, 'proxy')};
  fastcgi_temp_path ${join(dir, 'fastcgi')};
  uwsgi_temp_path ${join(dir, 'uwsgi')};
  scgi_temp_path ${join(dir, 'scgi')};
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:${port};
    location / {
      root ${root};
      default_type application/xml;
      add_header Cache-Control no-store;
    }
  }
}
`,
  );
  const nginx = spawnPinned(core, 'nginx', ['-p', dir, '-e', join(dir, 'error.log'), '-c', conf]);
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (nginx.child.exitCode !== null) break;
    try {
      const res = await fetch(`${url}${path}`);
      await res.text();
      if (res.ok) {
        const pid = nginx.child.pid as number;
        return { process: nginx, url, pids: () => [pid, ...descendants(pid)], remove };
      }
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
  const log = safeRead(join(dir, 'error.log')).split('\n').slice(0, 5).join('\n');
  killTree(nginx.child);
  remove();
  throw new Error(`nginx did not start:\n${nginx.output()}\n${log}`);
}

function safeRead(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
