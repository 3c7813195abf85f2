import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.js';
import { SchemaError } from './source.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function main(): number {
  try {
    const files = generate(join(root, 'schemas'), root);
    mkdirSync(join(root, 'generated'), { recursive: true });
    for (const [name, text] of files) writeFileSync(join(root, 'generated', name), text);
    process.stdout.write(`generated ${files.size} files in generated/\n`);
    return 0;
  } catch (err) {
    if (err instanceof SchemaError) {
      process.stderr.write(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

process.exitCode = main();
