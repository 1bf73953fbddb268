import type { WebhookChangeRecord } from '@wapipe/contracts';

/** An ingress change record as the fan-out reads it, for tests. */
export function changeRecord(
  field: string,
  value: unknown,
  at: Partial<WebhookChangeRecord> = {},
): WebhookChangeRecord {
  return {
    version: 1,
    webhookId: 'w',
    receivedAt: '2026-12-03T00:00:00.000Z',
    wabaId: '1',
    entryTime: null,
    entryIndex: 0,
    changeIndex: 0,
    changeCount: 1,
    field,
    value,
    ...at,
  };
}
