// Documents the command-line tests write to disk. Tests find lines by content (lineOf), so these can
// be edited without renumbering expectations.

/** A Config.xml as a person might write it by hand, with four mistakes. */
export const HAND_WRITTEN_CONFIG = `<?xml version="1.0" encoding="UTF-8"?>
<options>
  <general>
    <minimize_to_tary>true</minimize_to_tary>
    <record_calls>yes</record_calls>
  </general>
  <sip_options>
    <port>70000</port>
  </sip_options>
  <accounts>
    <account>
      <ident>office</ident>
      <name>Office</name>
      <protocol>sip</protocol>
      <username>alice</username>
      <password>s3cret-alice</password>
      <SIP_domain>pbx.example.com</SIP_domain>
      <codecs>
        <codec>
          <codec_id>99</codec_id>
          <priority>1</priority>
          <enabled>true</enabled>
        </codec>
      </codecs>
    </account>
  </accounts>
</options>
`;

/** What a phone holds: one SIP account, referenced from general/account. */
export const LOCAL_CONFIG = `<?xml version="1.0" encoding="UTF-8"?>
<options>
  <general>
    <account>office</account>
    <record_calls>false</record_calls>
  </general>
  <accounts>
    <account>
      <ident>office</ident>
      <name>Office</name>
      <protocol>sip</protocol>
      <username>alice</username>
      <password>s3cret-alice</password>
      <SIP_domain>pbx.example.com</SIP_domain>
    </account>
  </accounts>
</options>
`;

/** What the provisioning server sends: a changed password, a new account, recording on. */
export const REMOTE_CONFIG = `<?xml version="1.0" encoding="UTF-8"?>
<options>
  <general>
    <record_calls>true</record_calls>
  </general>
  <accounts>
    <account>
      <ident>office</ident>
      <name>Office</name>
      <protocol>sip</protocol>
      <username>alice</username>
      <password>n3w-secret-alice</password>
      <SIP_domain>pbx.example.com</SIP_domain>
    </account>
    <account>
      <ident>home</ident>
      <name>Home</name>
      <protocol>sip</protocol>
      <username>alice-home</username>
      <password>h0me-secret</password>
      <SIP_domain>sip.example.org</SIP_domain>
    </account>
  </accounts>
</options>
`;

export function provisionXml(deleteAccountsBeforehand: boolean): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<provision>
  <base_urls>
    <base_url>https://prov.example.com/zoiper?u=[user]&amp;p=[pass]</base_url>
  </base_urls>
  <options>
    <delete_accounts_beforehand>${deleteAccountsBeforehand}</delete_accounts_beforehand>
  </options>
</provision>
`;
}

export const ERROR_REPLY = `<?xml version="1.0" encoding="UTF-8"?>
<error code="1">Your account is disabled</error>
`;
