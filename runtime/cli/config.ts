import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { UsageError } from './usage.js';

export type OptionValues = Record<string, string | boolean | undefined>;

/**
 * Options from a YAML config file (keys are the long option names), with the command-line
 * values on top: flags win. Unknown keys are refused so a typo does not pass silently.
 */
export function withConfig(flags: OptionValues, known: readonly string[]): OptionValues {
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
    if (!known.includes(key) || key === 'config') {
      throw new UsageError(`config ${file}: unknown option '${key}'`);
    }
    merged[key] = typeof value === 'boolean' ? value
      : Array.isArray(value) ? value.join(',') : String(value);
  }
  for (const [key, value] of Object.entries(flags)) if (value !== undefined) merged[key] = value;
  return merged;
}
