// Names an administrator may type for the codes of the account lists (codecs and the ZRTP algorithm
// lists). The codes and what they mean live in the schema; this file only adds short spellings for
// codec ids, whose schema meanings are prose. ZRTP codes are named by the first word of their meaning
// (S256, AES1, HS32, DH3K, B32), which is how Zoiper labels them.
import type { OptionSpec } from '../core/index.js';

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
