// The --platform flag of the commands that take one platform, or a comma-separated list of them.
import { isZoiperPlatform, ZOIPER_PLATFORMS, type ZoiperPlatform } from '../core/index.js';
import { ZprovError } from '../core/errors.js';

/** One platform, checked. */
export function platformFlag(value: string): ZoiperPlatform {
  if (!isZoiperPlatform(value))
    throw new ZprovError(
      'invalid_input',
      `--platform: expected one of ${ZOIPER_PLATFORMS.join(', ')}, got '${value}'`,
      'platform',
    );
  return value;
}

/** A comma-separated list of platforms (android,ios), each checked; at least one. */
export function platformList(value: string): ZoiperPlatform[] {
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (names.length === 0)
    throw new ZprovError(
      'invalid_input',
      `--platform: name one or more of ${ZOIPER_PLATFORMS.join(', ')}`,
      'platform',
    );
  return [...new Set(names.map(platformFlag))];
}
