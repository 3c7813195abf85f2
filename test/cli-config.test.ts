import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { withConfig } from '../runtime/cli/config.js';

const dir = mkdtempSync(join(tmpdir(), 'estreamer-config-'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));
const KNOWN = ['config', 'host', 'port', 'events', 'follow', 'password-file'];

function config(text: string): string {
  const path = join(dir, `c${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(path, text);
  return path;
}

describe('config file', () => {
  it('supplies options that flags do not set; flags win', () => {
    const path = config('host: fmc.example\nport: 8302\nevents: [intrusion, connection]\n' +
      'follow: true\n');
    expect(withConfig({ config: path, port: '9000', host: undefined }, KNOWN)).toEqual({
      config: path, host: 'fmc.example', port: '9000', events: 'intrusion,connection',
      follow: true,
    });
  });

  it('refuses an unknown option, such as a password written into the file', () => {
    const path = config('password: hunter2\n');
    expect(() => withConfig({ config: path }, KNOWN)).toThrow(
      `config ${path}: unknown option 'password'`);
  });

  it('refuses a file that is not a mapping', () => {
    const path = config('- host\n');
    expect(() => withConfig({ config: path }, KNOWN)).toThrow(
      `config ${path}: expected a mapping of option names to values`);
  });
});
