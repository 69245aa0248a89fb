import { describe, expect, it } from 'vitest';
import { LANGUAGES, PHONE_TEXTS, refusalMessage } from '../../src/services/messages.js';

describe('phone messages', () => {
  it('words every refusal in every language, none left empty or in another language', () => {
    const keys = Object.keys(PHONE_TEXTS.en.messages).sort();
    for (const language of LANGUAGES) {
      const messages = PHONE_TEXTS[language].messages;
      expect(Object.keys(messages).sort()).toEqual(keys);
      for (const text of Object.values(messages)) expect(text.trim()).not.toBe('');
    }
    for (const text of Object.values(PHONE_TEXTS.ru.messages)) expect(text).toMatch(/[а-яё]/i);
  });

  it('says when to try again in whole minutes, with the Russian plural', () => {
    expect(refusalMessage('locked_out', 59, 'en')).toBe(
      'Too many failed attempts. Please try again in 1 minute.',
    );
    expect(refusalMessage('locked_out', 61, 'en')).toMatch(/in 2 minutes\.$/);
    const ru = (minutes: number) => refusalMessage('locked_out', minutes * 60, 'ru');
    expect(ru(1)).toMatch(/через 1 минуту\.$/);
    expect(ru(3)).toMatch(/через 3 минуты\.$/);
    expect(ru(5)).toMatch(/через 5 минут\.$/);
    expect(ru(11)).toMatch(/через 11 минут\.$/);
    expect(ru(21)).toMatch(/через 21 минуту\.$/);
    expect(ru(24)).toMatch(/через 24 минуты\.$/);
    expect(refusalMessage('wrong_password')).toBe(PHONE_TEXTS.en.messages.wrong_password);
  });
});
