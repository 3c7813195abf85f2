import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};

/** Every package the built runtime imports by name (not relative, not a Node built-in). */
function importedPackages(): Set<string> {
  const names = new Set<string>();
  const files = readdirSync(join(root, 'dist', 'runtime'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.js'));
  for (const file of files) {
    const text = readFileSync(join(root, 'dist', 'runtime', file), 'utf8');
    for (const m of text.matchAll(/(?:from|import)\s*\(?\s*'([^'.][^']*)'/g)) {
      const spec = m[1]!;
      if (spec.startsWith('node:') || builtinModules.includes(spec)) continue;
      names.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/')
        : spec.split('/')[0]!);
    }
  }
  return names;
}

describe('package', () => {
  it('lists every package the installed CLI and library import as a dependency', () => {
    const imported = importedPackages();
    expect([...imported].sort()).toEqual(['node-forge', 'yaml']);
    for (const name of imported) expect(pkg.dependencies).toHaveProperty(name);
  });
});
