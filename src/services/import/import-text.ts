// The imports whose source is text a person or a program hands over (an upload, an API body), as
// opposed to FusionPBX, read from its database by URL. One place turns such a text into the parsed
// source every adapter gives the import use case.
import {
  parseFreepbxCsv,
  parseIaxConf,
  parsePjsip,
  parseSipConf,
  parseZprovCsv,
  parseZprovJson,
  type ImportParse,
} from '../../core/index.js';

export const TEXT_IMPORT_FORMATS = ['pjsip', 'sip', 'iax', 'freepbx-csv', 'csv', 'json'] as const;
export type TextImportFormat = (typeof TEXT_IMPORT_FORMATS)[number];

export const isTextImportFormat = (value: string): value is TextImportFormat =>
  (TEXT_IMPORT_FORMATS as readonly string[]).includes(value);

/** What problems name the source as when no file name is given. */
export const DEFAULT_SOURCE_FILE: Readonly<Record<TextImportFormat, string>> = {
  pjsip: 'pjsip.conf',
  sip: 'sip.conf',
  iax: 'iax.conf',
  'freepbx-csv': 'extensions.csv',
  csv: 'accounts.csv',
  json: 'accounts.json',
};

/** The source parsed by its format's importer; `wizard` is pjsip_wizard.conf's text, for pjsip. */
export function parseImportText(
  format: TextImportFormat,
  text: string,
  file: string,
  wizard?: string,
): ImportParse {
  // As the CLI reads files: a byte order mark is not part of the first line.
  const source = { file, text: text.replace(/^\uFEFF/, '') };
  switch (format) {
    case 'pjsip':
      return parsePjsip(
        source,
        wizard === undefined
          ? {}
          : { wizard: { file: 'pjsip_wizard.conf', text: wizard.replace(/^\uFEFF/, '') } },
      );
    case 'sip':
      return parseSipConf(source);
    case 'iax':
      return parseIaxConf(source);
    case 'freepbx-csv':
      return parseFreepbxCsv(source.text, file);
    case 'csv':
      return parseZprovCsv(source.text, file);
    case 'json':
      return parseZprovJson(source.text, file);
  }
}
