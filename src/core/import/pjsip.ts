// pjsip.conf (and pjsip_wizard.conf) → Zoiper SIP accounts. Each `type=endpoint` section is an
// account keyed by its name (the extension the phone registers as); its `auth=` section gives the
// credentials, its `transport=` section the transport. A wizard accepting registrations is an
// account the same way, from its `endpoint/…` and `inbound_auth/…` settings.
import {
  callerIdOptions,
  codecOption,
  contextColumns,
  ImportCollector,
  importedAccount,
  proxyOptions,
  transportOption,
  type ChannelConfOptions,
  type MappedOption,
} from './asterisk-account.js';
import {
  isTrue,
  lastSetting,
  lastValue,
  readAsteriskConfig,
  type ConfSection,
  type ConfSetting,
  type ConfSource,
} from './asterisk-config.js';
import type { ImportParse, SourcePosition } from './imported-account.js';

export interface PjsipImportOptions extends ChannelConfOptions {
  /** pjsip_wizard.conf, when the PBX has one; its wizards use the transports of pjsip.conf. */
  readonly wizard?: ConfSource;
}

/** One phone's endpoint as the mapping needs it, from pjsip.conf or from a wizard. */
interface EndpointView {
  readonly key: string;
  readonly at: SourcePosition;
  /** The endpoint's settings (a wizard's `endpoint/…` ones without the prefix, and its `transport`). */
  readonly settings: readonly ConfSetting[];
  /** The auth's settings (a wizard's `inbound_auth/…` ones without the prefix), or why there are none. */
  readonly auth: { readonly settings: readonly ConfSetting[] } | { readonly missing: string };
}

interface PjsipObjects {
  readonly auths: ReadonlyMap<string, ConfSection>;
  readonly transports: ReadonlyMap<string, ConfSection>;
}

/** The accounts of pjsip.conf (and pjsip_wizard.conf), with every problem met, by file and line. */
export function parsePjsip(source: ConfSource, options: PjsipImportOptions = {}): ImportParse {
  const collector = new ImportCollector();
  const read = { readFile: options.readFile, limits: options.limits };
  const sources = options.wizard === undefined ? [source] : [source, options.wizard];
  const records: ConfSection[] = [];
  for (const config of sources.map((s) => readAsteriskConfig(s, read))) {
    collector.report(config.problems);
    for (const section of config.sections) if (!section.template) records.push(section);
  }
  const objects: PjsipObjects = { auths: byType(records, 'auth'), transports: byType(records, 'transport') };
  for (const section of records) {
    // A section missing a template was reported by the reader; what it would inherit is unknown.
    if (!section.complete) continue;
    const type = typeOf(section);
    const view =
      type === 'endpoint'
        ? endpointView(section, objects, collector)
        : type === 'wizard'
          ? wizardView(section, collector)
          : undefined;
    if (view !== undefined) addAccount(view, objects, collector);
  }
  return collector.result();
}

const typeOf = (section: ConfSection) => lastValue(section.settings, 'type')?.trim().toLowerCase();

/** The first section of each name with this type (pjsip.conf gives an endpoint, its aor and auth one name). */
function byType(sections: readonly ConfSection[], type: string): Map<string, ConfSection> {
  const found = new Map<string, ConfSection>();
  for (const section of sections)
    if (typeOf(section) === type && !found.has(section.name)) found.set(section.name, section);
  return found;
}

function endpointView(
  section: ConfSection,
  objects: PjsipObjects,
  collector: ImportCollector,
): EndpointView | undefined {
  const { name: key, at, settings } = section;
  const auth = lastSetting(settings, 'auth');
  const names = (auth?.value ?? '')
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n !== '');
  const first = names[0];
  if (auth === undefined || first === undefined) {
    // Only outbound credentials: Asterisk registers to it, so it is a trunk, not a phone.
    if (lastSetting(settings, 'outbound_auth') !== undefined) {
      collector.warn('a trunk (outbound_auth and no auth): not a phone account; skipped', at, key);
      return undefined;
    }
    return { key, at, settings, auth: { missing: 'endpoint has no auth=' } };
  }
  if (names.length > 1) collector.warn(`only the first auth ('${first}') is used`, auth.at, key);
  const authSection = objects.auths.get(first);
  if (authSection === undefined) {
    collector.error(`auth '${first}' names no type=auth section; endpoint skipped`, auth.at, key);
    return undefined;
  }
  if (!authSection.complete) {
    collector.error(`auth '${first}' inherits from a missing template; endpoint skipped`, auth.at, key);
    return undefined;
  }
  return { key, at, settings, auth: { settings: authSection.settings } };
}

function wizardView(section: ConfSection, collector: ImportCollector): EndpointView | undefined {
  const { name: key, at, settings } = section;
  if (!isTrue(lastValue(settings, 'accepts_registrations'))) {
    collector.warn(
      isTrue(lastValue(settings, 'sends_registrations'))
        ? 'a trunk (sends_registrations=yes, accepts_registrations not yes): skipped'
        : 'accepts_registrations is not yes, so no phone registers to it: skipped',
      at,
      key,
    );
    return undefined;
  }
  const endpoint = settings.flatMap((s) => {
    const name = s.key.toLowerCase();
    if (name === 'transport') return [s];
    return name.startsWith('endpoint/') ? [{ ...s, key: s.key.slice('endpoint/'.length) }] : [];
  });
  if (!isTrue(lastValue(settings, 'accepts_auth')))
    return {
      key,
      at,
      settings: endpoint,
      auth: { missing: 'accepts_auth is not yes, so Asterisk asks no password' },
    };
  const auth = settings.flatMap((s) =>
    s.key.toLowerCase().startsWith('inbound_auth/')
      ? [{ ...s, key: s.key.slice('inbound_auth/'.length) }]
      : [],
  );
  return { key, at, settings: endpoint, auth: { settings: auth } };
}

/** username and password from an auth's settings; undefined (with an error) when Zoiper cannot get one. */
function credentials(
  auth: readonly ConfSetting[],
  key: string,
  at: SourcePosition,
  collector: ImportCollector,
): { readonly username: string; readonly password: string | undefined } | undefined {
  const type = lastSetting(auth, 'auth_type');
  const kind = type?.value.trim().toLowerCase() || 'userpass';
  const password = lastSetting(auth, 'password');
  const digest = lastSetting(auth, 'md5_cred') ?? lastSetting(auth, 'password_digest');
  if (kind === 'md5' || (password === undefined && digest !== undefined)) {
    collector.warn(
      'the auth keeps only a digest of the password (md5_cred), and Zoiper needs the password itself; skipped',
      type?.at ?? digest?.at ?? at,
      key,
    );
    return undefined;
  }
  if (kind !== 'userpass' && kind !== 'digest') {
    collector.error(`${kind} gives no password Zoiper can use; skipped`, type?.at ?? at, key);
    return undefined;
  }
  if (password === undefined) collector.warn('the auth has no password=; imported without one', at, key);
  return { username: lastValue(auth, 'username')?.trim() || key, password: password?.value };
}

function addAccount(view: EndpointView, objects: PjsipObjects, collector: ImportCollector): void {
  const { key, at, settings } = view;
  let login: { readonly username: string; readonly password: string | undefined };
  if ('missing' in view.auth) {
    collector.warn(`${view.auth.missing}; imported without a password`, at, key);
    login = { username: key, password: undefined };
  } else {
    const found = credentials(view.auth.settings, key, at, collector);
    if (found === undefined) return;
    login = found;
  }
  const options: MappedOption[] = [];
  if (login.username !== key)
    options.push(
      { path: 'SIP_use_auth_username', value: 'true', from: at },
      { path: 'SIP_auth_username', value: login.username, from: at },
    );
  const transport = transportOf(settings, objects, key, collector);
  if (transport !== undefined) options.push(transport);
  const encryption = srtpOption(lastSetting(settings, 'media_encryption'), key, collector);
  if (encryption !== undefined) options.push(encryption);
  const callerId = callerIdOptions(lastSetting(settings, 'callerid'), { name: 'SIP_callerId' });
  options.push(...callerId.options);
  const domain = lastSetting(settings, 'from_domain');
  if (domain !== undefined && domain.value !== '')
    options.push({ path: 'SIP_domain', value: domain.value, from: domain.at });
  options.push(...proxyOptions(lastSetting(settings, 'outbound_proxy'), key, collector));
  const codecs = codecOption(settings, key, collector);
  if (codecs !== undefined) options.push(codecs);
  if (!collector.claim(key, at)) return;
  collector.add(
    importedAccount(
      {
        key,
        at,
        protocol: 'sip',
        username: key,
        password: login.password,
        options,
        displayName: callerId.displayName,
        columns: contextColumns(settings),
      },
      collector,
    ),
  );
}

function transportOf(
  settings: readonly ConfSetting[],
  objects: PjsipObjects,
  key: string,
  collector: ImportCollector,
): MappedOption | undefined {
  const transport = lastSetting(settings, 'transport');
  if (transport === undefined || transport.value === '') return undefined;
  const section = objects.transports.get(transport.value);
  if (section === undefined) {
    collector.warn(
      `transport '${transport.value}' names no type=transport section; left out`,
      transport.at,
      key,
    );
    return undefined;
  }
  // pjsip's transports are UDP unless they say otherwise.
  const protocol = lastSetting(section.settings, 'protocol');
  return transportOption(protocol?.value ?? 'udp', protocol?.at ?? transport.at, key, collector);
}

/** media_encryption: Zoiper's SIP account keys SRTP by SDES only. */
function srtpOption(
  setting: ConfSetting | undefined,
  key: string,
  collector: ImportCollector,
): MappedOption | undefined {
  const value = setting?.value.trim().toLowerCase();
  if (setting === undefined || value === 'no' || value === '') return undefined;
  if (value === 'sdes') return { path: 'SIP_srtp_mode', value: 'sdes', from: setting.at };
  collector.warn(
    value === 'dtls'
      ? 'DTLS-SRTP has no Zoiper counterpart (its SIP account keys SRTP by SDES only); left out'
      : `'${setting.value}' is not one Asterisk knows (no, sdes, dtls); left out`,
    setting.at,
    key,
  );
  return undefined;
}
