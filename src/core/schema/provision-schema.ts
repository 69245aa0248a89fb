// Zoiper5 Desktop Provision.xml (root <provision>): the file that tells the phone where and how to
// fetch its configuration. Restated from Zoiper's public provisioning reference (Desktop 1.16.1).
import { bool, codeEnum, section, str, textEnum } from './schema-builders.js';
import type { SectionSpec } from './schema-types.js';

export const PROVISION_DOC_VERSION = '1.16.1';
export const PROVISION_ROOT = 'provision';
/** The vendor spells the file with a capital P; on Linux the case matters, so both are looked for. */
export const PROVISION_FILE_NAMES = ['Provision.xml', 'provision.xml'] as const;

/** <options> of Provision.xml: how provisioning is performed. */
export const provisionOptionsSchema: SectionSpec = section({
  doc: 'controls how provisioning is performed',
  options: {
    use_authentication: bool({ default: false, doc: 'send credentials to the provisioning server at all' }),
    user_input_authentication: bool({
      default: false,
      doc: 'true = ask the user for username/password; false = use the preset user/password options below',
    }),
    authentication_type: textEnum({
      values: [
        { value: 'basic', meaning: 'HTTP Basic authentication (Authorization header)' },
        { value: 'url', meaning: 'credentials substituted into base_url via [user] / [pass]' },
      ],
      default: 'url',
    }),
    user: str({
      default: '',
      dependsOn: [{ option: 'user_input_authentication', equals: false }],
      doc: 'preset username',
    }),
    password: str({
      default: '',
      format: 'password',
      dependsOn: [{ option: 'user_input_authentication', equals: false }],
      doc: 'preset password, stored as described by password_format',
    }),
    password_format: codeEnum({
      values: [
        { value: 0, meaning: 'the stored preset password is an MD5 hash' },
        { value: 1, meaning: 'the stored preset password is plain text' },
      ],
      default: 0,
      conflict: true,
      doc: "The vendor text says the 'user' option holds the hash; the option holding a password is 'password', which is how zprov reads it (docs/schema-decisions.md).",
    }),
    delete_accounts_beforehand: bool({
      default: true,
      doc: 'drop all local accounts before applying a downloaded document that has an accounts section',
    }),
    delete_contact_services_beforehand: bool({ default: false, doc: 'the same, for contact services' }),
  },
});
