import { anyFn, blockFn, choiceBlocks, choiceFn, listType, structFn } from './layouts.js';
import { INT_SIZE, isInt, type Field, type Model, type Series } from './model.js';
import { primitiveFor } from './resolve.js';

/**
 * Emits the statements that write a run of fields of the value `x`. A field that holds the
 * length of a later field is written as a placeholder and patched once that field is written;
 * a count holder is written from the array's length.
 */
export function encodeStatements(
  model: Model, series: Series | undefined, fields: readonly Field[], where: string,
): string[] {
  const out: string[] = [];
  const byKey = new Map(fields.map((f) => [f.key, f]));

  for (const f of fields) {
    if (f.holds?.what === 'length') {
      out.push(`const s_${f.key} = w.pos;`, `${writeInt(f, '0')};`);
      continue;
    }
    if (f.holds?.what === 'count') {
      out.push(`${writeInt(f, `x.${f.holds.key}.length`)};`);
      continue;
    }
    const holder = f.length && f.length !== 'rest' ? byKey.get(f.length) : undefined;
    if (holder) out.push(`const t_${f.key} = w.pos;`);
    out.push(...writeField(model, series, f, `x.${f.key}`, where));
    if (holder) {
      const width = INT_SIZE[holder.type as keyof typeof INT_SIZE];
      out.push(`w.patch(s_${holder.key}, ${width}, w.pos - t_${f.key});`);
    }
  }
  return out;
}

function writeInt(f: Field, value: string): string {
  const method = { uint8: 'u8', uint16: 'u16', uint32: 'u32', uint64: 'u64', int8: 'i8',
    int16: 'i16', int32: 'i32' }[f.type as keyof typeof INT_SIZE];
  return `w.${method}(${value})`;
}

function writeField(
  model: Model, series: Series | undefined, f: Field, value: string, where: string,
): string[] {
  if (isInt(f.type)) return [`${writeInt(f, value)};`];
  series = f.series ?? series;
  const w = `${where}.${f.key}`;
  switch (f.type) {
    case 'ipv4':
    case 'ipv6':
    case 'uuid':
    case 'mac': return [`w.${f.type}(${value}, '${w}');`];
    case 'bytes':
      return [f.size ? `w.hex(${value}, '${w}', ${f.size});` : `w.hex(${value}, '${w}');`];
    case 'string':
      return [f.size ? `w.fixedText(${value}, ${f.size}, '${w}');` : `w.raw(textBytes(${value}));`];
    case 'string-block':
    case 'blob-block': {
      const prim = primitiveFor(model, series!, f.type)!;
      const data = f.type === 'string-block' ? `textBytes(${value})` : `hexBytes(${value}, '${w}')`;
      return [`w.blockOf(${prim.type}, ${data});`];
    }
    case 'block': return [`${encoderFor(model, series!, f)}(w, ${value});`];
    case 'list':
    case 'generic-list': {
      const lt = listType(model, f, series!);
      return [`{`, `  const s = w.beginBlock(${lt});`,
        `  for (const item of ${value}) ${encoderFor(model, series!, f)}(w, item);`,
        `  w.endBlock(s);`, `}`];
    }
    case 'struct': return [`${structFn('encode', f.struct!)}(w, ${value});`];
    case 'array':
      return [`for (const item of ${value}) ${structFn('encode', f.struct!)}(w, item);`];
    default: throw new Error(`no writer for ${f.type}`);
  }
}

function encoderFor(model: Model, series: Series, f: Field): string {
  if (f.choice!.any) return anyFn('encode', series);
  const blocks = choiceBlocks(model, f, series);
  return blocks.length === 1 ? blockFn('encode', blocks[0]!) : choiceFn('encode', f.choice!.names);
}
