import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emitAll } from '../generator/generate.js';
import { resolveModel } from '../generator/resolve.js';
import { parseSchemaText, SchemaError, type SchemaSource } from '../generator/source.js';
import { makeValidator } from '../generator/validate.js';

const validate = makeValidator(join(import.meta.dirname, '..', 'schemas', 'schema-language.json'));

/** What every schema set needs: the record headers and the series 1 String primitive. */
const BASE = `
structs:
  - name: RecordHeader
    fields:
      - { name: Record Type, type: uint32 }
      - { name: Record Length, type: uint32 }
  - name: ArchivalRecordHeader
    fields:
      - { name: Record Type, type: uint32 }
      - { name: Record Length, type: uint32 }
      - { name: Archival Timestamp, key: archiveTimestamp, type: uint32 }
      - { name: Reserved, type: uint32 }
blocks:
  - { name: StringS1, title: String, series: 1, type: 0, status: current, primitive: string,
      fields: [] }
`;

/** `text` as schemas/test.yaml beside BASE, each checked against the schema language. */
function validSources(text: string): SchemaSource[] {
  const sources = [parseSchemaText('schemas/base.yaml', BASE),
    parseSchemaText('schemas/test.yaml', text)];
  sources.forEach(validate);
  return sources;
}

/** Loads `text` as schemas/test.yaml beside BASE and returns the generator's complaint. */
function complaint(text: string): string {
  try {
    emitAll(resolveModel(validSources(text)));
  } catch (err) {
    if (err instanceof SchemaError) return err.message;
    throw err;
  }
  return 'accepted';
}

/** A block schema; line 1 is empty, so its first field is on line 9. */
const BLOCK = (fields: string, type = 7, name = 'Thing') => `
blocks:
  - name: ${name}
    title: A thing
    series: 1
    type: ${type}
    status: current
    fields:
${fields}`;

describe('schema checks', () => {
  it('accepts a well-formed block', () => {
    expect(complaint(BLOCK('      - { name: Device ID, type: uint32 }'))).toBe('accepted');
  });

  it('names file, line, path and field of an unknown field type', () => {
    expect(complaint(BLOCK('      - { name: Device ID, type: uint32 }\n' +
      '      - { name: Source IP, type: ip6 }'))).toBe(
      'schemas/test.yaml:10: blocks[0].fields[1].type (Source IP): must be equal to one of ' +
      'the allowed values: uint8, uint16, uint32, uint64, int8, int16, int32, ipv4, ipv6, uuid, ' +
      'mac, bytes, string, block, string-block, blob-block, list, generic-list, struct, array');
  });

  it('names an unknown key', () => {
    expect(complaint(BLOCK('      - { name: Device ID, type: uint32, width: 4 }'))).toBe(
      "schemas/test.yaml:9: blocks[0].fields[0] (Device ID): unknown key 'width'");
  });

  it('refuses a block number that is already taken, naming the first definition', () => {
    const two = BLOCK('      - { name: A, type: uint8 }') +
      BLOCK('      - { name: B, type: uint8 }', 7, 'Other').replace('blocks:\n', '');
    expect(complaint(two)).toBe(
      'schemas/test.yaml:10: blocks[1] (Other): series 1 block type 7 is already defined at ' +
      'schemas/test.yaml:3');
  });

  it('refuses a record number that is already taken', () => {
    const rec = (n: string) => `  - { type: 4, name: ${n}, category: metadata, fields: [] }\n`;
    expect(complaint(`records:\n${rec('One')}${rec('Two')}`)).toBe(
      'schemas/test.yaml:3: records[1] (Two): record type 4 is already defined at ' +
      'schemas/test.yaml:2');
  });

  it('refuses a reference to an undefined block', () => {
    expect(complaint(BLOCK('      - { name: Inner, type: block, block: Missing }'))).toBe(
      'schemas/test.yaml:9: blocks[0].fields[0] (Inner): block Missing is not defined');
  });

  it('refuses a length held by a later field', () => {
    expect(complaint(BLOCK('      - { name: Name, type: string, length: nameLength }\n' +
      '      - { name: Name Length, type: uint16 }'))).toBe(
      'schemas/test.yaml:9: blocks[0].fields[0] (Name): length names nameLength, which is ' +
      'not an earlier field');
  });

  it('refuses a length that is not a small integer', () => {
    expect(complaint(BLOCK('      - { name: Size, type: ipv4 }\n' +
      '      - { name: Data, type: bytes, length: size }'))).toBe(
      'schemas/test.yaml:10: blocks[0].fields[1] (Data): length field size must be an integer ' +
      'of at most 32 bits');
  });

  it('refuses rest anywhere but the last field', () => {
    expect(complaint(BLOCK('      - { name: Data, type: bytes, length: rest }\n' +
      '      - { name: After, type: uint8 }'))).toBe(
      'schemas/test.yaml:9: blocks[0].fields[0] (Data): length: rest is only allowed on the ' +
      'last field');
  });

  it('refuses bytes without a size or length', () => {
    expect(complaint(BLOCK('      - { name: Data, type: bytes }'))).toBe(
      'schemas/test.yaml:9: blocks[0].fields[0] (Data): bytes needs exactly one of size and ' +
      'length');
  });

  it('refuses a key used twice in one object', () => {
    expect(complaint(BLOCK('      - { name: Device ID, type: uint32 }\n' +
      '      - { name: Device Id, type: uint16 }'))).toBe(
      'schemas/test.yaml:10: blocks[0].fields[1] (Device Id): key deviceId is used twice in ' +
      'one object');
  });

  it('reports YAML syntax errors with their line', () => {
    expect(complaint('blocks:\n  - name: [unclosed\n')).toMatch(/^schemas\/test\.yaml:3: /);
  });
});

describe('extends', () => {
  it('puts the base block fields first', () => {
    const text = BLOCK('      - { name: A, type: uint8 }') +
      BLOCK('      - { name: B, type: uint16 }', 8, 'Newer').replace('blocks:\n', '')
        .replace('    fields:', '    extends: Thing\n    fields:');
    const newer = resolveModel(validSources(text)).blocks.get('Newer')!;
    expect(newer.fields.map((f) => [f.key, f.type])).toEqual([['a', 'uint8'], ['b', 'uint16']]);
  });

  it('refuses a base that is not a block', () => {
    const text = BLOCK('      - { name: A, type: uint8 }').replace('    fields:',
      '    extends: Nothing\n    fields:');
    expect(complaint(text)).toBe(
      'schemas/test.yaml:3: blocks[0] (Thing): extends Nothing, which is not a defined block');
  });
});

describe('record type names', () => {
  const records = (list: string) => `${BLOCK('      - { name: A, type: uint8 }')}
  - { name: Other, title: Other, series: 1, type: 8, status: current, fields: [] }
records:
${list}`;

  function typeNames(text: string): string[] {
    const types = emitAll(resolveModel(validSources(text))).get('types.ts')!;
    return [...types.matchAll(/export interface (\w+Record) /g)].map((m) => m[1]!);
  }

  it('names records that share a payload block after themselves', () => {
    expect(typeNames(records(`
  - { type: 5, name: Zone Name, category: metadata, payload: [Thing] }
  - { type: 6, name: Interface Name, category: metadata, payload: [Thing] }
  - { type: 7, name: Mixed, category: metadata, payload: [Thing, Other] }
  - { type: 9, name: Late Mixed, category: metadata, payload: [Thing, Other] }
`))).toEqual(['ZoneNameRecord', 'InterfaceNameRecord', 'ThingRecord', 'OtherRecord',
      'LateMixedThingRecord', 'LateMixedOtherRecord']);
  });

  it('keeps the block name for a payload block only one record carries', () => {
    expect(typeNames(records(`
  - { type: 5, name: Zone Name, category: metadata, payload: [Thing] }
`))).toEqual(['ThingRecord']);
  });

  it('refuses two records that would get one type name', () => {
    expect(complaint(records(`
  - { type: 5, name: Thing, category: metadata, fields: [] }
  - { type: 6, name: Zone, category: metadata, payload: [Thing] }
`))).toBe('schemas/test.yaml:14: records[1] (Zone): records 5 and 6 would both be ThingRecord');
  });
});
