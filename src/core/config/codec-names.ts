// Names an administrator may type for the codes of the account lists (codecs and the ZRTP algorithm
// lists), and those lists built from such names. The codes and what they mean live in the schema;
// this file only adds short spellings for codec ids, whose schema meanings are prose. ZRTP codes are
// named by the first word of their meaning (S256, AES1, HS32, DH3K, B32), which is how Zoiper labels
// them.
import type { ListSpec, OptionSpec } from '../schema/schema-types.js';
import { optionNode, sectionNode, type ConfigNode, type SectionNode } from './config-document.js';

/** Short codec names → codec_id. Checked against the schema by a test. */
export const CODEC_ALIASES: Readonly<Record<string, number>> = Object.freeze({
  pcmu: 0,
  ulaw: 0,
  g711u: 0,
  gsm: 1,
  pcma: 6,
  alaw: 6,
  g711a: 6,
  g722: 7,
  g729: 16,
  mjpeg: 18,
  'speex-nb': 24,
  speex: 24,
  'speex-wb': 25,
  'speex-uwb': 26,
  ilbc30: 27,
  ilbc: 28,
  ilbc20: 28,
  g726: 29,
  'h263+': 30,
  h263p: 30,
  vp8: 31,
  h264: 32,
  'telephone-event': 33,
  dtmf: 33,
  'opus-nb': 34,
  'opus-wb': 35,
  'opus-swb': 36,
  opus: 37,
  'opus-fb': 37,
  amr: 38,
  'amr-wb': 39,
  'h264-hw': 40,
  'telephone-event-16k': 41,
  'telephone-event-32k': 42,
  'telephone-event-48k': 43,
});

/** The label Zoiper shows for a code: the first word of its meaning (ZRTP lists). */
export function codeLabel(spec: OptionSpec, code: number): string | undefined {
  const meaning = spec.values?.find((v) => v.value === code)?.meaning;
  return meaning?.split(/[\s,(]/)[0];
}

/** Resolves a typed name or number to a code of `spec` (codec_id or a ZRTP id); undefined if unknown. */
export function resolveCode(spec: OptionSpec, optionName: string, token: string): number | undefined {
  const t = token.trim().toLowerCase();
  const codes = (spec.values ?? []).map((v) => v.value).filter((v): v is number => typeof v === 'number');
  if (/^-?\d+$/.test(t)) return codes.includes(Number(t)) ? Number(t) : undefined;
  if (optionName === 'codec_id') return CODEC_ALIASES[t];
  return codes.find((code) => codeLabel(spec, code)?.toLowerCase() === t);
}

/** Every name accepted for `spec`, for error messages. */
export function knownCodeNames(spec: OptionSpec, optionName: string): string[] {
  if (optionName === 'codec_id') return Object.keys(CODEC_ALIASES);
  return (spec.values ?? [])
    .map((v) => (typeof v.value === 'number' ? codeLabel(spec, v.value) : undefined))
    .filter((s): s is string => s !== undefined);
}

/**
 * The items of a list of codes, in the given order: priority by position, enabled (or selected), and
 * the code's label where items carry a name. An error message when a code is unknown or repeated.
 */
export function codeListItems(spec: ListSpec, text: string, path: string): SectionNode[] | string {
  const codeOption = Object.entries(spec.options).find(([, o]) => o.type === 'enum');
  if (codeOption === undefined) return `${path} is a list; lists are set as a whole, not by option path`;
  const [codeName, codeSpec] = codeOption;
  const flag = spec.options['enabled'] !== undefined ? 'enabled' : 'selected';
  const tokens = text
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
  const seen = new Set<number>();
  const items: SectionNode[] = [];
  for (const [index, token] of tokens.entries()) {
    const code = resolveCode(codeSpec, codeName, token);
    if (code === undefined)
      return `${path}: '${token}' is not a known ${codeName}; use a number or one of ${knownCodeNames(codeSpec, codeName).join(', ')}`;
    if (seen.has(code)) return `${path}: '${token}' is listed twice`;
    seen.add(code);
    const children: ConfigNode[] = [];
    if (spec.options['name'] !== undefined)
      children.push(optionNode('name', codeLabel(codeSpec, code) ?? String(code)));
    children.push(optionNode(codeName, code), optionNode('priority', index), optionNode(flag, true));
    items.push(sectionNode(spec.item, children));
  }
  return items;
}

/** The canonical name of a codec id: the first alias written for it (pcmu for 0, opus for 37). */
export function codecName(id: number): string | undefined {
  return Object.entries(CODEC_ALIASES).find(([, code]) => code === id)?.[0];
}

/**
 * A list of codes as the text codeListItems reads back: the enabled (selected) items by priority,
 * named as an administrator types them (codecs: opus,pcmu; ZRTP lists: S384,S256).
 */
export function codeListText(spec: ListSpec, items: readonly ConfigNode[]): string | undefined {
  const codeOption = Object.entries(spec.options).find(([, o]) => o.type === 'enum');
  if (codeOption === undefined) return undefined;
  const [codeName, codeSpec] = codeOption;
  const flag = spec.options['enabled'] !== undefined ? 'enabled' : 'selected';
  const chosen: { code: number; priority: number }[] = [];
  for (const item of items) {
    if (item.kind !== 'section') continue;
    const value = (name: string) => {
      const node = item.children.find((c) => c.name === name);
      return node?.kind === 'option' ? node.value : undefined;
    };
    const code = value(codeName);
    if (typeof code !== 'number' || value(flag) === false) continue;
    const priority = value('priority');
    chosen.push({ code, priority: typeof priority === 'number' ? priority : chosen.length });
  }
  return chosen
    .sort((a, b) => a.priority - b.priority)
    .map(
      ({ code }) => (codeName === 'codec_id' ? codecName(code) : codeLabel(codeSpec, code)) ?? String(code),
    )
    .join(',');
}
