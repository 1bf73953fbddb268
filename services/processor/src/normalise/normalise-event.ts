import type {
  AccountEventRecord,
  SplitError,
  SplitEvent,
  ValueErrorRecord,
} from '@wapipe/contracts';
import { errorDetail, provenanceOf } from './common.ts';
import { obj, str } from './pick.ts';

/** A non-message change, kept whole, with its `event` lifted out. */
export function normaliseEvent(
  record: SplitEvent,
  processedAt: string,
): AccountEventRecord {
  return {
    ...provenanceOf(record, processedAt),
    kind: 'event',
    field: record.field,
    event: str(obj(record.value), 'event'),
    entryTime: record.entryTime,
    value: record.value,
  };
}

/** A value-level error: a problem with the number or app, not a message. */
export function normaliseValueError(
  record: SplitError,
  processedAt: string,
): ValueErrorRecord {
  return {
    ...provenanceOf(record, processedAt),
    kind: 'error',
    error: errorDetail(record.error),
    original: record.error,
  };
}
