import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { heapResults } from './heap.js';
import { connStream, intrusionStream, mixedStreams, type Mix, type Stream } from './input.js';
import { interleave, ratios } from './measure.js';
import {
  framingOnly, generatedDecode, generatedJson, generatedRecordOnly, handDecode, handJson,
} from './paths.js';
import { perByte, printHeap, printTable, ratioText, type Row, type Timed } from './report.js';
import { compareDecoders } from './verify.js';

/**
 * `npm run bench [rounds]`: decode and decode+JSON rates of the generated code against a
 * hand-written decoder, measured round-robin in one process (see shared/perf/ANCHORS.md).
 */
const ROUNDS = Number(process.argv[2] ?? 9);
if (!Number.isInteger(ROUNDS) || ROUNDS < 1) throw new Error(`bad round count ${ROUNDS}`);
const started = performance.now();
const seconds = () => ((performance.now() - started) / 1e3).toFixed(1);

const HAND = 'intrusion: hand decoder';
const GEN = 'intrusion: generated framer+decodeMessage';
const HAND_JSON = 'intrusion: hand decode + JSON.stringify';
const GEN_JSON = 'intrusion: generated decodeRecords + toJson';
const CONN = 'conn: generated framer+decodeMessage';
const CONN_JSON = 'conn: generated decodeRecords + toJson';
const BUNDLED = 'mix in bundles: framer+decodeMessage';
const UNBUNDLED = 'mix unbundled: framer+decodeMessage';

interface Spec {
  readonly name: string;
  readonly stream: Stream;
  readonly run: (s: Stream) => number;
  /** The hand-written pass this one is compared to, per input byte. */
  readonly ref: string;
}

function specs(ids: Stream, conn: Stream, mix: Mix): Spec[] {
  return [
    { name: 'intrusion: framing only (MessageFramer)', stream: ids, run: framingOnly,
      ref: HAND },
    { name: HAND, stream: ids, run: handDecode, ref: HAND },
    { name: GEN, stream: ids, run: generatedDecode, ref: HAND },
    { name: 'intrusion: generated decodeRecord only', stream: ids, run: generatedRecordOnly,
      ref: HAND },
    { name: HAND_JSON, stream: ids, run: handJson, ref: HAND_JSON },
    { name: GEN_JSON, stream: ids, run: generatedJson, ref: HAND_JSON },
    { name: CONN, stream: conn, run: generatedDecode, ref: HAND },
    { name: CONN_JSON, stream: conn, run: generatedJson, ref: HAND_JSON },
    { name: BUNDLED, stream: mix.bundled, run: generatedDecode, ref: HAND },
    { name: UNBUNDLED, stream: mix.unbundled, run: generatedDecode, ref: HAND },
  ];
}

/** Times every pass, after one untimed warm-up pass each so that rounds time optimised code. */
function timeAll(list: readonly Spec[]): Map<string, Timed> {
  const passes = list.map((s) => ({
    name: s.name, records: s.stream.records, run: () => s.run(s.stream),
  }));
  for (const p of passes) p.run();
  const times = interleave(passes, ROUNDS);
  return new Map(list.map((s, i) => [s.name, { bytes: s.stream.bytes.length, times: times[i]! }]));
}

function printHeadlines(t: (name: string) => Timed): void {
  const lines: ReadonlyArray<readonly [string, string]> = [
    ['intrusion decode: generated/hand', ratioText(perByte(t(GEN), t(HAND)))],
    ['intrusion decode+JSON: generated/hand', ratioText(perByte(t(GEN_JSON), t(HAND_JSON)))],
    ['conn decode per byte: generated conn/hand intrusion',
      ratioText(perByte(t(CONN), t(HAND)))],
    ['conn decode+JSON per byte: generated conn/hand intrusion',
      ratioText(perByte(t(CONN_JSON), t(HAND_JSON)))],
    ['mixed stream: in bundles/unbundled',
      ratioText(ratios(t(BUNDLED).times, t(UNBUNDLED).times))],
  ];
  for (const [what, ratio] of lines) console.log(`${what} = ${ratio}`);
}

function main(): void {
  const ids = intrusionStream(100_000, 1);
  const conn = connStream(50_000, 2);
  const mix = mixedStreams(30_000, 100, 3);
  const mb = (s: Stream) => `${(s.bytes.length / 1e6).toFixed(1)} MB`;
  console.log(`node ${process.version}, ${availableParallelism()} CPUs, ${ROUNDS} rounds; ` +
    `input built in ${seconds()} s: intrusion ${ids.records} (${mb(ids)}), ` +
    `conn ${conn.records} (${mb(conn)}), mix ${mix.bundled.records} in bundles of 100 ` +
    `(${mb(mix.bundled)})`);

  const mismatch = compareDecoders(ids, 1000);
  if (mismatch) {
    console.error(`hand-written and generated decoders disagree: ${mismatch}`);
    process.exitCode = 1;
    return;
  }

  const list = specs(ids, conn, mix);
  const timed = timeAll(list);
  const t = (name: string) => timed.get(name)!;
  const rows: Row[] = list.map((s) => ({
    name: s.name, records: s.stream.records, ...t(s.name), ref: t(s.ref),
  }));
  console.log('\nmedians over rounds; x ref/byte: median of per-round ratios, < 1 is faster');
  printTable(rows);
  console.log();
  printHeadlines(t);
  console.log();
  printHeap(heapResults(ids, conn, 50_000));
  console.log(`total ${seconds()} s`);
}

main();
