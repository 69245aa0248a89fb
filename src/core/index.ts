// The pure core: Zoiper formats, validation, overlay and diff, option editing, rendering a user's
// layered document, the phone's wire format and the error catalogue. No I/O happens below this folder.
export * from './diagnostics.js';
export * from './errors.js';
export * from './schema/schema-types.js';
export {
  desktopConfigSchema,
  DESKTOP_CONFIG_DOC_VERSION,
  EXAMPLE_ONLY_ELEMENTS,
} from './schema/desktop-config-schema.js';
export * from './schema/provision-schema.js';
export { androidConfigSchema, ANDROID_CONFIG_DOC_VERSION } from './schema/android-config-schema.js';
export { iosConfigSchema, IOS_CONFIG_DOC_VERSION } from './schema/ios-config-schema.js';
export * from './schema/mobile-provisioning.js';
export * from './schema/platform-schemas.js';
export {
  CONFIG_ROOT_SHAPE,
  STORED_ROOT_SHAPE,
  countSchema,
  itemShape,
  rootShape,
  type ItemShape,
} from './schema/schema-lookup.js';
export * from './xml/xml-element.js';
export { readXml, decodeUtf8, DEFAULT_MAX_INPUT_CHARS } from './xml/xml-reader.js';
export { escapeText, escapeAttribute, XML_INVALID_CHARS } from './xml/xml-writer.js';
export * from './config/config-document.js';
export { parseConfig, bindConfig, typeValue, type ParseResult } from './config/parse-config.js';
export { validateConfig, checkValue } from './config/validate-config.js';
export { serializeConfig, formatValue } from './config/serialize-config.js';
export { overlay, overlaySection, OVERLAY_DEFAULTS, type OverlayOptions } from './config/overlay.js';
export { diffConfigs, formatDiff, flattenConfig, SECRET_MASK, type DiffEntry } from './config/diff.js';
export * from './config/option-editor.js';
export * from './config/account-item.js';
export * from './config/account-defaults.js';
export * from './config/platform-pins.js';
export { mapSecretOptions } from './config/secret-options.js';
export { canonicalDocument, canonicalSection } from './config/canonical-order.js';
export {
  CODEC_ALIASES,
  codecName,
  codeLabel,
  codeListText,
  knownCodeNames,
  resolveCode,
} from './config/codec-names.js';
export * from './render/render-user-config.js';
export * from './render/platform-document.js';
export * from './render/removal-document.js';
export * from './render/platform-losses.js';
export * from './provision/provision-document.js';
export * from './provision/phone-wire.js';
export {
  parseProvision,
  readProvision,
  validateProvision,
  serializeProvision,
} from './provision/provision-xml.js';
export * from './error-document.js';
export { readZoiperDocument, readConfig, type ZoiperDocument } from './read-document.js';
export * from './import/imported-account.js';
export { codecsFromSettings, type CodecSetting, type CodecList } from './import/asterisk-codecs.js';
export {
  readAsteriskConfig,
  type AsteriskConfig,
  type ConfSource,
  type ReadConfFile,
} from './import/asterisk-config.js';
export { parsePjsip, type PjsipImportOptions } from './import/pjsip.js';
export { parseSipConf } from './import/sip-conf.js';
export { parseIaxConf } from './import/iax-conf.js';
export {
  parseZprovCsv,
  parseZprovJson,
  formatZprovCsv,
  formatZprovJson,
  ZPROV_COLUMNS,
  type ExportRow,
} from './import/zprov-table.js';
export { parseFreepbxCsv } from './import/freepbx-csv.js';
export {
  mapFusionpbx,
  FUSIONPBX_COLUMNS,
  FUSIONPBX_DOMAINS_TABLE,
  FUSIONPBX_EXTENSIONS_TABLE,
  type FusionpbxDomainRow,
  type FusionpbxExtensionRow,
  type FusionpbxOptions,
  type FusionpbxTables,
} from './import/fusionpbx.js';
