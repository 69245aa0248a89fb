// deploy/zprov.service: read by systemd's own parser (`systemd-analyze verify`, where systemd is
// installed), held to the hardening and shutdown the deployment promises, and its command line and
// settings run by the built zprov. Needs `npm run build` first (npm test does it).
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENV_NAMES } from '../../src/config/app-config.js';
import { assertBuilt, BIN } from '../client/run-binary.js';
import { execStart, readUnit, serviceValues, UNIT_FILE, unitEnvironment } from './deploy-files.js';

const unit = readUnit();
const one = (key: string): string | undefined => {
  const values = serviceValues(unit, key);
  return values.length === 1 ? values[0] : `${values.length} values`;
};

describe('deploy/zprov.service', () => {
  it('runs as an unprivileged user with the hardening the deployment relies on', () => {
    expect(one('DynamicUser') === 'yes' || one('User') === 'zprov').toBe(true);
    expect(one('StateDirectory')).toBe('zprov');
    expect(one('ProtectSystem')).toBe('strict');
    expect(one('NoNewPrivileges')).toBe('yes');
    expect(one('PrivateTmp')).toBe('yes');
    expect(one('ProtectHome')).toBe('yes');
    expect(one('CapabilityBoundingSet')).toBe('');
    // V8's JIT writes code it then runs: this would kill Node.
    expect(serviceValues(unit, 'MemoryDenyWriteExecute')).toEqual([]);
  });

  it('stops with SIGTERM, leaving zprov time to drain, and restarts it only after a failure', () => {
    expect(one('KillSignal')).toBe('SIGTERM');
    // zprov lets requests in flight finish for up to 10 s, then writes the audit buffer.
    expect(seconds(one('TimeoutStopSec'))).toBeGreaterThan(10);
    expect(one('Restart')).toBe('on-failure');
  });

  it('starts `zprov serve` on the state directory', () => {
    const [command, subcommand, ...args] = execStart(unit);
    expect(command).toMatch(/^(\/.*\/)?zprov$/);
    expect(subcommand).toBe('serve');
    expect(args[args.indexOf('--data-dir') + 1]).toBe(`/var/lib/${one('StateDirectory')}`);
  });

  it('names only settings zprov knows, the commented examples included', () => {
    const known = [...Object.values(ENV_NAMES), 'ZPROV_CONFIG'];
    const names = Object.keys(unitEnvironment(unit, true)).filter((n) => n.startsWith('ZPROV_'));
    expect(names.length).toBeGreaterThan(3);
    expect(names.filter((n) => !known.includes(n))).toEqual([]);
  });

  it('has a command line and settings the built zprov starts with and stops on SIGTERM with exit 0', async () => {
    assertBuilt();
    const dir = mkdtempSync(join(tmpdir(), 'zprov-unit-'));
    try {
      // The unit's arguments and Environment= lines, with a temp data dir and any free port.
      const args = execStart(unit).slice(1);
      args[args.indexOf('--data-dir') + 1] = join(dir, 'data');
      if (args.includes('--port')) args[args.indexOf('--port') + 1] = '0';
      const child = spawn(process.execPath, [BIN, ...args], {
        cwd: dir,
        env: { PATH: process.env['PATH'], ...unitEnvironment(unit), ZPROV_PORT: '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
      child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
      const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      const deadline = Date.now() + 20_000;
      while (!/zprov listening on/.test(output) && child.exitCode === null && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      if (child.exitCode === null) child.kill('SIGTERM');
      expect(output).toMatch(/zprov listening on http:\/\/127\.0\.0\.1:\d+/);
      expect(await exit, output).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const systemdVersion = (() => {
  const run = spawnSync('systemd-analyze', ['--version'], { encoding: 'utf8' });
  return run.status === 0 ? Number(/^systemd (\d+)/.exec(run.stdout)?.[1] ?? 0) : 0;
})();

describe.skipIf(systemdVersion === 0)(
  'systemd-analyze on deploy/zprov.service (needs systemd-analyze on PATH)',
  () => {
    let dir: string;
    let copy: string;

    beforeAll(() => {
      // systemd checks that ExecStart's program exists, and zprov is not installed here: the copy
      // points at an executable stand-in and is otherwise the shipped file.
      dir = mkdtempSync(join(tmpdir(), 'zprov-systemd-'));
      const stand = join(dir, 'zprov');
      writeFileSync(stand, '#!/bin/sh\nexit 0\n');
      chmodSync(stand, 0o755);
      copy = join(dir, 'zprov.service');
      const [command] = execStart(unit);
      writeFileSync(copy, unit.replace(`\nExecStart=${command} `, `\nExecStart=${stand} `));
      expect(execStart(readFileSync(copy, 'utf8'))[0]).toBe(stand);
    });

    afterAll(() => {
      if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    });

    const analyze = (...args: string[]) =>
      spawnSync('systemd-analyze', args, { encoding: 'utf8', timeout: 20_000 });

    it('verifies the unit without a single warning', () => {
      const run = analyze('verify', copy);
      expect(run.stderr + run.stdout).toBe('');
      expect(run.status).toBe(0);
    });

    it('reports a misspelt directive, so the silence above means something', () => {
      const broken = join(dir, 'broken.service');
      writeFileSync(
        broken,
        readFileSync(copy, 'utf8').replace('\nProtectSystem=strict', '\nProtectSytem=strict'),
      );
      expect(analyze('verify', broken).stderr).toMatch(/Unknown key 'ProtectSytem'/);
    });

    it('has nothing to say about the shipped file but that zprov is not installed on this machine', () => {
      const run = analyze('verify', UNIT_FILE);
      const lines = (run.stderr + run.stdout).split('\n').filter((l) => l !== '');
      expect(lines.filter((l) => !/Command zprov is not executable/.test(l))).toEqual([]);
    });

    it.skipIf(systemdVersion < 250)('rates the exposure of the service low (2 or less of 10)', () => {
      const run = analyze('security', '--offline=yes', copy);
      const level = /Overall exposure level for zprov\.service: (\d+\.\d+)/.exec(run.stdout);
      expect(level, run.stdout + run.stderr).not.toBeNull();
      expect(Number(level?.[1])).toBeLessThanOrEqual(2);
    });
  },
);

/** systemd time spans as this unit writes them: `30s`, `1min`, `90`. */
function seconds(span: string | undefined): number {
  const match = /^(\d+)\s*(s|sec|min|m)?$/.exec(span ?? '');
  if (match === null) throw new Error(`a time span this test does not read: ${span}`);
  return Number(match[1]) * (match[2] === 'min' || match[2] === 'm' ? 60 : 1);
}
