// Passwords set in profiles (a proxy's, the provisioning password, an LDAP contact service's) are
// sealed at rest like account passwords: the stored Config.xml text holds each secret option sealed
// (secret-box.ts), bound to its option path, and every reader opens it. A value stored in clear by an
// older zprov is read as it is and sealed on the profile's next write.
import { mapSecretOptions, type ConfigDocument } from '../core/index.js';
import { isSealed, type SecretBox } from './secret-box.js';

const contextOf = (path: string): string => `profile:${path}`;

export const sealProfileSecrets = (document: ConfigDocument, box: SecretBox): ConfigDocument =>
  mapSecretOptions(document, (value, path) => (isSealed(value) ? value : box.seal(value, contextOf(path))));

export const openProfileSecrets = (document: ConfigDocument, box: SecretBox): ConfigDocument =>
  mapSecretOptions(document, (value, path) => (isSealed(value) ? box.open(value, contextOf(path)) : value));
