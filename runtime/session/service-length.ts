/**
 * The Length of a Streaming Service Request counts its own 8-byte type and length header in
 * the guide's table and in what eNcore sends (56 for nine event pairs), but the guide's two
 * worked examples leave the header out (20 for three pairs). A server meets both, so this
 * rewrites the examples' form into the counted form before the generated decoder reads it.
 * Only a message holding exactly one service can be told apart safely; others pass unchanged.
 */
export function normaliseServiceLength(body: Buffer): Buffer {
  if (body.length < 8) return body;
  const stated = body.readUInt32BE(4);
  if (stated + 8 !== body.length) return body;
  const fixed = Buffer.from(body);
  fixed.writeUInt32BE(body.length, 4);
  return fixed;
}
