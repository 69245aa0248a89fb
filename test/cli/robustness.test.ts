// Whatever bytes a file holds, the command line answers with findings and an exit code of 0, 1 or 2,
// never a stack trace.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CRASH, makeTempDir, runInProcess, runZprov, type CliRun } from './cli-harness.js';
import { HAND_WRITTEN_CONFIG, LOCAL_CONFIG, REMOTE_CONFIG, provisionXml } from './fixtures.js';

let tmp: ReturnType<typeof makeTempDir>;
beforeAll(() => {
  tmp = makeTempDir();
  tmp.write('local.xml', LOCAL_CONFIG);
});
afterAll(() => tmp.cleanup());

const SEEDS = [LOCAL_CONFIG, REMOTE_CONFIG, HAND_WRITTEN_CONFIG, provisionXml(false)].map((t) =>
  new TextEncoder().encode(t),
);

/** Bytes a file might hold: noise, a cut-off document, a document with a few bytes changed. */
const fileBytes: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ maxLength: 600 }),
  fc
    .tuple(fc.constantFrom(...SEEDS), fc.double({ min: 0, max: 1, noNaN: true }))
    .map(([bytes, cut]) => bytes.subarray(0, Math.floor(bytes.length * cut))),
  fc
    .tuple(
      fc.constantFrom(...SEEDS),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
    )
    .map(([bytes, edits]) => {
      const copy = Uint8Array.from(bytes);
      for (const [at, value] of edits) copy[at % copy.length] = value;
      return copy;
    }),
);

function expectAnswered(run: CliRun, allowed: readonly number[]): void {
  expect(allowed).toContain(run.code);
  expect(run.stderr).not.toMatch(CRASH);
  expect(run.stdout).not.toMatch(CRASH);
  if (run.code === 2) expect(run.stderr).not.toBe('');
}

let counter = 0;
const writeCase = (bytes: Uint8Array): string =>
  tmp.write(`case-${++counter}.xml`, bytes).slice(tmp.dir.length + 1);

describe('command-line robustness', () => {
  it('validate reports every mangled file with diagnostics, in process', async () => {
    await fc.assert(
      fc.asyncProperty(fileBytes, async (bytes) => {
        const name = writeCase(bytes);
        const run = await runInProcess(['validate', name], tmp.dir);
        expectAnswered(run, [0, 1]);
        if (run.code === 1) expect(run.stdout).toMatch(new RegExp(`^${name}(:\\d+:\\d+)?: error: `, 'm'));
        const json = await runInProcess(['validate', '--json', name], tmp.dir);
        expect(json.code).toBe(run.code);
        expect(Array.isArray(JSON.parse(json.stdout))).toBe(true);
      }),
      { numRuns: 250 },
    );
  });

  it('merge and diff answer mangled input with 0, 1 or 2, in process', async () => {
    await fc.assert(
      fc.asyncProperty(fileBytes, async (bytes) => {
        const name = writeCase(bytes);
        const merged = await runInProcess(['merge', 'local.xml', name], tmp.dir);
        expectAnswered(merged, [0, 1]);
        if (merged.code === 1) expect(merged.stderr).toContain('merge refused');
        const diffed = await runInProcess(['diff', 'local.xml', name], tmp.dir);
        expectAnswered(diffed, [0, 1, 2]);
      }),
      { numRuns: 120 },
    );
  });

  it('the binary answers a batch of mangled files with diagnostics, not a stack trace', () => {
    const names = fc.sample(fileBytes, 12).map(writeCase);
    const run = runZprov(['validate', ...names], tmp.dir);
    expectAnswered(run, [0, 1]);
    const merged = runZprov(['merge', 'local.xml', names[0] as string], tmp.dir);
    expectAnswered(merged, [0, 1]);
    const diffed = runZprov(['diff', names[1] as string, 'local.xml'], tmp.dir);
    expectAnswered(diffed, [0, 1, 2]);
  });

  it('answers a deeply nested file with a diagnostic, not a stack overflow', async () => {
    const depth = 100_000;
    const name = writeCase(
      new TextEncoder().encode(
        `<options><general>${'<x>'.repeat(depth)}${'</x>'.repeat(depth)}</general></options>`,
      ),
    );
    const validated = await runInProcess(['validate', name], tmp.dir);
    expectAnswered(validated, [1]);
    expect(validated.stdout).toMatch(
      /: error: elements are nested more than \d+ levels deep .*\[input\.too-deep\]/,
    );
    expectAnswered(await runInProcess(['merge', name, name], tmp.dir), [1]);
    expectAnswered(await runInProcess(['diff', name, 'local.xml'], tmp.dir), [2]);
  });

  it('the binary reports every truncation of a valid file as an error at a position', () => {
    const bytes = new TextEncoder().encode(LOCAL_CONFIG);
    const cuts = [1, 10, 38, 39, 60, 100, 200, bytes.length - 2];
    const names = cuts.map((n) => writeCase(bytes.subarray(0, n)));
    const run = runZprov(['validate', ...names], tmp.dir);
    expectAnswered(run, [1]);
    for (const name of names) expect(run.stdout).toMatch(new RegExp(`^${name}:\\d+:\\d+: error: `, 'm'));
  });
});
