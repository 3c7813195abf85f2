/**
 * The public API: the generated codec (types, decoders, encoders, registries), message framing,
 * the client and server sessions, output sinks and TLS helpers.
 */
export type * from '../generated/types.js';
export { decodeRecordBody } from '../generated/decoders.js';
export type { FieldMessage } from '../generated/decoders.js';
export { encodeRecordBody } from '../generated/encoders.js';
export * from '../generated/registry.js';
export { LAYOUT_FIELDS, RECORD_LAYOUTS } from '../generated/layouts.js';

export { DecodeError, EncodeError, isDecodeError } from './codec/errors.js';
export { unknownSeen, onUnknownType, type UnknownBlock } from './codec/blocks.js';
export type { RecordBase, RecordHeaderInfo, UnknownRecord } from './codec/records.js';
export type * from './codec/info.js';
export { Writer } from './codec/writer.js';

export {
  decodeMessage, decodeRecords, encodeMessage, messageBytes, viewOf, DEFAULT_MAX_MESSAGE_LENGTH,
  type BundleMessage, type DecodeOptions, type EStreamerMessage, type EventDataMessage,
  type UnknownMessage,
} from './messages/message.js';
export { decodeRecord, encodeRecord, type ArchivalMode } from './messages/record.js';
export { MessageFramer, type Frame } from './messages/framer.js';
export { decodeFrame, decodeFrameRecords } from './messages/frame-decode.js';

export { toJson } from './output/json.js';
export {
  ArraySink, FileSink, OutputError, StreamSink, type OutputMark, type RecordSink,
} from './output/sink.js';

export { MessageChannel, ReadTimeoutError } from './session/channel.js';
export {
  buildRequest, EVENT_FAMILIES, FLAG, START_NOW, START_OLDEST, type StreamRequest,
} from './session/request.js';
export {
  runClientSession, ProtocolError, ServerError, type ClientSessionOptions, type SessionResult,
} from './client/session.js';
export { EStreamerServer, type ServerOptions } from './server/server.js';
export type { Faults } from './server/faults.js';
export * from './tls/index.js';
