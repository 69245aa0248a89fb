// The web pages under /admin/ on the admin address: sign-in with a cookie session (HttpOnly,
// SameSite=Strict, Secure under TLS), a CSRF token in every form, the same roles and tenant scoping
// as API tokens, and pages rendered on the server from the management service. Everything a page
// loads comes from this server: the Content-Security-Policy allows no other host.
import { timingSafeEqual, randomBytes } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyMultipart from '@fastify/multipart';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isZprovError } from '../../core/errors.js';
import { runAs } from '../../services/change-history.js';
import type { ManagementService } from '../../services/management/management-service.js';
import type { WebSession } from '../../services/management/admin-users.js';
import type { Html } from './html.js';
import { formField, type PageAnswer, type PageRouter } from './page-router.js';
import { ADMIN_PREFIX, STYLE_SHEET, type PageContext } from './page-layout.js';
import { errorPage, signInPage } from './pages/sign-in-page.js';
import { registerGroupPages } from './pages/group-pages.js';
import { registerImportPages } from './pages/import-pages.js';
import { registerHistoryPages } from './pages/history-pages.js';
import { registerOperationPages } from './pages/operation-pages.js';
import { registerProfilePages } from './pages/profile-pages.js';
import { registerTenantPages } from './pages/tenant-pages.js';
import { registerTenantSettingsPages } from './pages/tenant-settings-pages.js';
import { registerUserPages } from './pages/user-pages.js';
import { isLanguage, type Language } from '../../services/messages.js';
import { chooseLanguage, text } from './web-text.js';

export const SESSION_COOKIE = 'zprov_session';
const SIGN_IN_COOKIE = 'zprov_sign_in';
const LANGUAGE_COOKIE = 'zprov_lang';

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
};

export interface AdminWebDeps {
  readonly management: ManagementService;
}

const equalText = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

const fieldOf = (body: unknown, name: string): string | undefined => {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : undefined;
};

export async function registerAdminWeb(app: FastifyInstance, deps: AdminWebDeps): Promise<void> {
  const { management } = deps;
  await app.register(
    async (web) => {
      await web.register(fastifyCookie);
      await web.register(fastifyFormbody, { bodyLimit: 1024 * 1024 });
      // Uploads (an import's source): one file of at most 4 MiB, its fields read into the body.
      await web.register(fastifyMultipart, {
        attachFieldsToBody: 'keyValues',
        limits: { files: 1, fileSize: 4 * 1024 * 1024, fieldSize: 8 * 1024 * 1024, fields: 20 },
      });

      const languageOf = (request: FastifyRequest): Language =>
        chooseLanguage(request.cookies[LANGUAGE_COOKIE], request.headers['accept-language']);
      const secure = (request: FastifyRequest): boolean => request.protocol === 'https';
      const send = (reply: FastifyReply, status: number, body: Html | string): FastifyReply =>
        reply
          .code(status)
          .headers(SECURITY_HEADERS)
          .header('content-type', 'text/html; charset=utf-8')
          .send(String(body));
      const redirect = (reply: FastifyReply, to: string): FastifyReply =>
        reply.code(303).headers(SECURITY_HEADERS).header('location', to).send();

      web.setErrorHandler(async (error, request, reply) => {
        const language = languageOf(request);
        const page: PageContext = { language, path: request.url };
        if (isZprovError(error) && error.code === 'not_found')
          return send(reply, 404, errorPage(page, text(language, 'notFound')));
        if (isZprovError(error) && error.code === 'forbidden')
          return send(reply, 403, errorPage(page, text(language, 'forbidden')));
        // What Fastify and its plugins refuse (a body too large, a malformed form) is the client's.
        const status = (error as { statusCode?: number }).statusCode;
        if (status !== undefined && status >= 400 && status < 500)
          return send(reply, status, errorPage(page, (error as Error).message));
        request.log.error({ err: error }, 'admin page failed');
        return send(reply, 500, errorPage(page, 'Internal error'));
      });
      web.setNotFoundHandler((request, reply) => {
        const language = languageOf(request);
        return send(reply, 404, errorPage({ language, path: request.url }, text(language, 'notFound')));
      });

      web.get('/assets/admin.css', (_request, reply) =>
        reply
          .headers({ ...SECURITY_HEADERS, 'cache-control': 'public, max-age=3600' })
          .header('content-type', 'text/css; charset=utf-8')
          .send(STYLE_SHEET),
      );

      web.get('/', (_request, reply) => redirect(reply, `${ADMIN_PREFIX}/tenants`));

      // The language switch: remembered in a cookie; only a path of these pages is gone back to.
      web.get('/language', (request, reply) => {
        const query = request.query as Record<string, string | undefined>;
        const to = query['to'];
        const back = query['back'];
        if (to !== undefined && isLanguage(to))
          void reply.setCookie(LANGUAGE_COOKIE, to, {
            path: ADMIN_PREFIX,
            sameSite: 'strict',
            httpOnly: true,
            secure: secure(request),
            maxAge: 365 * 24 * 3600,
          });
        const safe = back !== undefined && /^\/admin\/[^\\]*$/.test(back) && !back.startsWith('//');
        return redirect(reply, safe ? back : `${ADMIN_PREFIX}/tenants`);
      });

      // ---- Sign-in: the form carries a random value its cookie carries too (double submit), so a
      // ---- page elsewhere cannot sign a browser in to an account of its choosing.
      const signInForm = (request: FastifyRequest, reply: FastifyReply, status: number, message?: string) => {
        const nonce = randomBytes(24).toString('base64url');
        void reply.setCookie(SIGN_IN_COOKIE, nonce, {
          path: ADMIN_PREFIX,
          sameSite: 'strict',
          httpOnly: true,
          secure: secure(request),
        });
        const language = languageOf(request);
        return send(reply, status, signInPage({ language, path: `${ADMIN_PREFIX}/sign-in` }, nonce, message));
      };
      web.get('/sign-in', (request, reply) => signInForm(request, reply, 200));
      web.post('/sign-in', async (request, reply) => {
        const language = languageOf(request);
        const cookie = request.cookies[SIGN_IN_COOKIE];
        const sent = fieldOf(request.body, '_csrf');
        if (cookie === undefined || sent === undefined || !equalText(cookie, sent))
          return signInForm(request, reply, 403, text(language, 'staleForm'));
        const result = await management.admins.signIn(
          formField(request, 'name'),
          formField(request, 'password'),
          request.ip,
        );
        if (!result.ok) {
          if (result.reason === 'locked') void reply.header('retry-after', String(result.retryAfterSeconds));
          return signInForm(
            request,
            reply,
            result.reason === 'locked' ? 429 : 401,
            result.reason === 'locked'
              ? text(language, 'lockedSignIn', { seconds: result.retryAfterSeconds })
              : text(language, 'wrongSignIn'),
          );
        }
        void reply.clearCookie(SIGN_IN_COOKIE, { path: ADMIN_PREFIX });
        void reply.setCookie(SESSION_COOKIE, result.session.secret, {
          path: ADMIN_PREFIX,
          sameSite: 'strict',
          httpOnly: true,
          secure: secure(request),
        });
        return redirect(reply, `${ADMIN_PREFIX}/tenants`);
      });

      // ---- Everything else needs a session; a POST also its CSRF token.
      const sessionOf = async (request: FastifyRequest): Promise<WebSession | undefined> => {
        const secret = request.cookies[SESSION_COOKIE];
        return secret === undefined ? undefined : management.admins.session(secret);
      };
      const pageContext = (request: FastifyRequest, session: WebSession): PageContext => ({
        language: languageOf(request),
        principal: session.principal,
        csrfToken: session.csrfToken,
        path: request.url,
      });
      const answer = (reply: FastifyReply, result: PageAnswer): FastifyReply => {
        if ('redirect' in result) return redirect(reply, result.redirect);
        if ('download' in result)
          return reply
            .code(200)
            .headers(SECURITY_HEADERS)
            .header('content-type', `${result.download.type}; charset=utf-8`)
            .header('content-disposition', `attachment; filename="${result.download.name}"`)
            .send(result.download.body);
        if ('stream' in result)
          return reply
            .code(200)
            .headers(SECURITY_HEADERS)
            .header('content-type', 'text/html; charset=utf-8')
            .send(Readable.from(result.stream));
        return send(reply, result.status ?? 200, result.html);
      };

      web.post('/sign-out', async (request, reply) => {
        const session = await sessionOf(request);
        if (session !== undefined && equalText(fieldOf(request.body, '_csrf') ?? '', session.csrfToken))
          await management.admins.signOut(session.secret);
        void reply.clearCookie(SESSION_COOKIE, { path: ADMIN_PREFIX });
        return redirect(reply, `${ADMIN_PREFIX}/sign-in`);
      });

      const router: PageRouter = {
        get: (path, handler) =>
          web.get(path, async (request, reply) => {
            const session = await sessionOf(request);
            if (session === undefined) return redirect(reply, `${ADMIN_PREFIX}/sign-in`);
            return answer(reply, await handler({ session, page: pageContext(request, session), request }));
          }),
        post: (path, handler) =>
          web.post(path, async (request, reply) => {
            const session = await sessionOf(request);
            if (session === undefined) return redirect(reply, `${ADMIN_PREFIX}/sign-in`);
            const page = pageContext(request, session);
            if (!equalText(fieldOf(request.body, '_csrf') ?? '', session.csrfToken))
              return send(reply, 403, errorPage(page, text(page.language, 'staleForm')));
            const result = await runAs(session.principal.name, () => handler({ session, page, request }));
            return answer(reply, result);
          }),
      };
      registerTenantPages(router, management);
      registerTenantSettingsPages(router, management);
      registerUserPages(router, management);
      registerOperationPages(router, management);
      registerProfilePages(router, management);
      registerHistoryPages(router, management);
      registerGroupPages(router, management);
      registerImportPages(router, management);
    },
    { prefix: ADMIN_PREFIX },
  );
}
