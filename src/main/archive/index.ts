export { Archive } from './archive.ts'
export type {
  CheckpointState,
  EntityCompleteness,
  PageCounts,
  RawRecord,
} from './archive.ts'
export type { ChangeKind, EntityChanges, RunInfo } from './runs.ts'
export type { SearchHit, SearchOptions } from './search.ts'
export { ArchiveErrorCode } from './errors.ts'
export { SCHEMA_VERSION } from './schema.ts'
export { addDecimals, decimalText, decimalToCents } from './decimal.ts'
