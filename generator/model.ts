/** The checked, resolved form of the schemas that the emitters work from. */

export type Series = 1 | 2 | 'streaming';

export type IntType = 'uint8' | 'uint16' | 'uint32' | 'uint64' | 'int8' | 'int16' | 'int32';

export type FieldType =
  | IntType | 'ipv4' | 'ipv6' | 'uuid' | 'mac' | 'bytes' | 'string'
  | 'block' | 'string-block' | 'blob-block' | 'list' | 'generic-list' | 'struct' | 'array';

export type Primitive = 'string' | 'blob' | 'list' | 'generic-list';

/** Where a definition came from, for error messages. */
export interface Origin {
  readonly file: string;
  readonly line: number;
  readonly path: string;
}

/** Block choices of a `block:` or `of:` key: named blocks, or every block of the series. */
export type BlockChoice =
  | { readonly any: true }
  | { readonly any: false; readonly names: string[] };

export interface Field {
  readonly name: string;
  readonly key: string;
  readonly type: FieldType;
  readonly origin: Origin;
  /** Fixed byte size, when the field has one. */
  readonly size: number | undefined;
  readonly length: string | undefined;
  readonly count: string | undefined;
  readonly choice: BlockChoice | undefined;
  readonly struct: string | undefined;
  readonly enumName: string | undefined;
  /** Series named on the field itself, for block fields outside any block. */
  readonly series: Series | undefined;
  readonly doc: string | undefined;
  /** Set on a field whose value is the length or count of a later field. */
  holds: { readonly key: string; readonly what: 'length' | 'count' } | undefined;
}

export interface EnumDef {
  readonly name: string;
  readonly title: string | undefined;
  readonly flags: boolean;
  readonly values: ReadonlyArray<readonly [number, string]>;
}

export interface StructDef {
  readonly name: string;
  readonly title: string;
  readonly fields: Field[];
  readonly origin: Origin;
}

export interface BlockDef {
  readonly name: string;
  readonly title: string;
  readonly series: Series;
  readonly type: number;
  readonly status: 'current' | 'legacy';
  readonly release: string | undefined;
  readonly primitive: Primitive | undefined;
  /** Extended-request event type and versions that ask for this block. */
  readonly request: { readonly event: number; readonly versions: number[] } | undefined;
  /** A block whose fields come first (a newer version that only adds fields at the end). */
  readonly extends: string | undefined;
  readonly fields: Field[];
  readonly origin: Origin;
}

export interface RecordDef {
  readonly type: number;
  readonly name: string;
  readonly category: string;
  /** Extended-request event type that streams this record. */
  readonly event: number | undefined;
  /** Request flag bit that must be set for the record to be sent. */
  readonly flag: number | undefined;
  /** Discovery event type and subtype in the record's discovery header. */
  readonly discovery: { readonly event: number; readonly subtype: number } | undefined;
  readonly header: string | undefined;
  readonly payload: string[] | undefined;
  readonly fields: Field[] | undefined;
  /** TypeScript type names by payload block name, where not `<Block>Record` (see resolve). */
  readonly typeNames: Map<string, string>;
  readonly origin: Origin;
}

export interface MessageDef {
  readonly type: number;
  readonly name: string;
  readonly direction: string | undefined;
  readonly body: 'record' | 'bundle' | undefined;
  readonly fields: Field[] | undefined;
  readonly origin: Origin;
}

export interface Model {
  readonly enums: Map<string, EnumDef>;
  readonly structs: Map<string, StructDef>;
  readonly blocks: Map<string, BlockDef>;
  readonly records: RecordDef[];
  readonly messages: MessageDef[];
}

export const INT_SIZE: Record<IntType, number> = {
  uint8: 1, uint16: 2, uint32: 4, uint64: 8, int8: 1, int16: 2, int32: 4,
};

export const FIXED_SIZE: Partial<Record<FieldType, number>> = {
  ...INT_SIZE, ipv4: 4, ipv6: 16, uuid: 16, mac: 6,
};

export function isInt(type: FieldType): type is IntType {
  return type in INT_SIZE;
}
