// The addresses an end user reaches on the phones' port, outside the phone's own provisioning:
// - `/t/<tenant>/enrol/<secret>`: an enrolment link. Opening it only says what it is; the person
//   asks for their settings with a button (a POST: a mail scanner that follows links does not use it
//   up), and that one answer shows, once, a fresh provisioning password, the Provision.xml to
//   download (inside the page itself, so it exists nowhere else) and where Zoiper looks for it;
// - `/t/<tenant>/token?t=<token>`: the Token URL of a branded app (Zoiper's OEM token provisioning),
//   answering the SIP credentials of the user's default account once.
// Pages are in the tenant's language unless the browser asks for another; nothing loads from anywhere.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorDocument, escapeText, serializeError } from '../core/index.js';
import type { EnrolmentRefusal, Enrolments } from '../services/management/enrolments.js';
import { html, type Html } from './admin-web/html.js';
import { PHONE_TEXTS, type Language } from '../services/messages.js';
import { publicLayout } from './admin-web/page-layout.js';
import { chooseLanguage, text } from './admin-web/web-text.js';

const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
  'x-robots-tag': 'noindex',
};

const REFUSAL_STATUS: Readonly<Record<EnrolmentRefusal, number>> = { unknown: 404, used: 410, expired: 410 };

export interface EnrolmentRouteDeps {
  readonly enrolments: Enrolments;
}

type Params = { tenant: string; secret: string };

export async function registerEnrolmentRoutes(app: FastifyInstance, deps: EnrolmentRouteDeps): Promise<void> {
  const { enrolments } = deps;
  await app.register(async (pub) => {
    const languageOf = (request: FastifyRequest): Language =>
      chooseLanguage(undefined, request.headers['accept-language']);
    const page = (reply: FastifyReply, status: number, language: Language, title: string, main: Html) =>
      reply
        .code(status)
        .headers(PAGE_HEADERS)
        .header('content-type', 'text/html; charset=utf-8')
        .send(String(publicLayout(language, title, main)));
    const refusal = (reply: FastifyReply, language: Language, why: EnrolmentRefusal, tenant: string) =>
      page(
        reply,
        REFUSAL_STATUS[why],
        language,
        text(language, `enrol_${why}`),
        html`<p>${text(language, 'enrolAsk', { tenant })}</p>`,
      );

    pub.get('/t/:tenant/enrol/:secret', async (request, reply) => {
      const { tenant, secret } = request.params as Params;
      const language = languageOf(request);
      const state = await enrolments.look(tenant, secret, 'link');
      if (state !== 'ready') return refusal(reply, language, state, tenant);
      return page(
        reply,
        200,
        language,
        text(language, 'enrolTitle'),
        html`<p>${text(language, 'enrolOnce')}</p>
          <form method="post"><button type="submit">${text(language, 'enrolShow')}</button></form>`,
      );
    });

    pub.post('/t/:tenant/enrol/:secret', async (request, reply) => {
      const { tenant, secret } = request.params as Params;
      const language = languageOf(request);
      const result = await enrolments.redeemLink(tenant, secret);
      if (typeof result === 'string') return refusal(reply, language, result, tenant);
      const t = (key: Parameters<typeof text>[1]) => text(language, key);
      const file = `data:application/xml;base64,${Buffer.from(result.provisionFile, 'utf8').toString('base64')}`;
      return page(
        reply,
        200,
        language,
        t('enrolTitle'),
        html`<p class="alert">${t('enrolShownOnce')}</p>
          <h2>Zoiper Desktop</h2>
          <p><a href="${file}" download="Provision.xml" id="provision-file">${t('enrolDownload')}</a></p>
          <p>${t('enrolWhere')}</p>
          <ol>
            <li>${t('enrolWhereStart')}</li>
            <li>${t('enrolWhereExecutable')}</li>
            <li>
              ${t('enrolWhereData')} <code>%APPDATA%\\Zoiper5</code>, <code>~/.Zoiper5</code>,
              <code>~/Library/Application Support/Zoiper5</code>
            </li>
          </ol>
          <h2>Zoiper Android / iOS</h2>
          <dl>
            <dt>${t('username')}</dt>
            <dd><code id="enrol-username">${result.user.username}</code></dd>
            <dt>${t('password')}</dt>
            <dd><code id="enrol-password">${result.password}</code></dd>
          </dl>`,
      );
    });

    // The Token URL: the app appends the token, and reads the reply as configuration data.
    pub.get('/t/:tenant/token', async (request, reply) => {
      const { tenant } = request.params as { tenant: string };
      const token = (request.query as Record<string, unknown>)['t'];
      const result = await enrolments.redeemToken(tenant, typeof token === 'string' ? token : '');
      const xml = (body: string) =>
        reply
          .headers({ 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' })
          .header('content-type', 'application/xml; charset=utf-8')
          .send(body);
      if (typeof result === 'string') {
        void reply.code(REFUSAL_STATUS[result]);
        // Said by the app to its user: in the tenant's phones' language, from the phone texts.
        const language = await enrolments.phoneLanguage(tenant);
        return xml(serializeError(errorDocument(PHONE_TEXTS[language].messages[`token_${result}`])));
      }
      return xml(
        '<?xml version="1.0" encoding="UTF-8"?>\n' +
          `<options><accounts><account><username>${escapeText(result.username)}</username>` +
          `<password>${escapeText(result.password)}</password>` +
          `<authentication_username>${escapeText(result.authenticationUsername)}</authentication_username>` +
          '</account></accounts></options>\n',
      );
    });
  });
}
