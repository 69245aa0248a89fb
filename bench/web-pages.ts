// npm run bench:web — the web pages with 10,000 users in one tenant: each page's time from request to
// full answer over loopback, signed in, next to the style sheet the same listener serves (the
// reference: the same stack, no page to render). The bar: under 200 ms per page.
// Options: --users N (10000) --requests R (60 per page, after 10 unmeasured).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeApp } from '../src/app/compose-app.js';
import { loadConfig } from '../src/config/app-config.js';
import { startAdminListener } from '../src/server/admin-api/admin-api.js';
import { createServerLogger } from '../src/server/server-logger.js';
import { countOption } from './server-bench/processes.js';
import { benchUsername, seedUsers } from './server-bench/seed.js';

const ADMIN_PASSWORD = 'bench admin password';

const quantile = (sorted: readonly number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const users = countOption(argv, '--users', 10_000);
  const requests = countOption(argv, '--requests', 60);
  const dir = mkdtempSync(join(tmpdir(), 'zprov-bench-web-'));
  try {
    process.stdout.write(`seeding ${users} users ...\n`);
    await seedUsers(dir, users, { accounts: false });
    const app = await composeApp(loadConfig({ flags: { dataDir: dir }, env: {} }));
    const listener = await startAdminListener(
      { host: '127.0.0.1', port: 0 },
      { management: app.management, logger: createServerLogger('silent') },
    );
    try {
      const m = app.management;
      await m.admins.add('bench', 'server-admin', ADMIN_PASSWORD);
      const middle = benchUsername(Math.ceil(users / 2));
      await m.accounts.add('default', middle, { username: '1001', password: 'sip', domain: 'pbx.example' });
      const cookie = await signIn(listener.url);
      const pages: [string, string][] = [
        ['style sheet (reference)', '/admin/assets/admin.css'],
        ['tenants', '/admin/tenants'],
        ['users, first page', '/admin/t/default/users'],
        ['users, a later page', `/admin/t/default/users?after=${benchUsername(Math.floor(users * 0.9))}`],
        ['users, search', '/admin/t/default/users?q=user%20999'],
        ['status, first page', '/admin/t/default/status'],
        ['a user', `/admin/t/default/users/${middle}`],
        ['what the phone gets', `/admin/t/default/users/${middle}/preview?platform=android`],
        ['fetch log', '/admin/t/default/fetches'],
        ['history', '/admin/history'],
        ['profile', '/admin/profiles/bench-defaults?section=general'],
      ];
      const rows: string[][] = [];
      let reference = Number.NaN;
      for (const [name, path] of pages) {
        const times: number[] = [];
        for (let i = 0; i < requests + 10; i++) {
          const started = performance.now();
          const response = await fetch(`${listener.url}${path}`, { headers: { cookie } });
          await response.text();
          if (response.status !== 200) throw new Error(`${path}: HTTP ${response.status}`);
          if (i >= 10) times.push(performance.now() - started);
        }
        times.sort((a, b) => a - b);
        const median = quantile(times, 0.5);
        if (Number.isNaN(reference)) reference = median;
        rows.push([
          name,
          median.toFixed(2),
          quantile(times, 0.95).toFixed(2),
          (median / reference).toFixed(1),
        ]);
      }
      process.stdout.write(
        `\n${users} users in the tenant, ${requests} requests per page over loopback, one at a time\n\n` +
          '| page | median ms | p95 ms | × reference |\n| --- | ---: | ---: | ---: |\n' +
          rows.map((r) => `| ${r.join(' | ')} |`).join('\n') +
          '\n',
      );
    } finally {
      await listener.close();
      await app.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Signs in as a browser does: the form's value and its cookie, then the session cookie. */
async function signIn(base: string): Promise<string> {
  const form = await fetch(`${base}/admin/sign-in`);
  const nonce = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const pre = (form.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const signedIn = await fetch(`${base}/admin/sign-in`, {
    method: 'POST',
    headers: { cookie: pre, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: nonce, name: 'bench', password: ADMIN_PASSWORD }).toString(),
    redirect: 'manual',
  });
  const session =
    signedIn.headers
      .getSetCookie()
      .map((c) => c.split(';')[0] ?? '')
      .find((c) => c.startsWith('zprov_session=')) ?? '';
  if (session === '') throw new Error(`sign-in failed: HTTP ${signedIn.status}`);
  return session;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
