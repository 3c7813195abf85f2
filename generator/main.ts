import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.js';
import { SchemaError } from './source.js';

/** The nearest directory above this file with a package.json: run from source or from dist. */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = resolve(dir, '..');
    if (up === dir) throw new Error('generator: no package.json above it');
    dir = up;
  }
  return dir;
}

const root = projectRoot();

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
