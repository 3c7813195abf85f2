import type { EStreamerRecord } from '../../generated/types.js';
import {
  decodeMessage, messageBytes, viewOf, type EventDataMessage,
} from '../../runtime/messages/message.js';
import { toJson } from '../../runtime/output/json.js';
import { selectRecords } from '../../runtime/server/selection.js';
import { buildRequest, EVENT_FAMILIES } from '../../runtime/session/request.js';

/**
 * The JSON lines a client asking for every family (newest versions, archival timestamps, from
 * the oldest) must write for `records`: each as the server selects and renders it, with the
 * archival words (zeros where a record has no archival time), re-read from the wire.
 */
export function servedLines(records: readonly EStreamerRecord[]): string[] {
  const { flags, events } = buildRequest(Object.keys(EVENT_FAMILIES));
  return selectRecords(records, { flags, events, start: 0 }).map((record) => {
    const bytes = messageBytes({ messageType: 4, messageName: 'Event Data', record: {
      ...record, archiveTimestamp: record.archiveTimestamp ?? 0, reserved: 0 } });
    return toJson((decodeMessage(viewOf(bytes), bytes, 0, bytes.length) as EventDataMessage)
      .record);
  });
}
