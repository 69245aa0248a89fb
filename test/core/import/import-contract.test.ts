// One contract for every import format, as the storage backends share one: the same phones written
// in each source's own form come out as the same accounts, every option they carry is one the core's
// editor takes, every problem names its file and line, and no secret lands in the columns.
import { describe, expect, it } from 'vitest';
import {
  CODEC_ALIASES,
  mapFusionpbx,
  parseFreepbxCsv,
  parseIaxConf,
  parsePjsip,
  parseSipConf,
  parseZprovCsv,
  parseZprovJson,
  type ImportParse,
} from '../../../src/core/index.js';
import { ASTERISK_TO_ZOIPER } from '../../../src/core/import/asterisk-codecs.js';
import { expectEditorAcceptsOptions } from './asterisk-support.js';

const PJSIP = `[t-udp]\ntype=transport\nprotocol=udp\n[1001]\ntype=endpoint\ntransport=t-udp\nauth=1001a\ncallerid="Ann" <1001>\nallow=ulaw\n[1001a]\ntype=auth\nusername=1001\npassword=pw-1001\n[1002]\ntype=endpoint\ntransport=t-udp\nauth=1002a\nallow=ulaw\n[1002a]\ntype=auth\nusername=1002\npassword=pw-1002\n`;
const SIP = `[general]\nallow=ulaw\n[1001]\ntype=friend\nsecret=pw-1001\ncallerid="Ann" <1001>\n[1002]\ntype=friend\nsecret=pw-1002\n`;
const IAX = `[1001]\ntype=friend\nsecret=pw-1001\nallow=ulaw\n[1002]\ntype=friend\nsecret=pw-1002\nallow=ulaw\n`;
const FREEPBX = `extension,name,tech,secret,allow\n1001,Ann,pjsip,pw-1001,ulaw\n1002,,pjsip,pw-1002,ulaw\n`;
const CSV = `key,username,password,codecs\n1001,1001,pw-1001,pcmu\n1002,1002,pw-1002,pcmu\n`;
const JSON_TEXT = JSON.stringify([
  { key: '1001', username: '1001', password: 'pw-1001', codecs: 'pcmu' },
  { key: '1002', username: '1002', password: 'pw-1002', codecs: 'pcmu' },
]);

const sources: Record<string, () => ImportParse> = {
  pjsip: () => parsePjsip({ file: 'pjsip.conf', text: PJSIP }),
  sip: () => parseSipConf({ file: 'sip.conf', text: SIP }),
  iax: () => parseIaxConf({ file: 'iax.conf', text: IAX }),
  'freepbx-csv': () => parseFreepbxCsv(FREEPBX, 'extensions.csv'),
  csv: () => parseZprovCsv(CSV, 'accounts.csv'),
  json: () => parseZprovJson(JSON_TEXT, 'accounts.json'),
  fusionpbx: () =>
    mapFusionpbx(
      {
        domains: [{ domain_uuid: 'd1', domain_name: 'pbx.example.com', domain_enabled: 'true' }],
        extensions: ['1001', '1002'].map((extension) => ({
          extension_uuid: `e${extension}`,
          domain_uuid: 'd1',
          extension,
          password: `pw-${extension}`,
          enabled: 'true',
        })),
      },
      { users: 'extension' },
    ),
};

describe.each(Object.entries(sources))('the %s importer', (_format, read) => {
  it('gives both phones with their usernames and passwords, nothing else, and no problem', () => {
    const parse = read();
    expect(parse.problems).toEqual([]);
    expect(parse.accounts.map((a) => [a.username, a.password, a.enabled])).toEqual([
      ['1001', 'pw-1001', true],
      ['1002', 'pw-1002', true],
    ]);
    expect(new Set(parse.accounts.map((a) => a.key)).size).toBe(2);
  });

  it('carries only options the core editor takes, the codec list included', () => {
    const parse = read();
    expectEditorAcceptsOptions(parse);
    for (const account of parse.accounts) {
      const codecs = account.options.find(([path]) => path === 'codecs')?.[1];
      if (codecs !== undefined) expect(codecs).toBe('pcmu');
    }
  });

  it('names a file and a line for each account, and keeps secrets out of the columns', () => {
    for (const account of read().accounts) {
      expect(account.at.file).not.toBe('');
      expect(account.at.line).toBeGreaterThan(0);
      expect(Object.values(account.columns)).not.toContain(account.password);
    }
  });
});

describe('Asterisk codec names', () => {
  it('map to names the option editor knows', () => {
    for (const name of Object.values(ASTERISK_TO_ZOIPER)) expect(CODEC_ALIASES).toHaveProperty([name]);
  });
});
