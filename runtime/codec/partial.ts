import { DecodeError } from './errors.js';
import {
  formatHex, formatIpv4, formatIpv6, formatMac, formatText, formatUuid, readUint64,
} from './format.js';

/**
 * The fixed-offset prefix of a generated layout, as data: one entry per field whose offset is
 * known before anything variable is read. Decoders use it only on the error path, to name the
 * field that runs past the end and to keep the values that were complete before it.
 */
export type FixedKind =
  | 'uint8' | 'uint16' | 'uint32' | 'uint64' | 'int8' | 'int16' | 'int32'
  | 'ipv4' | 'ipv6' | 'uuid' | 'mac' | 'bytes' | 'string' | 'skip';

/** [key, offset from the layout start, size in bytes, kind], or a nested fixed struct. */
export type FixedField =
  | readonly [string, number, number, FixedKind]
  | readonly [string, number, number, 'struct', FixedLayout];

export interface FixedLayout {
  readonly name: string;
  readonly fields: readonly FixedField[];
}

function readFixed(v: DataView, b: Buffer, o: number, size: number, kind: FixedKind): unknown {
  switch (kind) {
    case 'uint8': return v.getUint8(o);
    case 'uint16': return v.getUint16(o);
    case 'uint32': return v.getUint32(o);
    case 'uint64': return readUint64(v, o);
    case 'int8': return v.getInt8(o);
    case 'int16': return v.getInt16(o);
    case 'int32': return v.getInt32(o);
    case 'ipv4': return formatIpv4(b, o);
    case 'ipv6': return formatIpv6(b, o);
    case 'uuid': return formatUuid(b, o);
    case 'mac': return formatMac(b, o);
    case 'bytes': return formatHex(b, o, o + size);
    case 'string': return formatText(b, o, o + size);
    case 'skip': return undefined;
  }
}

/** Values of the fields of `layout` at `o` that end before `end`; the first that does not. */
function readPrefix(
  layout: FixedLayout, v: DataView, b: Buffer, o: number, end: number,
  into: Record<string, unknown>,
): FixedField | undefined {
  for (const field of layout.fields) {
    const [key, at, size] = field;
    if (field[3] === 'struct') {
      const inner: Record<string, unknown> = {};
      into[key] = inner;
      const cut = readPrefix(field[4], v, b, o + at, end, inner);
      if (cut) return [`${key}.${cut[0]}`, at + cut[1], cut[2], 'skip'];
      continue;
    }
    if (o + at + size > end) return field;
    if (field[3] !== 'skip') into[key] = readFixed(v, b, o + at, size, field[3]);
  }
  return undefined;
}

/** The values of the fixed-prefix fields of `layout` at `o` that lie wholly before `end`. */
export function prefixValues(
  layout: FixedLayout, v: DataView, b: Buffer, o: number, end: number,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  readPrefix(layout, v, b, o, end, values);
  return values;
}

/**
 * Throws the DecodeError for a layout whose fixed prefix does not fit before `end`, with the
 * values of the fields that did fit in `partial`.
 */
export function truncated(
  layout: FixedLayout, v: DataView, b: Buffer, o: number, end: number, where: string,
): never {
  const partial: Record<string, unknown> = {};
  const cut = readPrefix(layout, v, b, o, end, partial);
  if (!cut) throw new DecodeError(`${layout.name} is truncated`, end, where);
  const [key, at, size] = cut;
  const left = Math.max(0, end - (o + at));
  const err = new DecodeError(`field ${key} needs ${size} bytes, ${left} left`, o + at,
    `${where}, field ${key}`);
  err.partial = partial;
  throw err;
}
