import { formatHex } from './format.js';
import { blockLength, noteUnknown } from './blocks.js';

/**
 * The record header values shared by every decoded record. The generated record decoders
 * copy them from one reused RecordHeaderInfo into each record's object literal.
 */
export interface RecordHeaderInfo {
  recordType: number;
  /** Bits 16-30 of the record type word (6.x netmap/domain ID); undefined when zero. */
  netmapId: number | undefined;
  recordLength: number;
  /** Present when the request set flag bit 23 (archival timestamps). */
  archiveTimestamp: number | undefined;
  reserved: number | undefined;
}

export interface RecordBase {
  recordType: number;
  recordName: string;
  netmapId?: number | undefined;
  recordLength: number;
  archiveTimestamp?: number | undefined;
  reserved?: number | undefined;
}

/** A record type no schema describes, or a known record with an unknown payload block. */
export interface UnknownRecord extends RecordBase {
  blockType?: number;
  unknown: true;
  /** The record body after the record header, as hex. */
  raw: string;
}

export function unknownRecord(b: Buffer, o: number, end: number, h: RecordHeaderInfo):
  UnknownRecord {
  noteUnknown(`record ${h.recordType}`);
  return {
    recordType: h.recordType, recordName: 'Unknown', netmapId: h.netmapId,
    recordLength: h.recordLength, archiveTimestamp: h.archiveTimestamp, reserved: h.reserved,
    unknown: true, raw: formatHex(b, o, end),
  };
}

/** A known record type whose payload block type no schema describes. */
export function unknownPayload(
  v: DataView, b: Buffer, o: number, end: number, h: RecordHeaderInfo, name: string,
  headerSize: number,
): UnknownRecord {
  const blockType = v.getUint32(o + headerSize);
  blockLength(v, o + headerSize, end, `record ${h.recordType} ${name}, block ${blockType}`);
  noteUnknown(`record ${h.recordType} block ${blockType}`);
  return {
    recordType: h.recordType, recordName: name, netmapId: h.netmapId,
    recordLength: h.recordLength, archiveTimestamp: h.archiveTimestamp, reserved: h.reserved,
    blockType, unknown: true, raw: formatHex(b, o, end),
  };
}
