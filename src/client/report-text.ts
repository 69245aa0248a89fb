// The simulation report as text for a person: one block per step, in the order the phone takes them.
import { formatDiff, type Diagnostic } from '../core/index.js';
import type { Attempt, SimulationReport } from './simulation-report.js';

const LOCATION_LABEL = {
  explicit: 'given file',
  'working-directory': 'working directory',
  'executable-directory': 'executable directory',
  'data-directory': 'data directory',
} as const;

const VERDICT_LABEL: Readonly<Record<Attempt['verdict'], string>> = {
  configuration: 'valid configuration',
  'invalid-configuration': 'unusable reply',
  'error-document': 'error document',
  'http-error': 'HTTP failure',
  'network-error': 'no connection',
  timeout: 'timed out',
};

const onOff = (value: boolean): string => (value ? 'on' : 'off');

export function formatReport(report: SimulationReport, options: { maxDiagnostics?: number } = {}): string {
  const max = options.maxDiagnostics ?? 20;
  const out: string[] = [];
  const title =
    report.mode === 'desktop'
      ? `Zoiper5 Desktop provisioning (${report.os ?? 'unknown OS'} conventions)`
      : `Zoiper for ${report.mode === 'ios' ? 'iOS' : 'Android'} provisioning`;
  out.push(title, '');

  if (report.mode === 'desktop') {
    out.push('Provision file');
    report.lookup.forEach((step, i) => {
      const where = step.directory === '' ? '(unknown)' : step.directory;
      const what =
        step.found !== undefined ? `found ${step.found}` : (step.note ?? `no ${step.names.join(' or ')}`);
      out.push(`  ${i + 1}. ${LOCATION_LABEL[step.location]} ${where}: ${what}`);
    });
    const p = report.provision;
    if (p !== undefined) {
      const errors = p.diagnostics.filter((d) => d.severity === 'error').length;
      const warnings = p.diagnostics.length - errors;
      out.push(`  ${p.valid ? 'valid' : 'INVALID'} (${errors} error(s), ${warnings} warning(s))`);
      out.push(...diagnosticLines(p.diagnostics, p.path, max));
      const o = p.options;
      out.push(
        `  ${p.baseUrls.length} base URL(s); use_authentication ${onOff(o.useAuthentication)}, authentication_type ${o.authenticationType}, user_input_authentication ${onOff(o.userInputAuthentication)}, password_format ${o.passwordFormat}`,
      );
    }
    out.push('');
  }

  const c = report.credentials;
  if (c !== undefined) {
    out.push('Credentials');
    if (c.source === 'none') out.push('  none sent');
    else {
      const sent = {
        'as-stored': 'the password as stored in the file',
        'as-typed': 'the password as typed',
        'md5-of-typed': 'the MD5 hex of the typed password',
        none: 'no password',
      }[c.passwordSent];
      const how = c.transport === 'basic' ? 'an HTTP Basic header' : 'URL substitution';
      out.push(`  user '${c.username}' (${c.source}); sends ${sent}, by ${how}`);
    }
    for (const note of c.notes) out.push(`  note: ${note}`);
    out.push('');
  }

  if (report.attempts.length > 0) {
    out.push('Requests');
    for (const a of report.attempts) {
      const status = a.status === undefined ? '' : `HTTP ${a.status}, `;
      const used = report.usedAttempt === a.index ? '  <- used' : '';
      out.push(`  ${a.index}. GET ${a.url}${a.auth === 'basic' ? ' (Basic auth)' : ''}`);
      out.push(`     ${status}${VERDICT_LABEL[a.verdict]}, ${a.durationMs} ms${used}`);
      for (const hop of a.redirects ?? []) out.push(`     redirected: ${hop}`);
      if (a.errorText !== undefined) out.push(`     error text: "${a.errorText}"`);
      if (a.problem !== undefined) out.push(`     ${a.problem}`);
      if (a.verdict === 'invalid-configuration' || a.verdict === 'configuration')
        out.push(...diagnosticLines(a.diagnostics ?? [], 'reply', max, '     '));
    }
    out.push('');
  }

  if (report.overlay !== undefined) {
    const o = report.overlay;
    out.push(`Overlay onto ${o.localPath}${o.localFound ? '' : ' (not found: empty)'}`);
    out.push(
      `  delete_accounts_beforehand ${onOff(o.deleteAccountsBeforehand)}, delete_contact_services_beforehand ${onOff(o.deleteContactServicesBeforehand)}`,
    );
    out.push(...diagnosticLines(o.localDiagnostics, o.localPath, max));
    out.push('');
  }
  if (report.previous !== undefined) {
    out.push(`Previous configuration ${report.previous.path}${report.previous.found ? '' : ' (none)'}`);
    out.push(`  ${report.previous.note}`, '');
  }
  if (report.diff !== undefined) {
    out.push('Changes');
    out.push(report.diff.length === 0 ? '  none' : indent(formatDiff(report.diff)), '');
  }
  for (const note of report.notes) out.push(`note: ${note}`);
  out.push(`Result: ${report.outcome}: ${report.summary}`);
  return `${out.join('\n')}\n`;
}

function diagnosticLines(
  diagnostics: readonly Diagnostic[],
  source: string,
  max: number,
  prefix = '  ',
): string[] {
  const lines = diagnostics
    .slice(0, max)
    .map(
      (d) =>
        `${prefix}${source}${d.line > 0 ? `:${d.line}:${d.column}` : ''}: ${d.severity}: ${d.message}${d.path === '' ? '' : ` [${d.path}]`}`,
    );
  if (diagnostics.length > max) lines.push(`${prefix}… ${diagnostics.length - max} more`);
  return lines;
}

const indent = (text: string): string =>
  text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
