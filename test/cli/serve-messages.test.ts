import { describe, expect, it } from 'vitest';
import { firstStartGuide, listeningMessage } from '../../src/cli/commands/serve-messages.js';
import { loadConfig } from '../../src/config/app-config.js';

describe('serve messages', () => {
  it('repeats the storage flags in every next-step command', () => {
    const config = loadConfig({ flags: { dataDir: '/srv/zprov', port: 0 }, env: {}, cwd: '/' });
    const guide = firstStartGuide(config, 'http://127.0.0.1:4321', '--data-dir /srv/zprov');
    const commands = guide.split('\n').filter((l) => l.trim().startsWith('zprov '));
    expect(commands.length).toBe(4);
    for (const line of commands) expect(line).toContain('--data-dir /srv/zprov');
    expect(guide).toContain('/srv/zprov/zprov.sqlite');
  });

  it('writes the provision.xml for the first public URL when one is configured, else for this host and the real port', () => {
    const published = loadConfig({ flags: { publicUrls: 'https://prov.example.com' }, env: {} });
    expect(firstStartGuide(published, 'http://127.0.0.1:8080', '')).toContain(
      '--url https://prov.example.com ',
    );
    const local = loadConfig({ flags: { host: '127.0.0.1', port: 0 }, env: {} });
    expect(firstStartGuide(local, 'http://127.0.0.1:4321', '')).toContain('--url http://127.0.0.1:4321 ');
  });

  it('names both provisioning paths and the health endpoints', () => {
    const config = loadConfig({ flags: { host: '0.0.0.0' }, env: {} });
    const text = listeningMessage(config, 'http://127.0.0.1:8080');
    expect(text).toContain('all interfaces, port 8080');
    expect(text).toContain('http://127.0.0.1:8080/provision');
    expect(text).toContain('http://127.0.0.1:8080/t/<tenant>/provision');
    expect(text).toContain('/healthz');
    expect(text).toContain('/readyz');
  });
});
