// Asterisk's .conf syntax as Asterisk's own loader reads it, shared by the pjsip.conf, sip.conf and
// iax.conf importers: sections, `(!)` templates and inheritance, `(+)` additions, `;` and `;-- --;`
// comments, `key = value` and `key => value`, #include and #tryinclude. Pure: an included file's text
// comes from a callback the adapter passes in, so reading stays the adapter's job.
import type { ImportProblem, SourcePosition } from './imported-account.js';

/** A file's text and the name the user gave it (problems and records name it so). */
export interface ConfSource {
  readonly file: string;
  readonly text: string;
}

/**
 * The text of an included file, or undefined when there is none. `name` is as the #include line writes
 * it (relative names are the callback's to resolve, against `includedFrom`, the including file's name).
 */
export type ReadConfFile = (name: string, includedFrom: string) => string | undefined;

export interface ConfSetting {
  readonly key: string;
  readonly value: string;
  /** Where the setting is written (an inherited one: in its template), `field` being its key. */
  readonly at: SourcePosition;
}

export interface ConfSection {
  readonly name: string;
  readonly at: SourcePosition;
  /** `[name](!)`: a template other sections inherit from, never a record itself. */
  readonly template: boolean;
  /** The sections named in `[name](a,b)`, in order. */
  readonly inherits: readonly string[];
  /** The inherited settings first (template by template), then the section's own and its `(+)` additions. */
  readonly settings: readonly ConfSetting[];
  /** False when a template it names is missing, so its settings are not all known. */
  readonly complete: boolean;
}

export interface AsteriskConfig {
  readonly sections: readonly ConfSection[];
  readonly problems: readonly ImportProblem[];
}

/** Bounds on what one read takes in, so a hostile or runaway file cannot exhaust memory. */
export interface ConfLimits {
  /** A line (so a setting's value) longer than this stops the read. */
  readonly maxLineChars: number;
  readonly maxSections: number;
  /** Settings held in all, each inherited copy counted (a big template inherited often multiplies). */
  readonly maxSettings: number;
  /** Asterisk's own limit on nested #include. */
  readonly maxIncludeDepth: number;
  readonly maxIncludedFiles: number;
  /** Characters of every file read, included ones too. */
  readonly maxTotalChars: number;
  /** Problems reported before the read gives up on the source. */
  readonly maxProblems: number;
}

export const CONF_LIMITS: ConfLimits = Object.freeze({
  maxLineChars: 64 * 1024,
  maxSections: 200_000,
  maxSettings: 2_000_000,
  maxIncludeDepth: 10,
  maxIncludedFiles: 1_000,
  maxTotalChars: 64 * 1024 * 1024,
  maxProblems: 10_000,
});

export interface ConfReadOptions {
  readonly readFile?: ReadConfFile;
  readonly limits?: Partial<ConfLimits>;
}

interface OpenSection {
  readonly name: string;
  readonly at: SourcePosition;
  readonly template: boolean;
  readonly inherits: string[];
  readonly settings: ConfSetting[];
  complete: boolean;
}

/** Reads a configuration file and what it includes into sections, with every problem met on the way. */
export function readAsteriskConfig(source: ConfSource, options: ConfReadOptions = {}): AsteriskConfig {
  const reader = new ConfReader(options.readFile, { ...CONF_LIMITS, ...options.limits });
  reader.readFile(source.file, source.text, 0);
  return reader.result();
}

class ConfReader {
  private readonly sections: OpenSection[] = [];
  /** Sections by name, in order: a name may repeat (pjsip.conf's endpoint, aor and auth share one). */
  private readonly named = new Map<string, OpenSection[]>();
  private settingCount = 0;
  private readonly problems: ImportProblem[] = [];
  /** Where settings go: a section, none yet, or nowhere (its header was refused, already reported). */
  private current: OpenSection | 'none' | 'dropped' = 'none';
  /** The files being read, outermost first, to catch include cycles. */
  private readonly including: string[] = [];
  private includedFiles = 0;
  private totalChars = 0;
  private stopped = false;

  constructor(
    private readonly read: ReadConfFile | undefined,
    private readonly limits: ConfLimits,
  ) {}

  result(): AsteriskConfig {
    const sections = this.sections.map((s): ConfSection => ({
      name: s.name,
      at: s.at,
      template: s.template,
      inherits: s.inherits,
      settings: s.settings,
      complete: s.complete,
    }));
    return { sections, problems: this.problems };
  }

  readFile(file: string, text: string, depth: number): void {
    this.totalChars += text.length;
    if (this.totalChars > this.limits.maxTotalChars) {
      this.stop(`more than ${this.limits.maxTotalChars} characters in all; reading stopped`, {
        file,
        line: 0,
      });
      return;
    }
    this.including.push(file);
    // Block comments do not run on from one file into another.
    let nesting = 0;
    let openedOn = 0;
    const lines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(/\r\n?|\n/);
    for (let i = 0; i < lines.length && !this.stopped; i++) {
      const line = lines[i] as string;
      const at: SourcePosition = { file, line: i + 1 };
      if (line.length > this.limits.maxLineChars) {
        this.stop(`line longer than ${this.limits.maxLineChars} characters; reading stopped`, at);
        break;
      }
      const before = nesting;
      const stripped = stripComments(line, nesting);
      nesting = stripped.nesting;
      if (before === 0 && nesting > 0) openedOn = i + 1;
      this.line(stripped.text.trim(), at, depth);
    }
    if (nesting > 0 && !this.stopped)
      this.warn('block comment (;--) never closed (--;); the rest of the file is comment', {
        file,
        line: openedOn,
      });
    this.including.pop();
  }

  private line(text: string, at: SourcePosition, depth: number): void {
    if (text === '') return;
    if (text.startsWith('#')) this.directive(text, at, depth);
    else if (text.startsWith('[')) this.header(text, at);
    else this.setting(text, at);
  }

  private directive(text: string, at: SourcePosition, depth: number): void {
    const match = /^#([A-Za-z]+)\s*(.*)$/.exec(text);
    const word = match?.[1]?.toLowerCase();
    const argument = unquote((match?.[2] ?? '').trim());
    if (word === 'exec' || word === 'tryexec') {
      this.warn(`#${word} is not run here; what it would add is missing`, at);
      return;
    }
    if (word !== 'include' && word !== 'tryinclude') {
      this.error(`unknown directive '${text.split(/\s/)[0] ?? text}'`, at);
      return;
    }
    if (argument === '') {
      this.error(`#${word} names no file`, at);
      return;
    }
    if (this.including.includes(argument)) {
      this.error(
        `include cycle: ${[...this.including, argument].map((f) => `'${f}'`).join(' → ')}; not read again`,
        at,
      );
      return;
    }
    if (depth + 1 > this.limits.maxIncludeDepth) {
      this.error(`includes nest deeper than ${this.limits.maxIncludeDepth}; '${argument}' not read`, at);
      return;
    }
    if (this.includedFiles >= this.limits.maxIncludedFiles) {
      this.stop(`more than ${this.limits.maxIncludedFiles} included files; reading stopped`, at);
      return;
    }
    const included = this.read?.(argument, at.file);
    if (included === undefined) {
      if (word === 'include') this.error(`cannot read included file '${argument}'`, at);
      return;
    }
    this.includedFiles++;
    this.readFile(argument, included, depth + 1);
  }

  private header(text: string, at: SourcePosition): void {
    const match = /^\[([^\]]*)\](.*)$/.exec(text);
    const name = match?.[1]?.trim() ?? '';
    let rest = match?.[2] ?? '';
    if (match === null || name === '') {
      this.error(match === null ? 'section header without its closing ]' : 'section without a name', at);
      this.current = 'dropped';
      return;
    }
    let flags: string[] = [];
    if (rest.startsWith('(')) {
      const close = rest.indexOf(')');
      if (close < 0) {
        this.error(`section [${name}]: options without their closing )`, at);
        this.current = 'dropped';
        return;
      }
      flags = rest
        .slice(1, close)
        .split(',')
        .map((f) => f.trim())
        .filter((f) => f !== '');
      rest = rest.slice(close + 1);
    }
    if (rest.trim() !== '') {
      // Asterisk reads options only right after the ]: `[a] (!)` is a plain section named a.
      this.warn(
        /^\s+\(/.test(rest)
          ? `section [${name}]: '${rest.trim()}' after a space is ignored (no space may come before the options)`
          : `section [${name}]: '${rest.trim()}' after the name is ignored`,
        at,
      );
    }
    const addition = flags.find((f) => f.startsWith('+'));
    let section: OpenSection;
    if (addition !== undefined) {
      const target = this.additionTarget(name, addition.slice(1));
      if (target === undefined) {
        this.error(`[${name}](${addition}) adds to a section that is not defined above`, at, name);
        this.current = 'dropped';
        return;
      }
      section = target;
    } else {
      if (this.sections.length >= this.limits.maxSections) {
        this.stop(`more than ${this.limits.maxSections} sections; reading stopped`, at);
        return;
      }
      section = { name, at, template: flags.includes('!'), inherits: [], settings: [], complete: true };
      this.sections.push(section);
      const same = this.named.get(name);
      if (same === undefined) this.named.set(name, [section]);
      else same.push(section);
    }
    for (const base of flags.filter((f) => f !== '!' && !f.startsWith('+'))) {
      // A template must come before the sections that use it; it may itself inherit (its settings
      // already hold what it inherited).
      const template = this.named.get(base)?.find((s) => s !== section);
      section.inherits.push(base);
      if (template === undefined) {
        this.error(`[${name}] inherits from '${base}', which is not defined above`, at, name);
        section.complete = false;
        continue;
      }
      if (!template.complete) section.complete = false;
      for (const setting of template.settings) if (!this.hold(section, setting, at)) return;
    }
    this.current = section;
  }

  /** `(+)`: the first section of that name; `(+type=aor)`: the first whose setting matches. */
  private additionTarget(name: string, filter: string): OpenSection | undefined {
    const eq = filter.indexOf('=');
    const key = filter.slice(0, eq).trim().toLowerCase();
    const value = filter.slice(eq + 1).trim();
    return this.named
      .get(name)
      ?.find(
        (s) =>
          eq < 0 ||
          s.settings.some((setting) => setting.key.toLowerCase() === key && setting.value === value),
      );
  }

  private setting(text: string, at: SourcePosition): void {
    const eq = text.indexOf('=');
    const key = eq < 0 ? '' : text.slice(0, eq).trim();
    if (eq < 0 || key === '') {
      this.error(
        eq < 0
          ? `'${clip(text)}' is neither a section, a setting (key = value), a comment nor a directive`
          : `'${clip(text)}': a setting without a name`,
        at,
      );
      return;
    }
    // `key => value` is Asterisk's object syntax; it reads like `key = value`.
    const raw = text.slice(eq + 1);
    const value = (raw.startsWith('>') ? raw.slice(1) : raw).trim();
    if (this.current === 'dropped') return;
    if (this.current === 'none') {
      this.error(`setting '${key}' before any [section]`, at);
      return;
    }
    this.hold(this.current, { key, value, at: { ...at, field: key } }, at);
  }

  /** Adds a setting to a section unless that makes too many; false when the read stops. */
  private hold(section: OpenSection, setting: ConfSetting, at: SourcePosition): boolean {
    if (++this.settingCount > this.limits.maxSettings) {
      this.stop(
        `more than ${this.limits.maxSettings} settings (inherited ones counted); reading stopped`,
        at,
      );
      return false;
    }
    section.settings.push(setting);
    return true;
  }

  private error(message: string, at: SourcePosition, key?: string): void {
    this.report({ severity: 'error', message, at, ...(key === undefined ? {} : { key }) });
  }

  private warn(message: string, at: SourcePosition): void {
    this.report({ severity: 'warning', message, at });
  }

  private report(problem: ImportProblem): void {
    if (this.stopped) return;
    if (this.problems.length >= this.limits.maxProblems) {
      this.stopped = true;
      this.problems.push({
        severity: 'error',
        message: `more than ${this.limits.maxProblems} problems; reading stopped`,
        at: problem.at,
      });
      return;
    }
    this.problems.push(problem);
  }

  private stop(message: string, at: SourcePosition): void {
    this.error(message, at);
    this.stopped = true;
  }
}

/**
 * The line without its comments: `;` to the end of the line, `;-- … --;` blocks (which nest and may
 * span lines; `;---` is a plain comment), and `\;` standing for a literal semicolon.
 */
function stripComments(line: string, nesting: number): { text: string; nesting: number } {
  if (nesting === 0 && !line.includes(';')) return { text: line, nesting };
  let text = '';
  let from = 0;
  let i = 0;
  while (i < line.length) {
    if (nesting > 0) {
      if (line.startsWith('--;', i)) {
        nesting--;
        i += 3;
        from = i;
      } else if (opensBlock(line, i)) {
        nesting++;
        i += 3;
      } else i++;
      continue;
    }
    const semicolon = line.indexOf(';', i);
    if (semicolon < 0) break;
    if (semicolon > 0 && line[semicolon - 1] === '\\') {
      text += line.slice(from, semicolon - 1) + ';';
      i = from = semicolon + 1;
    } else if (opensBlock(line, semicolon)) {
      text += line.slice(from, semicolon);
      nesting++;
      i = semicolon + 3;
    } else {
      return { text: text + line.slice(from, semicolon), nesting };
    }
  }
  return { text: nesting === 0 ? text + line.slice(from) : text, nesting };
}

const opensBlock = (line: string, i: number) => line.startsWith(';--', i) && line[i + 3] !== '-';

/** `#include "file"` and `#include <file>` name the file between the marks. */
function unquote(text: string): string {
  if (
    text.length >= 2 &&
    ((text[0] === '"' && text.endsWith('"')) || (text[0] === '<' && text.endsWith('>')))
  )
    return text.slice(1, -1).trim();
  return text;
}

const clip = (text: string) => (text.length > 60 ? `${text.slice(0, 60)}…` : text);

// Reading settings, the way Asterisk's modules do: keys ignore case, and the last of a repeated
// single-valued key wins (a section's own settings come after the inherited ones).

export const settingsNamed = (settings: readonly ConfSetting[], key: string): ConfSetting[] =>
  settings.filter((s) => s.key.toLowerCase() === key);

export function lastSetting(settings: readonly ConfSetting[], key: string): ConfSetting | undefined {
  for (let i = settings.length - 1; i >= 0; i--) {
    const setting = settings[i] as ConfSetting;
    if (setting.key.toLowerCase() === key) return setting;
  }
  return undefined;
}

export const lastValue = (settings: readonly ConfSetting[], key: string): string | undefined =>
  lastSetting(settings, key)?.value;

/** Asterisk's ast_true: yes, true, y, t, 1, on (any case). */
export const isTrue = (value: string | undefined): boolean =>
  value !== undefined && ['yes', 'true', 'y', 't', '1', 'on'].includes(value.trim().toLowerCase());
