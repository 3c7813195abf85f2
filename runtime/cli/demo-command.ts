import { parseArgs } from 'node:util';
import { runDemo } from '../demo.js';
import { StreamSink } from '../output/sink.js';
import { demoRecords } from '../samples/demo-records.js';
import { positiveInt } from './args.js';

/** `estreamer demo`: the embedded server streams to the project's client; JSON lines out. */
export async function demoCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { samples: { type: 'string' }, seed: { type: 'string' } },
  });
  const records = demoRecords(positiveInt(values.samples, '--samples', 200),
    positiveInt(values.seed, '--seed', 6230));
  const result = await runDemo({ records, sink: new StreamSink(process.stdout) });
  process.stderr.write(`estreamer: demo received ${result.records} records in ${
    result.bundles} bundles\n`);
  return 0;
}
