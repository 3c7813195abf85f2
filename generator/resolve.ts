import { dotted } from './validate.js';
import { camelKey, pascal, recordName } from './naming.js';
import {
  FIXED_SIZE, isInt,
  type BlockChoice, type BlockDef, type EnumDef, type Field, type FieldType, type MessageDef,
  type Model, type Origin, type RecordDef, type Series, type StructDef,
} from './model.js';
import { SchemaError, type SchemaSource } from './source.js';

/* Raw shapes as the JSON Schema admits them. */
type Raw = Record<string, unknown>;
type Path = (string | number)[];

/** Keys that the generated objects use for themselves. */
const RESERVED_KEYS = new Set(['recordType', 'recordName', 'recordLength', 'archiveTimestamp',
  'reserved', 'netmapId', 'blockType', 'messageType', 'messageName', 'unknown', 'raw']);

/** The record header structs define the reserved keys themselves. */
const HEADER_STRUCTS = new Set(['RecordHeader', 'ArchivalRecordHeader']);

const SERIES_TYPES = new Set<FieldType>(['string-block', 'blob-block', 'list', 'generic-list']);

class Resolver {
  readonly model: Model = {
    enums: new Map(), structs: new Map(), blocks: new Map(), records: [], messages: [],
  };
  private readonly names = new Map<string, Origin>();

  fail(origin: Origin, what: string): never {
    throw new SchemaError(origin.file, origin.line, origin.path, what);
  }

  origin(src: SchemaSource, path: Path): Origin {
    return { file: src.file, line: src.line(path), path: dotted(path, src.data) };
  }

  claimName(name: string, origin: Origin): void {
    const prior = this.names.get(name);
    if (prior) this.fail(origin, `name ${name} is already defined at ${prior.file}:${prior.line}`);
    this.names.set(name, origin);
  }

  addFile(src: SchemaSource): void {
    const data = src.data as Raw;
    const each = (list: string, fn: (item: Raw, path: Path) => void) =>
      ((data[list] as Raw[] | undefined) ?? []).forEach((item, i) => fn(item, [list, i]));

    each('enums', (e, path) => this.addEnum(src, e, path));
    each('structs', (s, path) => this.addStruct(src, s, path));
    each('blocks', (b, path) => this.addBlock(src, b, path));
    each('records', (r, path) => this.addRecord(src, r, path));
    each('messages', (m, path) => this.addMessage(src, m, path));
  }

  addEnum(src: SchemaSource, raw: Raw, path: Path): void {
    const origin = this.origin(src, path);
    this.claimName(raw.name as string, origin);
    const values = Object.entries(raw.values as Record<string, string>)
      .map(([k, v]) => [Number(k), v] as const)
      .sort((a, b) => a[0] - b[0]);
    this.model.enums.set(raw.name as string, {
      name: raw.name as string, title: raw.title as string | undefined,
      flags: raw.flags === true, values,
    } satisfies EnumDef);
  }

  addStruct(src: SchemaSource, raw: Raw, path: Path): void {
    const origin = this.origin(src, path);
    this.claimName(raw.name as string, origin);
    this.model.structs.set(raw.name as string, {
      name: raw.name as string, title: (raw.title as string | undefined) ?? (raw.name as string),
      fields: this.fields(src, raw.fields as Raw[], [...path, 'fields']), origin,
    } satisfies StructDef);
  }

  addBlock(src: SchemaSource, raw: Raw, path: Path): void {
    const origin = this.origin(src, path);
    this.claimName(raw.name as string, origin);
    const block: BlockDef = {
      name: raw.name as string, title: raw.title as string, series: raw.series as Series,
      type: raw.type as number, status: raw.status as BlockDef['status'],
      release: raw.release as string | undefined,
      primitive: raw.primitive as BlockDef['primitive'],
      request: raw.request as BlockDef['request'], extends: raw.extends as string | undefined,
      fields: this.fields(src, raw.fields as Raw[], [...path, 'fields']), origin,
    };
    if (block.primitive && block.fields.length > 0) {
      this.fail(origin, `primitive ${block.primitive} block lists fields; leave them empty`);
    }
    this.model.blocks.set(block.name, block);
  }

  addRecord(src: SchemaSource, raw: Raw, path: Path): void {
    const origin = this.origin(src, path);
    this.model.records.push({
      type: raw.type as number, name: raw.name as string, category: raw.category as string,
      event: raw.event as number | undefined, flag: raw.flag as number | undefined,
      discovery: raw.discovery as RecordDef['discovery'],
      header: raw.header as string | undefined, payload: raw.payload as string[] | undefined,
      fields: raw.fields ? this.fields(src, raw.fields as Raw[], [...path, 'fields']) : undefined,
      typeNames: new Map(), origin,
    } satisfies RecordDef);
  }

  addMessage(src: SchemaSource, raw: Raw, path: Path): void {
    const origin = this.origin(src, path);
    this.model.messages.push({
      type: raw.type as number, name: raw.name as string,
      direction: raw.direction as string | undefined,
      body: raw.body as MessageDef['body'],
      fields: raw.fields ? this.fields(src, raw.fields as Raw[], [...path, 'fields']) : undefined,
      origin,
    } satisfies MessageDef);
  }

  fields(src: SchemaSource, list: Raw[], path: Path): Field[] {
    return list.map((raw, i) => this.field(src, raw, [...path, i]));
  }

  field(src: SchemaSource, raw: Raw, path: Path): Field {
    const origin = this.origin(src, path);
    const type = raw.type as FieldType;
    const size = (raw.size as number | undefined) ?? FIXED_SIZE[type];
    const ref = (raw.block ?? raw.of) as string | string[] | undefined;
    const choice: BlockChoice | undefined = ref === undefined ? undefined
      : ref === 'any' ? { any: true }
      : { any: false, names: typeof ref === 'string' ? [ref] : ref };
    return {
      name: raw.name as string,
      key: (raw.key as string | undefined) ?? camelKey(raw.name as string),
      type, origin, size: type === 'bytes' || type === 'string' ? raw.size as number | undefined
        : size,
      length: raw.length as string | undefined, count: raw.count as string | undefined,
      choice, struct: raw.struct as string | undefined, enumName: raw.enum as string | undefined,
      series: raw.series as Series | undefined,
      doc: raw.doc as string | undefined, holds: undefined,
    };
  }
}

/** Builds the model from parsed files and checks everything JSON Schema cannot. */
export function resolveModel(sources: SchemaSource[]): Model {
  const r = new Resolver();
  for (const src of sources) r.addFile(src);
  expandExtends(r);
  new Checker(r).run();
  return r.model;
}

/** Puts each base block's fields (copies, expanded first) before the fields of its extension. */
function expandExtends(r: Resolver): void {
  const done = new Set<string>();
  const expand = (blk: BlockDef, chain: string[]): void => {
    if (done.has(blk.name) || !blk.extends) return;
    if (chain.includes(blk.name)) r.fail(blk.origin, `extends itself: ${chain.join(' > ')}`);
    const base = r.model.blocks.get(blk.extends);
    if (!base) r.fail(blk.origin, `extends ${blk.extends}, which is not a defined block`);
    if (base.series !== blk.series) {
      r.fail(blk.origin, `extends ${base.name} of series ${base.series}, not ${blk.series}`);
    }
    expand(base, [...chain, blk.name]);
    blk.fields.unshift(...base.fields.map((f) => ({ ...f, holds: undefined })));
    done.add(blk.name);
  };
  for (const blk of r.model.blocks.values()) expand(blk, []);
}

class Checker {
  constructor(private readonly r: Resolver) {}

  get model(): Model {
    return this.r.model;
  }

  run(): void {
    this.uniqueNumbers();
    for (const s of this.model.structs.values()) {
      if (!HEADER_STRUCTS.has(s.name)) this.checkFields(s.fields, undefined, s.name);
    }
    for (const b of this.model.blocks.values()) this.checkFields(b.fields, b.series, b.name);
    for (const rec of this.model.records) this.checkRecord(rec);
    this.nameSharedPayloads();
    for (const m of this.model.messages) {
      if (m.fields) this.checkFields(m.fields, undefined, m.name);
    }
    for (const name of ['RecordHeader', 'ArchivalRecordHeader']) {
      if (!this.model.structs.has(name)) {
        throw new SchemaError('schemas/messages', 1, '', `struct ${name} is not defined`);
      }
    }
  }

  uniqueNumbers(): void {
    const seen = new Map<string, Origin>();
    const claim = (key: string, what: string, origin: Origin) => {
      const prior = seen.get(key);
      if (prior) this.r.fail(origin, `${what} is already defined at ${prior.file}:${prior.line}`);
      seen.set(key, origin);
    };
    for (const b of this.model.blocks.values()) {
      claim(`b${b.series}/${b.type}`, `series ${b.series} block type ${b.type}`, b.origin);
      if (b.primitive) claim(`p${b.series}/${b.primitive}`, `${b.primitive} primitive of series ${
        b.series}`, b.origin);
    }
    for (const rec of this.model.records) claim(`r${rec.type}`, `record type ${rec.type}`,
      rec.origin);
    for (const m of this.model.messages) claim(`m${m.type}`, `message type ${m.type}`, m.origin);
  }

  checkRecord(rec: RecordDef): void {
    const keys = new Set<string>();
    if (rec.header) {
      const header = this.model.structs.get(rec.header);
      if (!header) this.r.fail(rec.origin, `header ${rec.header} is not a defined struct`);
      if (fixedSize(this.model, header.fields) === undefined) {
        this.r.fail(rec.origin, `header ${rec.header} must have a fixed size`);
      }
    }
    if (rec.fields) {
      this.checkFields(rec.fields, undefined, `record ${rec.type}`);
      rec.fields.forEach((f) => this.claimKey(keys, f));
    }
    const series = new Set<Series>();
    for (const name of rec.payload ?? []) {
      const block = this.model.blocks.get(name);
      if (!block) this.r.fail(rec.origin, `payload block ${name} is not defined`);
      series.add(block.series);
      const blockKeys = new Set(keys);
      block.fields.forEach((f) => this.claimKey(blockKeys, f));
    }
    if (series.size > 1) this.r.fail(rec.origin, 'payload blocks must all be of one series');
  }

  /**
   * A payload block carried by several record types (one metadata block for many records)
   * would give them all the type `<Block>Record`. A record whose only payload it is takes its
   * own name instead; of the records that carry it among others, the lowest numbered keeps
   * `<Block>Record` and the others prefix their own name.
   */
  nameSharedPayloads(): void {
    const carriers = new Map<string, RecordDef[]>();
    for (const rec of this.model.records) {
      for (const name of rec.payload ?? []) carriers.set(name, [...carriers.get(name) ?? [], rec]);
    }
    for (const [block, recs] of carriers) {
      if (recs.length < 2) continue;
      const many = recs.filter((r) => r.payload!.length > 1).sort((a, b) => a.type - b.type);
      for (const rec of recs) {
        if (rec.payload!.length === 1) rec.typeNames.set(block, `${pascal(rec.name)}Record`);
        else if (rec !== many[0]) rec.typeNames.set(block, `${pascal(rec.name)}${block}Record`);
      }
    }
    const seen = new Map<string, RecordDef>();
    for (const rec of this.model.records) {
      const names = rec.payload?.map((b) => recordName(rec, this.model.blocks.get(b)))
        ?? [recordName(rec)];
      for (const name of names) {
        const prior = seen.get(name);
        if (prior && prior !== rec) {
          this.r.fail(rec.origin, `records ${prior.type} and ${rec.type} would both be ${name}`);
        }
        seen.set(name, rec);
      }
    }
  }

  claimKey(keys: Set<string>, f: Field): void {
    if (keys.has(f.key)) this.r.fail(f.origin, `key ${f.key} is used twice in one object`);
    keys.add(f.key);
  }

  checkFields(fields: Field[], series: Series | undefined, owner: string): void {
    const keys = new Set<string>();
    fields.forEach((f, i) => {
      if (RESERVED_KEYS.has(f.key)) this.r.fail(f.origin, `key ${f.key} is reserved`);
      this.claimKey(keys, f);
      this.checkField(f, fields.slice(0, i), i === fields.length - 1, series, owner);
    });
  }

  checkField(f: Field, before: Field[], last: boolean, outer: Series | undefined,
    owner: string): void {
    const series = f.series ?? outer;
    const fail = (what: string): never => this.r.fail(f.origin, what);

    if (f.enumName && !this.model.enums.has(f.enumName)) fail(`enum ${f.enumName} is not defined`);
    if (f.enumName && !isInt(f.type)) fail('only integer fields can name an enum');
    if ((f.type === 'bytes' || f.type === 'string') && (f.size === undefined) ===
      (f.length === undefined)) {
      fail(`${f.type} needs exactly one of size and length`);
    }
    if (f.length === 'rest' && !last) fail('length: rest is only allowed on the last field');
    if (f.length && f.length !== 'rest') this.bindHolder(f, f.length, before, 'length');
    if (f.count) this.bindHolder(f, f.count, before, 'count');

    if (SERIES_TYPES.has(f.type)) {
      if (series === undefined) return fail(`${f.type} needs the series of an enclosing block`);
      const prim = primitiveFor(this.model, series, f.type);
      if (!prim) fail(`series ${series} declares no ${f.type.replace('-block', '')} primitive`);
    }
    if (f.type === 'block' || f.type === 'list' || f.type === 'generic-list') {
      this.checkChoice(f, series, owner);
    }
    if (f.type === 'struct' || f.type === 'array') this.checkStructRef(f);
  }

  bindHolder(f: Field, key: string, before: Field[], what: 'length' | 'count'): void {
    const holder = before.find((b) => b.key === key);
    if (!holder) this.r.fail(f.origin, `${what} names ${key}, which is not an earlier field`);
    if (!isInt(holder.type) || holder.type === 'uint64') {
      this.r.fail(f.origin, `${what} field ${key} must be an integer of at most 32 bits`);
    }
    if (holder.holds) this.r.fail(f.origin, `${key} already holds the ${holder.holds.what} of ${
      holder.holds.key}`);
    holder.holds = { key: f.key, what };
  }

  checkChoice(f: Field, series: Series | undefined, owner: string): void {
    if (!f.choice) this.r.fail(f.origin, `${f.type} needs ${f.type === 'block' ? 'block' : 'of'}`);
    if (f.choice.any) {
      if (series === undefined) this.r.fail(f.origin, `${owner}: any needs an enclosing series`);
      return;
    }
    for (const name of f.choice.names) {
      if (!this.model.blocks.has(name)) this.r.fail(f.origin, `block ${name} is not defined`);
    }
  }

  checkStructRef(f: Field): void {
    if (!f.struct) this.r.fail(f.origin, `${f.type} needs struct`);
    const s = this.model.structs.get(f.struct);
    if (!s) this.r.fail(f.origin, `struct ${f.struct} is not defined`);
    if (fixedSize(this.model, s.fields) === undefined) {
      this.r.fail(f.origin, `struct ${f.struct} must have a fixed size to be nested`);
    }
    if (f.type === 'array' && (f.count === undefined) === (f.length === undefined)) {
      this.r.fail(f.origin, 'array needs exactly one of count and length');
    }
  }
}

export function primitiveFor(model: Model, series: Series, type: FieldType): BlockDef | undefined {
  const want = type === 'string-block' ? 'string' : type === 'blob-block' ? 'blob' : type;
  for (const b of model.blocks.values()) if (b.series === series && b.primitive === want) return b;
  return undefined;
}

/** The byte size of a field list, or undefined when any field is variable. */
export function fixedSize(model: Model, fields: readonly Field[]): number | undefined {
  let total = 0;
  for (const f of fields) {
    const size = fieldSize(model, f);
    if (size === undefined) return undefined;
    total += size;
  }
  return total;
}

export function fieldSize(model: Model, f: Field): number | undefined {
  if (f.type === 'struct') {
    const s = model.structs.get(f.struct!);
    return s ? fixedSize(model, s.fields) : undefined;
  }
  if (f.length !== undefined || f.count !== undefined) return undefined;
  return f.size;
}
