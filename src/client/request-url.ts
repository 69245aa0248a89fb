// Building the URL the phone requests: placeholder substitution (the placeholders and the Basic header
// are the core's, in phone-wire.ts). Substituted values are percent-encoded (encodeURIComponent), so a
// password holding &, #, +, = or a space reaches the server whole; see docs/phone-emulation.md. Every
// URL the emulator reports has the password replaced by a mask.
import { SECRET_MASK } from '../core/index.js';

export interface Substitution {
  readonly token: string;
  readonly value: string;
  /** Masked in the reported URL. */
  readonly secret: boolean;
}

export interface BuiltUrl {
  /** What is requested. */
  readonly url: string;
  /** What is reported: secrets masked. */
  readonly shown: string;
}

export function substitute(template: string, substitutions: readonly Substitution[]): BuiltUrl {
  let url = template;
  let shown = template;
  for (const s of substitutions) {
    const encoded = encodeURIComponent(s.value);
    url = url.split(s.token).join(encoded);
    shown = shown.split(s.token).join(s.secret ? SECRET_MASK : encoded);
  }
  return { url, shown };
}

/** Tokens from `tokens` that occur in `template`. */
export const tokensIn = (template: string, tokens: readonly string[]): string[] =>
  tokens.filter((t) => template.includes(t));
