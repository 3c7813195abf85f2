import { performance } from 'node:perf_hooks';

/**
 * The ANCHORS method: this VM drifts by 30-50 % over minutes, so every pass runs once per
 * round, round-robin in one process, and comparisons are medians of per-round ratios.
 */

export interface Pass {
  readonly name: string;
  /** Runs one full pass and returns the number of records it produced. */
  readonly run: () => number;
  readonly records: number;
}

export interface Spread {
  readonly median: number;
  readonly q1: number;
  readonly q3: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

/** A full collection; the benchmark needs node --expose-gc. */
export function collect(): void {
  if (!gc) throw new Error('run with node --expose-gc (npm run bench does)');
  gc();
}

function timed(pass: Pass): number {
  collect();
  const t0 = performance.now();
  const n = pass.run();
  const ms = performance.now() - t0;
  if (n !== pass.records) throw new Error(`${pass.name}: ${n} records, expected ${pass.records}`);
  return ms;
}

/**
 * Milliseconds per pass per round. The starting pass rotates every round, so that no pass is
 * always the one that runs first (or last) in a round.
 */
export function interleave(passes: readonly Pass[], rounds: number): number[][] {
  const times = passes.map(() => new Array<number>(rounds).fill(0));
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < passes.length; k++) {
      const i = (k + r) % passes.length;
      times[i]![r] = timed(passes[i]!);
    }
  }
  return times;
}

/** Linear interpolation between order statistics, as numpy's default. */
function quantile(sorted: readonly number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

export function spread(xs: readonly number[]): Spread {
  const sorted = [...xs].sort((a, b) => a - b);
  return { median: quantile(sorted, 0.5), q1: quantile(sorted, 0.25), q3: quantile(sorted, 0.75) };
}

/** Spread of the per-round ratios num[r] / den[r]. */
export function ratios(num: readonly number[], den: readonly number[]): Spread {
  return spread(num.map((x, r) => x / den[r]!));
}

export interface Retained {
  /** Heap bytes per kept item. */
  readonly perItem: number;
  /** The same after JSON.stringify visited every item, which flattens rope strings in place. */
  readonly afterStringify: number;
}

/** Heap growth per item while `n` items made by `make` are all kept alive. */
export function retained(n: number, make: (i: number) => unknown): Retained {
  const keep = new Array<unknown>(n).fill(null);
  collect();
  const base = process.memoryUsage().heapUsed;
  for (let i = 0; i < n; i++) keep[i] = make(i);
  collect();
  const perItem = (process.memoryUsage().heapUsed - base) / n;
  for (const item of keep) JSON.stringify(item);
  collect();
  const afterStringify = (process.memoryUsage().heapUsed - base) / n;
  keep.fill(null);
  return { perItem, afterStringify };
}
