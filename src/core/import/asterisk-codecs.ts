// Asterisk's allow/disallow codec lists (pjsip.conf, sip.conf, iax.conf, FreePBX's columns) turned
// into the codec names zprov's option editor takes for an account's `codecs` list. Asterisk applies
// the settings in order: `disallow=all` empties the list, `allow=x,y` appends what is not there yet,
// `disallow=x` (or `allow=!x`) removes; the order left is the order of preference.
import type { ImportProblem, SourcePosition } from './imported-account.js';

/**
 * Asterisk's codec names → names in CODEC_ALIASES (a test holds them to it). Codecs Zoiper lacks
 * (slin, g723, lpc10, adpcm, siren, h261, h263, mpeg4, t140, ...) are left out with a warning.
 */
export const ASTERISK_TO_ZOIPER: Readonly<Record<string, string>> = Object.freeze({
  ulaw: 'pcmu',
  alaw: 'pcma',
  gsm: 'gsm',
  g722: 'g722',
  g729: 'g729',
  g726: 'g726',
  g726aal2: 'g726',
  ilbc: 'ilbc',
  speex: 'speex-nb',
  speex16: 'speex-wb',
  speex32: 'speex-uwb',
  opus: 'opus',
  h263p: 'h263+',
  h264: 'h264',
  vp8: 'vp8',
});

/** The `all` of `allow=all`: every audio codec Zoiper and Asterisk share, in Asterisk's usual order. */
const ALL_AUDIO = [
  'ulaw',
  'alaw',
  'gsm',
  'g722',
  'g729',
  'g726',
  'ilbc',
  'speex',
  'speex16',
  'speex32',
  'opus',
];

export interface CodecSetting {
  readonly name: 'allow' | 'disallow';
  readonly value: string;
  readonly at: SourcePosition;
}

export interface CodecList {
  /** Codec names in order of preference (CODEC_ALIASES keys); undefined when nothing set a codec. */
  readonly codecs: readonly string[] | undefined;
  readonly problems: readonly ImportProblem[];
}

/** Applies allow/disallow settings in the order given. */
export function codecsFromSettings(settings: readonly CodecSetting[], key?: string): CodecList {
  if (settings.length === 0) return { codecs: undefined, problems: [] };
  const problems: ImportProblem[] = [];
  let list: string[] = [];
  const warn = (message: string, at: SourcePosition) =>
    problems.push({ severity: 'warning', message, at, ...(key === undefined ? {} : { key }) });
  for (const setting of settings) {
    for (const raw of setting.value.split(/[,&]/)) {
      let name = raw.trim().toLowerCase();
      if (name === '') continue;
      let allow = setting.name === 'allow';
      if (name.startsWith('!')) {
        allow = !allow;
        name = name.slice(1).trim();
      }
      if (name === 'all') {
        list = allow ? [...new Set([...list, ...ALL_AUDIO])] : [];
        continue;
      }
      if (!allow) {
        list = list.filter((n) => n !== name);
        continue;
      }
      if (ASTERISK_TO_ZOIPER[name] === undefined) {
        warn(`codec '${name}' has no Zoiper counterpart; left out`, setting.at);
        continue;
      }
      if (!list.includes(name)) list.push(name);
    }
  }
  // Two Asterisk names may map to one Zoiper codec (g726, g726aal2): keep the first.
  const codecs = [...new Set(list.map((n) => ASTERISK_TO_ZOIPER[n] as string))];
  if (codecs.length === 0) {
    const last = settings[settings.length - 1] as CodecSetting;
    warn('no codec Zoiper knows is allowed; the phone keeps its own codec list', last.at);
    return { codecs: undefined, problems };
  }
  return { codecs, problems };
}
