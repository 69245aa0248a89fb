// The message catalogue: every text zprov shows a person, in each language it speaks. Two tables:
// what the person in front of the phone reads when provisioning fails (Zoiper shows the text of the
// <error> reply as it is; a tenant chooses its phones' language), and every word of the
// administration pages (the language chosen by the browser or a switch). Phone texts never say which
// half of the credentials was wrong and never show internals.
import type { RefusalOutcome } from './provisioning-contract.js';

/** The languages phone-facing texts are written in; English is the default. */
export const LANGUAGES = ['en', 'ru'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'en';

export const isLanguage = (value: string): value is Language =>
  (LANGUAGES as readonly string[]).includes(value);

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

export const PHONE_TEXTS: Readonly<Record<Language, PhoneTexts>> = Object.freeze({
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
export function lockedOutMessage(seconds: number, language: Language = DEFAULT_LANGUAGE): string {
  return PHONE_TEXTS[language].lockedOut(Math.ceil(seconds / 60));
}

/** The message for a refused fetch, in the tenant's language. */
export const refusalMessage = (
  outcome: RefusalOutcome,
  retryAfterSeconds?: number,
  language: Language = DEFAULT_LANGUAGE,
): string =>
  outcome === 'locked_out'
    ? lockedOutMessage(retryAfterSeconds ?? 60, language)
    : PHONE_TEXTS[language].messages[outcome];

/**
 * Every word the administration pages show. A page asks for a text by its key (server/admin-web/
 * web-text.ts); a missing translation is a type error, not a blank on screen.
 */
export const PAGE_TEXTS = {
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
  newAccount: { en: 'New account', ru: 'Новая учётная запись' },
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
  makeDefault: { en: 'Make default', ru: 'Сделать основной' },
  unassign: { en: 'Unassign', ru: 'Снять назначение' },
  deleteProfile: { en: 'Delete the profile', ru: 'Удалить профиль' },
  settings: { en: 'Settings', ru: 'Настройки' },
  userProvisionFile: {
    en: 'Download their Provision.xml with this password preset',
    ru: 'Скачать их Provision.xml с этим паролем',
  },
  skipToContent: { en: 'Skip to the content', ru: 'Перейти к содержимому' },
  moreOptions: { en: 'More options', ru: 'Другие параметры' },
  moreOptionsHelp: {
    en: 'Every other option of this kind of account. "Not set" leaves it to the profiles, or to the phone.',
    ru: 'Все остальные параметры учётной записи этого типа. «Не задано» оставляет решение профилям или телефону.',
  },
  accountName: { en: 'Account name in the phone', ru: 'Название учётной записи в телефоне' },
  codecs: { en: 'Codecs', ru: 'Кодеки' },
  codecsHelp: {
    en: 'In order of preference, by name or number: opus,g722,pcmu,pcma. Empty leaves them to the profiles.',
    ru: 'В порядке предпочтения, по названию или номеру: opus,g722,pcmu,pcma. Пусто — решают профили.',
  },
  removeTenant: { en: 'Remove this tenant', ru: 'Удалить арендатора' },
  removeTenantHelp: {
    en: 'Removes the tenant with all its groups, users and accounts; its phones are refused from then on. This cannot be undone: the history keeps the earlier changes but cannot bring a removed tenant back.',
    ru: 'Удаляет арендатора со всеми группами, пользователями и учётными записями; его телефонам с этого момента отказывают. Это необратимо: история сохраняет прежние изменения, но не может вернуть удалённого арендатора.',
  },

  typeSlugToConfirm: { en: 'Type {slug} to confirm', ru: 'Введите {slug} для подтверждения' },
  slugDoesNotMatch: {
    en: 'Type the tenant’s slug, {slug}, exactly.',
    ru: 'Введите код арендатора, {slug}, в точности.',
  },
  provisioningPasswordSection: { en: 'Provisioning password', ru: 'Пароль настройки' },
  newPassword: { en: 'New password', ru: 'Новый пароль' },
  newPasswordHelp: {
    en: 'Leave empty to generate one. Until the rotation window ends the old password keeps working, so phones can pick the new one up, unless you revoke it now.',
    ru: 'Оставьте пустым, чтобы создать пароль автоматически. Пока не кончится окно смены, старый пароль продолжает работать, чтобы телефоны успели получить новый, если не отозвать его сейчас.',
  },
  revokeOld: { en: 'Revoke the old password now', ru: 'Отозвать старый пароль сразу' },
  setPassword: { en: 'Set the password', ru: 'Задать пароль' },
  passwordSet: {
    en: 'The password is set. The old one works until {until}.',
    ru: 'Пароль задан. Старый работает до {until}.',
  },
  passwordSetOldRevoked: {
    en: 'The password is set; the old one no longer works.',
    ru: 'Пароль задан; старый больше не работает.',
  },
  generatedPassword: {
    en: 'The generated password, shown this once:',
    ru: 'Созданный пароль, показан один раз:',
  },
  settingsHelp: {
    en: "What this tenant's Provision.xml files say by default, the language its phones are answered in, and what its branded apps send.",
    ru: 'Что по умолчанию пишется в Provision.xml арендатора, на каком языке отвечают его телефонам и что присылают его фирменные приложения.',
  },
  deleteAccountsBeforehand: {
    en: 'Phones replace their accounts with the served ones (delete_accounts_beforehand)',
    ru: 'Телефоны заменяют свои учётные записи присланными (delete_accounts_beforehand)',
  },
  deleteContactServicesBeforehand: {
    en: 'Phones replace their contact services with the served ones (delete_contact_services_beforehand)',
    ru: 'Телефоны заменяют свои службы контактов присланными (delete_contact_services_beforehand)',
  },
  phoneLanguage: { en: "Language of the phones' error texts", ru: 'Язык сообщений об ошибках на телефонах' },
  oemProviderId: {
    en: 'Zoiper OEM provider id (token links)',
    ru: 'Идентификатор поставщика Zoiper OEM (ссылки с токеном)',
  },
  usernameParam: {
    en: 'URL parameter of the username (branded apps)',
    ru: 'Параметр URL с именем пользователя (фирменные приложения)',
  },
  passwordParam: { en: 'URL parameter of the password', ru: 'Параметр URL с паролем' },
  versionParam: { en: 'URL parameter of the version', ru: 'Параметр URL с версией' },
  provisionFile: {
    en: "Download Provision.xml for this tenant's Desktop phones (they ask for the password)",
    ru: 'Скачать Provision.xml для компьютеров арендатора (пароль спрашивается на телефоне)',
  },
  sinceLastFetch: {
    en: 'What each device of this platform would get since its last fetch',
    ru: 'Что получит каждое устройство этой платформы по сравнению с последним запросом',
  },
  noDeviceOfPlatform: {
    en: 'No device of this platform has fetched yet.',
    ru: 'Устройства этой платформы ещё не запрашивали настройки.',
  },
  notKept: {
    en: 'its last document was not kept (fetched before zprov kept them)',
    ru: 'его последний документ не сохранён (запрошен до того, как zprov начал их сохранять)',
  },
  holdsCurrent: { en: 'holds the current document', ru: 'у него актуальный документ' },
  account: { en: 'Account', ru: 'Учётная запись' },
  accountEditHelp: {
    en: 'A blank password keeps the one it has; an emptied option goes back to what the profiles (or the phone) have.',
    ru: 'Пустой пароль оставляет прежний; очищенный параметр возвращается к значению из профилей (или телефона).',
  },
  importTitle: { en: 'Import', ru: 'Импорт' },
  importHelp: {
    en: "Accounts from the PBX's configuration (pjsip.conf, sip.conf, iax.conf, FreePBX's CSV) or zprov's CSV/JSON. The plan comes first; nothing is written until you run it, and then all of it or nothing.",
    ru: 'Учётные записи из конфигурации АТС (pjsip.conf, sip.conf, iax.conf, CSV FreePBX) или CSV/JSON zprov. Сначала показывается план; ничего не записывается, пока вы его не запустите, и тогда записывается всё или ничего.',
  },
  importFormat: { en: 'Format', ru: 'Формат' },
  importFile: { en: 'File', ru: 'Файл' },
  importMissing: { en: 'Accounts gone from the source', ru: 'Учётные записи, исчезнувшие из источника' },
  importDomain: { en: 'Domain for accounts that name none', ru: 'Домен для учётных записей без домена' },
  importDryRun: { en: 'Show the plan', ru: 'Показать план' },
  importPlan: { en: 'Plan (nothing written yet)', ru: 'План (пока ничего не записано)' },
  importSummary: { en: 'Accounts', ru: 'Учётные записи' },
  importProblems: { en: 'Problems', ru: 'Ошибки и предупреждения' },
  importAdd: { en: 'Added', ru: 'Добавляются' },
  importUpdate: { en: 'Changed', ru: 'Изменяются' },
  importGone: { en: 'Gone from the source', ru: 'Исчезли из источника' },
  importSourceKey: { en: 'Source', ru: 'Источник' },
  importRun: { en: 'Run the import', ru: 'Выполнить импорт' },
  importFixFirst: {
    en: 'The source has errors: fix them and upload it again.',
    ru: 'В источнике есть ошибки: исправьте их и загрузите файл снова.',
  },
  importProgress: { en: 'Import progress', ru: 'Ход импорта' },
  importDone: { en: 'Imported.', ru: 'Импорт выполнен.' },
  importFailed: {
    en: 'The import failed; nothing was written.',
    ru: 'Импорт не удался; ничего не записано.',
  },
  importCredentials: { en: 'Passwords of the users added', ru: 'Пароли добавленных пользователей' },
  importPasswordsOnce: {
    en: 'These provisioning passwords are shown only now and kept only hashed: note them, or make each user an enrolment link instead.',
    ru: 'Эти пароли показываются только сейчас и хранятся только в виде хэша: запишите их или создайте для каждого пользователя ссылку для настройки.',
  },
  groups: { en: 'Groups', ru: 'Группы' },
  group: { en: 'Group', ru: 'Группа' },
  newGroup: { en: 'New group', ru: 'Новая группа' },
  noGroup: { en: 'no group', ru: 'без группы' },
  default: { en: 'Default', ru: 'Основная' },
  actions: { en: 'Actions', ru: 'Действия' },
  remove: { en: 'Remove', ru: 'Удалить' },
  state: { en: 'State', ru: 'Состояние' },
  revoked: {
    en: 'revoked (accounts being taken off the phones)',
    ru: 'отозван (учётные записи удаляются с телефонов)',
  },
  disabled: { en: 'disabled', ru: 'отключён' },
  user_disable: { en: 'Disable', ru: 'Отключить' },
  user_enable: { en: 'Enable', ru: 'Включить' },
  user_revoke: { en: 'Take the accounts off the phones', ru: 'Удалить учётные записи с телефонов' },
  user_remove: { en: 'Remove the user', ru: 'Удалить пользователя' },
  userActionsHelp: {
    en: "Disable: the phones are refused and keep what they have. Take the accounts off: each phone's next fetch removes them, then it is refused. Enable undoes both.",
    ru: 'Отключить: телефонам отказывают, у них остаются прежние настройки. Удалить учётные записи: следующий запрос каждого телефона удалит их, затем ему отказывают. «Включить» отменяет и то, и другое.',
  },
  overlayTitle: { en: "On a phone's Config.xml", ru: 'Поверх Config.xml телефона' },
  overlayHelp: {
    en: "Paste a phone's Config.xml: below is what the phone holds after it applies this document (the tenant's delete_* settings).",
    ru: 'Вставьте Config.xml телефона: ниже то, что будет на телефоне после применения этого документа (настройки delete_* арендатора).',
  },
  overlayRun: { en: 'Show the result', ru: 'Показать результат' },
  overlayResult: { en: 'What the phone holds then', ru: 'Что будет на телефоне' },
  enrolTitle: { en: 'Set up Zoiper', ru: 'Настройка Zoiper' },
  enrolOnce: {
    en: 'This link shows your settings once, on the device you open them on. Open it on the computer or phone you will use Zoiper on.',
    ru: 'Эта ссылка показывает ваши настройки один раз, на том устройстве, где вы их откроете. Откройте её на компьютере или телефоне, где будете пользоваться Zoiper.',
  },
  enrolShow: { en: 'Show my settings', ru: 'Показать мои настройки' },
  enrolShownOnce: {
    en: 'These settings are shown only now. Save the file or note the password before you leave this page.',
    ru: 'Эти настройки показываются только сейчас. Сохраните файл или запишите пароль, прежде чем закрыть страницу.',
  },
  enrolDownload: { en: 'Download Provision.xml', ru: 'Скачать Provision.xml' },
  enrolWhere: {
    en: 'Zoiper reads Provision.xml when it starts, from the first of these places that has one:',
    ru: 'Zoiper читает Provision.xml при запуске из первого места, где он есть:',
  },
  enrolWhereStart: { en: 'the folder Zoiper is started in;', ru: 'папка, из которой запускается Zoiper;' },
  enrolWhereExecutable: { en: "the folder of Zoiper's program file;", ru: 'папка с программой Zoiper;' },
  enrolWhereData: { en: "Zoiper's data folder:", ru: 'папка данных Zoiper:' },
  enrol_unknown: { en: 'This link is not valid', ru: 'Ссылка недействительна' },
  enrol_used: { en: 'This link has been used already', ru: 'Эта ссылка уже использована' },
  enrol_expired: { en: 'This link has expired', ru: 'Срок действия ссылки истёк' },
  enrolAsk: {
    en: 'Ask the administrator of your phone service ({tenant}) for a new link.',
    ru: 'Попросите новую ссылку у администратора вашей телефонной службы ({tenant}).',
  },
  enrolment: { en: 'Setting up a phone', ru: 'Настройка телефона' },
  enrolmentHelp: {
    en: 'A one-time link for the user: it shows their settings once and then stops working. Send it by mail or show the QR code; it holds no password.',
    ru: 'Одноразовая ссылка для пользователя: она один раз показывает настройки и перестаёт работать. Отправьте её по почте или покажите QR-код; пароля в ней нет.',
  },
  newEnrolmentLink: { en: 'Make an enrolment link', ru: 'Создать ссылку для настройки' },
  newTokenLink: {
    en: 'Make a link for the branded app (token)',
    ru: 'Создать ссылку для фирменного приложения (токен)',
  },
  enrolmentLink: { en: 'Link, valid until {until}', ru: 'Ссылка, действует до {until}' },
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
  assignTitle: { en: 'Assign this profile', ru: 'Назначить профиль' },
  assignHelp: {
    en: 'A layer has one profile: assigning this one replaces the profile the layer had. Server-wide comes first, then the tenant, the group and the user, each overriding the one before. Name the group or the user for those layers.',
    ru: 'У слоя один профиль: назначение заменяет прежний профиль слоя. Сначала профиль сервера, затем арендатора, группы и пользователя; каждый следующий перекрывает предыдущий. Для слоёв группы и пользователя укажите группу или пользователя.',
  },
  layer: { en: 'Layer', ru: 'Слой' },
  importFragment: { en: 'Import a Config.xml fragment', ru: 'Импорт фрагмента Config.xml' },
  importFragmentHelp: {
    en: 'Paste or upload a Config.xml (or part of one). Merging keeps the options the fragment does not name; replacing leaves only the fragment’s.',
    ru: 'Вставьте или загрузите Config.xml (или его часть). При слиянии остаются параметры, которых во фрагменте нет; при замене остаются только параметры фрагмента.',
  },
  orUpload: { en: 'or upload a file', ru: 'или загрузите файл' },
  importMode: { en: 'How', ru: 'Как' },
  importMerge: { en: 'merge over the profile’s options', ru: 'слить с параметрами профиля' },
  importReplace: { en: 'replace the profile’s options', ru: 'заменить параметры профиля' },
  importFragmentRun: { en: 'Import', ru: 'Импортировать' },
  fragmentMissing: {
    en: 'Paste a Config.xml fragment or choose a file.',
    ru: 'Вставьте фрагмент Config.xml или выберите файл.',
  },
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
} satisfies Record<string, Record<Language, string>>;
