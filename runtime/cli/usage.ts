/** A mistake in how the command was called: printed with the usage hint, exit code 64. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const USAGE = `usage: estreamer <command> [options]

commands:
  demo                  stream sample events from an embedded server to JSON lines
  decode FILE|-         decode raw eStreamer messages (as on the wire) into JSON lines
      --hex               FILE is hex text (white space separated, # comments)
      --archival MODE     auto (default), yes or no: records carry archival timestamps
      --max-message-length N   refuse longer messages (default 67108864)
  serve                 run an eStreamer-compatible server (see README)
  help                  this text
`;
