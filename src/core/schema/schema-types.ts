// The shape of a Zoiper format schema: a tree of sections, lists and free-form subtrees whose leaves
// are typed options. Schema nodes are tagged unions so code that walks them is checked exhaustively.

export type ScalarValue = string | number | boolean;

export type OptionType = 'integer' | 'string' | 'boolean' | 'datetime' | 'enum' | 'text_enum';

export type Platform = 'windows' | 'macos' | 'linux';

export interface EnumValue {
  readonly value: string | number;
  readonly meaning?: string;
  /** The vendor says some builds lack this value. */
  readonly notAllVersions?: boolean;
  readonly platforms?: readonly Platform[];
  readonly deprecated?: boolean;
}

/** One condition under which an option is meaningful; `option` is a sibling name or a root path. */
export interface Condition {
  readonly option: string;
  readonly equals?: ScalarValue;
  readonly in?: readonly ScalarValue[];
  readonly matches?: string;
}

export interface ConditionalDefault {
  readonly when: string;
  readonly value: ScalarValue;
}

export interface OptionSpec {
  readonly kind: 'option';
  readonly type: OptionType;
  readonly values?: readonly EnumValue[];
  readonly default?: ScalarValue;
  readonly defaultAlt?: readonly ConditionalDefault[];
  readonly defaultNote?: string;
  /** Inclusive bounds, only where the vendor states them. */
  readonly min?: number;
  readonly max?: number;
  readonly unit?: string;
  /** A hint such as host[:port], port, password, file_path, account_ident. */
  readonly format?: string;
  readonly dependsOn?: readonly Condition[];
  /** Account protocols or contact-service types the option belongs to; null or absent: not stated. */
  readonly appliesTo?: readonly string[] | null;
  readonly platforms?: readonly Platform[];
  readonly unique?: boolean;
  readonly immutable?: boolean;
  readonly fixedValue?: ScalarValue;
  readonly placeholders?: Readonly<Record<string, string>>;
  /** The vendor's documentation contradicts itself here; see docs/schema-decisions.md. */
  readonly conflict?: boolean;
  /** True for credentials: masked in diffs and logs. */
  readonly secret: boolean;
  readonly doc?: string;
}

export interface SectionSpec {
  readonly kind: 'section';
  readonly options: Readonly<Record<string, OptionSpec>>;
  readonly sections: Readonly<Record<string, NodeSpec>>;
  readonly appliesTo?: readonly string[] | null;
  readonly platforms?: readonly Platform[];
  readonly conflict?: boolean;
  readonly doc?: string;
}

export interface VariantSpec {
  readonly options: Readonly<Record<string, OptionSpec>>;
  readonly sections?: Readonly<Record<string, NodeSpec>>;
  readonly overrides?: Readonly<
    Record<string, { readonly default?: ScalarValue; readonly fixedValue?: ScalarValue }>
  >;
  readonly platforms?: readonly Platform[];
  readonly doc?: string;
}

/** A container whose children are repeated `item` elements, each shaped like a section. */
export interface ListSpec {
  readonly kind: 'list';
  readonly item: string;
  /**
   * Other element names read as items too, kept as written (the ZRTP lists: the vendor's example
   * writes <hash_algorithm> in all five; see docs/schema-decisions.md).
   */
  readonly itemAliases?: readonly string[];
  readonly options: Readonly<Record<string, OptionSpec>>;
  readonly sections: Readonly<Record<string, NodeSpec>>;
  /** The item option whose value selects extra options (account protocol, contact-service type). */
  readonly variantBy?: string;
  readonly variants?: Readonly<Record<string, VariantSpec>>;
  readonly defaultItems?: readonly Readonly<Record<string, ScalarValue>>[];
  readonly appliesTo?: readonly string[] | null;
  readonly platforms?: readonly Platform[];
  readonly conflict?: boolean;
  readonly doc?: string;
}

export type SubtreePropertyType = 'boolean' | 'integer' | 'string' | 'subtree';

/** A free-form typed tree (gui/custom_properties): element names are free, each carries a type attribute. */
export interface SubtreeSpec {
  readonly kind: 'subtree';
  readonly attribute: { readonly name: string; readonly value: string; readonly required: boolean };
  readonly childRule: {
    readonly attribute: string;
    readonly required: boolean;
    readonly allowedValues: readonly SubtreePropertyType[];
    readonly recursive?: string;
  };
  readonly conflict?: boolean;
  readonly doc?: string;
}

export type NodeSpec = SectionSpec | ListSpec | SubtreeSpec;

export interface DocumentSchema {
  readonly root: string;
  readonly sections: Readonly<Record<string, NodeSpec>>;
}
