import { fieldSize, fixedSize, primitiveFor } from './resolve.js';
import type { BlockDef, Field, Model, RecordDef, Series } from './model.js';

/**
 * The generated functions each decode one "layout": a run of fields, possibly after fixed
 * header parts. This module names them and answers the questions every emitter asks.
 */

export function blockFn(kind: 'decode' | 'encode', b: BlockDef): string {
  return `${kind}${b.name}`;
}

export function structFn(kind: 'decode' | 'encode', name: string): string {
  return `${kind}${name}`;
}

export function seriesTag(series: Series): string {
  return series === 'streaming' ? 'Streaming' : `S${series}`;
}

export function anyFn(kind: 'decode' | 'encode', series: Series): string {
  return `${kind}AnyBlock${seriesTag(series)}`;
}

export function choiceFn(kind: 'decode' | 'encode', names: string[]): string {
  return `${kind}OneOf${names.join('')}`;
}

/** Name of the decode or encode function for a record (and one of its payload blocks). */
export function recordFn(kind: 'decode' | 'encode', rec: RecordDef, block?: BlockDef): string {
  return block ? `${kind}Record${rec.type}Block${block.type}` : `${kind}Record${rec.type}`;
}

export function messageFn(kind: 'decode' | 'encode', type: number): string {
  return `${kind}Message${type}`;
}

/** Blocks a `block:`/`of:` field may hold, and the block type to require (or -1: dispatch). */
export function choiceBlocks(model: Model, f: Field, series: Series): BlockDef[] {
  if (!f.choice) return [];
  if (f.choice.any) return [...model.blocks.values()].filter((b) => b.series === series);
  return f.choice.names.map((n) => model.blocks.get(n)!);
}

export function listType(model: Model, f: Field, series: Series): number {
  return primitiveFor(model, series, f.type)!.type;
}

export function structFields(model: Model, name: string): Field[] {
  return model.structs.get(name)!.fields;
}

/**
 * A record's header struct as one nested field. It is nested rather than flattened because
 * header and payload share names (the discovery header and connection block both carry a
 * Device ID).
 */
export function headerField(model: Model, rec: RecordDef): Field[] {
  if (!rec.header) return [];
  const s = model.structs.get(rec.header)!;
  return [{
    name: s.title, key: headerKey(rec.header), type: 'struct', origin: s.origin,
    size: fixedSize(model, s.fields), length: undefined, count: undefined, choice: undefined,
    struct: rec.header, enumName: undefined, series: undefined, doc: undefined, holds: undefined,
  }];
}

export function headerKey(struct: string): string {
  return struct[0]!.toLowerCase() + struct.slice(1);
}

export function headerSize(model: Model, rec: RecordDef): number {
  return rec.header ? fixedSize(model, structFields(model, rec.header))! : 0;
}

export { fieldSize, fixedSize };

export function payloadBlocks(model: Model, rec: RecordDef): BlockDef[] {
  return (rec.payload ?? []).map((n) => model.blocks.get(n)!);
}

export function visible(f: Field): boolean {
  return f.holds === undefined;
}
