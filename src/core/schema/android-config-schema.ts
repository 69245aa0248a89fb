// Zoiper for Android: every section and option a provisioning reply may carry, with its type, allowed
// values, default and meaning. Restated from Zoiper's public Android provisioning reference (doc version
// 1.14.3), built with the same helpers as the Desktop schema so the same binder, validator and diff
// work on it. The Android app has no local configuration file: the reply is all it holds.
// The codec item is the Desktop one: the Android reference says its fields and codec table are identical.
import { codecItemOptions } from './desktop-config-schema.js';
import { bool, int, list, section, str, textEnum } from './schema-builders.js';
import type { DocumentSchema } from './schema-types.js';

export const ANDROID_CONFIG_DOC_VERSION = '1.14.3';

export const androidConfigSchema: DocumentSchema = {
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
        voicemail_check_extension: str({
          default: '',
          appliesTo: ['sip', 'iax2'],
          doc: 'number dialed to listen to voicemail',
        }),
        mwi_subscribe_usage: textEnum({
          values: [
            { value: 'disabled', meaning: 'no MWI subscription' },
            { value: 'before', meaning: 'subscribe before registering' },
            { value: 'after', meaning: 'subscribe after registering' },
            { value: 'both', meaning: 'subscribe before and after registering' },
          ],
          default: 'disabled',
          appliesTo: ['sip', 'iax2'],
          doc: 'default differs from Desktop (both); the Android example writes both',
        }),
        use_number_rewriting: bool({
          default: false,
          appliesTo: ['sip', 'iax2'],
          doc: 'apply default country code / international prefix to dialed numbers',
        }),
        number_rewriting_country: str({
          default: '',
          format: 'country_code',
          dependsOn: [{ option: 'use_number_rewriting', equals: true }],
          appliesTo: ['sip', 'iax2'],
          doc: "Desktop/iOS default to the current location's country; Android to empty",
        }),
        number_rewriting_prefix: str({
          default: '+',
          dependsOn: [{ option: 'use_number_rewriting', equals: true }],
          appliesTo: ['sip', 'iax2'],
          doc: "default '+' is put in front of the country code (Desktop/iOS: empty)",
        }),
        use_strip_dial_chars: bool({
          default: true,
          appliesTo: ['sip', 'iax2'],
        }),
        strip_dial_chars: str({
          default: '.-() []{}',
          dependsOn: [{ option: 'use_strip_dial_chars', equals: true }],
          appliesTo: ['sip', 'iax2'],
          conflict: true,
          doc: "The Android doc lists '.-() []{}' (space in the middle) while its example, like Desktop/iOS, writes ' .-()[]{}'. Same character set, different order.",
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
        rtcp_profile_type: textEnum({
          values: [
            { value: 'avp', meaning: 'RTCP feedback off (RTP/AVP only)' },
            {
              value: 'avpf',
              meaning:
                'RTCP feedback on; only RTP/AVPF offered, call fails if the peer lacks feedback support',
            },
            {
              value: 'both',
              meaning:
                'RTCP feedback on; AVP and AVPF both offered via duplicated media lines, AVPF preferred',
            },
          ],
          default: 'avp',
          appliesTo: ['sip', 'iax2'],
          doc: 'the Android example writes avpf',
        }),
        enabled_video_fmtp: bool({
          default: true,
          appliesTo: ['sip', 'iax2'],
          doc: 'send video FMTP parameters (the doc mentions the SIP server)',
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
        SIP_auth_username: str({
          default: '',
          appliesTo: ['sip'],
          doc: 'Android documents no SIP_use_auth_username switch (Desktop and iOS do); the doc does not say what makes the value take effect',
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
        SIP_keep_alive_mode: textEnum({
          values: [
            { value: 'disabled', meaning: 'no keep-alives' },
            { value: 'default', meaning: 'every 30 s on UDP, every 180 s on TCP' },
            { value: 'custom', meaning: 'interval taken from SIP_keep_alive_timeout' },
          ],
          default: 'default',
          appliesTo: ['sip'],
        }),
        SIP_keep_alive_timeout: int({
          default: 30,
          unit: 'seconds',
          dependsOn: [{ option: 'SIP_keep_alive_mode', equals: 'custom' }],
          appliesTo: ['sip'],
          doc: 'the listed default is the UDP figure',
        }),
        SIP_use_reg_event: bool({
          default: false,
          appliesTo: ['sip'],
          doc: 'monitor the registration state (reg event); Android only',
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
        IAX2_callerNumber: str({
          default: '',
          appliesTo: ['iax2'],
          doc: 'caller number shown to callees',
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
          doc: 'Protocol scope not stated.',
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
          doc: "same six item fields as Desktop; codec_id table identical. The doc indents priority..vbr under codec_id; in the doc's XML example they are siblings of codec_id inside <codec>, which is what is recorded here.",
          options: codecItemOptions,
        }),
        stun: section({
          appliesTo: null,
          doc: 'protocol scope not stated; there is no global stun section on Android',
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
          doc: "ZRTP media encryption settings; SIP accounts only. Android documents only 'enabled' (no algorithm lists).",
          options: {
            enabled: bool({
              default: false,
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
