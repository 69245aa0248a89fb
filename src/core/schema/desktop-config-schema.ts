// Zoiper5 Desktop Config.xml: every section and option, with its type, allowed values, default and
// meaning. This is the one place where Zoiper option semantics live; everything else asks this tree.
// Restated from Zoiper's public configuration reference (Desktop, doc version 1.16.2). Where the vendor
// documentation contradicts itself the node carries `conflict: true` and the choice zprov makes is
// recorded in docs/schema-decisions.md.
import { bool, codeEnum, int, list, section, str, subtree, textEnum } from './schema-builders.js';
import type { DocumentSchema } from './schema-types.js';

export const DESKTOP_CONFIG_DOC_VERSION = '1.16.2';

/** Elements seen only in the vendor's XML examples: accepted without a warning and kept verbatim. */
export const EXAMPLE_ONLY_ELEMENTS: readonly string[] = [
  'audio/input_device',
  'audio/output_device',
  'audio/ringing_device',
  'audio/speaker_input_device',
  'audio/speaker_device',
  'accounts/account/SIP_callerNumber',
  'gui/skin',
  'gui/background',
];

/** The fields of one <codec>: the same in the global list, in every account's list, and on Android. */
export const codecItemOptions = {
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
  bps: int({
    default: 0,
    unit: 'bit/s',
  }),
  dtx: bool({
    default: false,
    doc: 'discontinuous transmission',
  }),
  vbr: bool({
    default: false,
    doc: 'variable bit rate',
  }),
};

export const desktopConfigSchema: DocumentSchema = {
  root: 'options',
  sections: {
    general: section({
      options: {
        account: str({
          default: '',
          defaultNote: 'empty at first; the ident of the first account created becomes the value',
          format: 'account_ident',
          doc: 'ident of the account used when an action does not name one (default outgoing account)',
        }),
        auto_away: int({
          default: 180,
          unit: 'seconds',
          doc: 'idle time before presence switches to Away',
        }),
        minimize_to_tray: bool({
          default: false,
        }),
        minimize_on_close: bool({
          default: true,
          defaultAlt: [{ when: 'platform is macOS', value: false }],
          doc: 'close button minimizes instead of quitting',
        }),
        record_calls: bool({
          default: false,
          doc: 'record every call automatically',
        }),
        record_path: str({
          defaultNote: "the phone's application data directory",
          format: 'directory_path',
          dependsOn: [{ option: 'record_calls', equals: true }],
        }),
        record_filename: str({
          default: 'recorded_conversation_{YYYY}-{MM}-{DD}-{HH}_{NN}_{SS}_part{recording_part}',
          format: 'filename_template',
          dependsOn: [{ option: 'record_calls', equals: true }],
          placeholders: {
            '{YYYY}': 'year',
            '{MM}': 'month',
            '{DD}': 'day of month',
            '{HH}': 'hour',
            '{NN}': "doc says 'month' (evidently minutes, given the HH_NN_SS pattern)",
            '{SS}': 'second',
            '{recording_part}':
              'part of the recording held by the file; a single-part recording yields part1',
          },
          conflict: true,
          doc: "{NN} is described as the month in the doc, the same as {MM}; its position between hour and second suggests minutes. Also, the default template already writes 'part' before {recording_part}, while the doc says that token itself becomes 'part1' for a single-part recording (giving 'partpart1' if taken literally).",
        }),
        record_format: textEnum({
          values: [
            { value: 'wav', meaning: '16-bit PCM mono WAV' },
            { value: 'mp3', meaning: 'MP3 mono', notAllVersions: true },
          ],
          default: 'wav',
          dependsOn: [{ option: 'record_calls', equals: true }],
          doc: 'audio container of the recording, not the file name',
        }),
        record_mode: textEnum({
          values: [
            { value: 'mixed', meaning: 'local and remote audio mixed into one channel' },
            { value: 'local', meaning: 'local side only', notAllVersions: true },
            { value: 'remote', meaning: 'remote side only', notAllVersions: true },
            { value: 'stereo', meaning: 'local and remote on two separate channels', notAllVersions: true },
          ],
          default: 'mixed',
          dependsOn: [{ option: 'record_calls', equals: true }],
        }),
        record_path_bookmark: str({
          default: '',
          dependsOn: [{ option: 'record_calls', equals: true }],
          platforms: ['macos'],
          doc: 'macOS Finder bookmark name for the recording folder',
        }),
        always_on_top: bool({
          default: false,
        }),
        reject_anonymous_calls: bool({
          default: false,
          doc: 'reject calls whose caller number is hidden',
        }),
        auto_reject_calls: bool({
          default: false,
          doc: 'master switch for the reject_call_on_* options; if on while none of them is on, every call is rejected',
        }),
        reject_call_on_invisible: bool({
          default: false,
          dependsOn: [{ option: 'auto_reject_calls', equals: true }],
          doc: 'reject while presence is Invisible',
        }),
        reject_call_on_away: bool({
          default: false,
          dependsOn: [{ option: 'auto_reject_calls', equals: true }],
          doc: 'reject while presence is Away',
        }),
        reject_call_on_busy: bool({
          default: false,
          dependsOn: [{ option: 'auto_reject_calls', equals: true }],
          doc: 'reject while presence is Busy',
        }),
        reject_call_on_phone: bool({
          default: false,
          dependsOn: [{ option: 'auto_reject_calls', equals: true }],
          doc: 'reject while presence is On the phone',
        }),
        reject_call_on_lunch: bool({
          default: false,
          dependsOn: [{ option: 'auto_reject_calls', equals: true }],
          doc: 'reject while presence is Out to lunch',
        }),
        reject_call_on_brb: bool({
          default: false,
          dependsOn: [{ option: 'auto_reject_calls', equals: true }],
          doc: 'reject while presence is Be right back',
        }),
        new_call_auto_popup: bool({
          default: false,
          doc: 'focus the window on an incoming call',
        }),
        new_call_blink: bool({
          default: true,
          doc: 'blink the window on an incoming call',
        }),
        command_line_call_auto_popup: bool({
          default: false,
          doc: 'focus the window for calls launched via the command line',
        }),
        command_line_call_blink: bool({
          default: false,
          doc: 'blink the window for calls launched via the command line',
        }),
        check_for_updates: bool({
          default: true,
        }),
        catch_protocol_requests: bool({
          default: true,
          platforms: ['windows', 'macos'],
          doc: 'register the phone as handler for callto:, tel: and zoiper: links. The phone always writes this option to its local file, even when the value came from provisioning, so that the OS-side changes it needs get applied.',
        }),
        integrate_into_outlook: bool({
          default: true,
          platforms: ['windows'],
          doc: 'allow the Zoiper Outlook plugin to talk to Outlook (Office must be installed). The phone always writes this option to its local file, even when the value came from provisioning, so that the OS-side changes it needs get applied.',
        }),
        integrate_into_addressbook: bool({
          default: true,
          platforms: ['macos'],
          doc: 'allow use of the macOS address book as a contact service',
        }),
        add_to_firewall: bool({
          default: true,
          platforms: ['windows'],
          doc: 'keep the phone on the Windows Firewall allowed-applications list',
        }),
        start_with_os: bool({
          default: true,
        }),
        start_minimized: bool({
          default: false,
        }),
        use_custom_browser: bool({
          default: false,
        }),
        custom_browser: str({
          default: '',
          dependsOn: [{ option: 'use_custom_browser', equals: true }],
          doc: 'browser used to open URLs',
        }),
        on_transfer_request_style: textEnum({
          values: [
            { value: 'accept', meaning: 'always accept incoming transfer requests' },
            { value: 'reject', meaning: 'always reject incoming transfer requests' },
          ],
          default: 'reject',
        }),
        open_url_from_network: bool({
          default: false,
          doc: 'allow URLs received over the network (IAX header) to be opened',
        }),
        automatic_open_url_from_network: bool({
          default: false,
          dependsOn: [{ option: 'open_url_from_network', equals: true }],
          doc: 'open such URLs without asking',
        }),
      },
    }),
    audio: section({
      conflict: true,
      doc: 'The doc describes five device subsections (selected_input_device, selected_output_device, selected_ringing_device, selected_speaker_input_device, selected_speaker_output_device), each with use_default and name; its XML example instead shows flat string elements input_device, output_device, ringing_device, speaker_input_device and speaker_device. Both shapes recorded (example-only ones under exampleOnlyElements).',
      options: {
        use_mic_boost: bool({
          default: false,
        }),
        use_echo_cancellation: bool({
          default: true,
        }),
        ring_tone_file: str({
          default: '',
          format: 'file_path',
          doc: 'empty = the phone synthesizes the ring tone',
        }),
        pc_speaker_ring: bool({
          default: false,
          doc: 'also ring on the built-in PC speaker',
        }),
        mute_on_early_media: bool({
          default: false,
          doc: 'silence early media on outgoing calls',
        }),
        ring_when_talking: bool({
          default: true,
          doc: 'ring for a new call while another call is active',
        }),
        disable_dtmf_sounds: bool({
          default: false,
          doc: 'true = no local DTMF tones while dialing',
        }),
        input_volume: int({
          default: 50,
          doc: 'slider value; range not stated (50 = middle)',
        }),
        output_volume: int({
          default: 50,
          doc: 'slider value; range not stated (50 = middle)',
        }),
        use_alternate_timer: bool({
          default: false,
        }),
        use_auto_mic_selection: bool({
          default: false,
          doc: 'pick the microphone automatically and hide the choice',
        }),
        use_agc: bool({
          default: true,
          doc: 'automatic gain control on the input',
        }),
        use_noise_suppression: bool({
          default: true,
          doc: 'the doc says it is applied to audio output',
        }),
        disable_ringing_sound: bool({
          default: false,
          doc: 'true = never play the ring tone',
        }),
      },
      sections: {
        selected_input_device: section({
          options: {
            use_default: bool({
              default: true,
              doc: 'prefer the system default input device over the named one',
            }),
            name: str({
              default: '',
              format: 'device_name',
              dependsOn: [{ option: 'use_default', equals: false }],
            }),
          },
        }),
        selected_output_device: section({
          options: {
            use_default: bool({
              default: true,
              doc: 'prefer the system default output device over the named one',
            }),
            name: str({
              default: '',
              format: 'device_name',
              dependsOn: [{ option: 'use_default', equals: false }],
            }),
          },
        }),
        selected_ringing_device: section({
          options: {
            use_default: bool({
              default: true,
              doc: 'prefer the system default output (ringing) device over the named one',
            }),
            name: str({
              default: '',
              format: 'device_name',
              dependsOn: [{ option: 'use_default', equals: false }],
            }),
          },
        }),
        selected_speaker_input_device: section({
          options: {
            use_default: bool({
              default: true,
              doc: 'prefer the system default speaker input device over the named one',
            }),
            name: str({
              default: '',
              format: 'device_name',
              dependsOn: [{ option: 'use_default', equals: false }],
            }),
          },
        }),
        selected_speaker_output_device: section({
          options: {
            use_default: bool({
              default: true,
              doc: 'prefer the system default speaker output device over the named one',
            }),
            name: str({
              default: '',
              format: 'device_name',
              dependsOn: [{ option: 'use_default', equals: false }],
            }),
          },
        }),
      },
    }),
    hid: section({
      doc: 'telephony headset (HID) integrations',
      options: {
        use_generic_hid: bool({
          default: false,
        }),
        use_jabra_hid: bool({
          default: true,
        }),
        use_plantronics_hid: bool({
          default: true,
          doc: 'UI label says 32-bit builds only',
        }),
        use_sennheiser_hid: bool({
          default: true,
        }),
      },
    }),
    codecs: list('codec', {
      doc: "Global codec list, used for calls that cannot be tied to an account. Same item fields as the per-account codecs list. The doc indents priority..vbr under codec_id; in the doc's XML example they are siblings of codec_id inside <codec>, which is what is recorded here.",
      options: codecItemOptions,
    }),
    accounts: list('account', {
      doc: "One <account> per account. Every option carries appliesTo (protocol values of the 'protocol' option; null = not stated). protocolGroups mirrors the doc's headings.",
      options: {
        ident: str({
          default: '',
          defaultNote: 'assigned by the phone when the account is created',
          format: 'account_ident',
          appliesTo: ['sip', 'iax2', 'http_phone_control'],
          unique: true,
          immutable: true,
          doc: 'Referenced by general/account and contact_service account_ident / presence_account_ident.',
        }),
        name: str({
          default: '',
          appliesTo: ['sip', 'iax2', 'http_phone_control'],
          doc: 'display name of the account in the phone',
        }),
        save_username: bool({
          default: true,
          appliesTo: ['sip', 'iax2', 'http_phone_control'],
          doc: 'persist the username in the config',
        }),
        username: str({
          default: '',
          appliesTo: ['sip', 'iax2', 'http_phone_control'],
        }),
        save_password: bool({
          default: true,
          appliesTo: ['sip', 'iax2', 'http_phone_control'],
          doc: 'persist the password in the config',
        }),
        password: str({
          default: '',
          format: 'password',
          appliesTo: ['sip', 'iax2', 'http_phone_control'],
          doc: "The doc's example shows an encoded value (base64-looking text with a trailing newline) as the phone stores it; the doc does not say whether a plaintext value is accepted when provisioned.",
        }),
        register_on_startup: bool({
          default: true,
          appliesTo: ['sip', 'iax2', 'http_phone_control'],
        }),
        do_not_play_ringback_tones: bool({
          default: false,
          appliesTo: ['sip', 'iax2', 'http_phone_control'],
          doc: 'true = suppress ringback tones for this account',
        }),
        voicemail_check_extension: str({
          default: '',
          appliesTo: ['sip', 'iax2', 'http_phone_control'],
          doc: 'number dialed to listen to voicemail',
        }),
        voicemail_transfer_extension: str({
          default: '',
          appliesTo: ['sip', 'iax2', 'http_phone_control'],
          doc: 'number dialed to send a caller to voicemail',
        }),
        force_rfc3264: bool({
          default: false,
          appliesTo: ['sip', 'iax2', 'http_phone_control'],
          doc: 'hold calls the RFC 3264 way (Cisco UCM compatibility)',
        }),
        use_kpml: bool({
          default: false,
          appliesTo: ['sip', 'iax2', 'http_phone_control'],
          doc: 'send KPML digits (Cisco UCM compatibility)',
        }),
        use_overlap_dialing: bool({
          default: false,
          appliesTo: ['sip', 'iax2', 'http_phone_control'],
        }),
        use_custom_ringtone: bool({
          default: false,
          appliesTo: ['sip', 'iax2', 'http_phone_control'],
        }),
        custom_ringtone_location: str({
          default: '',
          format: 'file_path',
          dependsOn: [{ option: 'use_custom_ringtone', equals: true }],
          appliesTo: ['sip', 'iax2', 'http_phone_control'],
          conflict: true,
          doc: 'The doc text says this depends on use_custom_certificate being enabled, which cannot be meant literally (that option is a text enum); use_custom_ringtone is the evident switch. Both recorded. Empty = default ring tone.',
        }),
        use_custom_certificate: textEnum({
          values: [
            { value: 'none', meaning: 'no certificate' },
            { value: 'common', meaning: 'use the common/default certificate from the server' },
            { value: 'location', meaning: 'load the certificate from custom_certificate_location' },
            {
              value: 'configuration',
              meaning: 'doc: the phone generates a self-signed certificate for the account',
            },
            {
              value: 'self_signed',
              meaning: 'doc: a certificate stored directly in the configuration is used',
            },
          ],
          default: 'none',
          appliesTo: ['sip', 'iax2', 'http_phone_control'],
          conflict: true,
          doc: "The meanings the doc gives for 'configuration' and 'self_signed' look swapped: custom_certificate (the certificate text kept in the config) is said to apply when the value is 'configuration'. Both recorded as written.",
        }),
        custom_certificate_location: str({
          default: '',
          format: 'file_path',
          dependsOn: [{ option: 'use_custom_certificate', equals: 'location' }],
          appliesTo: ['sip', 'iax2', 'http_phone_control'],
        }),
        custom_certificate: str({
          default: '',
          format: 'certificate',
          dependsOn: [{ option: 'use_custom_certificate', equals: 'configuration' }],
          appliesTo: ['sip', 'iax2', 'http_phone_control'],
          doc: 'certificate content itself; empty = none',
        }),
        mwi_subscribe_usage: textEnum({
          values: [
            { value: 'disabled', meaning: 'no MWI subscription' },
            { value: 'before', meaning: 'subscribe before registering' },
            { value: 'after', meaning: 'subscribe after registering' },
            { value: 'both', meaning: 'subscribe before and after registering' },
          ],
          default: 'both',
          appliesTo: ['sip', 'iax2', 'http_phone_control'],
          doc: 'voicemail message-waiting subscription',
        }),
        use_number_rewriting: bool({
          default: false,
          appliesTo: ['sip', 'iax2', 'http_phone_control'],
          doc: 'apply default country code / international prefix to dialed numbers',
        }),
        number_rewriting_country: str({
          defaultNote: 'country code of the current location',
          format: 'country_code',
          dependsOn: [{ option: 'use_number_rewriting', equals: true }],
          appliesTo: ['sip', 'iax2', 'http_phone_control'],
        }),
        number_rewriting_prefix: str({
          default: '',
          dependsOn: [{ option: 'use_number_rewriting', equals: true }],
          appliesTo: ['sip', 'iax2', 'http_phone_control'],
          doc: 'international dialing prefix; empty = none',
        }),
        use_strip_dial_chars: bool({
          default: true,
          appliesTo: ['sip', 'iax2', 'http_phone_control'],
        }),
        strip_dial_chars: str({
          default: ' .-()[]{}',
          dependsOn: [{ option: 'use_strip_dial_chars', equals: true }],
          appliesTo: ['sip', 'iax2', 'http_phone_control'],
          doc: 'set of characters removed from dialed numbers; the default starts with a space',
        }),
        protocol: textEnum({
          values: [
            { value: 'sip', meaning: 'SIP account' },
            { value: 'iax2', meaning: 'IAX2 account' },
            { value: 'http_phone_control', meaning: 'HTTP control of a desk phone', notAllVersions: true },
          ],
          default: 'sip',
          appliesTo: ['sip', 'iax2', 'http_phone_control'],
          doc: 'account type; selects which protocol-specific options are relevant',
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
          appliesTo: ['sip', 'iax2', 'http_phone_control'],
        }),
        enabled_video_fmtp: bool({
          default: true,
          appliesTo: ['sip', 'iax2', 'http_phone_control'],
          doc: 'send video FMTP parameters (the doc mentions the SIP server)',
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
        SIP_use_blf: bool({
          default: false,
          appliesTo: ['sip'],
          doc: 'busy lamp field: busy extensions show as busy in contacts',
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
        SIP_use_cisco: bool({
          default: false,
          appliesTo: ['sip'],
          doc: 'Cisco-style server-side call forwarding; needs the device type set to Cisco softphone on the CUCM side',
        }),
        SIP_cisco_device_name: str({
          default: '',
          dependsOn: [{ option: 'SIP_use_cisco', equals: true }],
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
        HTTP_PHONE_CONTROL_host: str({
          default: '',
          format: 'host[:port]',
          appliesTo: ['http_phone_control'],
          doc: 'desk phone address',
        }),
        HTTP_PHONE_CONTROL_path: str({
          default: '',
          appliesTo: ['http_phone_control'],
          doc: 'request path on the desk phone',
        }),
        HTTP_PHONE_CONTROL_number: str({
          default: 'number=',
          appliesTo: ['http_phone_control'],
          doc: 'HTTP parameter for the number',
        }),
        HTTP_PHONE_CONTROL_outgoing_uri: str({
          default: 'outgoing_uri=',
          appliesTo: ['http_phone_control'],
          doc: 'HTTP parameter for the outgoing URI',
        }),
        HTTP_PHONE_CONTROL_answer: str({
          default: 'key=F4',
          appliesTo: ['http_phone_control'],
          doc: 'HTTP parameter for answering',
        }),
        HTTP_PHONE_CONTROL_hangup: str({
          default: 'key=F4',
          appliesTo: ['http_phone_control'],
          conflict: true,
          doc: 'HTTP parameter for hanging up; the doc lists the same default as for answer',
        }),
        reregistration_mode: textEnum({
          values: [
            { value: 'default', meaning: 'doc: every 30 s on UDP, every 600 s on TCP' },
            { value: 'custom', meaning: 'interval taken from reregistration_time' },
          ],
          default: 'default',
          appliesTo: null,
          doc: 'Protocol scope not stated (listed outside the protocol-specific headings).',
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
          doc: "Doc gives 60 (UDP) / 600 (TCP) as the default here, while the 'default' mode text of the matching *_mode option says 30 s for UDP; the XML example carries 0. All three recorded. Protocol scope not stated (listed outside the protocol-specific headings).",
        }),
        resubscription_mode: textEnum({
          values: [
            { value: 'default', meaning: 'doc: every 30 s on UDP, every 600 s on TCP' },
            { value: 'custom', meaning: 'interval taken from resubscription_time' },
          ],
          default: 'default',
          appliesTo: null,
          doc: 'Protocol scope not stated (listed outside the protocol-specific headings).',
        }),
        resubscription_time: int({
          default: 60,
          defaultAlt: [
            { when: 'transport is TCP', value: 600 },
            { when: "written by the phone (the doc's XML example carries 0)", value: 0 },
          ],
          unit: 'seconds',
          dependsOn: [{ option: 'resubscription_mode', equals: 'custom' }],
          appliesTo: null,
          conflict: true,
          doc: "Doc gives 60 (UDP) / 600 (TCP) as the default here, while the 'default' mode text of the matching *_mode option says 30 s for UDP; the XML example carries 0. All three recorded. Protocol scope not stated (listed outside the protocol-specific headings).",
        }),
        send_typing_notification: bool({
          default: true,
          appliesTo: null,
          doc: 'chat typing notifications; the doc files it under registration options. Protocol scope not stated (listed outside the protocol-specific headings).',
        }),
      },
      sections: {
        codecs: list('codec', {
          appliesTo: ['sip', 'iax2'],
          doc: "Per-account codec list (the doc says it belongs to the SIP and IAX parts of an account). The doc indents priority..vbr under codec_id; in the doc's XML example they are siblings of codec_id inside <codec>, which is what is recorded here.",
          options: codecItemOptions,
        }),
        stun: section({
          appliesTo: null,
          doc: 'Per-account STUN settings. Protocol scope not stated by the doc.',
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
    sip_options: section({
      doc: 'global SIP settings (not per account)',
      options: {
        port: int({
          default: 5060,
          min: 1,
          max: 65535,
          format: 'port',
        }),
        use_random_port: bool({
          default: true,
          doc: 'bind a random port above 32000 instead of port',
        }),
        tls_certificate_file: str({
          default: '',
          format: 'file_path',
          dependsOn: [{ option: 'accounts/account/SIP_transport_type', equals: 'tls' }],
          doc: 'empty = no certificate file',
        }),
        override_domain_name: bool({
          default: false,
          doc: 'check the TLS certificate against a custom domain',
        }),
        domain: str({
          default: '',
          format: 'domain',
          dependsOn: [{ option: 'override_domain_name', equals: true }],
        }),
        use_domain_certificate: bool({
          default: false,
        }),
        domain_certificate_file: str({
          default: '',
          format: 'file_path',
          dependsOn: [{ option: 'use_domain_certificate', equals: true }],
        }),
        use_only_strong_cipher: bool({
          default: false,
        }),
        protocol_suite: textEnum({
          values: [
            {
              value: 'sslv23-insecure',
              meaning: 'legacy SSL; deprecated, kept for compatibility',
              deprecated: true,
            },
            { value: 'tlsv1', meaning: 'TLS 1.0' },
            { value: 'tlsv1_1', meaning: 'TLS 1.1' },
            { value: 'tlsv1_2', meaning: 'TLS 1.2' },
            { value: 'tlsv1_3', meaning: 'TLS 1.3' },
          ],
          default: 'tlsv1_2',
        }),
      },
    }),
    iax_options: section({
      doc: 'global IAX settings (not per account)',
      options: {
        port: int({
          default: 4569,
          min: 1,
          max: 65535,
          format: 'port',
        }),
      },
    }),
    rtp_options: section({
      options: {
        port: int({
          default: 8000,
          min: 1,
          max: 65535,
          format: 'port',
        }),
        use_random_port: bool({
          default: false,
          doc: 'random port above 32000',
        }),
        session_name: str({
          default: 'Z',
          doc: 'SDP session name',
        }),
        user_name: str({
          default: 'Z',
          doc: 'SDP user name',
        }),
        url: str({
          default: 'http://www.zoiper.com',
          format: 'url',
        }),
        email: str({
          default: 'sales@zoiper.com',
          format: 'email',
        }),
      },
    }),
    stun: section({
      doc: "Global STUN server, used where no account can be matched and by accounts whose use_stun is 'default'.",
      options: {
        use_stun: textEnum({
          values: [
            {
              value: 'disabled',
              meaning: 'no STUN; in the global section this means there is no global STUN server',
            },
            {
              value: 'default',
              meaning:
                'use the global STUN server (the top-level stun section); not meaningful for the global section itself',
            },
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
    diagnostics: section({
      doc: 'one of the three sections the doc calls common to all platforms',
      options: {
        enable_debug_log: bool({
          default: false,
        }),
        enable_extra_dmp: bool({
          default: false,
          dependsOn: [{ option: 'enable_debug_log', equals: true }],
          doc: 'extended dump appended to the log',
        }),
        enable_audio_debug: bool({
          default: false,
          dependsOn: [{ option: 'enable_debug_log', equals: true }],
        }),
        enable_verbose_event_logging: bool({
          default: false,
          dependsOn: [{ option: 'enable_debug_log', equals: true }],
          doc: 'event-scheduler logging; makes logs much larger',
        }),
      },
    }),
    network: section({
      options: {
        signal_dscp: textEnum({
          values: [
            { value: 'none' },
            { value: 'CS0' },
            { value: 'CS1' },
            { value: 'CS2' },
            { value: 'CS3' },
            { value: 'CS4' },
            { value: 'CS5' },
            { value: 'CS6' },
            { value: 'CS7' },
            { value: 'AF11' },
            { value: 'AF12' },
            { value: 'AF13' },
            { value: 'AF21' },
            { value: 'AF22' },
            { value: 'AF23' },
            { value: 'AF31' },
            { value: 'AF32' },
            { value: 'AF33' },
            { value: 'AF41' },
            { value: 'AF42' },
            { value: 'AF43' },
            { value: 'EF' },
          ],
          default: 'none',
          doc: "DSCP mark for signalling; the doc's example shows CS0 although the default is none",
        }),
        media_dscp: textEnum({
          values: [
            { value: 'none' },
            { value: 'CS0' },
            { value: 'CS1' },
            { value: 'CS2' },
            { value: 'CS3' },
            { value: 'CS4' },
            { value: 'CS5' },
            { value: 'CS6' },
            { value: 'CS7' },
            { value: 'AF11' },
            { value: 'AF12' },
            { value: 'AF13' },
            { value: 'AF21' },
            { value: 'AF22' },
            { value: 'AF23' },
            { value: 'AF31' },
            { value: 'AF32' },
            { value: 'AF33' },
            { value: 'AF41' },
            { value: 'AF42' },
            { value: 'AF43' },
            { value: 'EF' },
          ],
          default: 'none',
          doc: "DSCP mark for media; the doc's example shows CS0 although the default is none",
        }),
      },
    }),
    chat: section({
      options: {
        play_sound: bool({
          default: true,
          doc: 'sound on a new chat message',
        }),
        hide_offline: bool({
          default: false,
          doc: 'hide the message box for contacts that go offline',
        }),
        new_message_auto_popup: bool({
          default: false,
          doc: 'focus the window on a new chat message',
        }),
        new_message_blink: bool({
          default: true,
          doc: 'blink the window on a new chat message',
        }),
        new_message_sound_file: str({
          default: 'NewMessage.wav',
          format: 'file_path',
          dependsOn: [{ option: 'play_sound', equals: true }],
        }),
      },
    }),
    provision: section({
      doc: 'state of the provisioning login inside Config.xml; the provisioning procedure itself is driven by Provision.xml (see desktop-provision-schema.json)',
      options: {
        remember_username_password: bool({
          default: false,
          doc: 'persist the provisioning credentials',
        }),
        username: str({
          default: '',
          doc: 'provisioning username',
        }),
        password: str({
          default: '',
          format: 'password',
          doc: 'provisioning password',
        }),
        login_automatically: bool({
          default: false,
        }),
        provisioned: bool({
          default: false,
          doc: 'set by the phone once provisioning has succeeded',
        }),
      },
    }),
    popup: section({
      options: {
        check_for_focus: bool({
          default: true,
          doc: 'show notifications only while the window is not focused',
        }),
        peer_status: bool({
          default: true,
          doc: 'notify when a contact comes online',
        }),
        im: bool({
          default: true,
          doc: 'notify on an incoming chat message',
        }),
        call: bool({
          default: true,
          doc: 'notify on an incoming call',
        }),
        voice_mail: bool({
          default: true,
          doc: 'notify on new voicemail',
        }),
        audio_device: bool({
          default: true,
          doc: 'notify when an audio device is plugged or unplugged',
        }),
        network: bool({
          default: true,
          doc: 'notify on a network change',
        }),
        use_native_popups: bool({
          default: true,
          doc: "use the platform's native notification style",
        }),
        auto_close_time: int({
          default: 15,
          unit: 'seconds',
          doc: 'how long a notification stays',
        }),
      },
    }),
    video: section({
      options: {
        camera_device: str({
          default: '',
          defaultNote: 'empty at first; set to the first working camera the phone finds',
          format: 'device_name',
        }),
        capture_width: int({
          default: 640,
          unit: 'pixels',
          doc: "the doc's example shows 0",
        }),
        capture_height: int({
          default: 480,
          unit: 'pixels',
        }),
        capture_fps: textEnum({
          values: [
            { value: '5fps', meaning: '5 frames/s' },
            { value: '15fps', meaning: '15 frames/s' },
            { value: '30fps', meaning: '30 frames/s' },
          ],
          default: '5fps',
        }),
        bit_rate: int({
          default: 256000,
          unit: 'bit/s',
        }),
        always_accept_video: bool({
          default: false,
        }),
      },
    }),
    skin: section({
      options: {
        selected: str({
          default: 'default',
          format: 'skin_name',
          doc: "theme name; the doc's example writes Default (capital D)",
        }),
      },
    }),
    forwarding_and_auto_answer: section({
      doc: 'settings for the Forwarding and Auto Answer Mode (FAAM)',
      options: {
        mode: textEnum({
          values: [
            { value: 'none', meaning: 'neither forward nor auto-answer' },
            { value: 'answer_delay', meaning: 'auto-answer after autoanswer_seconds' },
            { value: 'answer_instant', meaning: 'auto-answer at once' },
            { value: 'forward_delay', meaning: 'forward after forward_seconds' },
            { value: 'forward_instant', meaning: 'forward at once' },
          ],
          default: 'answer_instant',
          dependsOn: [{ option: 'enabled', equals: true }],
        }),
        forward_seconds: int({
          default: 30,
          min: 1,
          max: 600,
          unit: 'seconds',
          dependsOn: [
            { option: 'enabled', equals: true },
            { option: 'mode', equals: 'forward_delay' },
          ],
          doc: 'range 1-600 comes from the UI label',
        }),
        forward_extension: str({
          default: '',
          dependsOn: [
            { option: 'enabled', equals: true },
            { option: 'mode', in: ['forward_delay', 'forward_instant'] },
          ],
          doc: 'forward target',
        }),
        autoanswer_seconds: int({
          default: 30,
          min: 1,
          max: 600,
          unit: 'seconds',
          dependsOn: [
            { option: 'enabled', equals: true },
            { option: 'mode', equals: 'answer_delay' },
          ],
          doc: 'range 1-600 comes from the UI label',
        }),
        play_sound_on_auto_answer: bool({
          default: true,
          dependsOn: [
            { option: 'enabled', equals: true },
            { option: 'mode', in: ['answer_delay', 'answer_instant'] },
          ],
          conflict: true,
          doc: "The doc's description is copied from the chat sound option (talks about a new chat message); the name and UI label indicate a sound played when a call is auto-answered.",
        }),
        auto_answer_keep_setting: bool({
          default: false,
          dependsOn: [
            { option: 'enabled', equals: true },
            { option: 'mode', in: ['answer_delay', 'answer_instant'] },
          ],
          doc: 'keep auto-answer changes across restarts',
        }),
        enabled: bool({
          default: false,
          doc: "master switch for incoming-call forwarding / auto-answer (absent from the doc's example)",
        }),
        auto_answer_with_video: bool({
          default: false,
          dependsOn: [
            { option: 'enabled', equals: true },
            { option: 'mode', in: ['answer_delay', 'answer_instant'] },
          ],
        }),
        accept_server_auto_answer: bool({
          default: false,
          dependsOn: [
            { option: 'enabled', equals: true },
            { option: 'mode', in: ['answer_delay', 'answer_instant'] },
          ],
          doc: 'honour auto-answer requests coming from the server',
        }),
      },
    }),
    open_url_on_event: list('open_url_on_event_item', {
      conflict: true,
      doc: "Each item is one event rule. The doc says the item's options matter only when an 'enabled' option is true, but documents no such option for the item (type=never is how a rule is switched off).",
      options: {
        type: textEnum({
          values: [
            { value: 'never', meaning: 'rule disabled' },
            { value: 'call', meaning: 'react to call state changes' },
            { value: 'presence', meaning: 'react to presence state changes' },
          ],
          default: 'never',
        }),
        call_state: textEnum({
          values: [
            { value: 'ringing', meaning: 'call starts ringing' },
            { value: 'answer', meaning: 'call answered' },
            { value: 'rejected', meaning: 'call rejected' },
            { value: 'hangup', meaning: 'call hung up' },
          ],
          default: 'ringing',
          dependsOn: [{ option: 'type', equals: 'call' }],
        }),
        call_dir: textEnum({
          values: [
            { value: 'both', meaning: 'incoming and outgoing' },
            { value: 'in', meaning: 'incoming only' },
            { value: 'out', meaning: 'outgoing only' },
          ],
          default: 'both',
          dependsOn: [{ option: 'type', equals: 'call' }],
        }),
        presence: textEnum({
          values: [
            { value: 'offline' },
            { value: 'invisible' },
            { value: 'online' },
            { value: 'away' },
            { value: 'busy' },
            { value: 'phone' },
            { value: 'lunch' },
            { value: 'be_back' },
          ],
          dependsOn: [{ option: 'type', equals: 'presence' }],
          doc: 'The doc lists the values but gives neither a type line nor a default; text_enum is inferred from the value list.',
        }),
        method: textEnum({
          values: [
            { value: 'url', meaning: 'open the URL' },
            { value: 'program', meaning: 'execute the text of the url field as a command line' },
            { value: 'rest_api', meaning: 'send a request to the REST endpoint in the url field' },
          ],
          default: 'url',
        }),
        filter: str({
          default: '',
        }),
        url: str({
          default: '',
          format: 'url_or_command',
        }),
      },
    }),
    gui: section({
      options: {
        switch_contact_on_transfer: bool({
          default: false,
        }),
        enable_chat_support: bool({
          default: true,
        }),
        collapse_on_hangup: bool({
          default: false,
        }),
        language: str({
          default: 'english',
          format: 'language_name',
          conflict: true,
          doc: "The doc describes an English language name (default 'english'), but its example writes en_US.",
        }),
        auto_focus_window_on_incoming_chat: bool({
          default: true,
        }),
        auto_focus_window_on_incoming_call: bool({
          default: true,
        }),
        show_upgrade_wizard: bool({
          default: true,
          doc: 'show the upgrade-to-Premium wizard at start-up',
        }),
      },
      sections: {
        custom_properties: subtree({
          doc: 'Free-form store owned by the UI; element names are not fixed by the doc. Example: <devices_tested type="boolean">true</devices_tested>.',
          attribute: { name: 'type', value: 'subtree', required: true },
          childRule: {
            attribute: 'type',
            required: true,
            allowedValues: ['boolean', 'integer', 'string', 'subtree'],
            recursive: 'a child whose type is subtree follows the same rules as custom_properties',
          },
        }),
      },
    }),
    profile: section({
      options: {
        last_online_manual_state: textEnum({
          values: [
            { value: 'invisible' },
            { value: 'online' },
            { value: 'away' },
            { value: 'busy' },
            { value: 'phone' },
            { value: 'lunch' },
            { value: 'be_back' },
          ],
          default: 'online',
          doc: 'presence state restored when the user goes back online',
        }),
      },
    }),
    contact_services: list('contact_service', {
      doc: "One <contact_service> per service. 'options' are common to every type; variants[TYPE] adds the options of that type. The same element name (username, password, limit) can mean different things per type.",
      options: {
        ident: str({
          default: '',
          defaultNote: 'assigned by the phone at creation',
          appliesTo: ['local', 'ldap', 'outlook', 'mac', 'google', 'windows', 'xml'],
          unique: true,
          immutable: true,
          doc: 'must be ContactServiceLocal for the local service',
        }),
        name: str({
          default: '',
          appliesTo: ['local', 'ldap', 'outlook', 'mac', 'google', 'windows', 'xml'],
          doc: 'display name; not renamable in the UI for local and windows services',
        }),
        type: textEnum({
          values: [
            { value: 'local', meaning: 'contacts kept by the phone itself; at most one' },
            { value: 'ldap', meaning: 'LDAP directory' },
            {
              value: 'outlook',
              meaning: 'Microsoft Outlook address book; Windows only',
              platforms: ['windows'],
            },
            { value: 'mac', meaning: 'macOS address book; macOS only; at most one', platforms: ['macos'] },
            { value: 'google', meaning: 'Google account contacts' },
            {
              value: 'windows',
              meaning: 'Windows Contacts folder; Windows only; at most one',
              platforms: ['windows'],
            },
            { value: 'xml', meaning: 'contacts read from an XML document' },
          ],
          appliesTo: ['local', 'ldap', 'outlook', 'mac', 'google', 'windows', 'xml'],
          immutable: true,
          doc: 'no default; selects which type-specific options apply',
        }),
        enabled: bool({
          default: true,
          appliesTo: ['local', 'ldap', 'outlook', 'mac', 'google', 'windows', 'xml'],
          doc: 'always true for the local service; otherwise set by the creation wizard',
        }),
        account_mapping_type: textEnum({
          values: [
            { value: 'none', meaning: 'no dialing account' },
            { value: 'default', meaning: "dial with the phone's default account" },
            { value: 'custom', meaning: 'dial with the account named in account_ident' },
          ],
          default: 'default',
          appliesTo: ['local', 'ldap', 'outlook', 'mac', 'google', 'windows', 'xml'],
        }),
        account_ident: str({
          default: '',
          format: 'account_ident',
          dependsOn: [{ option: 'account_mapping_type', equals: 'custom' }],
          appliesTo: ['local', 'ldap', 'outlook', 'mac', 'google', 'windows', 'xml'],
          unique: true,
          doc: 'the doc calls the value unique, which is odd for a reference to an account',
        }),
        presence_account_mapping_type: textEnum({
          values: [
            { value: 'none', meaning: 'no presence account' },
            { value: 'custom', meaning: 'presence via the account named in presence_account_ident' },
          ],
          default: 'none',
          appliesTo: ['local', 'ldap', 'outlook', 'mac', 'google', 'windows', 'xml'],
        }),
        presence_account_ident: str({
          default: '',
          format: 'account_ident',
          dependsOn: [{ option: 'presence_account_mapping_type', equals: 'custom' }],
          appliesTo: ['local', 'ldap', 'outlook', 'mac', 'google', 'windows', 'xml'],
          unique: true,
          doc: 'the doc calls the value unique, which is odd for a reference to an account',
        }),
        hide_contacts_without_name: bool({
          default: true,
          appliesTo: ['local', 'ldap', 'outlook', 'mac', 'google', 'windows', 'xml'],
          doc: 'default is false for the local service',
        }),
        hide_contacts_without_phone: bool({
          default: true,
          appliesTo: ['local', 'ldap', 'outlook', 'mac', 'google', 'windows', 'xml'],
          doc: 'default is false for the local service',
        }),
        restart_time: int({
          default: 30,
          appliesTo: ['local', 'ldap', 'outlook', 'mac', 'google', 'windows', 'xml'],
          doc: 'retry interval after a failed connection; the doc gives no unit',
        }),
      },
      variantBy: 'type',
      variants: {
        local: {
          overrides: {
            ident: { fixedValue: 'ContactServiceLocal' },
            enabled: { fixedValue: true },
            hide_contacts_without_name: { default: false },
            hide_contacts_without_phone: { default: false },
          },
          doc: 'no type-specific options; at most one local service',
          options: {},
        },
        ldap: {
          options: {
            limit: int({
              default: 0,
              appliesTo: ['ldap'],
              doc: 'max contacts fetched per query (also caps search results)',
            }),
            host: str({
              default: '',
              format: 'host[:port]',
              appliesTo: ['ldap'],
            }),
            username: str({
              default: '',
              appliesTo: ['ldap'],
              doc: 'LDAP bind user',
            }),
            password: str({
              default: '',
              format: 'password',
              appliesTo: ['ldap'],
              doc: 'LDAP bind password',
            }),
            root: str({
              default: '',
              appliesTo: ['ldap'],
              doc: 'search base / domain component (DC)',
            }),
            authentication_flags: textEnum({
              values: [
                { value: 'simple', meaning: 'simple bind' },
                { value: 'sasl_plain', meaning: 'SASL PLAIN' },
                { value: 'sasl_login', meaning: 'SASL LOGIN' },
                { value: 'sasl_digest_md5', meaning: 'SASL DIGEST-MD5' },
              ],
              default: 'simple',
              appliesTo: ['ldap'],
            }),
            use_start_tls: bool({
              default: false,
              appliesTo: ['ldap'],
              doc: 'true = upgrade the connection with StartTLS',
            }),
            ignore_certificate_tls: bool({
              default: false,
              appliesTo: ['ldap'],
              doc: 'true = accept the server certificate without validation',
            }),
          },
          sections: {
            attribute_mappings: list('attribute_mapping', {
              defaultItems: [
                { property_type: 'first_name', attribute_name: 'givenName' },
                { property_type: 'middle_name', attribute_name: 'initials' },
                { property_type: 'last_name', attribute_name: 'sn' },
                { property_type: 'display_name', attribute_name: 'cn' },
                { property_type: 'company', attribute_name: 'company' },
                { property_type: 'position', attribute_name: 'department' },
                { property_type: 'profession', attribute_name: 'title' },
                { property_type: 'work_country', attribute_name: 'co' },
                { property_type: 'work_city', attribute_name: 'l' },
                { property_type: 'work_mail', attribute_name: 'mail' },
                { property_type: 'work_phone', attribute_name: 'telephoneNumber' },
                { property_type: 'work_cell', attribute_name: 'mobile' },
                { property_type: 'work_pager', attribute_name: 'pager' },
                { property_type: 'work_ipphone', attribute_name: 'ipPhone' },
                { property_type: 'work_fax', attribute_name: 'facsimileTelephoneNumber' },
              ],
              doc: 'maps LDAP attributes onto contact fields; defaultItems are created with a new LDAP service',
              options: {
                property_type: textEnum({
                  values: [
                    { value: 'last_name' },
                    { value: 'first_name' },
                    { value: 'middle_name' },
                    { value: 'display_name' },
                    { value: 'company' },
                    { value: 'position' },
                    { value: 'profession' },
                    { value: 'home_fax' },
                    { value: 'work_fax' },
                    { value: 'home_mail' },
                    { value: 'work_mail' },
                    { value: 'home_cell' },
                    { value: 'work_cell' },
                    { value: 'home_phone' },
                    { value: 'work_phone' },
                    { value: 'home_pager' },
                    { value: 'work_pager' },
                    { value: 'home_custom' },
                    { value: 'work_custom' },
                    { value: 'home_ipphone' },
                    { value: 'work_ipphone' },
                    { value: 'home_zip' },
                    { value: 'work_zip' },
                    { value: 'home_city' },
                    { value: 'work_city' },
                    { value: 'home_state' },
                    { value: 'work_state' },
                    { value: 'home_street' },
                    { value: 'work_street' },
                    { value: 'home_country' },
                    { value: 'work_country' },
                  ],
                  appliesTo: ['ldap'],
                  doc: 'contact field that receives the LDAP attribute; no default stated',
                }),
                attribute_name: str({
                  default: '',
                  format: 'ldap_attribute',
                  appliesTo: ['ldap'],
                }),
                enabled: bool({
                  default: true,
                  appliesTo: ['ldap'],
                }),
              },
            }),
          },
        },
        outlook: {
          platforms: ['windows'],
          options: {
            profile: str({
              default: '',
              appliesTo: ['outlook'],
              doc: 'Outlook profile name',
            }),
            password: str({
              default: '',
              format: 'password',
              appliesTo: ['outlook'],
              doc: 'Outlook profile password',
            }),
          },
        },
        mac: {
          platforms: ['macos'],
          doc: 'no type-specific options; at most one',
          options: {},
        },
        google: {
          options: {
            limit: int({
              default: 0,
              appliesTo: ['google'],
              doc: 'max contacts fetched per query (also caps search results)',
            }),
            access_token: str({
              default: '',
              appliesTo: ['google'],
              doc: "OAuth access token obtained through the phone's Google sign-in dialog",
            }),
            refresh_token: str({
              default: '',
              appliesTo: ['google'],
              doc: 'OAuth refresh token',
            }),
          },
        },
        windows: {
          platforms: ['windows'],
          doc: 'no type-specific options; at most one',
          options: {},
        },
        xml: {
          options: {
            uri: str({
              default: '',
              format: 'url_or_path',
              appliesTo: ['xml'],
              doc: 'HTTP URL or local path of the XML contact document',
            }),
            username: str({
              default: '',
              dependsOn: [{ option: 'uri', matches: '^https?:' }],
              appliesTo: ['xml'],
              doc: 'only used when uri is an HTTP URL',
            }),
            password: str({
              default: '',
              format: 'password',
              dependsOn: [{ option: 'uri', matches: '^https?:' }],
              appliesTo: ['xml'],
              doc: 'only used when uri is an HTTP URL',
            }),
            auth_type: textEnum({
              values: [
                { value: 'none', meaning: 'no HTTP authentication' },
                { value: 'basic', meaning: 'HTTP Basic (Authorization header)' },
                { value: 'url', meaning: 'credentials encoded into the URL' },
              ],
              default: 'none',
              dependsOn: [{ option: 'uri', matches: '^https?:' }],
              appliesTo: ['xml'],
            }),
          },
        },
      },
    }),
    google_analytics: section({
      options: {
        ident: str({
          default: '',
          defaultNote: 'assigned by the phone at start-up',
          unique: true,
          immutable: true,
        }),
        enabled: bool({
          default: false,
          defaultAlt: [{ when: "the build has the 'google_analytics' feature enabled", value: true }],
        }),
        queue_message_count: int({
          default: 10,
          doc: 'number of analytics messages kept queued',
        }),
      },
    }),
    crash_handler: section({
      conflict: true,
      doc: 'Crash reporting (Crashpad). The doc says both Crashpad and Breakpad serve Windows and Mac, which reads like a copy error.',
      options: {
        enabled: bool({
          default: true,
          doc: 'write crash dumps',
        }),
        upload_dumps: bool({
          default: true,
          doc: "send crash dumps to Zoiper's crash server",
        }),
      },
    }),
    proxy: section({
      doc: "The doc indents username/password under the mode bullet; they are read here as direct children of proxy used for the system proxy. The doc's example shows only custom_proxy.",
      options: {
        mode: textEnum({
          values: [
            { value: 'disabled', meaning: 'no proxy' },
            { value: 'manual', meaning: 'use the server in custom_proxy' },
            { value: 'system', meaning: 'use the OS proxy settings' },
          ],
          default: 'disabled',
        }),
        username: str({
          default: '',
          doc: 'credentials for the system proxy (mode=system)',
        }),
        password: str({
          default: '',
          format: 'password',
          doc: 'credentials for the system proxy (mode=system)',
        }),
      },
      sections: {
        custom_proxy: section({
          doc: 'proxy used when mode=manual (the doc calls it an option in the mode text, but it is a section)',
          options: {
            hostname: str({
              default: '',
              format: 'host',
            }),
            port: int({
              default: 0,
              doc: 'no range stated',
            }),
            username: str({
              default: '',
            }),
            password: str({
              default: '',
              format: 'password',
            }),
          },
        }),
      },
    }),
    history: section({
      doc: "present in the doc but missing from its 'Main sections' overview",
      options: {
        limit_mode: textEnum({
          values: [{ value: 'default' }, { value: 'custom' }],
          default: 'default',
          doc: 'the doc names the two values without describing them',
        }),
        limit: int({
          default: 2000,
          doc: 'number of history entries allowed',
        }),
        allowed_overflow_percent_mode: textEnum({
          values: [
            { value: 'default', meaning: '20 % overflow allowed' },
            { value: 'custom', meaning: 'overflow taken from allowed_overflow_percent' },
          ],
          default: 'default',
        }),
        allowed_overflow_percent: int({
          default: 20,
          unit: 'percent',
          dependsOn: [{ option: 'allowed_overflow_percent_mode', equals: 'custom' }],
          doc: 'entries beyond limit plus this share are deleted in bulk',
        }),
      },
    }),
  },
};
