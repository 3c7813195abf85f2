import { type SourceFile } from 'ts-morph';
import { encodeStatements } from './emit-encode.js';
import { pascalMessage } from './emit-decoders.js';
import {
  anyFn, blockFn, headerKey, choiceFn, messageFn, payloadBlocks, recordFn, structFields, structFn,
} from './layouts.js';
import { recordName } from './naming.js';
import type { BlockDef, MessageDef, Model, RecordDef, Series } from './model.js';

function addEncoder(file: SourceFile, name: string, type: string, statements: string[],
  exported = true): void {
  const unused = statements.length === 0 ? '_' : '';
  file.addFunction({
    name, isExported: exported, returnType: 'void', statements,
    parameters: [{ name: `${unused}w`, type: 'Writer' }, { name: `${unused}x`, type }],
  });
}

export function emitStructEncoder(file: SourceFile, model: Model, name: string): void {
  addEncoder(file, structFn('encode', name), name,
    encodeStatements(model, undefined, structFields(model, name), name));
}

export function emitBlockEncoder(file: SourceFile, model: Model, blk: BlockDef): void {
  const fn = blockFn('encode', blk);
  const where = blk.name;
  switch (blk.primitive) {
    case 'string': return addEncoder(file, fn, blk.name,
      [`w.blockOf(${blk.type}, textBytes(x.text));`]);
    case 'blob': return addEncoder(file, fn, blk.name,
      [`w.blockOf(${blk.type}, hexBytes(x.data, '${where}.data'));`]);
    case 'list':
    case 'generic-list': return addEncoder(file, fn, blk.name, [
      `const s = w.beginBlock(${blk.type});`,
      `for (const item of x.items) ${anyFn('encode', blk.series)}(w, item);`, 'w.endBlock(s);']);
  }
  addEncoder(file, fn, `Omit<${blk.name}, 'blockType'>`, [`const s = w.beginBlock(${blk.type});`,
    ...encodeStatements(model, blk.series, blk.fields, where), 'w.endBlock(s);']);
}

function emitSwitchEncoder(file: SourceFile, name: string, type: string,
  blocks: BlockDef[]): void {
  const cases = blocks.map((blk) =>
    `  case ${blk.type}: return ${blockFn('encode', blk)}(w, x as ${blk.name});`);
  addEncoder(file, name, type, ['if (\'unknown\' in x) return encodeUnknownBlock(w, x);',
    'switch (x.blockType) {', ...cases,
    `  default: throw new EncodeError('${name}', \`no encoder for block type \${${
      '(x as { blockType: number }).blockType'}}\`);`,
    '}']);
}

export function emitAnyEncoder(file: SourceFile, model: Model, series: Series, type: string):
  void {
  const blocks = [...model.blocks.values()].filter((b) => b.series === series);
  emitSwitchEncoder(file, anyFn('encode', series), type, blocks);
}

export function emitChoiceEncoder(file: SourceFile, model: Model, names: string[]): void {
  const blocks = names.map((n) => model.blocks.get(n)!);
  emitSwitchEncoder(file, choiceFn('encode', names), `${names.join(' | ')} | UnknownBlock`,
    blocks);
}

/** Record bodies (after the record header); payload blocks encode from the same object. */
export function emitRecordEncoders(file: SourceFile, model: Model, rec: RecordDef): void {
  const header = rec.header
    ? [`${structFn('encode', rec.header)}(w, x.${headerKey(rec.header)});`] : [];
  if (rec.fields) {
    addEncoder(file, recordFn('encode', rec), recordName(rec),
      [...header, ...encodeStatements(model, undefined, rec.fields, `record ${rec.type}`)]);
    return;
  }
  const blocks = payloadBlocks(model, rec);
  const cases = blocks.map((blk) =>
    `  case ${blk.type}: return ${blockFn('encode', blk)}(w, x as ${recordName(rec, blk)});`);
  const type = blocks.map((blk) => recordName(rec, blk)).join(' | ');
  addEncoder(file, recordFn('encode', rec), type, [...header, 'switch (x.blockType) {', ...cases,
    `  default: throw new EncodeError('record ${rec.type}', 'no encoder for its block type');`,
    '}']);
}

export function emitMessageEncoder(file: SourceFile, model: Model, msg: MessageDef): void {
  addEncoder(file, messageFn('encode', msg.type), pascalMessage(msg),
    encodeStatements(model, undefined, msg.fields!, `message ${msg.type}`));
}
