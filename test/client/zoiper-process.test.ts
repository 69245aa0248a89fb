import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { linuxProcessCheck } from '../../src/client/zoiper-process.js';
import { tempDir, writeIn } from './client-fixtures.js';

let proc: { path: string; remove(): Promise<void> };
beforeEach(async () => {
  proc = await tempDir('zprov-proc-');
  await writeIn(join(proc.path, '1'), 'comm', 'systemd\n');
  await writeIn(join(proc.path, '77'), 'comm', 'bash\n');
});
afterEach(() => proc.remove());

describe('Zoiper process check (Linux)', () => {
  it('finds a process whose name starts with zoiper, in any case', async () => {
    await writeIn(join(proc.path, '4242'), 'comm', 'Zoiper5\n');
    const check = await linuxProcessCheck(proc.path);
    expect(check).toMatchObject({ running: true, matches: ['Zoiper5 (pid 4242)'] });
  });

  it('finds none when no process is called zoiper', async () => {
    await writeIn(join(proc.path, 'self'), 'comm', 'zoiper\n');
    const check = await linuxProcessCheck(proc.path);
    expect(check).toMatchObject({ running: false, matches: [] });
  });
});
