import { InputError } from './usage.js';

/**
 * Reads the hex text form of the fixtures: hex digits separated by white space, with `#`
 * starting a comment that runs to the end of the line.
 */
export function parseHexText(text: string, source: string): Buffer {
  const digits: string[] = [];
  text.split('\n').forEach((line, i) => {
    const code = line.split('#')[0]!.replace(/\s+/g, '');
    const bad = code.search(/[^0-9a-fA-F]/);
    if (bad >= 0) {
      throw new InputError(`${source}:${i + 1}: '${code[bad]}' is not a hex digit`);
    }
    digits.push(code);
  });
  const all = digits.join('');
  if (all.length % 2 !== 0) {
    throw new InputError(`${source}: odd number of hex digits (${all.length})`);
  }
  return Buffer.from(all, 'hex');
}
