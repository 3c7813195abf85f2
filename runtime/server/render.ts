import { LAYOUT_FIELDS } from '../../generated/layouts.js';
import type { EStreamerRecord } from '../../generated/types.js';
import type { BlockTypeInfo, FieldInfo } from '../codec/info.js';
import { BLOCK_BY_NAME } from '../codec/lookup.js';

const INT_RANGE: Record<string, [number, number]> = {
  uint8: [0, 0xff], uint16: [0, 0xffff], uint32: [0, 0xffffffff],
  int8: [-0x80, 0x7f], int16: [-0x8000, 0x7fff], int32: [-0x80000000, 0x7fffffff],
};

function emptyValue(f: FieldInfo): unknown {
  switch (f.type) {
    case 'uint64': return 0;
    case 'ipv4': return '0.0.0.0';
    case 'ipv6': return '::';
    case 'uuid': return '00000000-0000-0000-0000-000000000000';
    case 'mac': return '00:00:00:00:00:00';
    case 'bytes': return f.size ? '00'.repeat(f.size) : '';
    case 'string': case 'string-block': case 'blob-block': return '';
    case 'list': case 'generic-list': case 'array': return [];
    case 'struct': return emptyLayout(f.struct!);
    case 'block': return emptyBlock(f.blocks === 'any' ? undefined : f.blocks?.[0]);
    default: return 0;
  }
}

function emptyLayout(name: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of LAYOUT_FIELDS[name] ?? []) if (!f.holds) out[f.key] = emptyValue(f);
  return out;
}

function emptyBlock(name: string | undefined): Record<string, unknown> {
  const info = name ? BLOCK_BY_NAME.get(name) : undefined;
  if (!info) return { blockType: 0, text: '' };
  return { blockType: info.type, ...emptyLayout(info.name) };
}

/** Whether `value`, taken from another block version, is valid for field `f`. */
function fits(f: FieldInfo, value: unknown): boolean {
  const range = INT_RANGE[f.type];
  if (range) return typeof value === 'number' && value >= range[0] && value <= range[1];
  if (f.type === 'uint64') return typeof value === 'number' || typeof value === 'bigint';
  if (f.type === 'ipv4') return typeof value === 'string' && !value.includes(':');
  if (f.type === 'bytes' && f.size) return typeof value === 'string' && value.length === 2 * f.size;
  if (['ipv6', 'uuid', 'mac', 'string', 'string-block', 'blob-block', 'bytes'].includes(f.type)) {
    return typeof value === 'string';
  }
  return false;
}

/**
 * The record as block `target` of its record type carries it, the way an FMC renders an
 * archived event in the version a client asks for: fields of the same name keep their values,
 * fields the record's own block lacks are empty. Nested blocks and lists are not carried over
 * unless the field has the same name and kind.
 */
export function renderAs(rec: EStreamerRecord, target: BlockTypeInfo): EStreamerRecord {
  const from = rec as unknown as Record<string, unknown>;
  if (from.blockType === target.type || 'unknown' in rec) return rec;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(from)) {
    if (key === 'blockType') break;
    out[key] = value;
  }
  out.blockType = target.type;
  for (const f of LAYOUT_FIELDS[target.name] ?? []) {
    if (!f.holds) out[f.key] = fits(f, from[f.key]) ? from[f.key] : emptyValue(f);
  }
  return out as unknown as EStreamerRecord;
}
