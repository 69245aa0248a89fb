// Which username and password the phone sends, and in what form. Desktop: the preset ones from
// Provision.xml, or (user_input_authentication) the ones the user types; with password_format 0 the
// password travels as the lower-case MD5 hex of the password (a preset one is stored that way
// already, a typed one is hashed). Mobile: whatever was typed on the login screen, as typed.
import { PASSWORD_FORMAT, passwordOnWire, type ProvisionOptions } from '../core/index.js';
import type { Prompt } from './client-ports.js';
import type { CredentialsStep } from './simulation-report.js';

export interface CredentialInputs {
  /** --user / --password; undefined when not given. */
  readonly user?: string | undefined;
  readonly password?: string | undefined;
  /** Undefined when there is no terminal to ask. */
  readonly prompt?: Prompt | undefined;
}

export type ResolvedCredentials =
  | {
      readonly ok: true;
      readonly username: string;
      /** The value that goes on the wire (never shown). */
      readonly password: string;
      readonly step: CredentialsStep;
    }
  | { readonly ok: false; readonly message: string };

export async function desktopCredentials(
  options: ProvisionOptions,
  inputs: CredentialInputs,
): Promise<ResolvedCredentials> {
  const notes: string[] = [];
  const flagsGiven = inputs.user !== undefined || inputs.password !== undefined;
  if (!options.useAuthentication) {
    if (flagsGiven) notes.push('--user/--password ignored: use_authentication is off');
    return {
      ok: true,
      username: '',
      password: '',
      step: { source: 'none', username: '', passwordSent: 'none', transport: 'none', notes },
    };
  }
  const transport = options.authenticationType;
  if (!options.userInputAuthentication) {
    if (flagsGiven)
      notes.push(
        '--user/--password ignored: the provision file presets the credentials (user_input_authentication is off)',
      );
    if (options.passwordFormat === PASSWORD_FORMAT.MD5)
      notes.push('password_format 0: the file stores the MD5 hex of the password, and that is what is sent');
    return {
      ok: true,
      username: options.user,
      password: options.password,
      step: {
        source: 'preset',
        username: options.user,
        passwordFormat: options.passwordFormat,
        passwordSent: 'as-stored',
        transport,
        notes,
      },
    };
  }
  const typed = await typedCredentials(
    inputs,
    'the provision file asks the user for credentials (user_input_authentication)',
  );
  if (!typed.ok) return typed;
  const hashed = options.passwordFormat === PASSWORD_FORMAT.MD5;
  if (hashed) notes.push('password_format 0: the typed password is sent as its lower-case MD5 hex');
  return {
    ok: true,
    username: typed.username,
    password: passwordOnWire(typed.password, options.passwordFormat),
    step: {
      source: typed.source,
      username: typed.username,
      passwordFormat: options.passwordFormat,
      passwordSent: hashed ? 'md5-of-typed' : 'as-typed',
      transport,
      notes,
    },
  };
}

/** Mobile apps send what was typed on their login screen, substituted into the URL. */
export async function mobileCredentials(inputs: CredentialInputs): Promise<ResolvedCredentials> {
  const typed = await typedCredentials(
    inputs,
    'the app asks for a username and password on its login screen',
  );
  if (!typed.ok) return typed;
  return {
    ok: true,
    username: typed.username,
    password: typed.password,
    step: {
      source: typed.source,
      username: typed.username,
      passwordSent: 'as-typed',
      transport: 'url',
      notes: [],
    },
  };
}

type Typed =
  | { ok: true; username: string; password: string; source: 'flags' | 'prompt' }
  | { ok: false; message: string };

async function typedCredentials(inputs: CredentialInputs, why: string): Promise<Typed> {
  let source: 'flags' | 'prompt' = 'flags';
  let username = inputs.user;
  let password = inputs.password;
  if ((username === undefined || password === undefined) && inputs.prompt === undefined) {
    return {
      ok: false,
      message: `${why}, but ${username === undefined ? '--user' : '--password'} is missing and there is no terminal to ask on: pass --user and --password`,
    };
  }
  if (username === undefined && inputs.prompt !== undefined) {
    username = await inputs.prompt('Username: ', { secret: false });
    source = 'prompt';
  }
  if (password === undefined && inputs.prompt !== undefined) {
    password = await inputs.prompt('Password: ', { secret: true });
    source = 'prompt';
  }
  return { ok: true, username: username ?? '', password: password ?? '', source };
}
