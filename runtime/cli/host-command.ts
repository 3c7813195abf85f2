import { isIP } from 'node:net';
import { parseArgs } from 'node:util';
import { connectServer } from '../client/connect.js';
import { ipv6Bytes } from '../codec/parse.js';
import { requestHosts } from '../client/host-request.js';
import { createLogger } from '../log.js';
import { FileSink, StreamSink } from '../output/sink.js';
import { CONNECT_OPTIONS, connection } from './client-options.js';
import { withConfig } from './config.js';
import { logFormat } from './args.js';
import { UsageError } from './usage.js';

const OPTIONS = {
  ...CONNECT_OPTIONS, ip: { type: 'string' }, 'end-ip': { type: 'string' },
  out: { type: 'string' },
} as const;

/** `estreamer host --ip ADDR [--end-ip ADDR]`: full host profiles as JSON lines. */
export async function hostCommand(args: string[]): Promise<number> {
  const v = withConfig(parseArgs({ args, options: OPTIONS }).values, OPTIONS);
  const start = v.ip as string | undefined;
  const end = v['end-ip'] as string | undefined;
  for (const [name, value] of [['--ip', start], ['--end-ip', end]] as const) {
    if (value !== undefined && !isIP(value)) {
      throw new UsageError(`${name} takes an IPv4 or IPv6 address, not '${value}'`);
    }
  }
  if (!start) throw new UsageError('host needs --ip ADDR (and --end-ip ADDR for a range)');
  if (end && Buffer.compare(ipv6Bytes(start, '--ip'), ipv6Bytes(end, '--end-ip')) > 0) {
    throw new UsageError(`--end-ip ${end} comes before --ip ${start}`);
  }
  const log = createLogger(logFormat(v));
  const { connect } = await connection(v);
  const out = (v.out as string | undefined) ?? '-';
  const sink = out === '-' ? new StreamSink(process.stdout) : new FileSink(out);
  try {
    const socket = await connectServer(connect);
    const count = await requestHosts(socket, { start, end }, (p) => sink.write(p));
    log.log('info', 'hosts', { count });
    return 0;
  } finally {
    await sink.close();
  }
}
