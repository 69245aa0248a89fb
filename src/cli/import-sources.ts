// Reading an import's source, the adapter's half of every importer: files (and what they #include)
// are read here and handed as text to the pure parsers of src/core/import/; FusionPBX's tables are
// read over PostgreSQL by src/storage/fusionpbx-source.ts.
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import {
  parseFreepbxCsv,
  parseIaxConf,
  parsePjsip,
  parseSipConf,
  parseZprovCsv,
  parseZprovJson,
  mapFusionpbx,
  ZprovError,
  type ConfSource,
  type ImportFormat,
  type ImportParse,
  type ReadConfFile,
} from '../core/index.js';
import { readFusionpbx } from '../storage/fusionpbx-source.js';
import type { CliContext } from './cli-context.js';
import { decodeUtf8Text, MAX_INPUT_BYTES, readFileBytes, resolvePath } from './files.js';

export interface SourceOptions {
  /** pjsip: pjsip_wizard.conf as well. */
  readonly wizard?: string;
  /** fusionpbx: one domain's extensions only. */
  readonly fusionpbxDomain?: string;
}

/** A source file's text; a file that is not UTF-8 is refused naming the line and column. */
async function readText(ctx: CliContext, path: string): Promise<ConfSource> {
  const bytes = await readFileBytes(resolvePath(ctx.io.cwd, path), path);
  const decoded = decodeUtf8Text(bytes);
  if (!decoded.ok)
    throw new ZprovError(
      'invalid_input',
      `${path}:${decoded.line}:${decoded.column}: ${decoded.message}`,
      path,
    );
  return { file: path, text: decoded.text.replace(/^\uFEFF/, '') };
}

/**
 * #include and #tryinclude: a relative name is taken from the directory of the file that names it
 * (Asterisk takes it from its configuration directory, which is where pjsip.conf normally is).
 */
function includeReader(ctx: CliContext): ReadConfFile {
  return (name, includedFrom) => {
    const base = dirname(resolvePath(ctx.io.cwd, includedFrom));
    const path = isAbsolute(name) ? name : resolve(base, name);
    try {
      if (statSync(path).size > MAX_INPUT_BYTES) return undefined;
      const decoded = decodeUtf8Text(readFileSync(path));
      return decoded.ok ? decoded.text.replace(/^\uFEFF/, '') : undefined;
    } catch {
      return undefined;
    }
  };
}

export async function readImportSource(
  ctx: CliContext,
  format: ImportFormat,
  source: string,
  options: SourceOptions = {},
): Promise<ImportParse> {
  switch (format) {
    case 'pjsip': {
      const wizard = options.wizard === undefined ? undefined : await readText(ctx, options.wizard);
      return parsePjsip(await readText(ctx, source), {
        readFile: includeReader(ctx),
        ...(wizard === undefined ? {} : { wizard }),
      });
    }
    case 'sip':
      return parseSipConf(await readText(ctx, source), { readFile: includeReader(ctx) });
    case 'iax':
      return parseIaxConf(await readText(ctx, source), { readFile: includeReader(ctx) });
    case 'freepbx-csv': {
      const { text, file } = await readText(ctx, source);
      return parseFreepbxCsv(text, file);
    }
    case 'csv': {
      const { text, file } = await readText(ctx, source);
      return parseZprovCsv(text, file);
    }
    case 'json': {
      const { text, file } = await readText(ctx, source);
      return parseZprovJson(text, file);
    }
    case 'fusionpbx': {
      const rows = await readFusionpbx(source, {
        ...(options.fusionpbxDomain === undefined ? {} : { domain: options.fusionpbxDomain }),
      });
      return mapFusionpbx(rows, {});
    }
  }
}
