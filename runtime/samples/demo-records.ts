import type { EStreamerRecord } from '../../generated/types.js';
import { guideExamples } from './guide-examples.js';
import { Rng } from './random.js';
import { sampleRecords } from './records.js';

/** Archival time of the first sample, after every guide example's archive time (2014). */
const SAMPLES_ARCHIVED_FROM = 1_704_067_300;

/** What the demo and `serve --samples` send: the guide's examples, then `count` samples. */
export function demoRecords(count: number, seed = 6230): EStreamerRecord[] {
  const examples = guideExamples().map((e) => e.record);
  const samples = sampleRecords(count, new Rng(seed), { archiveTimestamp: SAMPLES_ARCHIVED_FROM });
  return [...examples, ...samples];
}
