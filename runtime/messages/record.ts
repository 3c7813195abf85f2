import { decodeRecordBody, recordPrefix } from '../../generated/decoders.js';
import { encodeRecordBody } from '../../generated/encoders.js';
import type { EStreamerRecord } from '../../generated/types.js';
import { ARCHIVAL_RECORD_HEADER_SIZE, RECORD_HEADER_SIZE } from '../../generated/registry.js';
import { bytes, DecodeError } from '../codec/errors.js';
import { RECORD_INFO } from '../codec/lookup.js';
import { prefixValues } from '../codec/partial.js';
import type { RecordHeaderInfo } from '../codec/records.js';
import type { Writer } from '../codec/writer.js';

/**
 * Whether records carry the 8 archival bytes (request flag bit 23). A session knows; a file
 * does not, so 'auto' infers it from the message length: header + Record Length must fill the
 * message. When neither size fits (the guide's own examples are off by a few bytes), the top
 * bit of the record type word decides, as the 6.x guide's Appendix A describes it.
 */
export type ArchivalMode = boolean | 'auto';

/** One reused header, copied into each record's object literal by the generated decoders. */
const header: RecordHeaderInfo = {
  recordType: 0, netmapId: undefined, recordLength: 0, archiveTimestamp: undefined,
  reserved: undefined,
};

function hasArchival(v: DataView, o: number, end: number, mode: ArchivalMode): boolean {
  if (mode !== 'auto') return mode;
  const extra = end - o - v.getUint32(o + 4);
  if (extra === ARCHIVAL_RECORD_HEADER_SIZE) return true;
  if (extra === RECORD_HEADER_SIZE) return false;
  return (v.getUint32(o) & 0x80000000) !== 0;
}

/**
 * Decodes the record filling the Event Data body [o, end). `statedEnd` is where the message
 * header says the body ends; it lies past `end` when the input was cut short, and then the
 * record is decoded as far as the bytes go, so the error names the field where they run out.
 */
export function decodeRecord(
  v: DataView, b: Buffer, o: number, end: number, mode: ArchivalMode, statedEnd = end,
): EStreamerRecord {
  const archival = end - o >= RECORD_HEADER_SIZE && hasArchival(v, o, statedEnd, mode);
  const size = archival ? ARCHIVAL_RECORD_HEADER_SIZE : RECORD_HEADER_SIZE;
  if (o + size > end) {
    throw new DecodeError(`${archival ? 'archival ' : ''}record header needs ${size} bytes, ${
      end - o} left`, o, 'record header');
  }
  const word = v.getUint32(o);
  header.recordType = word & 0xffff;
  header.netmapId = (word >>> 16) === 0 ? undefined : word >>> 16;
  header.recordLength = v.getUint32(o + 4);
  header.archiveTimestamp = archival ? v.getUint32(o + 8) : undefined;
  header.reserved = archival ? v.getUint32(o + 12) : undefined;

  const bodyEnd = o + size + header.recordLength;
  if (bodyEnd > statedEnd) {
    const err = new DecodeError(`record length ${header.recordLength} runs ${
      bytes(bodyEnd - statedEnd)} past the end of its message`, o + 4,
    recordWhere(header.recordType));
    err.partial = headerValues();
    throw err;
  }
  const missing = bodyEnd - Math.min(bodyEnd, end);
  try {
    const rec = decodeRecordBody(v, b, o + size, bodyEnd - missing, header);
    // A cut record can still decode (an unknown type is only raw bytes), but it is not whole.
    if (missing > 0) {
      throw new DecodeError(`record is ${bytes(missing)} short of its length`, end,
        recordWhere(header.recordType));
    }
    return rec;
  } catch (err) {
    if (err instanceof DecodeError) {
      // A fault past the fixed prefix leaves no partial values; the prefix itself was whole.
      const layout = err.partial ? undefined
        : recordPrefix(header.recordType, v, o + size, bodyEnd - missing);
      const prefix = layout && prefixValues(layout, v, b, o + size, bodyEnd - missing);
      err.partial = { ...headerValues(), ...(err.partial ?? prefix) };
    }
    throw err;
  }
}

function recordWhere(type: number): string {
  const name = RECORD_INFO.get(type)?.name;
  return name ? `record ${type} ${name}` : `record ${type}`;
}

/** The header as it appears in a decoded record, for the partial values of an error. */
function headerValues(): Record<string, unknown> {
  const { recordType, netmapId, recordLength, archiveTimestamp, reserved } = header;
  return { recordType, netmapId, recordLength, archiveTimestamp, reserved };
}

/** Writes record header and body; the archival words are written when the record has them. */
export function encodeRecord(w: Writer, rec: EStreamerRecord): void {
  w.u32(((rec.netmapId ?? 0) << 16 >>> 0) + rec.recordType);
  const slot = w.mark();
  const archival = rec.archiveTimestamp !== undefined;
  if (archival) {
    w.u32(rec.archiveTimestamp!);
    w.u32(rec.reserved ?? 0);
  }
  const start = w.pos;
  encodeRecordBody(w, rec);
  w.patch(slot, 4, w.pos - start);
}
