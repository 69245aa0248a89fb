// The shipped deployment files taken apart for the tests: the systemd unit's directives, and the
// nginx lines marked "site:" that a deployment changes (and a test replaces with its own values).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../client/run-binary.js';

export const UNIT_FILE = join(ROOT, 'deploy', 'zprov.service');
export const NGINX_FILE = join(ROOT, 'deploy', 'nginx.conf');

export const readUnit = (): string => readFileSync(UNIT_FILE, 'utf8');
export const readNginx = (): string => readFileSync(NGINX_FILE, 'utf8');

export interface UnitDirective {
  readonly section: string;
  readonly key: string;
  readonly value: string;
}

/** Every `Key=value` line with its section, comments and blank lines skipped. */
export function unitDirectives(text: string): UnitDirective[] {
  const result: UnitDirective[] = [];
  let section = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    if (line.endsWith('\\')) throw new Error(`continued lines are not handled here: ${line}`);
    const header = /^\[(.+)\]$/.exec(line);
    if (header !== null) {
      section = header[1] as string;
      continue;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) throw new Error(`not a directive: ${line}`);
    result.push({ section, key: line.slice(0, eq).trim(), value: line.slice(eq + 1).trim() });
  }
  return result;
}

/** The values of one [Service] directive, in order. */
export const serviceValues = (text: string, key: string): string[] =>
  unitDirectives(text)
    .filter((d) => d.section === 'Service' && d.key === key)
    .map((d) => d.value);

/** ExecStart split into words (the unit uses no quoting, which this refuses to guess at). */
export function execStart(text: string): string[] {
  const values = serviceValues(text, 'ExecStart');
  if (values.length !== 1) throw new Error(`expected one ExecStart, found ${values.length}`);
  const line = values[0] as string;
  if (/["'$%]/.test(line)) throw new Error(`ExecStart with quotes or specifiers: ${line}`);
  return line.split(/\s+/);
}

/** NAME=value of the Environment= lines; with `commented`, of the `#Environment=` examples as well. */
export function unitEnvironment(text: string, commented = false): Record<string, string> {
  const env: Record<string, string> = {};
  const pattern = commented ? /^#?Environment=(\S+?)=(.*)$/ : /^Environment=(\S+?)=(.*)$/;
  for (const raw of text.split('\n')) {
    const match = pattern.exec(raw.trim());
    if (match !== null) env[match[1] as string] = (match[2] as string).trim();
  }
  return env;
}

/** The nginx directives a deployment sets for itself, each marked `# site:` in deploy/nginx.conf. */
export const SITE_DIRECTIVES = [
  'listen',
  'server',
  'server_name',
  'ssl_certificate',
  'ssl_certificate_key',
  'access_log',
  'error_log',
] as const;
export type SiteDirective = (typeof SITE_DIRECTIVES)[number];

const SITE_LINE = /^(\s*)([a-z_]+)(\s+)(\S+?)((?:\s+[^#;]+)?;\s*# site:.*)$/;

/** The first argument of each `site:` directive; throws unless each is marked exactly once. */
export function siteValues(text: string): Record<SiteDirective, string> {
  const found = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    if (!/#\s*site:/.test(line)) continue;
    const match = SITE_LINE.exec(line);
    if (match === null) throw new Error(`a "site:" line this test cannot read: ${line}`);
    const name = match[2] as string;
    found.set(name, [...(found.get(name) ?? []), match[4] as string]);
  }
  const values: Partial<Record<SiteDirective, string>> = {};
  for (const name of SITE_DIRECTIVES) {
    const args = found.get(name) ?? [];
    if (args.length !== 1) throw new Error(`expected one "${name}" marked site:, found ${args.length}`);
    values[name] = args[0];
  }
  const unknown = [...found.keys()].filter((n) => !(SITE_DIRECTIVES as readonly string[]).includes(n));
  if (unknown.length > 0) throw new Error(`"site:" directives the test does not set: ${unknown.join(', ')}`);
  return values as Record<SiteDirective, string>;
}

/** The file with the first argument of every `site:` directive replaced; nothing else changes. */
export function withSiteValues(text: string, values: Record<SiteDirective, string>): string {
  siteValues(text); // each marked exactly once
  return text
    .split('\n')
    .map((line) => {
      const match = /#\s*site:/.test(line) ? SITE_LINE.exec(line) : null;
      if (match === null) return line;
      const [, indent, name, space, , rest] = match as unknown as string[];
      return `${indent}${name}${space}${values[name as SiteDirective]}${rest}`;
    })
    .join('\n');
}
