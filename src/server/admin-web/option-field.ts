// A form field for one Config.xml option, made from the core's schema: a boolean is a checkbox, an
// enum a select listing each value with its documented meaning, a number a text field that states
// its range and unit, a secret a password field; the schema's help text sits beside it, and the
// core's validation error, when the last submission had one, under it.
import type { OptionSpec } from '../../core/index.js';
import { html, type Html } from './html.js';
import type { Language } from '../../services/messages.js';
import { text } from './web-text.js';

export interface FieldState {
  /** The value to show: what was submitted, or what is stored. */
  readonly value?: string;
  readonly error?: string;
  /**
   * A profile's field: "not set" is a choice of its own (the option stays whatever lies below), so a
   * boolean is a select of not set, true and false, and an enum starts with not set.
   */
  readonly optional?: boolean;
  /** Said beside the label (a pin to platforms). */
  readonly note?: string;
  /** Controls added after the field's own (a pin select). */
  readonly extra?: Html;
}

export function optionField(
  language: Language,
  name: string,
  label: string,
  spec: OptionSpec,
  state: FieldState = {},
): Html {
  const id = `field-${name}`;
  const describedBy = [
    spec.doc === undefined && spec.unit === undefined && spec.min === undefined ? '' : `${id}-help`,
    state.error === undefined ? '' : `${id}-error`,
  ]
    .filter((s) => s !== '')
    .join(' ');
  const common = html` id="${id}"
  name="${name}"${describedBy === '' ? '' : html` aria-describedby="${describedBy}"`}${state.error === undefined ? '' : html` aria-invalid="true"`}`;
  let control: Html;
  const notSet = text(language, 'notSet');
  if (spec.type === 'boolean' && state.optional === true) {
    const current = state.value ?? '';
    control = html`<select${common}>${['', 'true', 'false'].map(
      (v) => html`<option value="${v}" ${v === current ? ' selected' : ''}>${v === '' ? notSet : v}</option>`,
    )}</select>`;
  } else if (spec.type === 'boolean') {
    const checked = (state.value ?? String(spec.default ?? false)) === 'true';
    // An unchecked box sends nothing: the hidden field before it sends false.
    control = html`<input type="hidden" name="${name}" value="false" /><input
        type="checkbox"
        value="true"
        ${common}${checked ? ' checked' : ''}
      />`;
  } else if ((spec.type === 'enum' || spec.type === 'text_enum') && spec.values !== undefined) {
    const current =
      state.value ?? (spec.default === undefined || state.optional === true ? '' : String(spec.default));
    control = html`<select${common}>${state.optional === true ? html`<option value="" ${current === '' ? ' selected' : ''}>${notSet}</option>` : ''}${spec.values.map(
      (v) =>
        html`<option value="${String(v.value)}" ${String(v.value) === current ? ' selected' : ''}>
          ${String(v.value)}${v.meaning === undefined ? '' : ` — ${v.meaning}`}
        </option>`,
    )}</select>`;
  } else if (spec.type === 'integer') {
    control = html`<input type="text" inputmode="numeric" value="${state.value ?? ''}" ${common} />`;
  } else {
    const type = spec.secret ? 'password' : 'text';
    control = html`<input
      type="${type}"
      value="${spec.secret ? '' : (state.value ?? '')}"
      autocomplete="${spec.secret ? 'new-password' : 'off'}"
      ${common}
    />`;
  }
  const range =
    spec.min !== undefined && spec.max !== undefined
      ? text(language, 'range', { min: spec.min, max: spec.max })
      : undefined;
  const help = [spec.doc, range, spec.unit].filter((s): s is string => s !== undefined).join(' · ');
  return html`<div class="field">
    <label for="${id}">${label}</label>
    ${control} ${help === '' ? '' : html`<p class="help" id="${id}-help">${help}</p>`}
    ${state.error === undefined ? '' : html`<p class="error" id="${id}-error" role="alert">${state.error}</p>`}
  </div>`;
}

/** A plain labelled text field (names, slugs, passwords that are not Config.xml options). */
export function textField(
  label: string,
  name: string,
  state: FieldState & { readonly type?: 'text' | 'password' | 'search'; readonly required?: boolean } = {},
): Html {
  const id = `field-${name}`;
  return html`<div class="field">
    <label for="${id}">${label}</label>
    <input
      type="${state.type ?? 'text'}"
      id="${id}"
      name="${name}"
      value="${state.type === 'password' ? '' : (state.value ?? '')}"
      ${state.required === true ? ' required' : ''}${state.error === undefined ? '' : html` aria-invalid="true" aria-describedby="${id}-error"`}
    />
    ${state.error === undefined ? '' : html`<p class="error" id="${id}-error" role="alert">${state.error}</p>`}
  </div>`;
}

/** A labelled checkbox that sends true when checked and false when not (the hidden field before it). */
export const checkboxField = (name: string, label: string, checked: boolean): Html =>
  html`<div class="field">
    <input type="hidden" name="${name}" value="false" />
    <input type="checkbox" id="field-${name}" name="${name}" value="true" ${checked ? ' checked' : ''} />
    <label for="field-${name}" class="inline-label">${label}</label>
  </div>`;

/**
 * A Config.xml (or a fragment of one) pasted into a text area or uploaded as a file: the text area
 * `name`, with the refusal under it, and the file field `${name}-file`. configText reads it back.
 */
export function configXmlFields(
  language: Language,
  name: string,
  state: { readonly text?: string; readonly error?: string; readonly rows?: number } = {},
): Html {
  const id = `field-${name}`;
  return html`<div class="field">
      <label for="${id}">Config.xml</label>
      <textarea
        id="${id}"
        name="${name}"
        rows="${String(state.rows ?? 10)}"
        cols="100"
        ${state.error === undefined ? '' : html`aria-invalid="true" aria-describedby="${id}-error"`}
      >
${state.text ?? ''}</textarea>
      ${state.error === undefined ? '' : html`<p class="error" id="${id}-error" role="alert">${state.error}</p>`}
    </div>
    <div class="field">
      <label for="${id}-file">${text(language, 'orUpload')}</label>
      <input type="file" id="${id}-file" name="${name}-file" accept=".xml,application/xml,text/xml" />
    </div>`;
}
