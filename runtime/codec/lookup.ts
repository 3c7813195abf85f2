import { BLOCK_TYPES, RECORD_TYPES } from '../../generated/registry.js';
import type { BlockTypeInfo, RecordTypeInfo } from './info.js';

/** The registry's record types by number (the generated table is a list). */
export const RECORD_INFO: ReadonlyMap<number, RecordTypeInfo> =
  new Map(RECORD_TYPES.map((r) => [r.type, r]));

/** The registry's blocks by schema name; names are unique across series. */
export const BLOCK_BY_NAME: ReadonlyMap<string, BlockTypeInfo> =
  new Map(BLOCK_TYPES.map((b) => [b.name, b]));
