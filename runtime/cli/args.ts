import type { LogFormat } from '../log.js';
import type { OptionValues } from './config.js';
import { UsageError } from './usage.js';

/** Parsers of option values shared by the commands; each refuses bad text as a UsageError. */

/** A TCP port; 0 asks the system for a free one (the server logs which). */
export function portNumber(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) > 65535) {
    throw new UsageError(`--port takes 0 to 65535, not '${text}'`);
  }
  return Number(text);
}

export function positiveInt(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < 1) {
    throw new UsageError(`${name} takes a positive whole number, not '${text}'`);
  }
  return Number(text);
}

export function logFormat(v: OptionValues): LogFormat {
  const f = (v['log-format'] as string | undefined) ?? 'text';
  if (f !== 'text' && f !== 'json') throw new UsageError(`--log-format takes text or json`);
  return f;
}
