import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';
import { SchemaError, type SchemaSource } from './source.js';

/** Validates parsed schema files against schemas/schema-language.json with ajv. */
export function makeValidator(languageFile: string): (src: SchemaSource) => void {
  const ajv = new Ajv({ allErrors: false, strict: true, strictRequired: false });
  const check = ajv.compile(JSON.parse(readFileSync(languageFile, 'utf8')) as object);

  return (src) => {
    if (check(src.data)) return;
    const err = pickError(check.errors ?? []);
    const path = err.instancePath.split('/').slice(1).map(unescapePointer);
    throw new SchemaError(src.file, src.line(path), dotted(path, src.data), describe(err));
  };
}

function unescapePointer(part: string): string | number {
  const text = part.replace(/~1/g, '/').replace(/~0/g, '~');
  return /^\d+$/.test(text) ? Number(text) : text;
}

/** The deepest error is the one that names the offending field, not its oneOf parent. */
function pickError(errors: ErrorObject[]): ErrorObject {
  return errors.reduce((a, b) => (b.instancePath.length > a.instancePath.length ? b : a));
}

function describe(err: ErrorObject): string {
  const p = err.params as Record<string, unknown>;
  if (err.keyword === 'additionalProperties') {
    return `unknown key '${String(p.additionalProperty)}'`;
  }
  if (err.keyword === 'enum') {
    return `${err.message ?? 'invalid'}: ${(p.allowedValues as unknown[]).join(', ')}`;
  }
  if (err.keyword === 'required') return `missing key '${String(p.missingProperty)}'`;
  return err.message ?? 'invalid';
}

/** `records[0].fields[3] (Name)`: the path, with the name of the nearest named item. */
export function dotted(path: readonly (string | number)[], data: unknown): string {
  let text = '';
  let at: unknown = data;
  let label = '';
  for (const part of path) {
    text += typeof part === 'number' ? `[${part}]` : `${text ? '.' : ''}${part}`;
    at = (at as Record<string | number, unknown> | undefined)?.[part];
    const name = (at as { name?: unknown } | undefined)?.name;
    if (typeof name === 'string') label = name;
  }
  return label ? `${text} (${label})` : text;
}
