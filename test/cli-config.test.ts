import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { families } from '../runtime/cli/client-options.js';
import { withConfig } from '../runtime/cli/config.js';

const dir = mkdtempSync(join(tmpdir(), 'estreamer-config-'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));
const KNOWN = {
  config: { type: 'string' }, host: { type: 'string' }, port: { type: 'string' },
  events: { type: 'string' }, follow: { type: 'boolean' }, 'password-file': { type: 'string' },
  out: { type: 'string' },
} as const;

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

  it('refuses a value of the wrong kind: YAML 1.2 reads yes as text, not true', () => {
    const path = config('follow: yes\n');
    expect(() => withConfig({ config: path }, KNOWN)).toThrow(
      `config ${path}: follow takes true or false, not 'yes'`);
    const nested = config('host: { a: 1 }\n');
    expect(() => withConfig({ config: nested }, KNOWN)).toThrow(
      `config ${nested}: host takes a single value`);
  });

  it('reads relative file names as relative to the config file; - stays stdout', () => {
    const path = config('password-file: secrets/fmc.pass\nout: "-"\n');
    expect(withConfig({ config: path }, KNOWN)).toMatchObject({
      'password-file': join(dir, 'secrets', 'fmc.pass'), out: '-' });
  });

  it('refuses an --events list that names no family', () => {
    for (const list of ['', ',', ' , ']) {
      expect(() => families(list)).toThrow('--events names no family; known: intrusion, '
        + 'packet, metadata, impact, extra-data, correlation, discovery, connection, user, '
        + 'malware, file');
    }
    expect(families('connection, user')).toEqual(['connection', 'user']);
  });
});
