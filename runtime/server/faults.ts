/** Faults the test server can inject, each counted in records sent. */
export interface Faults {
  /** Close the TCP connection after this many records, even in the middle of a bundle. */
  dropAfter?: number;
  /** Stop sending anything (no keep-alives either) after this many records. */
  stallAfter?: number;
  /** Send an Error message, then close, after this many records. */
  errorAfter?: number;
  /** Send bytes that are no eStreamer message after this many records. */
  garbageAfter?: number;
}

export type FaultKind = keyof Faults;

/** The fault, if any, that fires once `sent` records have gone out. */
export function dueFault(faults: Faults, sent: number): FaultKind | undefined {
  for (const kind of ['dropAfter', 'stallAfter', 'errorAfter', 'garbageAfter'] as const) {
    const at = faults[kind];
    if (at !== undefined && sent >= at) return kind;
  }
  return undefined;
}

/** The smallest fault threshold above `sent`, so bundles can be cut right at it. */
export function nextFaultAt(faults: Faults, sent: number): number {
  let next = Infinity;
  for (const at of Object.values(faults)) {
    if (at !== undefined && at > sent) next = Math.min(next, at);
  }
  return next;
}
