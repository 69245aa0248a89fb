// Small constructors that keep the schema files readable: `bool({ default: false })` rather than
// a full object literal with its kind and type spelled out.
import type {
  EnumValue,
  ListSpec,
  OptionSpec,
  OptionType,
  SectionSpec,
  SubtreeSpec,
} from './schema-types.js';

type OptionProps = Omit<OptionSpec, 'kind' | 'type' | 'secret' | 'values'>;
type EnumProps = OptionProps & { readonly values: readonly EnumValue[] };

function option(type: OptionType, props: OptionProps & { values?: readonly EnumValue[] }): OptionSpec {
  return Object.freeze({ kind: 'option', type, secret: props.format === 'password', ...props });
}

export const bool = (props: OptionProps): OptionSpec => option('boolean', props);
export const int = (props: OptionProps): OptionSpec => option('integer', props);
export const str = (props: OptionProps): OptionSpec => option('string', props);
export const datetime = (props: OptionProps): OptionSpec => option('datetime', props);
/** An integer code taken from a list of values (codec ids, ZRTP ids, password_format). */
export const codeEnum = (props: EnumProps): OptionSpec => option('enum', props);
/** A string taken from a list of values (sip/iax2, udp/tcp/tls, ...). */
export const textEnum = (props: EnumProps): OptionSpec => option('text_enum', props);

export function section(
  props: Omit<SectionSpec, 'kind' | 'sections'> & Partial<Pick<SectionSpec, 'sections'>>,
): SectionSpec {
  return Object.freeze({ kind: 'section', sections: {}, ...props });
}

export function list(
  item: string,
  props: Omit<ListSpec, 'kind' | 'item' | 'sections'> & Partial<Pick<ListSpec, 'sections'>>,
): ListSpec {
  return Object.freeze({ kind: 'list', item, sections: {}, ...props });
}

export function subtree(props: Omit<SubtreeSpec, 'kind'>): SubtreeSpec {
  return Object.freeze({ kind: 'subtree', ...props });
}
