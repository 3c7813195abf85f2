import { choiceBlocks, seriesTag } from './layouts.js';
import { recordName } from './naming.js';
import type { BlockDef, Field, Model, Series } from './model.js';

/** TypeScript type text of one decoded field. */
export function fieldType(model: Model, outer: Series | undefined, f: Field): string {
  const series = f.series ?? outer;
  switch (f.type) {
    case 'uint64': return 'number | bigint';
    case 'uint8': case 'uint16': case 'uint32': case 'int8': case 'int16': case 'int32':
      return 'number';
    case 'block': return blockUnion(model, series!, f);
    case 'list':
    case 'generic-list': return `Array<${blockUnion(model, series!, f)}>`;
    case 'struct': return f.struct!;
    case 'array': return `${f.struct!}[]`;
    default: return 'string';
  }
}

function blockUnion(model: Model, series: Series, f: Field): string {
  if (f.choice!.any) return anyType(series);
  const blocks = choiceBlocks(model, f, series);
  if (blocks.length === 1) return blocks[0]!.name;
  return `${blocks.map((b) => b.name).join(' | ')} | UnknownBlock`;
}

export function anyType(series: Series): string {
  return `AnyBlock${seriesTag(series)}`;
}

export interface Prop {
  readonly name: string;
  readonly type: string;
  readonly docs?: string[];
  readonly hasQuestionToken?: boolean;
}

export function fieldProps(model: Model, series: Series | undefined, fields: readonly Field[]):
  Prop[] {
  return fields.filter((f) => !f.holds).map((f) => ({
    name: f.key, type: fieldType(model, series, f),
    docs: [f.doc ? `${f.name}: ${f.doc}` : f.name],
  }));
}

/** Properties of a decoded block: the block type, then its fields or primitive content. */
export function blockProps(model: Model, b: BlockDef): Prop[] {
  const head: Prop = { name: 'blockType', type: String(b.type) };
  switch (b.primitive) {
    case 'string': return [head, { name: 'text', type: 'string' }];
    case 'blob': return [head, { name: 'data', type: 'string', docs: ['hex'] }];
    case 'list':
    case 'generic-list': return [head, { name: 'items', type: `${anyType(b.series)}[]` }];
    default: return [head, ...fieldProps(model, b.series, b.fields)];
  }
}

export function recordTypeNames(model: Model): string[] {
  const names: string[] = [];
  for (const rec of model.records) {
    if (!rec.payload) names.push(recordName(rec));
    for (const n of rec.payload ?? []) names.push(recordName(rec, model.blocks.get(n)!));
  }
  return names;
}
