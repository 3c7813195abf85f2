import type { FullHostProfile53 } from '../../generated/types.js';
import { ipv6Bytes } from '../codec/parse.js';
import { Rng } from './random.js';
import { DEFAULT_NOW } from './records.js';
import { blockValue } from './values.js';

/**
 * Full host profiles (block 149) for the hosts 10.1.0.1 .. 10.1.0.n, for the server to answer
 * host requests with. Each profile's first IP address is its host's address.
 */
export function sampleHosts(count: number, seed = 149): FullHostProfile53[] {
  const rng = new Rng(seed);
  return Array.from({ length: count }, (_, i) => {
    const profile = blockValue('FullHostProfile53', { rng, now: DEFAULT_NOW, depth: 0 }) as
      unknown as FullHostProfile53;
    const address = `10.1.${(i + 1) >> 8}.${(i + 1) & 0xff}`;
    profile.ipAddresses = [{ blockType: 143, ipAddress: address, lastSeen: DEFAULT_NOW - i },
      ...profile.ipAddresses.slice(1)];
    return profile;
  });
}

/** The profiles whose first address lies in [start, end], compared as 16-byte addresses. */
export function hostsInRange(hosts: readonly FullHostProfile53[], start: string, end: string):
  FullHostProfile53[] {
  const lo = ipv6Bytes(start, 'start address');
  const hi = ipv6Bytes(end, 'end address');
  return hosts.filter((h) => {
    const first = h.ipAddresses[0];
    if (!first) return false;
    const a = ipv6Bytes(first.ipAddress, 'host address');
    return Buffer.compare(a, lo) >= 0 && Buffer.compare(a, hi) <= 0;
  });
}
