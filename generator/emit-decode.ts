import {
  anyFn, blockFn, choiceBlocks, choiceFn, fieldSize, listType, structFn, visible,
} from './layouts.js';
import { primitiveFor } from './resolve.js';
import type { Field, Model, Series } from './model.js';

/**
 * Emits the statements that decode a run of fields. Fields at offsets known in advance are
 * read inline into the object literal (`v.getUint32(o + 12)`); from the first variable-size
 * field on, a running offset `p` takes over and each run of fixed fields is bounds-checked
 * once. The result is straight-line code: no loops over the schema, no closures per field.
 */
export interface DecodeBody {
  /** Statements to run before the object literal. */
  readonly pre: string[];
  /** `key: expression` entries of the object literal, in field order. */
  readonly props: string[];
  /** The fixed prefix as [key, offset, size, kind] rows, for error reports. */
  readonly table: string[];
  /** Byte size of the fixed prefix, counted from the body start. */
  readonly prefix: number;
  /** Expression for the offset just past the last field. */
  readonly consumed: string;
}

const FIXED_KIND = new Set(['uint8', 'uint16', 'uint32', 'uint64', 'int8', 'int16', 'int32',
  'ipv4', 'ipv6', 'uuid', 'mac', 'bytes', 'string']);

export function at(base: string, off: number): string {
  return off === 0 ? base : `${base} + ${off}`;
}

/** Expression reading a fixed-size field at position expression `pos`. */
export function readExpr(model: Model, f: Field, pos: string): string {
  switch (f.type) {
    case 'uint8': return `v.getUint8(${pos})`;
    case 'uint16': return `v.getUint16(${pos})`;
    case 'uint32': return `v.getUint32(${pos})`;
    case 'int8': return `v.getInt8(${pos})`;
    case 'int16': return `v.getInt16(${pos})`;
    case 'int32': return `v.getInt32(${pos})`;
    case 'uint64': return `readUint64(v, ${pos})`;
    case 'ipv4': return `formatIpv4(b, ${pos})`;
    case 'ipv6': return `formatIpv6(b, ${pos})`;
    case 'uuid': return `formatUuid(b, ${pos})`;
    case 'mac': return `formatMac(b, ${pos})`;
    case 'bytes': return `formatHex(b, ${pos}, ${pos} + ${f.size})`;
    case 'string': return `formatText(b, ${pos}, ${pos} + ${f.size})`;
    case 'struct': {
      const size = fieldSize(model, f)!;
      return `${structFn('decode', f.struct!)}(v, b, ${pos}, ${pos} + ${size})`;
    }
    default: throw new Error(`no fixed read for ${f.type}`);
  }
}

export class BodyEmitter {
  private readonly pre: string[] = [];
  private readonly props: string[] = [];
  private readonly table: string[] = [];
  private fixed = true;
  private off: number;
  private prefix = 0;

  /**
   * @param start offset of the first field from `o`
   * @param end expression for the end of the enclosing layout
   * @param where error context string literal (already quoted); checks of one field add the
   *   field's key to it
   */
  constructor(
    private readonly model: Model,
    private readonly series: Series | undefined,
    start: number,
    private readonly end: string,
    private readonly where: string,
  ) {
    this.off = start;
  }

  /** Adds a table row and prop for a value that is not a schema field (block type). */
  fixedWord(key: string, expr: string, show: boolean): void {
    this.table.push(`['${key}', ${this.off}, 4, '${show ? 'uint32' : 'skip'}']`);
    if (show) this.props.push(`${key}: ${expr}`);
    this.off += 4;
  }

  fields(fields: readonly Field[]): this {
    for (let i = 0; i < fields.length; i++) {
      if (!this.fixed && fieldSize(this.model, fields[i]!) !== undefined) {
        i = this.fixedRun(fields, i) - 1;
        continue;
      }
      const f = fields[i]!;
      if (this.fixed && fieldSize(this.model, f) !== undefined) this.fixedField(f);
      else this.variableField(f);
    }
    if (this.fixed) this.prefix = this.off;
    return this;
  }

  result(): DecodeBody {
    return { pre: this.pre, props: this.props, table: this.table, prefix: this.prefix,
      consumed: this.fixed ? at('o', this.off) : 'p' };
  }

  private fixedField(f: Field): void {
    const size = fieldSize(this.model, f)!;
    const kind = FIXED_KIND.has(f.type) ? f.type : 'skip';
    if (f.type === 'struct') {
      this.table.push(`['${f.key}', ${this.off}, ${size}, 'struct', T_${f.struct}]`);
    } else {
      this.table.push(`['${f.key}', ${this.off}, ${size}, '${visible(f) ? kind : 'skip'}']`);
    }
    this.value(f, readExpr(this.model, f, at('o', this.off)));
    this.off += size;
  }

  /** Holders and fields read after `p` exists go to locals; the rest inline in the literal. */
  private value(f: Field, expr: string): void {
    if (f.holds || !this.fixed) {
      this.pre.push(`const f_${f.key} = ${expr};`);
      if (visible(f)) this.props.push(`${f.key}: f_${f.key}`);
    } else {
      this.props.push(`${f.key}: ${expr}`);
    }
  }

  private switchToCursor(): void {
    if (!this.fixed) return;
    this.prefix = this.off;
    this.fixed = false;
    this.pre.push(`let p = ${at('o', this.off)};`);
  }

  /** A run of fixed fields after `p` exists: one bounds check, then reads at p + k. */
  private fixedRun(fields: readonly Field[], from: number): number {
    let size = 0;
    let to = from;
    while (to < fields.length && fieldSize(this.model, fields[to]!) !== undefined) {
      size += fieldSize(this.model, fields[to]!)!;
      to++;
    }
    this.pre.push(`need(p, ${size}, ${this.end}, ${this.at(fields[from]!)});`);
    let k = 0;
    for (let i = from; i < to; i++) {
      const f = fields[i]!;
      this.value(f, readExpr(this.model, f, at('p', k)));
      k += fieldSize(this.model, f)!;
    }
    this.pre.push(`p += ${size};`);
    return to;
  }

  private variableField(f: Field): void {
    this.switchToCursor();
    const local = `f_${f.key}`;
    this.pre.push(...this.variableRead(f, local));
    this.props.push(`${f.key}: ${local}`);
  }

  private variableRead(f: Field, local: string): string[] {
    const end = this.end;
    const where = this.at(f);
    const len = f.length === 'rest' ? `${end} - p` : f.length ? `f_${f.length}` : undefined;
    const lenLocal = `l_${f.key}`;
    switch (f.type) {
      case 'bytes':
      case 'string': {
        const fmt = f.type === 'bytes' ? 'formatHex' : 'formatText';
        return [`need(p, ${len}, ${end}, ${where});`, `const ${local} = ${fmt}(b, p, p + ${len});`,
          `p += ${len};`];
      }
      case 'string-block':
      case 'blob-block': {
        const prim = primitiveFor(this.model, this.seriesOf(f), f.type)!;
        const fmt = f.type === 'blob-block' ? 'formatHex' : 'formatText';
        return [`const ${lenLocal} = typedBlockLength(v, p, ${end}, ${prim.type}, ${where});`,
          `const ${local} = ${fmt}(b, p + 8, p + ${lenLocal});`, `p += ${lenLocal};`];
      }
      case 'block': return this.blockRead(f, local, lenLocal);
      case 'list':
      case 'generic-list': return this.listRead(f, local, lenLocal);
      case 'array': return this.arrayRead(f, local, len);
      default: throw new Error(`unexpected variable field type ${f.type}`);
    }
  }

  private blockRead(f: Field, local: string, lenLocal: string): string[] {
    const blocks = choiceBlocks(this.model, f, this.seriesOf(f));
    const single = !f.choice!.any && blocks.length === 1;
    const check = single
      ? `typedBlockLength(v, p, ${this.end}, ${blocks[0]!.type}, ${this.at(f)})`
      : `blockLength(v, p, ${this.end}, ${this.at(f)})`;
    const fn = single ? blockFn('decode', blocks[0]!) : this.dispatchFn(f);
    return [`const ${lenLocal} = ${check};`, `const ${local} = ${fn}(v, b, p, p + ${lenLocal});`,
      `p += ${lenLocal};`];
  }

  private listRead(f: Field, local: string, lenLocal: string): string[] {
    const blocks = choiceBlocks(this.model, f, this.seriesOf(f));
    const single = !f.choice!.any && blocks.length === 1;
    const elemType = single ? blocks[0]!.type : -1;
    const fn = single ? blockFn('decode', blocks[0]!) : this.dispatchFn(f);
    const lt = listType(this.model, f, this.seriesOf(f));
    return [`const ${lenLocal} = typedBlockLength(v, p, ${this.end}, ${lt}, ${this.at(f)});`,
      `const ${local} = readBlocks(v, b, p + 8, p + ${lenLocal}, ${elemType}, ${fn}, ${
        this.at(f)});`,
      `p += ${lenLocal};`];
  }

  private arrayRead(f: Field, local: string, len: string | undefined): string[] {
    const size = fieldSize(this.model, { ...f, type: 'struct', length: undefined,
      count: undefined })!;
    const fn = structFn('decode', f.struct!);
    const bytes = f.count ? `f_${f.count} * ${size}` : len!;
    return [`need(p, ${bytes}, ${this.end}, ${this.at(f)});`,
      `const ${local} = readStructs(v, b, p, p + ${bytes}, ${size}, ${fn}, ${this.at(f)});`,
      `p += ${bytes};`];
  }

  /** The error context of one field: the layout's, then `, field key`. */
  private at(f: Field): string {
    return `${this.where.slice(0, -1)}, field ${f.key}'`;
  }

  private seriesOf(f: Field): Series {
    return (f.series ?? this.series)!;
  }

  private dispatchFn(f: Field): string {
    if (f.choice!.any) return anyFn('decode', this.seriesOf(f));
    return choiceFn('decode', f.choice!.names);
  }
}
