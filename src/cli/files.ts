// File access for the command line: reading a document as UTF-8 with a finding the user can act on
// instead of a stack trace, and replacing a file atomically so a reader never sees half of it.
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DEFAULT_MAX_INPUT_CHARS } from '../core/index.js';
import { ERROR_CODES, ZprovError } from '../core/errors.js';
import type { CliIo } from './cli-context.js';
import { writeFileAtomic as replaceFileAtomically } from '../fs/atomic-write.js';

/** Anything above this many bytes cannot fit the core's character limit, so it is not even read. */
export const MAX_INPUT_BYTES = DEFAULT_MAX_INPUT_CHARS * 4;

export type DecodedText =
  | { readonly ok: true; readonly text: string }
  | {
      readonly ok: false;
      readonly code: 'input.encoding' | 'input.too-large';
      readonly line: number;
      readonly column: number;
      readonly message: string;
    };

/** Resolves a path given on the command line against the working directory of the CLI. */
export const resolvePath = (cwd: string, path: string): string => resolve(cwd, path);

/**
 * Reads a whole file; a missing, unreadable or oversized file is a ZprovError with code `io` whose
 * message names the file as `label` (the path as the user wrote it).
 */
export async function readFileBytes(
  path: string,
  label = path,
  maxBytes = MAX_INPUT_BYTES,
): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY);
  } catch (error) {
    throw ioError(`cannot read ${label}`, error);
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory())
      throw new ZprovError(ERROR_CODES.IO, `cannot read ${label}: it is a directory`, label);
    if (info.size > maxBytes) {
      throw new ZprovError(
        ERROR_CODES.IO,
        `cannot read ${label}: ${info.size} bytes is more than the ${maxBytes}-byte limit`,
        label,
      );
    }
    return await handle.readFile();
  } catch (error) {
    if (error instanceof ZprovError) throw error;
    throw ioError(`cannot read ${label}`, error);
  } finally {
    await handle.close();
  }
}

/**
 * Decodes bytes as strict UTF-8 (a leading byte-order mark is allowed). Invalid input is reported at
 * the line and column of the first bad byte, with a hint when the file is evidently UTF-16.
 */
export function decodeUtf8Text(bytes: Uint8Array): DecodedText {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return {
      ok: false,
      code: 'input.encoding',
      line: 1,
      column: 1,
      message: 'the file is UTF-16 (it starts with a UTF-16 byte-order mark); Zoiper documents are UTF-8',
    };
  }
  const bad = firstInvalidUtf8(bytes);
  if (bad < 0) return { ok: true, text: new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes) };
  const before = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(0, bad));
  const lineStart = before.lastIndexOf('\n') + 1;
  let line = 1;
  for (let i = 0; i < lineStart; i++) if (before.charCodeAt(i) === 10) line++;
  const byte = (bytes[bad] as number).toString(16).padStart(2, '0');
  return {
    ok: false,
    code: 'input.encoding',
    line,
    column: before.length - lineStart + 1,
    message: `the file is not valid UTF-8: byte 0x${byte} at offset ${bad} does not start a valid sequence (Zoiper documents are UTF-8)`,
  };
}

/** Byte offset of the first byte that does not begin a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0; // no overlong forms
      if (b === 0xed) hi = 0x9f; // no surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f; // nothing above U+10FFFF
    } else return i;
    if (i + need >= n) return i; // truncated sequence
    const second = bytes[i + 1] as number;
    if (second < lo || second > hi) return i;
    for (let k = 2; k <= need; k++) {
      const c = bytes[i + k] as number;
      if (c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** Replaces `path` atomically (see fs/atomic-write.ts); failures become an `io` error naming the file. */
export async function writeFileAtomic(path: string, text: string, label = path): Promise<void> {
  try {
    await replaceFileAtomically(path, text);
  } catch (error) {
    throw ioError(`cannot write ${label}`, error);
  }
}

/**
 * A command's result: into the file -o names (replaced atomically, and said so on stderr, followed by
 * `note`), or to standard output when there is no -o or it is '-'.
 */
export async function writeOutput(
  io: Pick<CliIo, 'cwd' | 'stdout' | 'stderr'>,
  output: string | undefined,
  text: string,
  note = '',
): Promise<void> {
  if (output === undefined || output === '-') return io.stdout(text);
  await writeFileAtomic(resolvePath(io.cwd, output), text, output);
  io.stderr(`wrote ${output}${note}\n`);
}

function ioError(what: string, error: unknown): ZprovError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason =
    code === 'ENOENT'
      ? 'no such file or directory'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'it is a directory'
          : code === 'ENOTDIR'
            ? 'a part of the path is not a directory'
            : code === 'ENOSPC'
              ? 'no space left on the device'
              : error instanceof Error
                ? error.message
                : String(error);
  return new ZprovError(ERROR_CODES.IO, `${what}: ${reason}`, undefined, { cause: error });
}
