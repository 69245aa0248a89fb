// Config.xml documents for the benchmarks, built as text the way a provisioning server or a phone
// would write them: a large multi-tenant file and an ordinary desktop one. Every document is valid.

const CODECS = [
  { id: 37, bps: 64000 },
  { id: 35, bps: 32000 },
  { id: 7, bps: 64000 },
  { id: 0, bps: 64000 },
  { id: 6, bps: 64000 },
  { id: 33, bps: 0 },
];

function codecList(indent: string, offset: number): string {
  const rows = CODECS.map((codec, i) =>
    [
      `${indent}  <codec>`,
      `${indent}    <codec_id>${codec.id}</codec_id>`,
      `${indent}    <priority>${(i + offset) % CODECS.length}</priority>`,
      `${indent}    <enabled>${i < 4}</enabled>`,
      ...(codec.id === 37 ? [`${indent}    <bps>${codec.bps}</bps>`, `${indent}    <vbr>true</vbr>`] : []),
      `${indent}  </codec>`,
    ].join('\n'),
  );
  return `${indent}<codecs>\n${rows.join('\n')}\n${indent}</codecs>`;
}

/** One SIP account of about 1.5 kB, with its own list of six codecs. */
export function sipAccount(n: number, indent = '    '): string {
  const i = `${indent}  `;
  const transport = ['udp', 'tcp', 'tls'][n % 3] as string;
  return [
    `${indent}<account>`,
    `${i}<ident>acct-${n}</ident>`,
    `${i}<name>Extension ${1000 + n} &amp; desk ${n}</name>`,
    `${i}<protocol>sip</protocol>`,
    `${i}<username>${1000 + n}</username>`,
    `${i}<password>pw-${(n * 7919).toString(36)}-secret</password>`,
    `${i}<voicemail_check_extension>*97</voicemail_check_extension>`,
    `${i}<SIP_domain>tenant${n % 50}.pbx.example.com</SIP_domain>`,
    `${i}<SIP_transport_type>${transport}</SIP_transport_type>`,
    ...(n % 4 === 0
      ? [
          `${i}<SIP_use_outbound_proxy>true</SIP_use_outbound_proxy>`,
          `${i}<SIP_outbound_proxy>edge${n % 8}.example.com:5060</SIP_outbound_proxy>`,
        ]
      : []),
    `${i}<SIP_callerId>Desk ${n}</SIP_callerId>`,
    `${i}<SIP_srtp_mode>${transport === 'tls' ? 'sdes' : 'none'}</SIP_srtp_mode>`,
    `${i}<SIP_dtmf_style>rfc_2833</SIP_dtmf_style>`,
    `${i}<reregistration_mode>custom</reregistration_mode>`,
    `${i}<reregistration_time>${300 + (n % 10) * 30}</reregistration_time>`,
    codecList(i, n),
    `${indent}</account>`,
  ].join('\n');
}

function document(sections: readonly string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<options>\n${sections.join('\n')}\n</options>\n`;
}

/** A provisioning reply for a large tenant: general settings and `count` SIP accounts. */
export function manyAccountsConfig(count: number): string {
  const accounts: string[] = [];
  for (let n = 1; n <= count; n++) accounts.push(sipAccount(n));
  return document([
    '  <general>\n    <account>acct-1</account>\n    <record_calls>false</record_calls>\n  </general>',
    `  <accounts>\n${accounts.join('\n')}\n  </accounts>`,
  ]);
}

/** An ordinary desktop Config.xml: the usual sections, global codecs and one account. */
export function typicalConfig(ident = 'acct-1'): string {
  return document([
    [
      '  <general>',
      `    <account>${ident}</account>`,
      '    <minimize_to_tray>true</minimize_to_tray>',
      '    <record_calls>false</record_calls>',
      '    <always_on_top>false</always_on_top>',
      '    <check_for_updates>true</check_for_updates>',
      '    <start_with_os>true</start_with_os>',
      '    <start_minimized>false</start_minimized>',
      '  </general>',
      '  <audio>',
      '    <use_echo_cancellation>true</use_echo_cancellation>',
      '    <use_agc>true</use_agc>',
      '    <use_noise_suppression>true</use_noise_suppression>',
      '    <input_volume>80</input_volume>',
      '    <output_volume>70</output_volume>',
      '  </audio>',
      codecList('  ', 0),
      `  <accounts>\n${sipAccount(1, '    ').replace('<ident>acct-1</ident>', `<ident>${ident}</ident>`)}\n  </accounts>`,
      '  <sip_options>',
      '    <port>5060</port>',
      '    <use_random_port>true</use_random_port>',
      '    <protocol_suite>tlsv1_2</protocol_suite>',
      '  </sip_options>',
      '  <rtp_options>',
      '    <port>8000</port>',
      '    <use_random_port>false</use_random_port>',
      '  </rtp_options>',
      '  <stun>',
      '    <use_stun>disabled</use_stun>',
      '  </stun>',
      '  <provision>',
      '    <remember_username_password>true</remember_username_password>',
      '    <username>alice</username>',
      '    <login_automatically>true</login_automatically>',
      '  </provision>',
      '  <diagnostics>',
      '    <enable_debug_log>false</enable_debug_log>',
      '  </diagnostics>',
      '  <chat>',
      '    <play_sound>true</play_sound>',
      '    <hide_offline>false</hide_offline>',
      '    <new_message_auto_popup>true</new_message_auto_popup>',
      '    <new_message_blink>true</new_message_blink>',
      '  </chat>',
      '  <popup>',
      '    <check_for_focus>true</check_for_focus>',
      '    <peer_status>true</peer_status>',
      '    <im>true</im>',
      '    <call>true</call>',
      '    <voice_mail>true</voice_mail>',
      '    <audio_device>true</audio_device>',
      '    <network>true</network>',
      '    <use_native_popups>true</use_native_popups>',
      '    <auto_close_time>15</auto_close_time>',
      '  </popup>',
      '  <video>',
      '    <camera_device>Integrated Camera</camera_device>',
      '    <capture_width>640</capture_width>',
      '    <capture_height>480</capture_height>',
      '    <capture_fps>15fps</capture_fps>',
      '    <bit_rate>256000</bit_rate>',
      '    <always_accept_video>false</always_accept_video>',
      '  </video>',
      '  <history>',
      '    <limit_mode>default</limit_mode>',
      '    <limit>2000</limit>',
      '  </history>',
      '  <gui>',
      '    <language>en</language>',
      '    <enable_chat_support>true</enable_chat_support>',
      '  </gui>',
    ].join('\n'),
  ]);
}
