#!/usr/bin/env node
import { isDecodeError } from '../codec/errors.js';
import { onUnknownType, unknownSeen } from '../codec/blocks.js';
import { decodeCommand } from './decode-command.js';
import { demoCommand } from './demo-command.js';
import { serveCommand } from './serve-command.js';
import { streamCommand } from './stream-command.js';
import { testCommand } from './test-command.js';
import { hostCommand } from './host-command.js';
import { commandUsage, InputError, USAGE, UsageError } from './usage.js';

const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  decode: decodeCommand,
  demo: demoCommand,
  serve: serveCommand,
  stream: streamCommand,
  test: testCommand,
  host: hostCommand,
};

function say(line: string): void {
  process.stderr.write(`estreamer: ${line}\n`);
}

function reportUnknown(): void {
  if (unknownSeen.size === 0) return;
  const parts = [...unknownSeen].map(([what, n]) => `${what}: ${n}`);
  say(`data the schemas do not describe, times seen: ${parts.join(', ')}`);
}

/** Exit codes: 0 done, 1 runtime failure, 2 bad input data, 64 bad usage. */
async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (command === undefined || command === 'help' || command === '--help') {
    process.stdout.write(USAGE);
    return command === undefined ? 64 : 0;
  }
  const run = COMMANDS[command];
  if (!run) throw new UsageError(`unknown command '${command}'`);
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(commandUsage(command));
    return 0;
  }
  onUnknownType((what, note) => say(`warning: ${what} ${note}`));
  try {
    return await run(args);
  } finally {
    reportUnknown();
  }
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err: unknown) => {
    if (err instanceof UsageError
      || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      say(`${(err as Error).message}\n${USAGE}`);
      process.exitCode = 64;
    } else if (isDecodeError(err)) {
      say(`decode error: ${err.message}`);
      process.exitCode = 2;
    } else if (err instanceof InputError) {
      say(err.message);
      process.exitCode = 2;
    } else {
      say(err instanceof Error ? err.message : String(err));
      if (process.env.ESTREAMER_DEBUG) console.error(err);
      process.exitCode = 1;
    }
  },
);
