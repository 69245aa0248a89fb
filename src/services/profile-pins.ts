// A profile's platform pins as services read them (core/config/platform-pins.ts has the rules).
import { parsePins, type PlatformPins } from '../core/index.js';
import { ZprovError } from '../core/errors.js';
import type { Profile } from './model.js';

/** A profile's pins as stored; a defect (unreadable JSON) is not served around silently. */
export function profilePins(profile: Profile): PlatformPins {
  const pins = parsePins(profile.platformPins);
  if (typeof pins === 'string') throw new ZprovError('internal', `stored profile ${profile.name}: ${pins}`);
  return pins;
}
