import { type SourceFile } from 'ts-morph';
import { at, BodyEmitter, type DecodeBody } from './emit-decode.js';
import {
  anyFn, blockFn, choiceFn, headerField, headerSize, messageFn, payloadBlocks, recordFn,
  structFields, structFn,
} from './layouts.js';
import { recordName } from './naming.js';
import type { BlockDef, MessageDef, Model, RecordDef, Series } from './model.js';

const PARAMS = [
  { name: 'v', type: 'DataView' }, { name: 'b', type: 'Buffer' },
  { name: 'o', type: 'number' }, { name: 'end', type: 'number' },
];
const RECORD_PARAMS = [...PARAMS, { name: 'h', type: 'RecordHeaderInfo' }];
/** Primitive String and BLOB decoders only slice the buffer. */
const SLICE_PARAMS = [{ name: '_v', type: 'DataView' }, ...PARAMS.slice(1)];

function q(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function literal(props: string[]): string {
  return props.length === 0 ? '{}' : `{\n${props.map((p) => `  ${p},`).join('\n')}\n}`;
}

/** Adds `const T_name = { name, fields: [...] }` and returns the prefix-check statement. */
function tableAndCheck(file: SourceFile, name: string, body: DecodeBody, where: string,
  end = 'end'): string {
  file.addStatements(`const T_${name}: FixedLayout = { name: ${q(name)}, fields: [${
    body.table.join(', ')}] };`);
  return `if (o + ${body.prefix} > ${end}) truncated(T_${name}, v, b, o, ${end}, ${where});`;
}

/**
 * Bytes after the last field are left out of the object (a layout this schema does not know
 * the end of), but counted and warned about once per layout, never dropped in silence.
 */
function trailing(body: DecodeBody, end: string, where: string): string {
  return `if (${body.consumed} < ${end}) noteTrailing(${where});`;
}

function addDecoder(file: SourceFile, name: string, returnType: string, statements: string[],
  params = PARAMS, exported = true): void {
  file.addFunction({ name, isExported: exported, parameters: params, returnType, statements });
}

export function emitStructDecoder(file: SourceFile, model: Model, name: string): void {
  const where = q(name);
  const body = new BodyEmitter(model, undefined, 0, 'end', where)
    .fields(structFields(model, name)).result();
  const check = tableAndCheck(file, name, body, where);
  addDecoder(file, structFn('decode', name), name,
    [check, ...body.pre, `return ${literal(body.props)};`]);
}

export function emitBlockDecoder(file: SourceFile, model: Model, blk: BlockDef): void {
  const where = q(`block ${blk.type} ${blk.name}`);
  const fn = blockFn('decode', blk);
  switch (blk.primitive) {
    case 'string':
      return addDecoder(file, fn, blk.name,
        [`return { blockType: ${blk.type}, text: formatText(b, o + 8, end) };`], SLICE_PARAMS);
    case 'blob':
      return addDecoder(file, fn, blk.name,
        [`return { blockType: ${blk.type}, data: formatHex(b, o + 8, end) };`], SLICE_PARAMS);
    case 'list':
    case 'generic-list':
      return addDecoder(file, fn, blk.name, [`return { blockType: ${blk.type}, items: readBlocks(${
        ''}v, b, o + 8, end, -1, ${anyFn('decode', blk.series)}, ${where}) };`]);
  }
  const body = new BodyEmitter(model, blk.series, 8, 'end', where).fields(blk.fields).result();
  const check = tableAndCheck(file, blk.name, body, where);
  addDecoder(file, fn, blk.name,
    [check, ...body.pre, trailing(body, 'end', where),
      `return ${literal([`blockType: ${blk.type}`, ...body.props])};`]);
}

/** A dispatcher over several block types; unknown types are kept as data. */
export function emitDispatcher(file: SourceFile, name: string, type: string,
  blocks: BlockDef[]): void {
  const cases = blocks.map((blk) =>
    `case ${blk.type}: return ${blockFn('decode', blk)}(v, b, o, end);`);
  addDecoder(file, name, type, [`switch (v.getUint32(o)) {`, ...cases.map((c) => `  ${c}`),
    `  default: return unknownBlock(v, b, o, end);`, `}`]);
}

export function emitAnyDecoder(file: SourceFile, model: Model, series: Series, type: string): void {
  const blocks = [...model.blocks.values()].filter((blk) => blk.series === series);
  emitDispatcher(file, anyFn('decode', series), type, blocks);
}

export function emitChoiceDecoder(file: SourceFile, model: Model, names: string[]): void {
  const blocks = names.map((n) => model.blocks.get(n)!);
  emitDispatcher(file, choiceFn('decode', names), `${names.join(' | ')} | UnknownBlock`, blocks);
}

function recordHead(rec: RecordDef): string[] {
  return [`recordType: ${rec.type}`, `recordName: ${q(rec.name)}`, 'netmapId: h.netmapId',
    'recordLength: h.recordLength', 'archiveTimestamp: h.archiveTimestamp',
    'reserved: h.reserved'];
}


export function emitRecordDecoders(file: SourceFile, model: Model, rec: RecordDef): void {
  if (rec.fields) return emitFieldRecord(file, model, rec);

  for (const blk of payloadBlocks(model, rec)) emitPayloadRecord(file, model, rec, blk);

  const hs = headerSize(model, rec);
  const where = q(`record ${rec.type} ${rec.name}`);
  const head = new BodyEmitter(model, undefined, 0, 'end', where)
    .fields(headerField(model, rec)).result();
  const headTable = [...head.table, `['blockType', ${hs}, 4, 'uint32']`,
    `['blockLength', ${hs + 4}, 4, 'skip']`];
  const tname = `Record${rec.type}Head`;
  file.addStatements(`const T_${tname}: FixedLayout = { name: ${q(tname)}, fields: [${
    headTable.join(', ')}] };`);
  const cases = payloadBlocks(model, rec).map((blk) =>
    `  case ${blk.type}: return ${recordFn('decode', rec, blk)}(v, b, o, end, h);`);
  addDecoder(file, recordFn('decode', rec), 'EStreamerRecord', [
    `if (o + ${hs + 8} > end) truncated(T_${tname}, v, b, o, end, ${where});`,
    `switch (v.getUint32(o + ${hs})) {`, ...cases,
    `  default: return unknownPayload(v, b, o, end, h, ${q(rec.name)}, ${hs});`, `}`,
  ], RECORD_PARAMS);
}

function emitFieldRecord(file: SourceFile, model: Model, rec: RecordDef): void {
  const where = q(`record ${rec.type} ${rec.name}`);
  const body = new BodyEmitter(model, undefined, 0, 'end', where)
    .fields([...headerField(model, rec), ...rec.fields!]).result();
  const check = tableAndCheck(file, recordName(rec), body, where);
  addDecoder(file, recordFn('decode', rec), recordName(rec),
    [check, ...body.pre, trailing(body, 'end', where),
      `return ${literal([...recordHead(rec), ...body.props])};`],
    RECORD_PARAMS);
}

/**
 * One record type with one payload block, as a single function: the header struct at fixed
 * offsets, the block header, then the block fields bounded by the block's own length.
 */
function emitPayloadRecord(file: SourceFile, model: Model, rec: RecordDef, blk: BlockDef): void {
  const where = q(`record ${rec.type} ${rec.name}, block ${blk.type} ${blk.name}`);
  const hs = headerSize(model, rec);
  const e = new BodyEmitter(model, blk.series, 0, 'be', where).fields(headerField(model, rec));
  e.fixedWord('blockType', String(blk.type), true);
  e.fixedWord('blockLength', '', false);
  const body = e.fields(blk.fields).result();
  const name = recordName(rec, blk);
  const check = tableAndCheck(file, name, body, where, 'be');
  addDecoder(file, recordFn('decode', rec, blk), name, [
    `const be = ${at('o', hs)} + blockLength(v, ${at('o', hs)}, end, ${where});`, check,
    ...body.pre,
    trailing(body, 'be', where), 'if (be < end) noteTrailing(' + where + ');',
    `return ${literal([...recordHead(rec), ...body.props])};`,
  ], RECORD_PARAMS, false);
}

export function emitMessageDecoder(file: SourceFile, model: Model, msg: MessageDef): void {
  const where = q(`message ${msg.type} ${msg.name}`);
  const body = new BodyEmitter(model, undefined, 0, 'end', where).fields(msg.fields!).result();
  const tname = `Message${msg.type}`;
  const check = tableAndCheck(file, tname, body, where);
  const head = [`messageType: ${msg.type}`, `messageName: ${q(msg.name)}`];
  addDecoder(file, messageFn('decode', msg.type), `${pascalMessage(msg)}`,
    [check, ...body.pre, trailing(body, 'end', where),
      `return ${literal([...head, ...body.props])};`]);
}

export function pascalMessage(msg: MessageDef): string {
  return `${msg.name.split(/[^A-Za-z0-9]+/).filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1)).join('')}Message`;
}
