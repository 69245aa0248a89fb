// Provision.xml as a typed record: the base URLs in failover order and every option with its value
// (the vendor default where the file leaves it out).
import type { Position } from '../diagnostics.js';
import type { XmlElement } from '../xml/xml-element.js';
import { PASSWORD_FORMAT, type PasswordFormat } from './phone-wire.js';

export type AuthenticationType = 'basic' | 'url';

export interface ProvisionOptions {
  readonly useAuthentication: boolean;
  readonly userInputAuthentication: boolean;
  readonly authenticationType: AuthenticationType;
  readonly user: string;
  readonly password: string;
  readonly passwordFormat: PasswordFormat;
  readonly deleteAccountsBeforehand: boolean;
  readonly deleteContactServicesBeforehand: boolean;
}

export interface ProvisionDocument {
  readonly kind: 'provision';
  readonly baseUrls: readonly string[];
  readonly options: ProvisionOptions;
  /** Elements the schema does not know, kept for a faithful rewrite. */
  readonly unknown?: readonly XmlElement[];
  /**
   * Where each element was read (keys: base_urls, base_urls/base_url[1], options, options/user, ...),
   * so findings about a file point into it; absent on documents built in memory.
   */
  readonly positions?: Readonly<Record<string, Position>>;
}

export const PROVISION_OPTION_DEFAULTS: ProvisionOptions = Object.freeze({
  useAuthentication: false,
  userInputAuthentication: false,
  authenticationType: 'url',
  user: '',
  password: '',
  passwordFormat: PASSWORD_FORMAT.MD5,
  deleteAccountsBeforehand: true,
  deleteContactServicesBeforehand: false,
});

/** XML element name of each option, in the order zprov writes them. */
export const PROVISION_OPTION_ELEMENTS: Readonly<Record<keyof ProvisionOptions, string>> = Object.freeze({
  useAuthentication: 'use_authentication',
  userInputAuthentication: 'user_input_authentication',
  authenticationType: 'authentication_type',
  user: 'user',
  password: 'password',
  passwordFormat: 'password_format',
  deleteAccountsBeforehand: 'delete_accounts_beforehand',
  deleteContactServicesBeforehand: 'delete_contact_services_beforehand',
});
