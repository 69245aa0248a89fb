// The layer rules of eslint.config.js, run by ESLint itself over a small tree shaped like src/
// (test/fixtures/lint/src): an outward import, I/O in the core and an import cycle must each fail.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURE = fileURLToPath(new URL('../fixtures/lint', import.meta.url));

interface LintResult {
  readonly filePath: string;
  readonly messages: readonly { readonly ruleId: string | null; readonly message: string }[];
}

/**
 * ESLint's own command line, run in the fixture: with an explicit config file ESLint reads the
 * config's patterns relative to the working directory, and the layer zones are relative to it too.
 */
async function problems(): Promise<Record<string, string[]>> {
  const eslint = `${ROOT}node_modules/eslint/bin/eslint.js`;
  const args = [eslint, '--config', `${ROOT}eslint.config.js`, '--format', 'json', 'src'];
  const output = await promisify(execFile)(process.execPath, args, { cwd: FIXTURE }).then(
    ({ stdout }) => stdout,
    (error: { stdout?: string }) => error.stdout ?? '',
  );
  const results = JSON.parse(output) as LintResult[];
  return Object.fromEntries(
    results.map((r) => [
      r.filePath.slice(FIXTURE.length + 1),
      r.messages.map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`),
    ]),
  );
}

describe('layer rules', () => {
  it('refuse outward imports and I/O in the core, allow inward ones, and find cycles', async () => {
    const found = await problems();
    expect(found['src/core/outward.ts']).toEqual([
      expect.stringMatching(/^import-x\/no-restricted-paths: .*src\/core may import only itself/),
    ]);
    expect(found['src/storage/outward.ts']).toEqual([
      expect.stringMatching(
        /^import-x\/no-restricted-paths: .*src\/storage may import only itself and core, services, config, fs/,
      ),
    ]);
    expect(found['src/core/io.ts']).toEqual([
      expect.stringMatching(/^no-restricted-imports: .*The core is pure: no I\/O/),
    ]);
    expect(found['src/services/cycle-a.ts']).toEqual([expect.stringMatching(/^import-x\/no-cycle:/)]);
    expect(found['src/services/cycle-b.ts']).toEqual([expect.stringMatching(/^import-x\/no-cycle:/)]);
    expect(found['src/server/inward.ts']).toEqual([]);
    expect(found['src/services/helper.ts']).toEqual([]);
  }, 60_000);
});
