// Options pinned to platforms: stored pins read back as written (and damaged ones are refused), a pin
// takes its option out of the other platforms' layers only, a lower layer shows through there, and
// what each platform loses is named with its reason.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  layerForPlatform,
  NO_PINS,
  notOnPlatform,
  readAccountItem,
  parseConfig,
  parsePins,
  platformLosses,
  renderForPlatform,
  renderUserConfig,
  serializePins,
  storedConfigSchema,
  withPin,
  ZOIPER_PLATFORMS,
  type ConfigDocument,
  type PinnedLayer,
  type PlatformPins,
  type ZoiperPlatform,
} from '../../../src/core/index.js';

const config = (text: string): ConfigDocument => {
  const { document } = parseConfig(text, {}, storedConfigSchema);
  if (document === undefined) throw new Error('fixture does not parse');
  return document;
};

const parseAccountItem = (text: string) => {
  const item = readAccountItem(`<options><accounts>${text}</accounts></options>`);
  if (item === undefined) throw new Error('fixture is not an account item');
  return item;
};

const ACCOUNT = {
  ident: 'a1',
  item: parseAccountItem(
    '<account><protocol>sip</protocol><username>1001</username><SIP_domain>pbx.example</SIP_domain></account>',
  ),
  password: 'sip secret',
  isDefault: true,
};

const tenantLayer: PinnedLayer = {
  document: config('<options><general><auto_away>600</auto_away></general></options>'),
  accountDefaults: parseAccountItem('<account><SIP_transport_type>udp</SIP_transport_type></account>'),
  pins: NO_PINS,
};

const userLayer: PinnedLayer = {
  document: config('<options><general><auto_away>300</auto_away></general></options>'),
  accountDefaults: parseAccountItem(
    '<account><SIP_transport_type>tcp</SIP_transport_type><enable_push_notifications>true</enable_push_notifications>' +
      '<register_on_startup>false</register_on_startup></account>',
  ),
  pins: {
    'account/register_on_startup': ['ios'],
    'general/auto_away': ['desktop'],
    'account/SIP_transport_type': ['android'],
    'account/enable_push_notifications': ['android', 'ios'],
  },
};

const render = (layers: readonly PinnedLayer[]) =>
  renderUserConfig({
    layers: layers.map((l) => l.document),
    accountDefaults: layers.flatMap((l) => (l.accountDefaults === undefined ? [] : [l.accountDefaults])),
    accounts: [ACCOUNT],
  });

const served = (platform: ZoiperPlatform) =>
  renderForPlatform(render([tenantLayer, userLayer].map((l) => layerForPlatform(l, platform))), platform)
    .body;

describe('stored pins', () => {
  const platforms = fc.uniqueArray(fc.constantFrom(...ZOIPER_PLATFORMS), { minLength: 1, maxLength: 2 });
  const pins = fc.dictionary(fc.stringMatching(/^[a-z_]+\/[a-z_]+$/), platforms);

  it('read back as written, in one canonical text', () => {
    fc.assert(
      fc.property(pins, (p: PlatformPins) => {
        const text = serializePins(p);
        const read = parsePins(text);
        expect(typeof read).not.toBe('string');
        expect(serializePins(read as PlatformPins)).toBe(text);
      }),
    );
  });

  it('refuses what is not a map of paths to platforms, naming the fault', () => {
    expect(parsePins('{')).toBe('platform pins are not JSON');
    expect(parsePins('[]')).toBe('platform pins are not a map of paths');
    expect(parsePins('{"general/auto_away":[]}')).toBe('platform pin of general/auto_away names no platform');
    expect(parsePins('{"general/auto_away":["symbian"]}')).toBe(
      "platform pin of general/auto_away: 'symbian' is not a platform",
    );
  });

  it('a pin naming every platform is no pin at all, and pinning again replaces', () => {
    expect(withPin(NO_PINS, 'general/auto_away', [...ZOIPER_PLATFORMS])).toEqual({});
    const once = withPin(NO_PINS, 'general/auto_away', ['ios', 'desktop']);
    expect(once).toEqual({ 'general/auto_away': ['desktop', 'ios'] });
    expect(withPin(once, 'general/auto_away', ['android'])).toEqual({ 'general/auto_away': ['android'] });
    expect(withPin(once, 'general/auto_away', undefined)).toEqual({});
  });

  it('names the platform whose dialect has no place for the option', () => {
    expect(notOnPlatform('general/auto_away', 'desktop')).toBeUndefined();
    expect(notOnPlatform('general/auto_away', 'android')).toMatch(
      /^general\/auto_away: not in the android dialect/,
    );
    expect(notOnPlatform('account/enable_push_notifications', 'ios')).toBeUndefined();
    expect(notOnPlatform('account/enable_push_notifications', 'desktop')).toMatch(/desktop dialect/);
  });
});

describe('a pinned layer', () => {
  it('keeps its pinned options for their platforms and lets the lower layer show elsewhere', () => {
    expect(served('desktop')).toContain('<auto_away>300</auto_away>');
    expect(served('desktop')).toContain('<SIP_transport_type>udp</SIP_transport_type>');
    expect(served('android')).toContain('<SIP_transport_type>tcp</SIP_transport_type>');
    expect(served('android')).toContain('<enable_push_notifications>true</enable_push_notifications>');
    expect(served('ios')).toContain('<SIP_transport_type>udp</SIP_transport_type>');
    expect(served('ios')).toContain('<enable_push_notifications>true</enable_push_notifications>');
  });

  it('without pins renders exactly as the layer itself', () => {
    for (const platform of ZOIPER_PLATFORMS) {
      const layer = { ...userLayer, pins: NO_PINS };
      expect(layerForPlatform(layer, platform)).toEqual(layer);
    }
  });

  it('says what each platform is not sent, and why', () => {
    const whole = render([tenantLayer, userLayer]).document;
    const losses = (platform: ZoiperPlatform) =>
      platformLosses(
        whole,
        render([tenantLayer, userLayer].map((l) => layerForPlatform(l, platform))).document,
        platform,
      );
    expect(losses('android')).toContainEqual({
      path: 'accounts/account[ident=a1]/register_on_startup',
      value: 'false',
      reason: 'pinned to other platforms',
    });
    // Android has no <general>: the option is named once, with the configuration's value.
    expect(losses('android').filter((l) => l.path === 'general/auto_away')).toEqual([
      { path: 'general/auto_away', value: '300', reason: 'not in this platform’s dialect' },
    ]);
    expect(losses('android')).toContainEqual({
      path: 'accounts/account[ident=a1]/ident',
      value: 'a1',
      reason: 'not in this platform’s dialect',
    });
    expect(losses('ios').map((l) => l.path)).not.toContain('accounts/account[ident=a1]/register_on_startup');
    expect(losses('desktop')).toContainEqual({
      path: 'accounts/account[ident=a1]/SIP_transport_type',
      value: 'tcp',
      instead: 'udp',
      reason: "pinned to other platforms; a lower layer's value is sent",
    });
    // The password is named, never shown.
    expect(JSON.stringify(ZOIPER_PLATFORMS.map(losses))).not.toContain('sip secret');
  });
});
