import type { HeapResult } from './heap.js';
import { ratios, spread, type Spread } from './measure.js';

/** The input size of a pass and its time in each round. */
export interface Timed {
  readonly bytes: number;
  readonly times: readonly number[];
}

/** One timed pass, and the reference its cost per byte is compared to. */
export interface Row extends Timed {
  readonly name: string;
  readonly records: number;
  readonly ref: Timed | undefined;
}

/** Per-round ratios of time per input byte, a / b. */
export function perByte(a: Timed, b: Timed): Spread {
  const scale = b.bytes / a.bytes;
  return ratios(a.times.map((t) => t * scale), b.times);
}

const x = (v: number) => `${v.toFixed(2)}x`;

export function ratioText(s: Spread): string {
  return `${x(s.median)} (IQR ${s.q1.toFixed(2)}-${s.q3.toFixed(2)})`;
}

const COLUMNS: ReadonlyArray<readonly [string, number]> = [
  ['path', 44], ['records', 8], ['MB', 6], ['ms', 7], ['krec/s', 7], ['MB/s', 7],
  ['ns/rec', 7], ['x ref/byte (IQR)', 24],
];

function line(cells: readonly string[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(COLUMNS[i]![1]) : c.padStart(COLUMNS[i]![1])))
    .join(' ').trimEnd();
}

function rowCells(row: Row): string[] {
  const ms = spread(row.times).median;
  return [
    row.name, String(row.records), (row.bytes / 1e6).toFixed(1), ms.toFixed(0),
    (row.records / ms).toFixed(0), (row.bytes / 1e3 / ms).toFixed(0),
    (ms * 1e6 / row.records).toFixed(0), row.ref ? ratioText(perByte(row, row.ref)) : '',
  ];
}

/** Median time per pass, absolute rates (for information) and the ratio to the reference. */
export function printTable(rows: readonly Row[]): void {
  console.log(line(COLUMNS.map(([name]) => name)));
  for (const row of rows) console.log(line(rowCells(row)));
}

export function printHeap(results: readonly HeapResult[]): void {
  console.log('retained heap per kept record (B): as decoded / after JSON.stringify visited it');
  for (const { name, kept } of results) {
    console.log(`  ${name.padEnd(40)} ${kept.perItem.toFixed(0).padStart(6)} / ` +
      kept.afterStringify.toFixed(0));
  }
}
