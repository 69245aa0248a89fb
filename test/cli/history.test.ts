// zprov history from the command line: the CLI's own changes listed with their actor, restored, and
// previewed without a change.
import { describe, expect, it } from 'vitest';
import { cliWithDataDir } from './cli-harness.js';

describe('zprov history', () => {
  const { ok } = cliWithDataDir();

  it('lists changes with who made them, previews and restores one', async () => {
    await ok('user', 'add', 'bob', '--password', 'bob-password');
    await ok('profile', 'create', 'base');
    await ok('profile', 'assign', 'base', '--tenant', 'default');
    await ok('profile', 'set', 'base', 'general/auto_away', '300');
    const before = (await ok('render', 'bob')).stdout;
    await ok('profile', 'set', 'base', 'general/auto_away', '900');

    const list = await ok('history', 'list', '--profile', 'base', '--json');
    const revisions = JSON.parse(list.stdout) as { seq: number; actor: string; changes: unknown[] }[];
    expect(revisions[0]?.actor).toMatch(/^cli:/);
    expect(revisions[0]?.changes).toEqual([{ path: 'document/general/auto_away', from: '300', to: '900' }]);
    const target = revisions[1]!.seq;
    expect((await ok('history', 'preview', String(target), '--user', 'bob')).stdout).toBe(before);
    expect((await ok('render', 'bob')).stdout).not.toBe(before);
    expect((await ok('history', 'restore', String(target))).stdout).toMatch(
      new RegExp(`restored profile base to revision #${target}`),
    );
    expect((await ok('render', 'bob')).stdout).toBe(before);
    const table = (await ok('history', 'list', '--tenant', 'default')).stdout;
    expect(table.split('\n')[0]).toMatch(/^# +AT +WHO +WHAT +ACTION +CHANGES/);
  });
});
