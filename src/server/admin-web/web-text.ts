// Every word the web pages show, in English and Russian: one catalogue, next to the phone-facing
// texts (services/phone-messages.ts) that the phones' <error> replies use. A page asks for a text by
// its key; a missing translation is a type error, not a blank on screen.
import type { PhoneLanguage } from '../../services/phone-messages.js';

export type WebLanguage = PhoneLanguage;
export const WEB_LANGUAGES: readonly WebLanguage[] = ['en', 'ru'];

const TEXT = {
  title: { en: 'zprov administration', ru: 'Администрирование zprov' },
  signIn: { en: 'Sign in', ru: 'Войти' },
  signOut: { en: 'Sign out', ru: 'Выйти' },
  name: { en: 'Name', ru: 'Имя' },
  password: { en: 'Password', ru: 'Пароль' },
  wrongSignIn: { en: 'Wrong name or password.', ru: 'Неверное имя или пароль.' },
  lockedSignIn: {
    en: 'Too many failed attempts. Try again in {seconds} s.',
    ru: 'Слишком много неудачных попыток. Повторите через {seconds} с.',
  },
  signedInAs: { en: 'Signed in as {name} ({role})', ru: 'Вы вошли как {name} ({role})' },
  tenants: { en: 'Tenants', ru: 'Арендаторы' },
  tenant: { en: 'Tenant', ru: 'Арендатор' },
  slug: { en: 'Slug', ru: 'Код' },
  users: { en: 'Users', ru: 'Пользователи' },
  user: { en: 'User', ru: 'Пользователь' },
  username: { en: 'Username', ru: 'Имя пользователя' },
  displayName: { en: 'Display name', ru: 'Отображаемое имя' },
  enabled: { en: 'Enabled', ru: 'Включён' },
  yes: { en: 'yes', ru: 'да' },
  no: { en: 'no', ru: 'нет' },
  create: { en: 'Create', ru: 'Создать' },
  add: { en: 'Add', ru: 'Добавить' },
  search: { en: 'Search', ru: 'Найти' },
  newTenant: { en: 'New tenant', ru: 'Новый арендатор' },
  newUser: { en: 'New user', ru: 'Новый пользователь' },
  provisioningPassword: { en: 'Provisioning password', ru: 'Пароль для настройки' },
  accounts: { en: 'Accounts', ru: 'Учётные записи' },
  newAccount: { en: 'New SIP account', ru: 'Новая учётная запись SIP' },
  noAccounts: { en: 'No accounts yet.', ru: 'Учётных записей пока нет.' },
  noUsers: { en: 'No users found.', ru: 'Пользователи не найдены.' },
  whatPhoneGets: { en: 'What the phone gets', ru: 'Что получает телефон' },
  preview: { en: 'Preview', ru: 'Просмотр' },
  platform: { en: 'Platform', ru: 'Платформа' },
  notSent: { en: 'Not sent to this platform', ru: 'Не отправляется на эту платформу' },
  nothingToServe: {
    en: 'Nothing is set for this user: the phone is told so.',
    ru: 'Для этого пользователя ничего не задано: телефон получит сообщение об этом.',
  },
  next: { en: 'Next page', ru: 'Следующая страница' },
  firstPage: { en: 'First page', ru: 'Первая страница' },
  pages: { en: 'Pages', ru: 'Страницы' },
  created: { en: 'Created.', ru: 'Создано.' },
  language: { en: 'Language', ru: 'Язык' },
  range: { en: 'from {min} to {max}', ru: 'от {min} до {max}' },
  notFound: { en: 'There is no such page.', ru: 'Такой страницы нет.' },
  forbidden: { en: 'Your role does not allow this.', ru: 'Ваша роль этого не позволяет.' },
  staleForm: {
    en: 'This form has expired. Open the page again and repeat.',
    ru: 'Срок действия формы истёк. Откройте страницу снова и повторите.',
  },
  fixBelow: { en: 'Please correct the field marked below.', ru: 'Исправьте отмеченное поле.' },
  protocol: { en: 'Protocol', ru: 'Протокол' },
  domain: { en: 'Domain', ru: 'Домен' },
  back: { en: 'Back', ru: 'Назад' },
  history: { en: 'History', ru: 'История' },
  who: { en: 'Who', ru: 'Кто' },
  what: { en: 'What', ru: 'Что' },
  changes: { en: 'Changes', ru: 'Изменения' },
  restore: { en: 'Restore', ru: 'Восстановить' },
  older: { en: 'Older', ru: 'Раньше' },
  notSet: {
    en: 'not set (left to the phone or a lower layer)',
    ru: 'не задано (остаётся как на телефоне или в нижнем слое)',
  },
  profiles: { en: 'Profiles', ru: 'Профили' },
  profile: { en: 'Profile', ru: 'Профиль' },
  newProfile: { en: 'New profile', ru: 'Новый профиль' },
  assignedTo: { en: 'Assigned to', ru: 'Назначен' },
  nowhere: { en: 'nowhere', ru: 'никуда' },
  serverWide: { en: 'server-wide', ru: 'на весь сервер' },
  assign: { en: 'Assign', ru: 'Назначить' },
  assignToTenant: { en: 'Assign to tenant', ru: 'Назначить арендатору' },
  save: { en: 'Save', ru: 'Сохранить' },
  saved: { en: 'Saved.', ru: 'Сохранено.' },
  section: { en: 'Section', ru: 'Раздел' },
  accountDefaults: { en: 'Account defaults', ru: 'Параметры учётных записей по умолчанию' },
  accountDefaultsHelp: {
    en: "For every account of the users this profile applies to; an account's own settings win.",
    ru: 'Для всех учётных записей пользователей, к которым применяется профиль; собственные настройки учётной записи важнее.',
  },
  everyPlatform: { en: 'every platform', ru: 'все платформы' },
  onlyFor: { en: 'only for', ru: 'только для' },
  pinnedTo: { en: 'pinned to {platforms}', ru: 'только для {platforms}' },
  status: { en: 'Status', ru: 'Состояние' },
  fetchLog: { en: 'Fetch log', ru: 'Журнал запросов' },
  device: { en: 'Device', ru: 'Устройство' },
  lastFetch: { en: 'Last fetch', ru: 'Последний запрос' },
  address: { en: 'Address', ru: 'Адрес' },
  time: { en: 'Time', ru: 'Время' },
  outcome: { en: 'Outcome', ru: 'Результат' },
  any: { en: 'any', ru: 'любой' },
  filter: { en: 'Filter', ru: 'Отобрать' },
  noDevice: { en: 'no device yet', ru: 'устройств пока нет' },
  noFetches: { en: 'No fetches recorded.', ru: 'Запросов не записано.' },
  olderFetches: { en: 'Older fetches', ru: 'Более ранние запросы' },
  newestFetches: { en: 'Newest fetches', ru: 'Последние запросы' },
  status_current: { en: 'current', ru: 'актуально' },
  status_stale: { en: 'stale', ru: 'устарело' },
  status_never: { en: 'never fetched', ru: 'не запрашивал' },
  status_disabled: { en: 'disabled', ru: 'отключён' },
  status_nothing_to_serve: { en: 'nothing to serve', ru: 'нечего отправлять' },
  status_revoking: { en: 'accounts being removed', ru: 'учётные записи удаляются' },
  status_removed: { en: 'accounts removed', ru: 'учётные записи удалены' },
} satisfies Record<string, Record<WebLanguage, string>>;

export type TextKey = keyof typeof TEXT;

/** The text in the language, with {name} placeholders filled in (the values are escaped where shown). */
export function text(
  language: WebLanguage,
  key: TextKey,
  values: Record<string, string | number> = {},
): string {
  return TEXT[key][language].replace(/\{(\w+)\}/g, (whole, name: string) =>
    values[name] === undefined ? whole : String(values[name]),
  );
}

/** The language from a choice the person made (cookie), else the browser's Accept-Language. */
export function chooseLanguage(chosen: string | undefined, acceptLanguage: string | undefined): WebLanguage {
  if (chosen !== undefined && (WEB_LANGUAGES as readonly string[]).includes(chosen))
    return chosen as WebLanguage;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.toLowerCase(), q: q === undefined ? 1 : Number(q) };
    })
    .filter((p) => p.tag !== '' && p.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const base = tag.split('-')[0] ?? '';
    if ((WEB_LANGUAGES as readonly string[]).includes(base)) return base as WebLanguage;
  }
  return 'en';
}
