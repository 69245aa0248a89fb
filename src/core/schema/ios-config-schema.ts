// Zoiper for iOS: every section and option a provisioning reply may carry, with its type, allowed
// values, default and meaning. Restated from Zoiper's public iOS provisioning reference (doc version
// 1.14.3), built with the same helpers as the Desktop schema so the same binder, validator and diff
// work on it. The iOS app has no local configuration file: the reply is all it holds.
import { bool, codeEnum, int, list, section, str, textEnum } from './schema-builders.js';
import type { DocumentSchema } from './schema-types.js';

export const IOS_CONFIG_DOC_VERSION = '1.14.3';

export const iosConfigSchema: DocumentSchema = {
  root: 'options',
  sections: {
    accounts: list('account', {
      doc: "No 'ident' element is documented for mobile accounts (Desktop has one).",
      options: {
        name: str({
          default: '',
          appliesTo: ['sip', 'iax2'],
          doc: 'display name of the account in the phone',
        }),
        username: str({
          default: '',
          appliesTo: ['sip', 'iax2'],
        }),
        password: str({
          default: '',
          format: 'password',
          appliesTo: ['sip', 'iax2'],
          doc: "the doc's example shows an encoded value (base64-looking text with a trailing newline); whether plaintext is accepted is not stated",
        }),
        register_on_startup: bool({
          default: true,
          appliesTo: ['sip', 'iax2'],
        }),
        do_not_play_ringback_tones: bool({
          default: false,
          appliesTo: ['sip', 'iax2'],
          doc: 'true = suppress ringback tones for this account',
        }),
        voicemail_check_extension: str({
          default: '',
          appliesTo: ['sip', 'iax2'],
          doc: 'number dialed to listen to voicemail',
        }),
        use_overlap_dialing: bool({
          default: false,
          appliesTo: ['sip', 'iax2'],
        }),
        use_number_rewriting: bool({
          default: false,
          appliesTo: ['sip', 'iax2'],
          doc: 'apply default country code / international prefix to dialed numbers',
        }),
        number_rewriting_country: str({
          defaultNote: 'country code of the current location',
          format: 'country_code',
          dependsOn: [{ option: 'use_number_rewriting', equals: true }],
          appliesTo: ['sip', 'iax2'],
        }),
        number_rewriting_prefix: str({
          default: '',
          dependsOn: [{ option: 'use_number_rewriting', equals: true }],
          appliesTo: ['sip', 'iax2'],
          doc: 'international dialing prefix; empty = none',
        }),
        use_strip_dial_chars: bool({
          default: true,
          appliesTo: ['sip', 'iax2'],
        }),
        strip_dial_chars: str({
          default: ' .-()[]{}',
          dependsOn: [{ option: 'use_strip_dial_chars', equals: true }],
          appliesTo: ['sip', 'iax2'],
          doc: 'set of characters removed from dialed numbers; the default starts with a space',
        }),
        protocol: textEnum({
          values: [
            { value: 'sip', meaning: 'SIP account' },
            { value: 'iax2', meaning: 'IAX2 account' },
          ],
          default: 'sip',
          appliesTo: ['sip', 'iax2'],
          doc: 'no http_phone_control on mobile',
        }),
        rate_url: str({
          default: '',
          format: 'url',
          appliesTo: ['sip', 'iax2'],
          doc: 'URL used to look up the price of a call to a destination',
        }),
        balance_url: str({
          default: '',
          format: 'url',
          appliesTo: ['sip', 'iax2'],
          doc: 'URL used to show the account balance',
        }),
        enable_push_notifications: bool({
          default: false,
          appliesTo: ['sip'],
          doc: 'push notifications for the account; listed among the generic options, but the doc says only SIP supports it so far',
        }),
        SIP_domain: str({
          default: '',
          format: 'host[:port]',
          appliesTo: ['sip'],
          doc: 'registrar host',
        }),
        SIP_use_outbound_proxy: bool({
          default: false,
          appliesTo: ['sip'],
        }),
        SIP_outbound_proxy: str({
          default: '',
          format: 'host[:port]',
          dependsOn: [{ option: 'SIP_use_outbound_proxy', equals: true }],
          appliesTo: ['sip'],
          doc: 'forces this proxy instead of the auto-detected one',
        }),
        SIP_transport_type: textEnum({
          values: [
            { value: 'udp', meaning: 'SIP over UDP' },
            { value: 'tcp', meaning: 'SIP over TCP' },
            { value: 'tls', meaning: 'SIP over TLS (encrypted, TCP based)' },
          ],
          default: 'udp',
          appliesTo: ['sip'],
          doc: 'values are lower case in all three docs',
        }),
        SIP_use_auth_username: bool({
          default: false,
          appliesTo: ['sip'],
        }),
        SIP_auth_username: str({
          default: '',
          dependsOn: [{ option: 'SIP_use_auth_username', equals: true }],
          appliesTo: ['sip'],
          doc: 'username used to answer SIP auth challenges; leave empty unless the PBX needs it',
        }),
        SIP_callerId: str({
          default: '',
          appliesTo: ['sip'],
          doc: 'display name shown to callees',
        }),
        SIP_use_rport: bool({
          default: true,
          appliesTo: ['sip'],
          conflict: true,
          doc: 'Listed default is true, but the same entry also says rport is off by default for UDP; when rport and STUN are both on, STUN wins. Both statements recorded.',
        }),
        SIP_use_rport_media: bool({
          default: false,
          appliesTo: ['sip'],
          doc: 'use the rport-learned public address in SDP; last-resort NAT fix, normally off',
        }),
        SIP_srtp_mode: textEnum({
          values: [
            { value: 'none', meaning: 'no SRTP' },
            { value: 'sdes', meaning: 'SRTP keyed via SDES' },
          ],
          default: 'none',
          appliesTo: ['sip'],
          doc: 'SRTP only works over TLS transport',
        }),
        SIP_dtmf_style: textEnum({
          values: [
            { value: 'inband', meaning: 'tones mixed into the audio' },
            { value: 'outband', meaning: 'RTP events per RFC 2833 (same as rfc_2833)' },
            { value: 'rfc_2833', meaning: 'RTP events per RFC 2833 (same as outband)' },
            { value: 'SIP_info_numeric', meaning: 'SIP INFO carrying digits as numbers' },
            { value: 'SIP_info_ascii', meaning: 'SIP INFO carrying digits as ASCII characters' },
            { value: 'disabled', meaning: 'no DTMF sent' },
          ],
          default: 'rfc_2833',
          appliesTo: ['sip'],
          doc: "outband and rfc_2833 are two spellings of the same mode; the doc's example writes outband. Note the mixed-case SIP_info_* values.",
        }),
        SIP_publish_presence: bool({
          default: false,
          defaultAlt: [{ when: "the build has the 'presence' feature enabled", value: true }],
          appliesTo: ['sip'],
        }),
        SIP_subscribe_presence: bool({
          default: false,
          defaultAlt: [{ when: "the build has the 'presence' feature enabled", value: true }],
          appliesTo: ['sip'],
        }),
        IAX2_host: str({
          default: '',
          format: 'host[:port]',
          appliesTo: ['iax2'],
        }),
        IAX2_context: str({
          default: '',
          appliesTo: ['iax2'],
          conflict: true,
          doc: "IAX context name; the doc's type line is copied from IAX2_host and calls it a host[:port] value",
        }),
        IAX2_callerId: str({
          default: '',
          appliesTo: ['iax2'],
          doc: 'caller name shown to callees',
        }),
        IAX2_dtmf_style: textEnum({
          values: [
            { value: 'outband', meaning: 'out-of-band' },
            { value: 'inband', meaning: 'tones mixed into the audio' },
            { value: 'disabled', meaning: 'no DTMF sent' },
          ],
          default: 'outband',
          appliesTo: ['iax2'],
        }),
        reregistration_mode: textEnum({
          values: [
            { value: 'default', meaning: 'doc: every 30 s on UDP, every 600 s on TCP' },
            { value: 'custom', meaning: 'interval taken from reregistration_time' },
          ],
          default: 'default',
          appliesTo: null,
          doc: 'Protocol scope not stated. The iOS doc mis-indents this entry (its details sit at top level).',
        }),
        reregistration_time: int({
          default: 60,
          defaultAlt: [
            { when: 'transport is TCP', value: 600 },
            { when: "written by the phone (the doc's XML example carries 0)", value: 0 },
          ],
          unit: 'seconds',
          dependsOn: [{ option: 'reregistration_mode', equals: 'custom' }],
          appliesTo: null,
          conflict: true,
          doc: "Doc gives 60 (UDP) / 600 (TCP) as the default here, while the 'default' mode text of the matching *_mode option says 30 s for UDP; the XML example carries 0. All three recorded. Protocol scope not stated.",
        }),
      },
      sections: {
        codecs: list('codec', {
          appliesTo: ['sip', 'iax2'],
          doc: "iOS documents only codec_id, priority and enabled (no bps/dtx/vbr). The doc indents priority..vbr under codec_id; in the doc's XML example they are siblings of codec_id inside <codec>, which is what is recorded here.",
          options: {
            codec_id: codeEnum({
              values: [
                { value: -1, meaning: 'unknown / invalid codec' },
                { value: 0, meaning: 'G.711 u-law (PCMU), audio' },
                { value: 1, meaning: 'GSM, audio' },
                { value: 6, meaning: 'G.711 a-law (PCMA), audio' },
                { value: 7, meaning: 'G.722, audio' },
                { value: 16, meaning: 'G.729, audio (patent-encumbered)' },
                { value: 18, meaning: 'MJPEG, video' },
                { value: 24, meaning: 'Speex narrowband 8 kHz, audio' },
                { value: 25, meaning: 'Speex wideband 16 kHz, audio' },
                { value: 26, meaning: 'Speex ultra-wideband 32 kHz, audio' },
                { value: 27, meaning: 'iLBC 30 ms, audio' },
                { value: 28, meaning: 'iLBC 20 ms, audio' },
                { value: 29, meaning: 'G.726 32 kbit/s, audio' },
                { value: 30, meaning: 'H.263+ (H263-1998), video' },
                { value: 31, meaning: 'VP8, video' },
                { value: 32, meaning: 'H.264, video (patent-encumbered)' },
                { value: 33, meaning: 'telephone-event (RFC 2833/4733 DTMF) 8 kHz' },
                { value: 34, meaning: 'Opus narrowband 8 kHz, audio' },
                { value: 35, meaning: 'Opus wideband 16 kHz, audio' },
                { value: 36, meaning: 'Opus super-wideband 24 kHz, audio' },
                { value: 37, meaning: 'Opus fullband 48 kHz, audio' },
                { value: 38, meaning: 'AMR, audio (patent-encumbered)' },
                { value: 39, meaning: 'AMR-WB, audio (patent-encumbered)' },
                { value: 40, meaning: 'H.264 hardware-accelerated, video' },
                { value: 41, meaning: 'telephone-event 16 kHz (RFC 2833/4733 DTMF)' },
                { value: 42, meaning: 'telephone-event 32 kHz (RFC 2833/4733 DTMF)' },
                { value: 43, meaning: 'telephone-event 48 kHz (RFC 2833/4733 DTMF)' },
              ],
              default: 0,
            }),
            priority: int({
              default: 0,
              doc: 'ordering key; a smaller number is tried first',
            }),
            enabled: bool({
              default: false,
              doc: 'true = codec offered/accepted; false = listed as available only',
            }),
          },
        }),
        stun: section({
          appliesTo: null,
          doc: 'protocol scope not stated; there is no global stun section on iOS',
          options: {
            use_stun: textEnum({
              values: [
                { value: 'disabled', meaning: 'no STUN' },
                { value: 'default', meaning: 'use the global STUN server (the top-level stun section)' },
                { value: 'custom', meaning: 'use the host/port given in this stun block' },
              ],
              default: 'default',
            }),
            stun_host: str({
              default: 'stun.zoiper.com',
              format: 'hostname',
            }),
            stun_port: int({
              default: 3478,
              min: 1,
              max: 65535,
              format: 'port',
            }),
            stun_refresh_period: int({
              default: 30,
              unit: 'seconds',
            }),
          },
        }),
        zrtp: section({
          appliesTo: ['sip'],
          conflict: true,
          doc: "ZRTP media encryption settings; SIP accounts only. The doc names the item elements hash_algorithm, cipher_algorithm, auth_tag, key_agreement_method and sas_encoding, but its XML example uses <hash_algorithm> as the item element inside all five lists. The doc's own indentation is also uneven for the auth_tag and key_agreement_method fields; the four fields are assumed identical in every list.",
          options: {
            enabled: bool({
              default: false,
            }),
          },
          sections: {
            hash_algorithms: list('hash_algorithm', {
              options: {
                name: str({
                  default: '',
                  doc: "display label of the hash algorithm; the doc's example fills it with the code that matches id (e.g. S256 for id 0)",
                }),
                id: codeEnum({
                  values: [
                    { value: 0, meaning: 'S256' },
                    { value: 1, meaning: 'S384' },
                    { value: 2, meaning: 'N256 (not supported yet)' },
                    { value: 3, meaning: 'N384 (not supported yet)' },
                  ],
                  default: 0,
                }),
                priority: int({
                  default: 0,
                  doc: 'ordering key; a smaller number is tried first',
                }),
                selected: bool({
                  default: false,
                  doc: 'true = in use; false = only available',
                }),
              },
            }),
            cipher_algorithms: list('cipher_algorithm', {
              itemAliases: ['hash_algorithm'],
              conflict: true,
              doc: 'The doc says only AES1 is supported, yet its example selects AES3, AES2 and AES1.',
              options: {
                name: str({
                  default: '',
                  doc: "display label of the cipher; the doc's example fills it with the code that matches id (e.g. AES1 for id 0)",
                }),
                id: codeEnum({
                  values: [
                    { value: 0, meaning: 'AES1 (the only one the doc calls supported)' },
                    { value: 1, meaning: 'AES2' },
                    { value: 2, meaning: 'AES3' },
                    { value: 3, meaning: '2FS1' },
                    { value: 4, meaning: '2FS2' },
                    { value: 5, meaning: '2FS3' },
                  ],
                  default: 0,
                }),
                priority: int({
                  default: 0,
                  doc: 'ordering key; a smaller number is tried first',
                }),
                selected: bool({
                  default: false,
                  doc: 'true = in use; false = only available',
                }),
              },
            }),
            auth_tags: list('auth_tag', {
              itemAliases: ['hash_algorithm'],
              options: {
                name: str({
                  default: '',
                  doc: "display label of the authentication tag; the doc's example fills it with the code that matches id (e.g. HS32 for id 0)",
                }),
                id: codeEnum({
                  values: [
                    { value: 0, meaning: 'HS32' },
                    { value: 1, meaning: 'HS80' },
                    { value: 2, meaning: 'SK32 (not supported yet)' },
                    { value: 3, meaning: 'SK64 (not supported yet)' },
                  ],
                  default: 0,
                }),
                priority: int({
                  default: 0,
                  doc: 'ordering key; a smaller number is tried first',
                }),
                selected: bool({
                  default: false,
                  doc: 'true = in use; false = only available',
                }),
              },
            }),
            key_agreement_methods: list('key_agreement_method', {
              itemAliases: ['hash_algorithm'],
              options: {
                name: str({
                  default: '',
                  doc: "display label of the key agreement method; the doc's example fills it with the code that matches id (e.g. DH3K for id 0)",
                }),
                id: codeEnum({
                  values: [
                    { value: 0, meaning: 'DH3K' },
                    { value: 1, meaning: 'DH2K' },
                    { value: 2, meaning: 'EC25' },
                    { value: 3, meaning: 'EC38' },
                    { value: 4, meaning: 'PRSH (not supported yet)' },
                    { value: 5, meaning: 'MULT (not supported yet)' },
                  ],
                  default: 0,
                }),
                priority: int({
                  default: 0,
                  doc: 'ordering key; a smaller number is tried first',
                }),
                selected: bool({
                  default: false,
                  doc: 'true = in use; false = only available',
                }),
              },
            }),
            sas_encodings: list('sas_encoding', {
              itemAliases: ['hash_algorithm'],
              options: {
                name: str({
                  default: '',
                  doc: "display label of the SAS encoding; the doc's example fills it with the code that matches id (e.g. B32 for id 0)",
                }),
                id: codeEnum({
                  values: [
                    { value: 0, meaning: 'B32' },
                    { value: 1, meaning: 'B256' },
                  ],
                  default: 0,
                }),
                priority: int({
                  default: 0,
                  doc: 'ordering key; a smaller number is tried first',
                }),
                selected: bool({
                  default: false,
                  doc: 'true = in use; false = only available',
                }),
              },
            }),
          },
        }),
      },
      variantBy: 'protocol',
    }),
    diagnostics: section({
      options: {
        enable_debug_log: bool({
          default: false,
        }),
      },
    }),
  },
};
