// zprov --version prints the installed package's version, from the built binary as from the sources.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageVersion } from '../../src/cli/package-version.js';
import { ROOT, runBinary } from '../client/run-binary.js';

const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

describe('zprov --version', () => {
  it('prints the version in package.json and exits 0, from the built binary', async () => {
    for (const flag of ['--version', '-V']) {
      const run = await runBinary([flag], { cwd: ROOT });
      expect(run).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' });
    }
  });

  it("finds zprov's package.json above the running module, and says unknown without one", () => {
    expect(packageVersion()).toBe(version);
    const elsewhere = mkdtempSync(join(tmpdir(), 'zprov-version-'));
    try {
      expect(packageVersion(join(elsewhere, 'main.js'))).toBe('unknown');
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});
