// How the Zoiper apps for Android and iOS fetch their configuration, restated from the vendor's mobile
// provisioning references (doc version 1.14.3 for both). There is no Provision.xml on mobile: the URL
// template is built into a branded app, and the reply is validated against the platform's own schema.
import { androidConfigSchema } from './android-config-schema.js';
import { iosConfigSchema } from './ios-config-schema.js';
import type { DocumentSchema } from './schema-types.js';

export type MobilePlatform = 'android' | 'ios';
export const MOBILE_PLATFORMS: readonly MobilePlatform[] = ['android', 'ios'];

export const MOBILE_PROVISIONING_DOC_VERSION = '1.14.3';

/** The configuration dialect a platform's app understands. */
export const mobileConfigSchemas: Readonly<Record<MobilePlatform, DocumentSchema>> = Object.freeze({
  android: androidConfigSchema,
  ios: iosConfigSchema,
});

/**
 * Re-provisioning, per platform. Both apps keep the credentials after a success and send them again on
 * a fresh start (iOS: or only once, as the branding customer chooses); on both, a re-fetch that ends
 * in an HTTP 4xx or 5xx status leaves the configuration already in use untouched.
 */
export const MOBILE_KEEPS_PREVIOUS_ON_HTTP_ERROR: Readonly<Record<MobilePlatform, boolean>> = Object.freeze({
  android: true,
  ios: true,
});
