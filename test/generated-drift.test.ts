import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../generator/generate.js';

const root = join(import.meta.dirname, '..');

describe('generated/', () => {
  const fresh = generate(join(root, 'schemas'), root);

  it('holds exactly the files the generator makes', () => {
    const committed = readdirSync(join(root, 'generated')).sort();
    expect(committed).toEqual([...fresh.keys()].sort());
  });

  it.each([...fresh.keys()])('%s matches what the generator makes from schemas/', (name) => {
    const committed = readFileSync(join(root, 'generated', name), 'utf8');
    expect(committed, 'run `npm run generate` and commit generated/').toBe(fresh.get(name));
  });
});
