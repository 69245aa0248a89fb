// chan_sip's sip.conf → Zoiper SIP accounts. Each friend or peer (and each user with a secret) is an
// account keyed by its section name; [general] is none, but its allow/disallow and transport are the
// defaults a peer starts from, as chan_sip applies them.
import {
  callerIdOptions,
  channelSections,
  codecOption,
  codecSettings,
  contextColumns,
  ImportCollector,
  importedAccount,
  peerType,
  proxyOptions,
  transportOption,
  type ChannelConfOptions,
  type MappedOption,
} from './asterisk-account.js';
import {
  isTrue,
  lastSetting,
  type ConfSection,
  type ConfSetting,
  type ConfSource,
} from './asterisk-config.js';
import type { ImportParse } from './imported-account.js';

/** Sections of sip.conf that are settings, not peers. */
const RESERVED = ['general', 'authentication'];

/** The accounts of sip.conf, with every problem met, by file and line. */
export function parseSipConf(source: ConfSource, options: ChannelConfOptions = {}): ImportParse {
  const collector = new ImportCollector();
  const { general, peers } = channelSections(source, options, RESERVED, collector);
  for (const section of peers) sipAccount(section, general, collector);
  return collector.result();
}

function sipAccount(section: ConfSection, general: readonly ConfSetting[], collector: ImportCollector): void {
  const { name: key, at, settings } = section;
  const type = peerType(section, collector);
  if (type === undefined) return;
  const secret = lastSetting(settings, 'secret');
  const md5secret = lastSetting(settings, 'md5secret');
  if (secret === undefined && md5secret !== undefined) {
    collector.warn(
      'only md5secret is set: a digest of the password, and Zoiper needs the password itself; skipped',
      md5secret.at,
      key,
    );
    return;
  }
  if (secret === undefined) {
    if (type === 'user') {
      collector.warn('type=user without a secret: no phone registers with it; skipped', at, key);
      return;
    }
    collector.warn('no secret=; imported without a password', at, key);
  } else if (md5secret !== undefined) {
    collector.warn(
      'md5secret is set too, and Asterisk checks it rather than secret; secret imported',
      md5secret.at,
      key,
    );
  }
  // defaultuser is the current name of the older username=.
  const user = lastSetting(settings, 'defaultuser') ?? lastSetting(settings, 'username');
  const username = user?.value.trim() || key;
  const options: MappedOption[] = [];
  const transport = lastSetting(settings, 'transport') ?? lastSetting(general, 'transport');
  // `transport=tls,udp`: the first listed is the one chan_sip uses for outgoing requests.
  const first = transport?.value.split(',')[0]?.trim();
  if (transport !== undefined && first !== undefined && first !== '') {
    const option = transportOption(first, transport.at, key, collector);
    if (option !== undefined) options.push(option);
  }
  const encryption = lastSetting(settings, 'encryption');
  if (encryption !== undefined && isTrue(encryption.value))
    options.push({ path: 'SIP_srtp_mode', value: 'sdes', from: encryption.at });
  const callerId = callerIdOptions(lastSetting(settings, 'callerid'), { name: 'SIP_callerId' });
  options.push(...callerId.options);
  const domain = lastSetting(settings, 'fromdomain');
  if (domain !== undefined && domain.value !== '')
    options.push({ path: 'SIP_domain', value: domain.value, from: domain.at });
  options.push(...proxyOptions(lastSetting(settings, 'outboundproxy'), key, collector));
  const codecs = codecOption([...codecSettings(general), ...codecSettings(settings)], key, collector);
  if (codecs !== undefined) options.push(codecs);
  if (!collector.claim(key, at)) return;
  collector.add(
    importedAccount(
      {
        key,
        at,
        protocol: 'sip',
        username,
        password: secret?.value,
        options,
        displayName: callerId.displayName,
        columns: contextColumns(settings),
      },
      collector,
    ),
  );
}
