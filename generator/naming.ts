/** Names derived from the guide's wording. */

import type { BlockDef, RecordDef } from './model.js';

/** Acronyms the guide writes in mixed case; all-capital words are handled generally. */
const MIXED_ACRONYMS = new Set(['IPV4', 'IPV6', 'NETBIOS']);

function words(text: string): string[] {
  return text
    .replace(/\([^)]*\)/g, ' ')
    .replace(/['’]/g, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
}

function capitalise(word: string): string {
  const upper = word.toUpperCase();
  if (word === upper || MIXED_ACRONYMS.has(upper)) {
    return word[0]!.toUpperCase() + word.slice(1).toLowerCase();
  }
  return word[0]!.toUpperCase() + word.slice(1);
}

/** `Device ID` -> `deviceId`, `Source IPv6 Address` -> `sourceIpv6Address`. */
export function camelKey(text: string): string {
  const parts = words(text).map(capitalise);
  const joined = parts.join('');
  return joined[0]!.toLowerCase() + joined.slice(1);
}

/** `Intrusion Event` -> `IntrusionEvent`. */
export function pascalName(text: string): string {
  return words(text).map(capitalise).join('');
}

/** The TypeScript type of a record, or of a record carrying `block`. */
export function recordName(rec: RecordDef, block?: BlockDef): string {
  if (!block) return `${pascal(rec.name)}Record`;
  return rec.typeNames.get(block.name) ?? `${block.name}Record`;
}

/** `Rule Message` -> `RuleMessage`; unlike pascalName, keeps acronyms as written. */
export function pascal(text: string): string {
  return text.split(/[^A-Za-z0-9]+/).filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}
