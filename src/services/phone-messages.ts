// What the person in front of the phone reads when provisioning fails: Zoiper shows the text of the
// <error> reply as it is. The one table of these texts, each refusal worded once per language (a
// tenant chooses its phones' language). They never say which half of the credentials was wrong and
// never show internals.
import type { RefusalOutcome } from './provisioning-contract.js';

/** The languages phone-facing texts are written in; English is the default. */
export const PHONE_LANGUAGES = ['en', 'ru'] as const;
export type PhoneLanguage = (typeof PHONE_LANGUAGES)[number];
export const DEFAULT_PHONE_LANGUAGE: PhoneLanguage = 'en';

export const isPhoneLanguage = (value: string): value is PhoneLanguage =>
  (PHONE_LANGUAGES as readonly string[]).includes(value);

/** A branded app's OEM token that cannot be used (services/management/enrolments.ts). */
export type TokenRefusal = 'token_unknown' | 'token_used' | 'token_expired';

type MessageKey = Exclude<RefusalOutcome, 'locked_out'> | 'not_found' | 'bad_request' | TokenRefusal;

interface PhoneTexts {
  readonly messages: Readonly<Record<MessageKey, string>>;
  /** A locked-out login's message: when to try again, in whole minutes. */
  readonly lockedOut: (minutes: number) => string;
}

/** Russian plural of a count: 1 минуту, 2 минуты, 5 минут, 21 минуту, 11 минут. */
function russianMinutes(n: number): string {
  const lastTwo = n % 100;
  const last = n % 10;
  if (lastTwo >= 11 && lastTwo <= 14) return `${n} минут`;
  if (last === 1) return `${n} минуту`;
  if (last >= 2 && last <= 4) return `${n} минуты`;
  return `${n} минут`;
}

export const PHONE_TEXTS: Readonly<Record<PhoneLanguage, PhoneTexts>> = Object.freeze({
  en: {
    messages: {
      missing_credentials: 'Please enter your provisioning username and password.',
      unknown_user: 'The username or password is not correct.',
      wrong_password: 'The username or password is not correct.',
      disabled: 'This account is disabled. Please contact your administrator.',
      revoked: 'This account has been removed from this phone. Please contact your administrator.',
      nothing_to_serve: 'There is no configuration for this account yet. Please contact your administrator.',
      internal_error: 'The provisioning server could not answer. Please try again later.',
      busy: 'The provisioning server is busy. Please try again in a moment.',
      /** A path at which no provisioning endpoint answers. */
      not_found: 'There is no configuration at this address. Please check the provisioning URL.',
      /** A request that cannot be read (a malformed path, a body too large, a wrong media type). */
      bad_request: 'The provisioning request could not be read. Please check the provisioning URL.',
      token_unknown: 'This code is not valid. Please ask your administrator for a new one.',
      token_used: 'This code has been used already. Please ask your administrator for a new one.',
      token_expired: 'This code has expired. Please ask your administrator for a new one.',
    },
    lockedOut: (minutes) =>
      `Too many failed attempts. Please try again in ${minutes === 1 ? '1 minute' : `${minutes} minutes`}.`,
  },
  ru: {
    messages: {
      missing_credentials: 'Введите имя пользователя и пароль для настройки.',
      unknown_user: 'Неверное имя пользователя или пароль.',
      wrong_password: 'Неверное имя пользователя или пароль.',
      disabled: 'Эта учётная запись отключена. Обратитесь к администратору.',
      revoked: 'Эта учётная запись удалена с телефона. Обратитесь к администратору.',
      nothing_to_serve: 'Для этой учётной записи ещё нет настроек. Обратитесь к администратору.',
      internal_error: 'Сервер настройки не смог ответить. Повторите попытку позже.',
      busy: 'Сервер настройки занят. Повторите попытку немного позже.',
      not_found: 'По этому адресу настроек нет. Проверьте адрес сервера настройки.',
      bad_request: 'Не удалось прочитать запрос. Проверьте адрес сервера настройки.',
      token_unknown: 'Код недействителен. Попросите новый у администратора.',
      token_used: 'Этот код уже использован. Попросите новый у администратора.',
      token_expired: 'Срок действия кода истёк. Попросите новый у администратора.',
    },
    lockedOut: (minutes) => `Слишком много неудачных попыток. Повторите через ${russianMinutes(minutes)}.`,
  },
});

/** The English texts: what a phone reads when no tenant (so no language) is known. */
export const PHONE_MESSAGES = PHONE_TEXTS.en.messages;

/** A locked-out login's message: when to try again, in whole minutes. */
export function lockedOutMessage(seconds: number, language: PhoneLanguage = DEFAULT_PHONE_LANGUAGE): string {
  return PHONE_TEXTS[language].lockedOut(Math.ceil(seconds / 60));
}

/** The message for a refused fetch, in the tenant's language. */
export const refusalMessage = (
  outcome: RefusalOutcome,
  retryAfterSeconds?: number,
  language: PhoneLanguage = DEFAULT_PHONE_LANGUAGE,
): string =>
  outcome === 'locked_out'
    ? lockedOutMessage(retryAfterSeconds ?? 60, language)
    : PHONE_TEXTS[language].messages[outcome];
