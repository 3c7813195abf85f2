import type { LogFormat } from '../log.js';
import { EVENT_FAMILIES } from '../session/request.js';
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

/**
 * `FAMILY=VERSION[,FAMILY=VERSION...]` (`connection=15`) as a map from the family's extended
 * request event type to the version.
 */
export function versionCaps(text: string | undefined): Map<number, number> {
  const caps = new Map<number, number>();
  for (const item of text ? text.split(',') : []) {
    const m = /^([a-z-]+)=(\d+)$/.exec(item.trim());
    const event = m ? EVENT_FAMILIES[m[1]!]?.event : undefined;
    if (!m || event === undefined) {
      const names = Object.keys(EVENT_FAMILIES).filter((n) => EVENT_FAMILIES[n]!.event);
      throw new UsageError(
        `--max-version takes FAMILY=VERSION with a family of ${names.join(', ')}; not '${item}'`);
    }
    caps.set(event, Number(m[2]));
  }
  return caps;
}

/** `18,30,53` as a set of record types. */
export function recordTypes(text: string | undefined, name: string): Set<number> {
  const types = new Set<number>();
  for (const item of text ? text.split(',') : []) {
    if (!/^\d+$/.test(item.trim())) {
      throw new UsageError(`${name} takes record type numbers separated by commas, not '${item}'`);
    }
    types.add(Number(item));
  }
  return types;
}
