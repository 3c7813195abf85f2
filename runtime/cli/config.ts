import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';
import { UsageError } from './usage.js';

export type OptionValues = Record<string, string | boolean | undefined>;

/** The options a command takes, as node:util parseArgs describes them. */
export type OptionSpecs = Readonly<Record<string, { readonly type: 'string' | 'boolean' }>>;

/** Options naming files: a relative name in a config file is relative to that file. */
const PATH_OPTIONS = new Set(['pkcs12', 'password-file', 'ca', 'out', 'bookmark']);

const scalar = (v: unknown) => typeof v === 'string' || typeof v === 'number';

function configValue(file: string, key: string, value: unknown, type: 'string' | 'boolean'):
  string | boolean {
  if (type === 'boolean') {
    if (typeof value === 'boolean') return value;
    throw new UsageError(`config ${file}: ${key} takes true or false, not '${String(value)}'`);
  }
  if (Array.isArray(value) && value.every(scalar)) return value.join(',');
  if (!scalar(value)) throw new UsageError(`config ${file}: ${key} takes a single value`);
  const text = String(value);
  return PATH_OPTIONS.has(key) && text !== '-' ? resolve(dirname(file), text) : text;
}

/**
 * Options from a YAML config file (keys are the long option names), with the command-line
 * values on top: flags win. Unknown keys and values of the wrong kind are refused so a typo
 * does not pass silently (`follow: yes` is the text "yes" in YAML 1.2, not true).
 */
export function withConfig(flags: OptionValues, specs: OptionSpecs): OptionValues {
  const file = flags.config;
  if (typeof file !== 'string') return flags;
  let data: unknown;
  try {
    data = parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`config ${file}: ${(err as Error).message.split('\n')[0]}`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new UsageError(`config ${file}: expected a mapping of option names to values`);
  }
  const merged: OptionValues = {};
  for (const [key, value] of Object.entries(data)) {
    const spec = specs[key];
    if (!spec || key === 'config') throw new UsageError(`config ${file}: unknown option '${key}'`);
    merged[key] = configValue(file, key, value, spec.type);
  }
  for (const [key, value] of Object.entries(flags)) if (value !== undefined) merged[key] = value;
  return merged;
}
