import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeUtf8Text, firstInvalidUtf8, readFileBytes, writeFileAtomic } from '../../src/cli/files.js';
import { ZprovError } from '../../src/core/errors.js';
import { makeTempDir } from './cli-harness.js';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => tmp.cleanup());

const strictlyDecodes = (bytes: Uint8Array): boolean => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
};

describe('UTF-8 decoding', () => {
  it('agrees with a strict decoder on which byte strings are UTF-8', () => {
    const nearUtf8 = fc.oneof(
      fc.uint8Array({ maxLength: 40 }),
      fc.string({ unit: 'binary', maxLength: 20 }).map((s) => new TextEncoder().encode(s)),
      fc
        .tuple(fc.string({ unit: 'binary', maxLength: 20 }), fc.nat(), fc.integer({ min: 0x80, max: 0xff }))
        .map(([s, at, b]) => {
          const bytes = new TextEncoder().encode(s);
          if (bytes.length > 0) bytes[at % bytes.length] = b;
          return bytes;
        }),
    );
    fc.assert(
      fc.property(nearUtf8, (bytes) => {
        expect(firstInvalidUtf8(bytes) < 0).toBe(strictlyDecodes(bytes));
        const bad = firstInvalidUtf8(bytes);
        if (bad >= 0) expect(strictlyDecodes(bytes.subarray(0, bad))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects overlong forms, surrogates and code points above U+10FFFF', () => {
    for (const bytes of [
      [0xc0, 0xaf],
      [0xe0, 0x80, 0xaf],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xe2, 0x82],
    ]) {
      expect(firstInvalidUtf8(Uint8Array.from([0x41, ...bytes]))).toBe(1);
    }
  });

  it('drops a leading byte-order mark and keeps the text', () => {
    expect(decodeUtf8Text(Uint8Array.from([0xef, 0xbb, 0xbf, 0x3c, 0x61, 0x2f, 0x3e]))).toEqual({
      ok: true,
      text: '<a/>',
    });
  });

  it('counts the column of a bad byte in characters, not bytes', () => {
    const bytes = Buffer.concat([Buffer.from('ab\nçé'), Buffer.from([0xff])]);
    expect(decodeUtf8Text(bytes)).toMatchObject({ ok: false, code: 'input.encoding', line: 2, column: 3 });
  });
});

describe('reading files', () => {
  it('refuses a file above the size limit without reading it', async () => {
    const path = tmp.write('big.xml', 'x'.repeat(100));
    await expect(readFileBytes(path, 'big.xml', 99)).rejects.toMatchObject({
      code: 'io',
      message: expect.stringContaining('big.xml: 100 bytes'),
    });
  });

  it('names the file as the user wrote it', async () => {
    await expect(readFileBytes(join(tmp.dir, 'nope.xml'), 'nope.xml')).rejects.toThrow(
      new ZprovError('io', 'cannot read nope.xml: no such file or directory'),
    );
  });
});

describe('atomic writes', () => {
  it('creates a new file and replaces an existing one, keeping its mode', async () => {
    const path = join(tmp.dir, 'out.xml');
    await writeFileAtomic(path, 'first');
    expect(readFileSync(path, 'utf8')).toBe('first');
    chmodSync(path, 0o600);
    await writeFileAtomic(path, 'second');
    expect(readFileSync(path, 'utf8')).toBe('second');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(tmp.dir)).toEqual(['out.xml']);
  });

  it('leaves the target and the directory as they were when the rename fails', async () => {
    mkdirSync(join(tmp.dir, 'target', 'child'), { recursive: true });
    await expect(writeFileAtomic(join(tmp.dir, 'target'), 'text', 'target')).rejects.toMatchObject({
      code: 'io',
      message: expect.stringMatching(/^cannot write target: /),
    });
    expect(readdirSync(tmp.dir)).toEqual(['target']);
    expect(readdirSync(join(tmp.dir, 'target'))).toEqual(['child']);
  });
});
