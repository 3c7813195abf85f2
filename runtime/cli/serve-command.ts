import { createReadStream } from 'node:fs';
import { parseArgs } from 'node:util';
import type { EStreamerRecord } from '../../generated/types.js';
import { ArraySink } from '../output/sink.js';
import { demoRecords } from '../samples/demo-records.js';
import { sampleHosts } from '../samples/hosts.js';
import type { Faults } from '../server/faults.js';
import { EStreamerServer } from '../server/server.js';
import { loadOrCreateCertDir, serverTlsOptions } from '../tls/index.js';
import { portNumber, positiveInt, recordTypes, versionCaps } from './args.js';
import { decodeStream } from './decode-stream.js';
import { UsageError } from './usage.js';

const FAULTS = ['drop-after', 'stall-after', 'error-after', 'garbage-after'] as const;

async function inputRecords(file: string): Promise<EStreamerRecord[]> {
  const sink = new ArraySink();
  await decodeStream(createReadStream(file) as AsyncIterable<Buffer>, sink, {});
  return sink.values.filter((v): v is EStreamerRecord => 'recordType' in (v as object));
}

function faultsOf(values: Record<string, string | boolean | undefined>): Faults {
  const faults: Faults = {};
  for (const name of FAULTS) {
    const text = values[name] as string | undefined;
    if (text === undefined) continue;
    if (!/^\d+$/.test(text)) throw new UsageError(`--${name} takes a whole number`);
    const key = name.replace(/-(\w)/, (_, c: string) => c.toUpperCase()) as keyof Faults;
    faults[key] = Number(text);
  }
  return faults;
}

/** `estreamer serve`: an eStreamer-compatible server until interrupted. */
export async function serveCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      host: { type: 'string' }, port: { type: 'string' }, certs: { type: 'string' },
      input: { type: 'string' }, samples: { type: 'string' }, follow: { type: 'boolean' },
      'legacy-p12': { type: 'boolean' }, 'bundle-size': { type: 'string' },
      'keepalive-ms': { type: 'string' }, hosts: { type: 'string' },
      'max-version': { type: 'string' }, 'omit-records': { type: 'string' },
      ...Object.fromEntries(FAULTS.map((f) => [f, { type: 'string' as const }])),
    },
  });
  if (!values.certs) throw new UsageError('serve needs --certs DIR');
  const certs = await loadOrCreateCertDir(values.certs, { legacyP12: values['legacy-p12'] });
  const omit = recordTypes(values['omit-records'], '--omit-records');
  const records = (values.input ? await inputRecords(values.input)
    : demoRecords(positiveInt(values.samples, '--samples', 1000)))
    .filter((r) => !omit.has(r.recordType));
  const log = (e: Record<string, unknown>) => process.stderr.write(`${JSON.stringify(e)}\n`);
  const server = new EStreamerServer({
    tls: serverTlsOptions(certs), host: values.host ?? '127.0.0.1',
    port: portNumber(values.port, 8302), records, follow: values.follow ?? false,
    bundleSize: positiveInt(values['bundle-size'], '--bundle-size', 100),
    keepAliveMs: positiveInt(values['keepalive-ms'], '--keepalive-ms', 10_000),
    faults: faultsOf(values), versionCaps: versionCaps(values['max-version']), log,
    hosts: sampleHosts(positiveInt(values.hosts, '--hosts', 50)),
  });
  const address = await server.listen();
  log({ event: 'listening', host: address.address, port: address.port, records: records.length,
    certs: certs.dir, created: certs.created });
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  return 0;
}
