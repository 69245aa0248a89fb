import { describe, expect, it } from 'vitest';
import { countSchema, desktopConfigSchema } from '../../src/core/index.js';

describe('desktop configuration schema', () => {
  it('holds every section and option definition of the reference (41 sections, 284 options)', () => {
    expect(countSchema(desktopConfigSchema.sections)).toEqual({ sections: 41, options: 284 });
  });

  it('has the 25 top-level sections', () => {
    expect(Object.keys(desktopConfigSchema.sections)).toHaveLength(25);
  });

  it('counts options per top-level section as the reference does', () => {
    const perSection = Object.fromEntries(
      Object.entries(desktopConfigSchema.sections).map(([name, node]) => [
        name,
        countSchema({ [name]: node }).options,
      ]),
    );
    expect(perSection).toMatchObject({
      general: 35,
      audio: 24,
      accounts: 92,
      contact_services: 31,
      gui: 7,
      proxy: 7,
      codecs: 6,
    });
  });

  it('marks every password-format option as a secret', () => {
    const accounts = desktopConfigSchema.sections['accounts'];
    expect(accounts?.kind === 'list' && accounts.options['password']?.secret).toBe(true);
  });
});
