import { type SourceFile } from 'ts-morph';
import { pascalMessage } from './emit-decoders.js';
import { anyType, blockProps, fieldProps, recordTypeNames, type Prop } from './emit-types.js';
import { headerField, payloadBlocks } from './layouts.js';
import { recordName } from './naming.js';
import type { BlockDef, Model, Series } from './model.js';

function addInterface(file: SourceFile, name: string, props: Prop[], docs: string[],
  ext: string[] = []): void {
  file.addInterface({ name, isExported: true, properties: props, docs, extends: ext });
}

/** A block that extends another is that block's type with its own type and added fields. */
function emitBlockType(file: SourceFile, model: Model, blk: BlockDef): void {
  const docs = [`${blk.title} (series ${blk.series} block ${blk.type}, ${blk.status})`];
  const base = blk.extends ? model.blocks.get(blk.extends)! : undefined;
  if (!base) return addInterface(file, blk.name, blockProps(model, blk), docs);
  const [head, ...props] = blockProps(model, blk);
  addInterface(file, blk.name, [head!, ...props.slice(base.fields.length)], docs,
    [`Omit<${base.name}, 'blockType'>`]);
}

/** Interfaces for every struct, block, record and message, and the unions over them. */
export function emitTypes(file: SourceFile, model: Model): void {
  for (const s of model.structs.values()) {
    addInterface(file, s.name, fieldProps(model, undefined, s.fields), [s.title]);
  }
  const series = new Set<Series>();
  for (const blk of model.blocks.values()) {
    series.add(blk.series);
    emitBlockType(file, model, blk);
  }
  for (const s of series) {
    const names = [...model.blocks.values()].filter((b) => b.series === s).map((b) => b.name);
    file.addTypeAlias({ name: anyType(s), isExported: true,
      type: [...names, 'UnknownBlock'].join(' | ') });
  }
  emitRecordTypes(file, model);
  for (const m of model.messages) {
    if (m.body) continue;
    addInterface(file, pascalMessage(m), [
      { name: 'messageType', type: String(m.type) },
      { name: 'messageName', type: `'${m.name}'` },
      ...fieldProps(model, undefined, m.fields!),
    ], [`${m.name} message (type ${m.type})`]);
  }
}

function emitRecordTypes(file: SourceFile, model: Model): void {
  for (const rec of model.records) {
    const header = fieldProps(model, undefined, headerField(model, rec));
    const head: Prop[] = [{ name: 'recordType', type: String(rec.type) },
      { name: 'recordName', type: `'${rec.name}'` }, ...header];
    if (rec.fields) {
      addInterface(file, recordName(rec), [...head, ...fieldProps(model, undefined, rec.fields)],
        [`${rec.name} (record ${rec.type})`], ['RecordBase']);
    }
    // A record carrying one block is that block's type plus the record's own head.
    for (const blk of payloadBlocks(model, rec)) {
      addInterface(file, recordName(rec, blk), head,
        [`${rec.name} (record ${rec.type}) carrying ${blk.title} (block ${blk.type})`],
        ['RecordBase', blk.name]);
    }
  }
  file.addTypeAlias({ name: 'EStreamerRecord', isExported: true,
    type: [...recordTypeNames(model), 'UnknownRecord'].join('\n  | ') });
}
