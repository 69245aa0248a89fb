// chan_iax2's iax.conf → Zoiper IAX2 accounts. Each friend, peer or user is an account keyed by its
// section name, its secret the password; [general]'s allow/disallow are the defaults a peer starts
// from. IAX2_host stays unset: the import command applies the server's address.
import {
  callerIdOptions,
  channelSections,
  codecOption,
  codecSettings,
  contextColumns,
  ImportCollector,
  importedAccount,
  peerType,
  type ChannelConfOptions,
  type MappedOption,
} from './asterisk-account.js';
import { lastSetting, type ConfSection, type ConfSetting, type ConfSource } from './asterisk-config.js';
import type { ImportParse } from './imported-account.js';

/** The accounts of iax.conf, with every problem met, by file and line. */
export function parseIaxConf(source: ConfSource, options: ChannelConfOptions = {}): ImportParse {
  const collector = new ImportCollector();
  const { general, peers } = channelSections(source, options, ['general'], collector);
  for (const section of peers) iaxAccount(section, general, collector);
  return collector.result();
}

function iaxAccount(section: ConfSection, general: readonly ConfSetting[], collector: ImportCollector): void {
  const { name: key, at, settings } = section;
  if (peerType(section, collector) === undefined) return;
  const dbsecret = lastSetting(settings, 'dbsecret');
  if (dbsecret !== undefined) {
    collector.warn(
      "the password is kept in Asterisk's database, which this import cannot read; skipped",
      dbsecret.at,
      key,
    );
    return;
  }
  const secret = lastSetting(settings, 'secret');
  const auth = lastSetting(settings, 'auth');
  const methods = (auth?.value ?? '')
    .split(',')
    .map((m) => m.trim().toLowerCase())
    .filter((m) => m !== '');
  const rsaOnly = methods.length > 0 && methods.every((m) => m === 'rsa');
  const inkeys = lastSetting(settings, 'inkeys');
  if (rsaOnly || (secret === undefined && inkeys !== undefined)) {
    collector.warn(
      'authenticates by RSA key only (auth=rsa, inkeys), and Zoiper has no key to sign with; skipped',
      (rsaOnly ? auth?.at : undefined) ?? inkeys?.at ?? at,
      key,
    );
    return;
  }
  if (secret === undefined) collector.warn('no secret=; imported without a password', at, key);
  const username = lastSetting(settings, 'username')?.value.trim() || key;
  const options: MappedOption[] = [];
  const callerId = callerIdOptions(lastSetting(settings, 'callerid'), {
    name: 'IAX2_callerId',
    number: 'IAX2_callerNumber',
  });
  options.push(...callerId.options);
  const codecs = codecOption([...codecSettings(general), ...codecSettings(settings)], key, collector);
  if (codecs !== undefined) options.push(codecs);
  if (!collector.claim(key, at)) return;
  collector.add(
    importedAccount(
      {
        key,
        at,
        protocol: 'iax2',
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
