// What the pjsip.conf, sip.conf and iax.conf importers share once a section is read: caller ids,
// proxy URIs and codec lists turned into Zoiper account options, every option checked by the core's
// account editor before it is emitted, and one collector of accounts and problems that refuses a key
// seen before.
import { ACCOUNT_SCOPE } from '../config/account-item.js';
import { optionNode, sectionNode } from '../config/config-document.js';
import { setOptionIn } from '../config/option-editor.js';
import { codecsFromSettings, type CodecSetting } from './asterisk-codecs.js';
import {
  lastSetting,
  readAsteriskConfig,
  type ConfLimits,
  type ConfSection,
  type ConfSetting,
  type ConfSource,
  type ReadConfFile,
} from './asterisk-config.js';
import type { ImportParse, ImportProblem, ImportedAccount, SourcePosition } from './imported-account.js';

export type AccountProtocol = ImportedAccount['protocol'];

/** An option an importer means to set, with the setting it comes from (for problems about it). */
export interface MappedOption {
  readonly path: string;
  readonly value: string;
  readonly from: SourcePosition;
}

/** The accounts and problems of one import, in source order. */
export class ImportCollector {
  private readonly accounts: ImportedAccount[] = [];
  private readonly problems: ImportProblem[] = [];
  private readonly keys = new Map<string, SourcePosition>();

  error(message: string, at: SourcePosition, key?: string): void {
    this.problems.push({ severity: 'error', message, at, ...(key === undefined ? {} : { key }) });
  }

  warn(message: string, at: SourcePosition, key?: string): void {
    this.problems.push({ severity: 'warning', message, at, ...(key === undefined ? {} : { key }) });
  }

  report(problems: readonly ImportProblem[]): void {
    for (const problem of problems) this.problems.push(problem);
  }

  /** The key is free (so the record may be made); an error at `at` when an earlier record took it. */
  claim(key: string, at: SourcePosition): boolean {
    const first = this.keys.get(key);
    if (first !== undefined) {
      this.error(
        `'${key}' is already imported from ${first.file}:${first.line}; this one is skipped`,
        at,
        key,
      );
      return false;
    }
    this.keys.set(key, at);
    return true;
  }

  add(account: ImportedAccount): void {
    this.accounts.push(account);
  }

  result(): ImportParse {
    return { accounts: this.accounts, problems: this.problems };
  }
}

export interface AccountFields {
  readonly key: string;
  readonly at: SourcePosition;
  readonly protocol: AccountProtocol;
  readonly username: string;
  readonly password: string | undefined;
  readonly options: readonly MappedOption[];
  readonly displayName: string | undefined;
  readonly columns?: Readonly<Record<string, string>>;
}

/**
 * The account, with only the options the core's account editor takes (one it refuses is left out
 * with a warning at the setting it came from), and the display name as the account's `name`.
 */
export function importedAccount(fields: AccountFields, collector: ImportCollector): ImportedAccount {
  const { key, protocol, displayName } = fields;
  const wanted = [...fields.options];
  if (displayName !== undefined) wanted.push({ path: 'name', value: displayName, from: fields.at });
  const options: (readonly [string, string])[] = [];
  for (const option of wanted) {
    const refusal = optionRefusal(protocol, option.path, option.value);
    if (refusal === undefined) options.push([option.path, option.value]);
    else collector.warn(`${refusal}; left out`, option.from, key);
  }
  return {
    key,
    at: fields.at,
    protocol,
    username: fields.username,
    password: fields.password,
    options,
    user: key,
    displayName,
    enabled: true,
    columns: fields.columns ?? {},
  };
}

/** Why the core's account editor refuses `path = value` on an account of this protocol, if it does. */
export function optionRefusal(protocol: AccountProtocol, path: string, value: string): string | undefined {
  const item = sectionNode('account', [optionNode('protocol', protocol)]);
  const edit = setOptionIn(item, ACCOUNT_SCOPE, path, value);
  return edit.ok ? undefined : edit.error;
}

/** A caller id as Asterisk writes it: `"Alice Smith" <1001>`, `Alice <1001>`, `<1001>`, `1001`, `Alice`. */
export function parseCallerId(text: string): { readonly name?: string; readonly number?: string } {
  const value = text.trim();
  const bracket = /^(.*?)\s*<([^<>]*)>\s*$/.exec(value);
  const name = unquoteName(bracket === null ? value : (bracket[1] as string));
  const number = bracket === null ? undefined : (bracket[2] as string).trim();
  if (bracket === null && /^[+]?[\d*#]+$/.test(value)) return { number: value };
  return { ...(name === '' ? {} : { name }), ...(number === undefined || number === '' ? {} : { number }) };
}

function unquoteName(text: string): string {
  const trimmed = text.trim();
  if (trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"'))
    return trimmed.slice(1, -1).replace(/\\(.)/g, '$1').trim();
  return trimmed;
}

/**
 * host[:port] of a proxy given as a SIP URI (`sip:proxy.example.com:5061;lr`, `<sips:…>`) or as
 * chan_sip writes it (`proxy.example.com:5060,force`); undefined when no host is left.
 */
export function proxyAddress(text: string): string | undefined {
  let value = text.trim().replace(/^<|>$/g, '').trim();
  value = value.replace(/^sips?:/i, '');
  value = value.replace(/^[^@/]*@/, '');
  value = (value.split(/[;?,>\s]/)[0] ?? '').replace(/\/+$/, '');
  return value === '' ? undefined : value;
}

/** SIP_transport_type for an Asterisk transport name (udp, tcp, tls); ws and wss have none in Zoiper. */
export function transportOption(
  protocol: string,
  from: SourcePosition,
  key: string,
  collector: ImportCollector,
): MappedOption | undefined {
  const name = protocol.trim().toLowerCase();
  if (name === 'udp' || name === 'tcp' || name === 'tls')
    return { path: 'SIP_transport_type', value: name, from };
  collector.warn(
    name === 'ws' || name === 'wss'
      ? `transport ${name} (WebSocket) has no Zoiper counterpart; the phone uses its own`
      : `transport '${protocol}' is not one Zoiper knows (udp, tcp, tls); left out`,
    from,
    key,
  );
  return undefined;
}

/** The `codecs` option from allow/disallow settings in the order Asterisk applies them. */
export function codecOption(
  settings: readonly ConfSetting[],
  key: string,
  collector: ImportCollector,
): MappedOption | undefined {
  const applied = codecSettings(settings).map((s): CodecSetting => ({
    name: s.key.toLowerCase() as CodecSetting['name'],
    value: s.value,
    at: s.at,
  }));
  const list = codecsFromSettings(applied, key);
  collector.report(list.problems);
  const last = applied[applied.length - 1];
  if (list.codecs === undefined || last === undefined) return undefined;
  return { path: 'codecs', value: list.codecs.join(','), from: last.at };
}

/** The caller id's name as `<prefix>_callerId` (and number as `<prefix>_callerNumber` for IAX). */
export function callerIdOptions(
  setting: ConfSetting | undefined,
  names: { readonly name: string; readonly number?: string },
): { readonly options: MappedOption[]; readonly displayName: string | undefined } {
  if (setting === undefined) return { options: [], displayName: undefined };
  const { name, number } = parseCallerId(setting.value);
  const options: MappedOption[] = [];
  if (name !== undefined) options.push({ path: names.name, value: name, from: setting.at });
  if (number !== undefined && names.number !== undefined)
    options.push({ path: names.number, value: number, from: setting.at });
  return { options, displayName: name };
}

/** The source's columns worth grouping users by: the dialplan context, when set. */
export function contextColumns(settings: readonly ConfSetting[]): Readonly<Record<string, string>> {
  const context = lastSetting(settings, 'context')?.value;
  return context === undefined || context === '' ? {} : { context };
}

/** The allow/disallow settings among `settings`, in their order (chan_sip's and chan_iax2's [general] defaults). */
export const codecSettings = (settings: readonly ConfSetting[]): ConfSetting[] =>
  settings.filter((s) => s.key.toLowerCase() === 'allow' || s.key.toLowerCase() === 'disallow');

/** An outbound proxy: Zoiper's switch and its host[:port]. */
export function proxyOptions(
  setting: ConfSetting | undefined,
  key: string,
  collector: ImportCollector,
): MappedOption[] {
  if (setting === undefined || setting.value.trim() === '') return [];
  const address = proxyAddress(setting.value);
  if (address === undefined) {
    collector.warn(`no host in '${setting.value}'; left out`, setting.at, key);
    return [];
  }
  return [
    { path: 'SIP_use_outbound_proxy', value: 'true', from: setting.at },
    { path: 'SIP_outbound_proxy', value: address, from: setting.at },
  ];
}

export interface ChannelConfOptions {
  /** Reads the files the configuration #includes. */
  readonly readFile?: ReadConfFile;
  readonly limits?: Partial<ConfLimits>;
}

/**
 * sip.conf and iax.conf read into their [general] settings (every [general] section, in order) and
 * the sections that may be peers: not templates, not `reserved` ones, and not missing a template
 * (the reader reported that; what such a section would inherit is unknown).
 */
export function channelSections(
  source: ConfSource,
  options: ChannelConfOptions,
  reserved: readonly string[],
  collector: ImportCollector,
): { readonly general: readonly ConfSetting[]; readonly peers: readonly ConfSection[] } {
  const config = readAsteriskConfig(source, { readFile: options.readFile, limits: options.limits });
  collector.report(config.problems);
  const records = config.sections.filter((s) => !s.template);
  const general = records.filter((s) => s.name.toLowerCase() === 'general').flatMap((s) => s.settings);
  const peers = records.filter((s) => s.complete && !reserved.includes(s.name.toLowerCase()));
  return { general, peers };
}

/** friend, peer or user; anything else is skipped with a warning. */
export function peerType(
  section: ConfSection,
  collector: ImportCollector,
): 'friend' | 'peer' | 'user' | undefined {
  const type = lastSetting(section.settings, 'type');
  const value = type?.value.trim().toLowerCase();
  if (value === 'friend' || value === 'peer' || value === 'user') return value;
  collector.warn(
    type === undefined
      ? 'no type= (friend, peer or user); not an account, skipped'
      : `type=${type.value} is not friend, peer or user; skipped`,
    type?.at ?? section.at,
    section.name,
  );
  return undefined;
}
