/** Shapes of the generated registry tables. */

export type SeriesId = 1 | 2 | 'streaming';

export interface RecordTypeInfo {
  readonly type: number;
  readonly name: string;
  readonly category: string;
  /** Extended-request event type that streams this record. */
  readonly event: number | undefined;
  /** Request flag bit the record also needs (packets: bit 0). */
  readonly flag: number | undefined;
  /** Discovery event type and subtype its discovery header carries (New Host: 1000/1). */
  readonly discovery: { readonly event: number; readonly subtype: number } | undefined;
  /** Payload block types, for records whose body is one block. */
  readonly blocks: readonly number[];
}

export interface BlockTypeInfo {
  readonly series: SeriesId;
  readonly type: number;
  readonly name: string;
  readonly title: string;
  readonly status: 'current' | 'legacy';
  /** Extended-request event type and versions that ask for this block. */
  readonly request: { readonly event: number; readonly versions: readonly number[] } | undefined;
}

export interface MessageTypeInfo {
  readonly type: number;
  readonly name: string;
  readonly body: 'record' | 'bundle' | undefined;
}

export interface FieldInfo {
  readonly key: string;
  readonly type: string;
  readonly size?: number;
  readonly enumName?: string;
  readonly struct?: string;
  readonly blocks?: 'any' | readonly string[];
  readonly holds?: { readonly key: string; readonly what: 'length' | 'count' };
  readonly length?: string;
  readonly count?: string;
}

export interface RecordLayoutInfo {
  readonly type: number;
  /** LAYOUT_FIELDS key of a record made of plain fields. */
  readonly layout: string | undefined;
  readonly header: string | undefined;
  readonly payload: readonly string[];
}
