import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';

/** One schema file as parsed, able to turn a path inside it into a line number. */
export interface SchemaSource {
  readonly file: string;
  readonly data: unknown;
  line(path: readonly (string | number)[]): number;
}

/** A problem in the schemas, reported as `file:line: path: what`. */
export class SchemaError extends Error {
  override readonly name = 'SchemaError';

  constructor(readonly file: string, readonly lineNo: number, readonly path: string, what: string) {
    super(`${file}:${lineNo}: ${path ? `${path}: ` : ''}${what}`);
  }
}

function lineOf(doc: Document, counter: LineCounter, path: readonly (string | number)[]): number {
  let at: unknown = doc.contents;
  let best = doc.contents?.range?.[0] ?? 0;
  for (const key of path) {
    if (isMap(at)) at = at.get(key, true);
    else if (isSeq(at)) at = at.get(Number(key), true);
    else break;
    const range = (at as { range?: [number, number, number] } | undefined)?.range;
    if (range) best = range[0];
  }
  return counter.linePos(best).line;
}

export function parseSchemaText(file: string, text: string): SchemaSource {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, intAsBigInt: false });
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    throw new SchemaError(file, first.linePos?.[0].line ?? 1, '', first.message.split('\n')[0]!);
  }
  return { file, data: doc.toJS(), line: (path) => lineOf(doc, counter, path) };
}

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...yamlFiles(full));
    else if (/\.ya?ml$/.test(name)) out.push(full);
  }
  return out;
}

/** Reads every YAML file below `dir`, in a stable order, naming them relative to `base`. */
export function readSchemaDir(dir: string, base: string): SchemaSource[] {
  return yamlFiles(dir).map((f) => parseSchemaText(relative(base, f), readFileSync(f, 'utf8')));
}
