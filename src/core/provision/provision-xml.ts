// Reading, checking and writing Provision.xml.
import { diagnostic, wrongRoot, type Diagnostic, type Position } from '../diagnostics.js';
import { checkValue } from '../config/validate-config.js';
import { typeValue, type ParseResult } from '../config/parse-config.js';
import { formatValue } from '../config/serialize-config.js';
import { closestName } from '../config/closest-name.js';
import { PROVISION_ROOT, provisionOptionsSchema } from '../schema/provision-schema.js';
import { isMd5Hex, PASS_PLACEHOLDER, PASSWORD_FORMAT, USER_PLACEHOLDER } from './phone-wire.js';
import type { ScalarValue } from '../schema/schema-types.js';
import type { XmlElement } from '../xml/xml-element.js';
import { readXml, type XmlReadOptions } from '../xml/xml-reader.js';
import { valueElement, XML_DECLARATION } from '../xml/xml-writer.js';
import { writeElement } from '../config/serialize-config.js';
import {
  PROVISION_OPTION_DEFAULTS,
  PROVISION_OPTION_ELEMENTS,
  type ProvisionDocument,
  type ProvisionOptions,
} from './provision-document.js';

const KEY_BY_ELEMENT = new Map(
  Object.entries(PROVISION_OPTION_ELEMENTS).map(([key, element]) => [element, key as keyof ProvisionOptions]),
);

export function parseProvision(text: string, options: XmlReadOptions = {}): ParseResult<ProvisionDocument> {
  const { root, diagnostics } = readXml(text, options);
  if (root === undefined) return { document: undefined, diagnostics };
  return bindProvision(root, diagnostics);
}

/** Reads and validates in one step: what a phone (or `zprov validate`) makes of a Provision.xml. */
export function readProvision(text: string, options: XmlReadOptions = {}): ParseResult<ProvisionDocument> {
  const parsed = parseProvision(text, options);
  if (parsed.document === undefined) return parsed;
  return {
    document: parsed.document,
    diagnostics: [...parsed.diagnostics, ...validateProvision(parsed.document)],
  };
}

export function bindProvision(
  root: XmlElement,
  readDiagnostics: readonly Diagnostic[] = [],
): ParseResult<ProvisionDocument> {
  const diagnostics = [...readDiagnostics];
  if (root.name !== PROVISION_ROOT) {
    diagnostics.push(wrongRoot(root, `a provision file starts with <${PROVISION_ROOT}>`));
    return { document: undefined, diagnostics };
  }
  const baseUrls: string[] = [];
  const values: Record<string, ScalarValue> = { ...PROVISION_OPTION_DEFAULTS };
  const unknown: XmlElement[] = [];
  const seen = new Set<string>();
  const positions: Record<string, Position> = {};
  const at = (path: string, pos: Position | undefined): void => {
    if (pos !== undefined && positions[path] === undefined) positions[path] = pos;
  };
  for (const child of root.children) {
    at(child.name, child.pos);
    if (child.name === 'base_urls' || child.name === 'options') {
      if (seen.has(child.name))
        diagnostics.push(
          diagnostic(
            'error',
            'section.duplicate',
            child.name,
            child.pos,
            `section <${child.name}> appears more than once`,
          ),
        );
      seen.add(child.name);
    }
    if (child.name === 'base_urls') {
      for (const item of child.children) {
        if (item.name === 'base_url' && item.children.length === 0) {
          baseUrls.push(item.text.trim());
          at(`base_urls/base_url[${baseUrls.length}]`, item.pos);
        } else
          diagnostics.push(
            diagnostic(
              'warning',
              'list.item-unexpected',
              `base_urls/${item.name}`,
              item.pos,
              `<base_urls> holds <base_url> items; <${item.name}> is ignored`,
            ),
          );
      }
    } else if (child.name === 'options') {
      const optionSeen = new Set<string>();
      for (const option of child.children) {
        const path = `options/${option.name}`;
        const spec = provisionOptionsSchema.options[option.name];
        const key = KEY_BY_ELEMENT.get(option.name);
        if (spec === undefined || key === undefined || option.children.length > 0) {
          const guess = closestName(option.name, Object.keys(provisionOptionsSchema.options));
          diagnostics.push(
            diagnostic(
              'warning',
              'option.unknown',
              path,
              option.pos,
              `unknown option <${option.name}> in <options>${guess ? `; did you mean <${guess}>?` : ''}`,
            ),
          );
          continue;
        }
        if (optionSeen.has(option.name))
          diagnostics.push(
            diagnostic(
              'error',
              'option.duplicate',
              path,
              option.pos,
              `option <${option.name}> appears more than once`,
            ),
          );
        optionSeen.add(option.name);
        at(path, option.pos);
        const value = typeValue(spec, option.text);
        const problem = checkValue(spec, value);
        if (problem !== undefined) {
          diagnostics.push(
            diagnostic(
              problem.severity ?? 'error',
              problem.code,
              path,
              option.pos,
              `${option.name}: ${problem.message}`,
            ),
          );
          if (problem.severity !== 'warning') continue;
        }
        values[key] = typeof value === 'string' && spec.type === 'text_enum' ? value.toLowerCase() : value;
      }
    } else {
      unknown.push(child);
      diagnostics.push(
        diagnostic(
          'warning',
          'section.unknown',
          child.name,
          child.pos,
          `unknown element <${child.name}> in <provision> (kept as written)`,
        ),
      );
    }
  }
  const document: ProvisionDocument = {
    kind: 'provision',
    baseUrls,
    options: values as unknown as ProvisionOptions,
    ...(unknown.length > 0 ? { unknown } : {}),
    positions,
  };
  return { document, diagnostics };
}

/** Checks that make a provision file usable: reachable URLs, credentials where they are needed. */
export function validateProvision(document: ProvisionDocument): Diagnostic[] {
  const out: Diagnostic[] = [];
  const o = document.options;
  const positions = document.positions ?? {};
  const report = (
    severity: 'error' | 'warning',
    code: Diagnostic['code'],
    path: string,
    message: string,
  ): void => {
    // An option the file leaves out is reported at its section (or at 0:0 for a document in memory).
    const pos = positions[path] ?? positions[path.split('/')[0] as string];
    out.push(diagnostic(severity, code, path, pos, message));
  };
  if (document.baseUrls.length === 0)
    report(
      'error',
      'provision.no-base-url',
      'base_urls',
      'no <base_url>: the phone has nowhere to fetch its configuration from',
    );
  document.baseUrls.forEach((url, i) => {
    const path = `base_urls/base_url[${i + 1}]`;
    const probe = url.split(USER_PLACEHOLDER).join('u').split(PASS_PLACEHOLDER).join('p');
    let parsed: URL | undefined;
    try {
      parsed = new URL(probe);
    } catch {
      parsed = undefined;
    }
    if (parsed === undefined || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
      report('error', 'provision.bad-url', path, `'${url}' is not an http:// or https:// URL`);
      return;
    }
    const hasPlaceholders = url.includes(USER_PLACEHOLDER) || url.includes(PASS_PLACEHOLDER);
    if (
      o.useAuthentication &&
      o.authenticationType === 'url' &&
      !(url.includes(USER_PLACEHOLDER) && url.includes(PASS_PLACEHOLDER))
    ) {
      report(
        'warning',
        'provision.placeholder',
        path,
        `authentication_type is url but '${url}' lacks ${USER_PLACEHOLDER} or ${PASS_PLACEHOLDER}: the credentials will not reach the server`,
      );
    }
    if (o.authenticationType === 'basic' && hasPlaceholders) {
      report(
        'warning',
        'provision.placeholder',
        path,
        `authentication_type is basic; ${USER_PLACEHOLDER}/${PASS_PLACEHOLDER} in the URL are not the documented way to send credentials`,
      );
    }
    if (parsed.protocol === 'http:' && o.useAuthentication) {
      report(
        'warning',
        'provision.bad-url',
        path,
        `'${url}' is plain http: the provisioning credentials and the SIP passwords served travel unencrypted`,
      );
    }
  });
  if (o.useAuthentication && !o.userInputAuthentication && o.user === '') {
    report(
      'warning',
      'provision.credentials',
      'options/user',
      'use_authentication is on with preset credentials, but <user> is empty',
    );
  }
  if (
    o.useAuthentication &&
    !o.userInputAuthentication &&
    o.passwordFormat === PASSWORD_FORMAT.MD5 &&
    !isMd5Hex(o.password)
  ) {
    report(
      'error',
      'provision.password-format',
      'options/password',
      'password_format is 0 (MD5), but <password> is not 32 hexadecimal digits',
    );
  }
  return out;
}

export function serializeProvision(document: ProvisionDocument): string {
  const out: string[] = [XML_DECLARATION, '<provision>\n'];
  if (document.baseUrls.length === 0) out.push('  <base_urls/>\n');
  else {
    out.push('  <base_urls>\n');
    for (const url of document.baseUrls) out.push('    ', valueElement('base_url', url), '\n');
    out.push('  </base_urls>\n');
  }
  out.push('  <options>\n');
  for (const [key, element] of Object.entries(PROVISION_OPTION_ELEMENTS) as [
    keyof ProvisionOptions,
    string,
  ][]) {
    out.push('    ', valueElement(element, formatValue(document.options[key])), '\n');
  }
  out.push('  </options>\n');
  for (const element of document.unknown ?? []) writeElement(element, '  ', out);
  out.push('</provision>\n');
  return out.join('');
}
