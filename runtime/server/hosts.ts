import type { FullHostProfile53, HostDataRequestMessage } from '../../generated/types.js';
import type { MessageChannel } from '../session/channel.js';
import { hostsInRange } from '../samples/hosts.js';

/**
 * Answers one Host Request: data types 6 and 7 are the 5.0+ formats, single host and a range.
 * One Host Data message per host, then a Null to say the answer is complete. Older data types
 * get an Error: this server keeps only 5.3+ profiles (block 149).
 */
export async function answerHostRequest(
  ch: MessageChannel, req: HostDataRequestMessage, hosts: readonly FullHostProfile53[],
): Promise<void> {
  if (req.dataType !== 6 && req.dataType !== 7) {
    await ch.send({ messageType: 1, messageName: 'Error', errorCode: -1,
      errorText: `host request data type ${req.dataType} is not served; use 6 or 7` });
    return;
  }
  const single = req.dataType === 6;
  const found = hostsInRange(hosts, req.startIpAddress,
    single ? req.startIpAddress : req.endIpAddress);
  for (const fullHostProfile of found) {
    await ch.send(single
      ? { messageType: 6, messageName: 'Single Host Data', fullHostProfile }
      : { messageType: 7, messageName: 'Multiple Host Data', fullHostProfile });
  }
  await ch.send({ messageType: 0, messageName: 'Null' });
}
