import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { UsageError } from './usage.js';

/**
 * The PKCS12 password: from a file, from an environment variable, or typed at a prompt that
 * does not echo. Never from argv, where every user of the machine could read it.
 */
export async function readPassword(opts: { file?: string; env?: string }): Promise<string> {
  if (opts.file) return passwordFile(opts.file);
  if (opts.env) {
    const value = process.env[opts.env];
    if (value === undefined) throw new UsageError(`environment variable ${opts.env} is not set`);
    return value;
  }
  if (!process.stdin.isTTY) {
    throw new UsageError('no PKCS12 password: use --password-file or --password-env');
  }
  return prompt('PKCS12 password: ');
}

function passwordFile(file: string): string {
  try {
    return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied'
      : (err as Error).message;
    throw new Error(`password file ${file}: ${why}`);
  }
}

function prompt(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    const output = rl as unknown as { _writeToOutput: (s: string) => void };
    process.stderr.write(question);
    output._writeToOutput = () => undefined;
    rl.question('', (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
  });
}
