import type { EStreamerRecord } from '../../generated/types.js';
import { guideExamples } from './guide-examples.js';
import { Rng } from './random.js';
import { sampleRecords } from './records.js';

/** Archival time of the first sample, after every guide example's archive time (2014). */
const SAMPLES_ARCHIVED_FROM = 1_704_067_300;

/**
 * What the demo and `serve --samples` send: the guide's examples, then `count` samples, in
 * archive order as an FMC keeps them (a client resumes from an archive time, so a record
 * older than one before it would be skipped). The examples were written years apart; one
 * without an archive time stays behind the record it follows.
 */
export function demoRecords(count: number, seed = 6230): EStreamerRecord[] {
  const examples = guideExamples().map((e) => e.record);
  const samples = sampleRecords(count, new Rng(seed), { archiveTimestamp: SAMPLES_ARCHIVED_FROM });
  return [...archiveOrder(examples), ...samples];
}

function archiveOrder(records: EStreamerRecord[]): EStreamerRecord[] {
  let last = 0;
  const keyed = records.map((record) => ({ record, at: (last = record.archiveTimestamp ?? last) }));
  return keyed.sort((a, b) => a.at - b.at).map((k) => k.record);
}
