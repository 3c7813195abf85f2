import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseHexText } from '../../runtime/cli/hex.js';

/** The guide's examples, copied from the project's shared fixtures. */
export const repoRoot = join(import.meta.dirname, '..', '..');
export const fixtureDir = join(repoRoot, 'test', 'fixtures', 'guide');

/** The parts of an .expected.yaml file the tests read. */
export interface Expected {
  message_type: number;
  record_type: number;
  hex_file: string | null;
  fields: Record<string, unknown>;
  checks: Record<string, Record<string, unknown>>;
}

export interface Fixture {
  stem: string;
  yaml: Expected;
  /** The hex file's bytes; undefined when the guide's copies kept no bytes at all. */
  bytes: Buffer | undefined;
}

/** Stems (file names without extension) of every fixture with an .expected.yaml file. */
export function fixtureStems(): string[] {
  return readdirSync(fixtureDir)
    .filter((f) => f.endsWith('.expected.yaml'))
    .map((f) => f.slice(0, -'.expected.yaml'.length))
    .sort();
}

/** Stems of the fixtures that have a .hex file. */
export function hexStems(): string[] {
  return readdirSync(fixtureDir)
    .filter((f) => f.endsWith('.hex'))
    .map((f) => f.slice(0, -'.hex'.length))
    .sort();
}

export function loadFixture(stem: string): Fixture {
  const yaml = parse(readFileSync(join(fixtureDir, `${stem}.expected.yaml`), 'utf8')) as Expected;
  const hex = yaml.hex_file ? readFileSync(join(fixtureDir, yaml.hex_file), 'utf8') : undefined;
  return { stem, yaml, bytes: hex === undefined ? undefined : parseHexText(hex, stem) };
}

/**
 * A value the yaml states for `key` under `fields`. The files write some values bare and some
 * as `{ value }`, `{ decoded }` or `{ raw }` with notes beside them.
 */
export function fact(y: Expected, key: string): unknown {
  const x = y.fields[key];
  if (x === null || typeof x !== 'object') return x;
  const o = x as Record<string, unknown>;
  for (const k of ['value', 'decoded', 'raw']) if (k in o) return o[k];
  throw new Error(`${key}: no value, decoded or raw in ${JSON.stringify(x)}`);
}

/** Like fact, for a value that must be a number. */
export function num(y: Expected, key: string): number {
  const x = fact(y, key);
  if (typeof x !== 'number') throw new Error(`${key}: ${JSON.stringify(x)} is not a number`);
  return x;
}

/** Like fact, for a value that must be a string. */
export function str(y: Expected, key: string): string {
  const x = fact(y, key);
  if (typeof x !== 'string') throw new Error(`${key}: ${JSON.stringify(x)} is not a string`);
  return x;
}

/** The stated values of `keys` (decoded, lowerCamelCase), read from their snake_case facts. */
export function facts(y: Expected, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = fact(y, k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
  return out;
}

/** The header version the yaml states, under fields or (where fields lack it) under checks. */
export function headerVersion(y: Expected): number {
  if ('header_version' in y.fields) return num(y, 'header_version');
  return y.checks['header_version_is_1']!['decoded'] as number;
}

/**
 * Record header size (8, or 16 with the archival timestamp) the guide's layout implies. The
 * yaml states it where message and record length disagree; otherwise it is their difference.
 */
export function recordHeaderBytes(y: Expected): number {
  const sum = y.checks['message_length_equals_record_header_plus_record_length'];
  if (sum && typeof sum['record_header_bytes'] === 'number') return sum['record_header_bytes'];
  return num(y, 'message_length') - num(y, 'record_length');
}
