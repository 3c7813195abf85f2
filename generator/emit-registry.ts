import { type SourceFile } from 'ts-morph';
import { pascalMessage } from './emit-decoders.js';
import {
  fixedSize, headerSize, messageFn, payloadBlocks, recordFn, structFields,
} from './layouts.js';
import { recordName } from './naming.js';
import type { Field, Model } from './model.js';

const json = (x: unknown): string => JSON.stringify(x);

/** Tables of every record, block, message and enumeration the schemas define. */
export function emitRegistry(file: SourceFile, model: Model): void {
  const records = model.records.map((r) => `  { type: ${r.type}, name: ${json(r.name)}, category: ${
    json(r.category)}, event: ${json(r.event)}, flag: ${json(r.flag)}, discovery: ${
    r.discovery ? `{ event: ${r.discovery.event}, subtype: ${r.discovery.subtype} }` : 'undefined'
    }, blocks: ${json(r.payload?.map((n) => model.blocks.get(n)!.type) ?? [])
    } },`);
  file.addStatements([
    '/** Every record type the schemas describe, with the payload block types it may carry. */',
    `export const RECORD_TYPES: readonly RecordTypeInfo[] = [\n${records.join('\n')}\n];`,
  ]);
  const blocks = [...model.blocks.values()].map((b) => `  { series: ${json(b.series)}, type: ${
    b.type}, name: ${json(b.name)}, title: ${json(b.title)}, status: ${json(b.status)}, ${
    b.request ? `request: ${json(b.request)}` : 'request: undefined'} },`);
  file.addStatements([
    '/** Every data block the schemas describe. */',
    `export const BLOCK_TYPES: readonly BlockTypeInfo[] = [\n${blocks.join('\n')}\n];`,
  ]);
  const messages = model.messages.map((m) => `  { type: ${m.type}, name: ${json(m.name)}, ${
    m.body ? `body: ${json(m.body)}` : 'body: undefined'} },`);
  file.addStatements([
    '/** Every message type the schemas describe. */',
    `export const MESSAGE_TYPES: readonly MessageTypeInfo[] = [\n${messages.join('\n')}\n];`,
  ]);
  for (const e of model.enums.values()) {
    const values = e.values.map(([k, v]) => `  ${k}: ${json(v)},`).join('\n');
    file.addStatements([`/** ${e.title ?? e.name}${e.flags ? ' (bit flags)' : ''} */`,
      `export const ${e.name}: Readonly<Record<number, string>> = {\n${values}\n};`]);
  }
  const flagEnums = [...model.enums.values()].filter((e) => e.flags).map((e) => json(e.name));
  file.addStatements(['/** Names of the enumerations whose values are bit flags. */',
    `export const FLAG_ENUMS: ReadonlySet<string> = new Set([${flagEnums.join(', ')}]);`]);
  const sizes = ['RecordHeader', 'ArchivalRecordHeader']
    .map((n) => `export const ${n.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()}_SIZE = ${
      fixedSize(model, structFields(model, n))};`);
  file.addStatements(sizes);
}

/** The top-level switches from record and message type to the generated functions. */
/**
 * The fixed-prefix table of the layout a record body uses, for error reports: which fields were
 * complete when a later, variable part of the record failed.
 */
function emitPrefixLookup(decoders: SourceFile, model: Model): void {
  const cases = model.records.map((r) => {
    if (r.fields) return `  case ${r.type}: return T_${recordName(r)};`;
    const hs = headerSize(model, r);
    const inner = payloadBlocks(model, r).map((blk) =>
      `    case ${blk.type}: return T_${recordName(r, blk)};`);
    return [`  case ${r.type}:`, `    if (o + ${hs + 4} > end) return undefined;`,
      `    switch (v.getUint32(o + ${hs})) {`, ...inner.map((c) => `  ${c}`),
      '      default: return undefined;', '    }'].join('\n');
  });
  decoders.addFunction({
    name: 'recordPrefix', isExported: true, returnType: 'FixedLayout | undefined',
    docs: ['The fixed-prefix table of the record body at [o, end), for error reports.'],
    parameters: [{ name: 'type', type: 'number' }, { name: 'v', type: 'DataView' },
      { name: 'o', type: 'number' }, { name: 'end', type: 'number' }],
    statements: ['switch (type) {', ...cases, '  default: return undefined;', '}'],
  });
}

export function emitDispatch(decoders: SourceFile, encoders: SourceFile, model: Model): void {
  emitPrefixLookup(decoders, model);
  const dec = model.records.map((r) =>
    `  case ${r.type}: return ${recordFn('decode', r)}(v, b, o, end, h);`);
  decoders.addFunction({
    name: 'decodeRecordBody', isExported: true, returnType: 'EStreamerRecord',
    docs: ['Decodes the record body in [o, end) whose header values are in `h`.'],
    parameters: [{ name: 'v', type: 'DataView' }, { name: 'b', type: 'Buffer' },
      { name: 'o', type: 'number' }, { name: 'end', type: 'number' },
      { name: 'h', type: 'RecordHeaderInfo' }],
    statements: ['switch (h.recordType) {', ...dec,
      '  default: return unknownRecord(b, o, end, h);', '}'],
  });
  const enc = model.records.map((r) => {
    const type = r.fields ? recordName(r)
      : payloadBlocks(model, r).map((blk) => recordName(r, blk)).join(' | ');
    return `  case ${r.type}: return ${recordFn('encode', r)}(w, x as ${type});`;
  });
  encoders.addFunction({
    name: 'encodeRecordBody', isExported: true, returnType: 'void',
    docs: ['Writes the body of a decoded record (everything after the record header).'],
    parameters: [{ name: 'w', type: 'Writer' }, { name: 'x', type: 'EStreamerRecord' }],
    statements: ['if (\'unknown\' in x) return w.hex(x.raw, `record ${x.recordType}`);',
      'switch (x.recordType) {', ...enc,
      '  default: throw new EncodeError(`record ${(x as RecordBase).recordType}`, \'unknown\');',
      '}'],
  });
  emitMessageDispatch(decoders, encoders, model);
}

function emitMessageDispatch(decoders: SourceFile, encoders: SourceFile, model: Model): void {
  const plain = model.messages.filter((m) => !m.body);
  decoders.addTypeAlias({ name: 'FieldMessage', isExported: true,
    type: plain.map((m) => pascalMessage(m)).join(' | ') });
  decoders.addFunction({
    name: 'decodeMessageBody', isExported: true, returnType: 'FieldMessage | undefined',
    docs: ['Decodes a message made of plain fields; undefined for other message types.'],
    parameters: [{ name: 'type', type: 'number' }, { name: 'v', type: 'DataView' },
      { name: 'b', type: 'Buffer' }, { name: 'o', type: 'number' },
      { name: 'end', type: 'number' }],
    statements: ['switch (type) {',
      ...plain.map((m) => `  case ${m.type}: return ${messageFn('decode', m.type)}(v, b, o, end);`),
      '  default: return undefined;', '}'],
  });
  encoders.addFunction({
    name: 'encodeMessageBody', isExported: true, returnType: 'void',
    docs: ['Writes the body of a plain-field message.'],
    parameters: [{ name: 'w', type: 'Writer' }, { name: 'x', type: 'FieldMessage' }],
    statements: ['switch (x.messageType) {',
      ...plain.map((m) => `  case ${m.type}: return ${messageFn('encode', m.type)}(w, x);`), '}'],
  });
}

/** Field metadata per layout, for sample makers and property tests (never for decoding). */
export function emitLayouts(file: SourceFile, model: Model): void {
  const fields = (list: readonly Field[]) => `[${list.map((f) => `{ ${[
    `key: ${json(f.key)}`, `type: ${json(f.type)}`,
    f.size !== undefined ? `size: ${f.size}` : '',
    f.enumName ? `enumName: ${json(f.enumName)}` : '',
    f.struct ? `struct: ${json(f.struct)}` : '',
    f.choice ? `blocks: ${json(f.choice.any ? 'any' : f.choice.names)}` : '',
    f.holds ? `holds: ${json(f.holds)}` : '',
    f.length ? `length: ${json(f.length)}` : '', f.count ? `count: ${json(f.count)}` : '',
  ].filter(Boolean).join(', ')} }`).join(', ')}]`;
  const rows: string[] = [];
  for (const s of model.structs.values()) rows.push(`  ${s.name}: ${fields(s.fields)},`);
  for (const b of model.blocks.values()) rows.push(`  ${b.name}: ${fields(b.fields)},`);
  for (const r of model.records) {
    if (r.fields) rows.push(`  ${recordName(r)}: ${fields(r.fields)},`);
  }
  for (const m of model.messages) {
    if (m.fields) rows.push(`  ${pascalMessage(m)}: ${fields(m.fields)},`);
  }
  file.addStatements('export const LAYOUT_FIELDS: ' +
    `Readonly<Record<string, readonly FieldInfo[]>> = {\n${rows.join('\n')}\n};`);
  const recs = model.records.map((r) => `  { type: ${r.type}, layout: ${
    json(r.fields ? recordName(r) : undefined)}, header: ${json(r.header)}, payload: ${
    json(r.payload ?? [])} },`);
  file.addStatements(`export const RECORD_LAYOUTS: readonly RecordLayoutInfo[] = [\n${
    recs.join('\n')}\n];`);
}
