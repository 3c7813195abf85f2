import { createReadStream, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { ArchivalMode } from '../messages/record.js';
import { DEFAULT_MAX_MESSAGE_LENGTH } from '../messages/message.js';
import { StreamSink } from '../output/sink.js';
import { decodeStream } from './decode-stream.js';
import { positiveInt } from './args.js';
import { parseHexText } from './hex.js';
import { UsageError } from './usage.js';

export function archivalMode(text: string | undefined): ArchivalMode {
  if (text === undefined || text === 'auto') return 'auto';
  if (text === 'yes') return true;
  if (text === 'no') return false;
  throw new UsageError(`--archival takes auto, yes or no, not '${text}'`);
}

async function* hexChunks(file: string): AsyncIterable<Buffer> {
  const text = file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
  yield parseHexText(text, file === '-' ? 'stdin' : file);
}

/** `estreamer decode FILE|-`: raw messages to JSON lines on stdout. */
export async function decodeCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true,
    options: {
      hex: { type: 'boolean' },
      archival: { type: 'string' },
      'max-message-length': { type: 'string' },
    },
  });
  if (positionals.length !== 1) throw new UsageError('decode takes one FILE (or - for stdin)');
  const file = positionals[0]!;
  const opts = {
    archival: archivalMode(values.archival),
    maxMessageLength: positiveInt(values['max-message-length'], '--max-message-length',
      DEFAULT_MAX_MESSAGE_LENGTH),
  };
  const input = values.hex ? hexChunks(file)
    : (file === '-' ? process.stdin : createReadStream(file)) as AsyncIterable<Buffer>;
  await decodeStream(input, new StreamSink(process.stdout), opts);
  return 0;
}
