/** Input that is not what the command reads (bad hex text): one line, exit code 2. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

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
  stream                stream events from an FMC to JSON lines (see README)
      --host H --pkcs12 FILE [--port 8302] [--password-file F | --password-env VAR]
      [--ca FILE] [--verify ca|fingerprint|off] [--fingerprint SHA256] [--out FILE|-]
      [--bookmark FILE] [--start bookmark|now|oldest|SECONDS] [--events LIST] [--follow]
      [--status-interval S] [--read-timeout S] [--log-format text|json] [--config FILE]
      [--timeout-ms N]      connect and handshake time limit (default 15000)
  test                  check credentials, TCP, TLS and the first message; print a report
      (the connection options of stream)
  host --ip ADDR [--end-ip ADDR]   full host profiles of one host or a range, as JSON lines
      (the connection options of stream, and --out FILE|-)
  serve                 run an eStreamer-compatible server (see README)
      --certs DIR [--host 127.0.0.1] [--port 8302] [--input FILE | --samples N] [--hosts N]
      [--follow] [--bundle-size N] [--keepalive-ms N] [--max-version FAMILY=N,...]
      [--omit-records TYPE,...]
      [--legacy-p12] [--drop-after N] [--stall-after N] [--error-after N] [--garbage-after N]
  help                  this text
`;

/** The lines of USAGE about one command, for `estreamer COMMAND --help`. */
export function commandUsage(command: string): string {
  const lines = USAGE.split('\n');
  const first = lines.findIndex((l) => l.startsWith(`  ${command} `));
  if (first < 0) return USAGE;
  const rest = lines.slice(first + 1);
  const end = rest.findIndex((l) => !l.startsWith('      '));
  return `usage: estreamer ${command} [options]\n\n${
    [lines[first]!, ...rest.slice(0, end < 0 ? rest.length : end)].join('\n')}\n`;
}
